import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  roleHasPermission,
  type ApiErrorDetail, type ApplicationReviewView, type ApplicationReviewsView, type ReviewCriterionView, type ReviewView,
  type SaveReviewRequest, type VersionedRequest,
} from '@tremplin/contracts';
import {
  applicationLifecycle, checkReviewDraft, checkReviewForSubmission, consolidateScores, reviewLifecycle, reviewTotal, toHundredths,
  type AllocationIssue, type ApplicationStatus, type ReviewInput, type ReviewState, type YearAmount,
} from '@tremplin/domain';
import { ApplicationRequest } from '../applications/application-request.entity';
import { Application } from '../applications/application.entity';
import { CallAxis } from '../calls/call-axis.entity';
import { ScoringCriterion } from '../calls/scoring-criterion.entity';
import { AccessPolicy } from '../core/access/access.policy';
import { diffOf } from '../core/audit/audit-chain';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';
import { Organization } from '../organizations/organization.entity';
import { normalizedScoresSql } from './calibration.sql';
import { ReviewAssignment, ReviewRecommendation } from './review.entities';

/** What a review holds, as stored (scores without the empty ones). */
interface ReviewContent {
  scores: Record<string, number>;
  comments: Record<string, string>;
  generalComment: string;
  opinion: ReviewInput['opinion'];
  recommended: Array<{ year: number; amountCents: number | null }>;
}

const issuesAsDetails = (issues: readonly AllocationIssue[]): ApiErrorDetail[] =>
  issues.map((i) => ({ field: i.field, code: i.code, message: i.code, ...(i.params ? { params: i.params } : {}) }) as ApiErrorDetail);

const stateOf = (assignment: ReviewAssignment): ReviewState => assignment.reviewStatus ?? 'none';

/**
 * Scoring (issue #7 §4): a reviewer's draft, submission and revisions of the review carried by their
 * accepted assignment, the application's consolidated score and the reviewer's moments kept up to date in
 * the same transaction, and the blind reading of an application's reviews.
 */
@Injectable()
export class ReviewScoringService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, assignmentId: string): Promise<ReviewView> {
    const manager = this.dataSource.manager;
    const assignment = await this.ownAssignment(manager, actor, assignmentId);
    const application = await this.access.readableApplication(manager, actor, assignment.applicationId);
    return this.view(manager, assignment, application);
  }

  /** A draft (partial allowed) before submission; after it, a revision with a reason (complete, audited). */
  async save(actor: Actor, assignmentId: string, body: SaveReviewRequest): Promise<ReviewView> {
    return this.dataSource.transaction(async (manager) => {
      const { assignment, application } = await this.lockForChange(manager, actor, assignmentId, body.version);
      const criteria = await this.criteria(manager, application.callId);
      const requested = await this.requested(manager, application.id);
      const content = contentOf(body);
      const state = stateOf(assignment);
      const before = await this.snapshot(manager, assignment);

      if (state === 'submitted') {
        reviewLifecycle.next(state, 'revise');
        const issues = checkReviewForSubmission(criteria, content, requested);
        const reason = body.reason?.trim() ?? '';
        if (!reason) issues.unshift({ field: 'reason', code: 'REVIEW_REASON_REQUIRED' });
        if (issues.length) throw AppException.validation(issuesAsDetails(issues));
        const oldTotal = assignment.totalHundredths ?? 0;
        const total = toHundredths(reviewTotal(criteria, content.scores));
        await this.write(manager, assignment, content, { totalHundredths: total, revision: assignment.revision + 1 });
        await this.addMoments(manager, assignment, 0, total - oldTotal, total * total - oldTotal * oldTotal);
        await this.consolidate(manager, application);
        await this.audit.record(manager, actor, {
          action: 'review.revised', entityType: 'review_assignment', entityId: assignment.id,
          diff: diffOf({ ...before, reason: null }, { ...(await this.snapshot(manager, assignment.id)), reason }),
        });
      } else {
        reviewLifecycle.next(state, 'save_draft');
        const issues = checkReviewDraft(criteria, content, requested);
        if (issues.length) throw AppException.validation(issuesAsDetails(issues));
        await this.write(manager, assignment, content, { reviewStatus: 'draft' });
        await this.audit.record(manager, actor, {
          action: 'review.draft-saved', entityType: 'review_assignment', entityId: assignment.id,
          diff: diffOf(before, await this.snapshot(manager, assignment.id)),
        });
      }
      return this.view(manager, await manager.findOneByOrFail(ReviewAssignment, { id: assignment.id }), application);
    });
  }

  /**
   * Submission: complete or 400 listing what is missing; the total from the one domain function; the
   * application's consolidated score and the reviewer's moments; the application reviewed once every active
   * assignment has submitted.
   */
  async submit(actor: Actor, assignmentId: string, body: VersionedRequest): Promise<ReviewView> {
    return this.dataSource.transaction(async (manager) => {
      const { assignment, application } = await this.lockForChange(manager, actor, assignmentId, body.version);
      reviewLifecycle.next(stateOf(assignment), 'submit');
      const criteria = await this.criteria(manager, application.callId);
      const requested = await this.requested(manager, application.id);
      const content = await this.storedContent(manager, assignment);
      const issues = checkReviewForSubmission(criteria, content, requested);
      if (issues.length) throw new AppException(HttpStatus.BAD_REQUEST, 'REVIEW_INCOMPLETE', undefined, issuesAsDetails(issues));
      const total = toHundredths(reviewTotal(criteria, content.scores));
      await manager.update(ReviewAssignment, { id: assignment.id }, {
        reviewStatus: 'submitted', totalHundredths: total, submittedAt: new Date(), updatedAt: new Date(), version: assignment.version + 1,
      });
      await this.addMoments(manager, assignment, 1, total, total * total);
      await this.consolidate(manager, application);
      const moves = await this.advanceApplication(manager, application);
      await this.audit.record(manager, actor, {
        action: 'review.submitted', entityType: 'review_assignment', entityId: assignment.id,
        diff: diffOf({ status: stateOf(assignment), total: null }, { status: 'submitted', total: total / 100 }),
      });
      for (const move of moves) {
        await this.audit.record(manager, actor, {
          action: move.action, entityType: 'application', entityId: application.id, diff: diffOf({ status: move.from }, { status: move.to }),
        });
      }
      return this.view(manager, await manager.findOneByOrFail(ReviewAssignment, { id: assignment.id }), application);
    });
  }

  /**
   * An application's reviews. Staff who manage reviews or decide see every submitted review; a reviewer
   * sees their own, and the others' submitted ones only once theirs is submitted (blind rule); anyone else 404.
   */
  async forApplication(actor: Actor, applicationId: string): Promise<ApplicationReviewsView> {
    const manager = this.dataSource.manager;
    const staff = roleHasPermission(actor.role, 'reviews.manage') || roleHasPermission(actor.role, 'committee.decide');
    if (!staff && !roleHasPermission(actor.role, 'reviews.perform')) throw AppException.notFound();
    // Reviewers: accepted assignments only (a recused reviewer gets 404 here).
    const application = await this.access.readableApplication(manager, actor, applicationId);
    const rows = await manager.find(ReviewAssignment, { where: { applicationId, status: In(['assigned', 'accepted']) }, order: { submittedAt: 'ASC', id: 'ASC' } });
    const mine = staff ? undefined : rows.find((r) => r.reviewerId === actor.userId && r.status === 'accepted');
    if (!staff && !mine) throw AppException.notFound();
    const submitted = rows.filter((r) => r.status === 'accepted' && r.reviewStatus === 'submitted');
    const seesOthers = staff || mine?.reviewStatus === 'submitted';
    const visible = seesOthers ? submitted : [];
    if (mine && !visible.includes(mine)) visible.unshift(mine);
    const hiddenCount = seesOthers ? 0 : submitted.filter((r) => r !== mine).length;

    const names = new Map<string, string>(
      visible.length
        ? (await manager.query<Array<{ id: string; full_name: string }>>('SELECT id, full_name FROM app_user WHERE id = ANY($1)', [visible.map((r) => r.reviewerId)]))
            .map((u) => [u.id, u.full_name])
        : [],
    );
    const recommendations = visible.length ? await manager.find(ReviewRecommendation, { where: { assignmentId: In(visible.map((r) => r.id)) }, order: { year: 'ASC' } }) : [];
    let consolidated: ApplicationReviewsView['consolidated'] = null;
    if (seesOthers) {
      const [scores] = await manager.query<Array<{ score_hundredths: number | null; review_min_hundredths: number | null; review_max_hundredths: number | null; divergent: boolean }>>(
        'SELECT score_hundredths, review_min_hundredths, review_max_hundredths, divergent FROM application WHERE id = $1', [applicationId],
      );
      const [normalized] = await manager.query<Array<{ normalized_hundredths: number }>>(normalizedScoresSql('$1', '= ANY($2::uuid[])'), [application.callId, [applicationId]]);
      consolidated = {
        score: hundredthsToScore(scores?.score_hundredths ?? null),
        min: hundredthsToScore(scores?.review_min_hundredths ?? null),
        max: hundredthsToScore(scores?.review_max_hundredths ?? null),
        divergent: scores?.divergent ?? false,
        normalizedScore: hundredthsToScore(normalized?.normalized_hundredths ?? null),
      };
    }
    return {
      applicationId,
      criteria: await this.criteriaViews(manager, application.callId),
      expectedCount: rows.length,
      submittedCount: submitted.length,
      hiddenCount,
      consolidated,
      reviews: visible.map((r): ApplicationReviewView => ({
        assignmentId: r.id,
        reviewerId: r.reviewerId,
        reviewerName: names.get(r.reviewerId) ?? '',
        mine: r.reviewerId === actor.userId,
        status: stateOf(r),
        scores: r.scores,
        comments: r.comments,
        generalComment: r.generalComment,
        opinion: r.opinion,
        total: hundredthsToScore(r.totalHundredths),
        recommended: recommendations.filter((x) => x.assignmentId === r.id).map((x) => ({ year: x.year, amountCents: x.amountCents })),
        submittedAt: r.submittedAt?.toISOString() ?? null,
        revision: r.revision,
      })),
    };
  }

  /** The actor's own accepted assignment; 404 for anyone else's, or one not accepted (assigned, recused, withdrawn). */
  private async ownAssignment(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<ReviewAssignment> {
    const qb = manager.getRepository(ReviewAssignment).createQueryBuilder('ra')
      .where('ra.id = :id', { id }).andWhere('ra.reviewer_id = :me', { me: actor.userId }).andWhere(`ra.status = 'accepted'`);
    if (lock) qb.setLock('pessimistic_write');
    const assignment = await qb.getOne();
    if (!assignment) throw AppException.notFound();
    return assignment;
  }

  /** Locks the application, then the assignment (always in this order), checks the version and the committee lock. */
  private async lockForChange(manager: EntityManager, actor: Actor, id: string, version: number): Promise<{ assignment: ReviewAssignment; application: Application }> {
    const unlocked = await this.ownAssignment(manager, actor, id);
    const application = await this.access.readableApplication(manager, actor, unlocked.applicationId, { lock: true });
    const assignment = await this.ownAssignment(manager, actor, id, true);
    if (assignment.version !== version) throw AppException.conflict('STALE_VERSION');
    if (await this.locked(manager, application)) throw AppException.conflict('REVIEW_LOCKED');
    return { assignment, application };
  }

  /** Scores lock once a committee session on the application's call and axis is open or published. */
  private async locked(manager: EntityManager, application: Application): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM committee_session WHERE call_id = $1 AND axis_id = $2 AND status IN ('open', 'published') LIMIT 1`,
      [application.callId, application.axisId],
    );
    return rows.length > 0;
  }

  private async criteria(manager: EntityManager, callId: string): Promise<ScoringCriterion[]> {
    return manager.find(ScoringCriterion, { where: { callId }, order: { position: 'ASC' } });
  }

  private async criteriaViews(manager: EntityManager, callId: string): Promise<ReviewCriterionView[]> {
    return (await this.criteria(manager, callId)).map((c) => ({
      code: c.code, labelFr: c.labelFr, labelEn: c.labelEn, description: c.description, weight: c.weight, maxScore: c.maxScore,
    }));
  }

  private async requested(manager: EntityManager, applicationId: string): Promise<YearAmount[]> {
    const rows = await manager.find(ApplicationRequest, { where: { applicationId }, order: { year: 'ASC' } });
    return rows.map((r) => ({ year: r.year, amountCents: r.amountCents }));
  }

  private async storedContent(manager: EntityManager, assignment: ReviewAssignment): Promise<ReviewContent> {
    const recommendations = await manager.find(ReviewRecommendation, { where: { assignmentId: assignment.id }, order: { year: 'ASC' } });
    return {
      scores: assignment.scores,
      comments: assignment.comments,
      generalComment: assignment.generalComment,
      opinion: assignment.opinion,
      recommended: recommendations.map((r) => ({ year: r.year, amountCents: r.amountCents })),
    };
  }

  /** What the audit diff compares: the review's content and total. */
  private async snapshot(manager: EntityManager, assignment: ReviewAssignment | string): Promise<Record<string, unknown>> {
    const row = typeof assignment === 'string' ? await manager.findOneByOrFail(ReviewAssignment, { id: assignment }) : assignment;
    const content = await this.storedContent(manager, row);
    return {
      scores: content.scores, comments: content.comments, generalComment: content.generalComment, opinion: content.opinion,
      recommended: content.recommended, total: hundredthsToScore(row.totalHundredths),
    };
  }

  private async write(manager: EntityManager, assignment: ReviewAssignment, content: ReviewContent, extra: Partial<ReviewAssignment>): Promise<void> {
    await manager.update(ReviewAssignment, { id: assignment.id }, {
      scores: content.scores, comments: content.comments, generalComment: content.generalComment,
      opinion: (content.opinion ?? null) as ReviewAssignment['opinion'],
      updatedAt: new Date(), version: assignment.version + 1, ...extra,
    });
    await manager.delete(ReviewRecommendation, { assignmentId: assignment.id });
    const amounts = content.recommended.filter((r): r is { year: number; amountCents: number } => r.amountCents !== null && r.amountCents !== undefined);
    if (amounts.length) await manager.insert(ReviewRecommendation, amounts.map((r) => ({ assignmentId: assignment.id, year: r.year, amountCents: r.amountCents })));
  }

  /** Adds to the reviewer's moments in the call (a revision adds the difference). */
  private async addMoments(manager: EntityManager, assignment: ReviewAssignment, count: number, sum: number, squares: number): Promise<void> {
    await manager.query(
      `INSERT INTO reviewer_call_stat (call_id, reviewer_id, review_count, sum_hundredths, sum_squares) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (call_id, reviewer_id) DO UPDATE SET
         review_count = reviewer_call_stat.review_count + EXCLUDED.review_count,
         sum_hundredths = reviewer_call_stat.sum_hundredths + EXCLUDED.sum_hundredths,
         sum_squares = reviewer_call_stat.sum_squares + EXCLUDED.sum_squares`,
      [assignment.callId, assignment.reviewerId, count, sum, squares],
    );
  }

  /** The consolidated columns from the application's (≤ k) submitted reviews, with the domain rule. The row is locked. */
  private async consolidate(manager: EntityManager, application: Application): Promise<void> {
    await consolidateApplication(manager, application.id, application.callId);
  }

  /**
   * admissible → under review at the first review (if the assignment work has not moved it already);
   * under review → reviewed once every active assignment has submitted. Each move is returned for the audit.
   */
  private async advanceApplication(manager: EntityManager, application: Application): Promise<Array<{ action: string; from: ApplicationStatus; to: ApplicationStatus }>> {
    const [counts] = await manager.query<Array<{ active: number; done: number }>>(
      `SELECT count(*)::int AS active, count(*) FILTER (WHERE review_status = 'submitted')::int AS done
         FROM review_assignment WHERE application_id = $1 AND status IN ('assigned', 'accepted')`, [application.id],
    );
    const moves: Array<{ action: string; from: ApplicationStatus; to: ApplicationStatus }> = [];
    let status = application.status;
    if (status === 'admissible') {
      const to = applicationLifecycle.next(status, 'start_review');
      moves.push({ action: 'application.review-started', from: status, to });
      status = to;
    }
    if (status === 'under_review' && counts && counts.active > 0 && counts.done === counts.active) {
      const to = applicationLifecycle.next(status, 'complete_review');
      moves.push({ action: 'application.review-completed', from: status, to });
      status = to;
    }
    if (moves.length) await manager.update(Application, { id: application.id }, { status, version: application.version + 1, updatedAt: new Date() });
    return moves;
  }

  private async view(manager: EntityManager, assignment: ReviewAssignment, application: Application): Promise<ReviewView> {
    const axis = await manager.findOneByOrFail(CallAxis, { id: application.axisId });
    const organization = await manager.findOneByOrFail(Organization, { id: application.organizationId });
    const requested = await this.requested(manager, application.id);
    const content = await this.storedContent(manager, assignment);
    const recommended = new Map(content.recommended.map((r) => [r.year, r.amountCents]));
    return {
      assignmentId: assignment.id,
      applicationId: application.id,
      callId: application.callId,
      reference: application.reference ?? '',
      title: application.title,
      organizationName: organization.legalName,
      axisCode: axis.code,
      axisLabelFr: axis.labelFr,
      axisLabelEn: axis.labelEn,
      dueOn: assignment.dueOn,
      status: stateOf(assignment),
      criteria: await this.criteriaViews(manager, application.callId),
      years: requested.map((r) => ({ year: r.year, requestedCents: r.amountCents, recommendedCents: recommended.get(r.year) ?? null })),
      scores: content.scores,
      comments: content.comments,
      generalComment: content.generalComment,
      opinion: assignment.opinion,
      total: hundredthsToScore(assignment.totalHundredths),
      submittedAt: assignment.submittedAt?.toISOString() ?? null,
      revision: assignment.revision,
      version: assignment.version,
      locked: await this.locked(manager, application),
    };
  }
}

function hundredthsToScore(hundredths: number | null): number | null {
  return hundredths === null ? null : hundredths / 100;
}

/** The request as the domain reads it; empty scores and blank comments are left out of what is stored. */
function contentOf(body: SaveReviewRequest): ReviewContent {
  const scores: Record<string, number> = {};
  for (const [code, score] of Object.entries(body.scores)) if (score !== null && score !== undefined) scores[code] = score;
  const comments: Record<string, string> = {};
  for (const [code, comment] of Object.entries(body.comments ?? {})) {
    if (typeof comment !== 'string' || comment.trim() !== '') comments[code] = comment;
  }
  return {
    scores,
    comments,
    generalComment: body.generalComment?.trim() ?? '',
    opinion: body.opinion ?? null,
    recommended: (body.recommended ?? []).map((r) => ({ year: r.year, amountCents: r.amountCents ?? null })),
  };
}

/**
 * The application's consolidated columns from its submitted reviews of accepted assignments, with the
 * domain rule (mean, min, max, divergence). The caller holds the application's row lock. Used on each
 * submission or revision, and when a reviewer recuses themselves after submitting (the review leaves).
 */
export async function consolidateApplication(manager: EntityManager, applicationId: string, callId: string): Promise<void> {
  const rows = await manager.query<Array<{ total_hundredths: number }>>(
    `SELECT total_hundredths FROM review_assignment WHERE application_id = $1 AND status = 'accepted' AND review_status = 'submitted'`, [applicationId],
  );
  const [call] = await manager.query<Array<{ divergence_threshold: number }>>('SELECT divergence_threshold FROM call WHERE id = $1', [callId]);
  const totals = rows.map((r) => r.total_hundredths);
  const c = consolidateScores(totals.map((t) => t / 100), call?.divergence_threshold);
  await manager.query(
    `UPDATE application SET review_count = $2, review_sum_hundredths = $3, review_min_hundredths = $4, review_max_hundredths = $5,
       score_hundredths = $6, divergent = $7 WHERE id = $1`,
    [
      applicationId, c.count, totals.reduce((a, b) => a + b, 0), c.min === null ? null : toHundredths(c.min),
      c.max === null ? null : toHundredths(c.max), c.mean === null ? null : toHundredths(c.mean), c.divergent,
    ],
  );
}
