import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  FIELD_MESSAGES, fillMessage,
  type ApiErrorDetail, type AssignmentSummaryView, type AssignmentView, type AutoAssignRequest, type AutoAssignResult,
  type ListAssignmentsQuery, type MatchQualityView, type Page, type ReassignRequest, type ReassignResult,
  type ReviewerLoadView, type ReviewQueueItemView, type ReviewQueueQuery, type UpdateAssignmentRequest,
} from '@tremplin/contracts';
import { applicationLifecycle, assignmentLifecycle, matchQuality, type AllocationIssue, type AssignmentStatus } from '@tremplin/domain';
import { assignReviewers, expertiseMatch, type AssignedPair, type AssignmentReviewer } from '@tremplin/domain/solver';
import { isCalendarDate, parisToday } from '../applications/application-rules';
import { Call } from '../calls/call.entity';
import { CallAxis } from '../calls/call-axis.entity';
import { AuditService, type AuditEntry } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppException } from '../core/errors/app.exception';
import { pageParams } from '../core/pagination';
import { GrantorService } from '../grantor/grantor.service';
import { OutboxService } from '../notifications/outbox.service';
import { reviewAssignmentMail } from './assignment-mails';

/** Statuses of an application that takes reviewers. */
const REVIEWABLE = `('admissible','under_review')`;
const ACTIVE = `('assigned','accepted')`;
/** Serialises the assignment runs of one call (auto, reassignment after a conflict, manual): no double booking. */
const ASSIGNMENT_LOCK = 727_101;

interface ProblemApplication { id: string; reference: string | null; axis_code: string; territories: string[]; status: string; organization_id: string }
interface ProblemReviewer { id: string; full_name: string; email: string; axis_codes: string[]; territories: string[]; capacity: number; active: boolean; load: number }
interface Problem {
  applications: ProblemApplication[];
  reviewers: ProblemReviewer[];
  existing: Array<{ applicationId: string; reviewerId: string }>;
  conflicts: Array<{ applicationId: string; reviewerId: string }>;
}

interface AssignmentRow {
  id: string; application_id: string; reference: string | null; title: string; organization_name: string; axis_code: string;
  reviewer_id: string; reviewer_name: string; status: AssignmentStatus; due_on: string; overdue: boolean; match_points: number;
  review_status: 'draft' | 'submitted' | null;
}

interface QueueRow {
  id: string; status: AssignmentStatus; due_on: string; overdue: boolean; call_id: string; call_title: string; axis_code: string;
  axis_label: string; title: string; organization_name: string; application_id: string; reference: string | null;
  review_status: 'draft' | 'submitted' | null;
}

interface CallInfo { id: string; title: string; reviewersPerApplication: number; reviewDays: number }

/** Locked assignment with what the rules need of its application. */
export interface LockedAssignment {
  id: string; call_id: string; application_id: string; reviewer_id: string; status: AssignmentStatus;
  review_status: 'draft' | 'submitted' | null; organization_id: string;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const EMPTY_QUALITY = (): MatchQualityView => ({ axisAndTerritory: 0, axis: 0, territory: 0, none: 0 });

/**
 * Assignment of reviewers (issue #7 §2): the optimal automatic run (HiGHS, libs/domain), the lists and
 * the summary, manual reassignment and due dates, and the reviewer's own queue and acceptance.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly grantor: GrantorService,
  ) {}

  async autoAssign(actor: Actor, callId: string, input: AutoAssignRequest): Promise<AutoAssignResult> {
    return this.dataSource.transaction(async (manager) => {
      const call = await this.lockCall(manager, callId);
      let axisId: string | null = null;
      if (input.axisCode !== undefined) {
        const axis = await manager.findOneBy(CallAxis, { callId, code: input.axisCode });
        if (!axis) throw AppException.validation([{ field: 'axisCode', code: 'AXIS_UNKNOWN', message: 'AXIS_UNKNOWN' }]);
        axisId = axis.id;
      }
      const problem = await this.loadProblem(manager, call.id, axisId === null ? { all: true } : { axisId });
      const solverInput = toSolverInput(problem, call.reviewersPerApplication);
      const started = performance.now();
      let balanced = true;
      let result = await assignReviewers({ ...solverInput, balanceLoads: true });
      // Earlier assignments (other axes, manual changes, conflicts) may already unbalance the loads:
      // then the best assignment within capacities, rather than none.
      if (result.status === 'infeasible' && result.reasons.some((r) => r.code === 'ASSIGNMENT_NO_BALANCED_SOLUTION') && problem.existing.length > 0) {
        balanced = false;
        result = await assignReviewers({ ...solverInput, balanceLoads: false });
      }
      const solveMs = Math.round(performance.now() - started);
      if (result.status !== 'assigned') throw infeasible(result.reasons, problem);

      const dueOn = addDays(parisToday(new Date()), call.reviewDays);
      await this.insertAssignments(manager, actor, call.id, result.assignments, dueOn);
      const added = groupBy(result.assignments, (p) => p.applicationId);
      const existingBy = groupBy(problem.existing, (p) => p.applicationId);
      let reviewStarted = 0;
      const audits: Array<{ id: string; diff: Record<string, { before: unknown; after: unknown }> }> = [];
      const startIds: string[] = [];
      for (const app of problem.applications) {
        const before = (existingBy.get(app.id) ?? []).map((p) => p.reviewerId).sort();
        const news = (added.get(app.id) ?? []).map((p) => p.reviewerId);
        const status = app.status === 'admissible' ? applicationLifecycle.next('admissible', 'start_review') : app.status;
        if (status !== app.status) startIds.push(app.id);
        if (news.length === 0 && status === app.status) continue;
        const diff: Record<string, { before: unknown; after: unknown }> = { reviewers: { before, after: [...before, ...news].sort() } };
        if (status !== app.status) diff['status'] = { before: app.status, after: status };
        audits.push({ id: app.id, diff });
      }
      if (startIds.length) {
        await manager.query(
          `UPDATE application SET status = 'under_review', version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'admissible'`,
          [startIds],
        );
        reviewStarted = startIds.length;
      }
      await this.mailReviewers(manager, call, result.assignments.map((p) => p.reviewerId), problem.reviewers, dueOn);
      const matches = EMPTY_QUALITY();
      for (const pair of result.assignments) matches[matchQuality(pair.match)] += 1;
      // Last: the audit chain's lock is held from here to the commit only.
      await this.audit.record(manager, actor, {
        action: 'call.reviewers-assigned', entityType: 'call', entityId: call.id,
        diff: { assigned: { before: null, after: result.assignments.length }, axisCode: { before: null, after: input.axisCode ?? null } },
      });
      for (const a of audits) await this.audit.record(manager, actor, { action: 'application.reviewers-assigned', entityType: 'application', entityId: a.id, diff: a.diff });
      return {
        assigned: result.assignments.length,
        reviewStarted,
        balanced,
        optimal: result.optimal,
        solveMs,
        loads: await this.loads(manager, call.id),
        matchQuality: matches,
      };
    });
  }

  async summary(callId: string): Promise<AssignmentSummaryView> {
    const manager = this.dataSource.manager;
    const call = await manager.findOneBy(Call, { id: callId });
    if (!call) throw AppException.notFound();
    const quality = EMPTY_QUALITY();
    const byPoints: Array<{ match_points: number; n: number }> = await manager.query(
      `SELECT match_points, count(*)::int AS n FROM review_assignment WHERE call_id = $1 AND status IN ${ACTIVE} GROUP BY match_points`, [callId],
    );
    for (const row of byPoints) quality[matchQuality(row.match_points)] += row.n;
    const [counts]: Array<{ applications: number; short: number; overdue: number }> = await manager.query(
      `SELECT (SELECT count(*)::int FROM application a WHERE a.call_id = $1 AND a.status IN ${REVIEWABLE}) AS applications,
              (SELECT count(*)::int FROM application a WHERE a.call_id = $1 AND a.status IN ${REVIEWABLE}
                  AND (SELECT count(*) FROM review_assignment ra WHERE ra.application_id = a.id AND ra.status IN ${ACTIVE}) < $2) AS short,
              (SELECT count(*)::int FROM review_assignment ra WHERE ra.call_id = $1 AND ra.status IN ${ACTIVE}
                  AND ra.review_status IS DISTINCT FROM 'submitted' AND ra.due_on < $3::date) AS overdue`,
      [callId, call.reviewersPerApplication, parisToday(new Date())],
    );
    return {
      reviewersPerApplication: call.reviewersPerApplication,
      loads: await this.loads(manager, callId),
      matchQuality: quality,
      applications: counts?.applications ?? 0,
      shortOfReviewers: counts?.short ?? 0,
      overdue: counts?.overdue ?? 0,
    };
  }

  /** The call's assignments, due first; a page reads its ids through (call_id, due_on, id), then joins. */
  async list(callId: string, query: ListAssignmentsQuery): Promise<Page<AssignmentView>> {
    const { page, pageSize, offset } = pageParams(query.page, query.pageSize);
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Call, { id: callId }))) throw AppException.notFound();
    const today = parisToday(new Date());
    const where = ['ra.call_id = $1'];
    const params: unknown[] = [callId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.reviewerId) add('ra.reviewer_id = ?', query.reviewerId);
    if (query.status) add('ra.status = ?::review_assignment_status', query.status);
    if (query.axisCode) {
      add(`ra.application_id IN (SELECT fa.id FROM application fa JOIN call_axis fx ON fx.id = fa.axis_id WHERE fa.call_id = $1 AND fx.code = ?)`, query.axisCode);
    }
    if (query.overdue !== undefined) {
      const overdue = `(ra.status IN ${ACTIVE} AND ra.review_status IS DISTINCT FROM 'submitted' AND ra.due_on < ?::date)`;
      add(query.overdue === 'true' ? overdue : `NOT ${overdue}`, today);
    }
    const filter = where.join(' AND ');
    const [counted]: Array<{ total: number }> = await manager.query(`SELECT count(*)::int AS total FROM review_assignment ra WHERE ${filter}`, params);
    const total = counted?.total ?? 0;
    if (offset >= total) return { items: [], total, page, pageSize };
    const rows: AssignmentRow[] = await manager.query(
      `${assignmentSelect(`$${params.length + 1}`)}
         FROM (SELECT ra.id FROM review_assignment ra WHERE ${filter} ORDER BY ra.due_on, ra.id LIMIT ${pageSize} OFFSET ${offset}) page
         JOIN review_assignment ra ON ra.id = page.id
         ${ASSIGNMENT_JOINS}
        ORDER BY ra.due_on, ra.id`,
      [...params, today],
    );
    return { items: rows.map(toAssignmentView), total, page, pageSize };
  }

  /** Staff move an application from one reviewer to another (not once the review is submitted). */
  async reassign(actor: Actor, id: string, input: ReassignRequest): Promise<ReassignResult> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.lockedAssignment(manager, id);
      const call = await this.lockCall(manager, locked.call_id);
      if (locked.review_status === 'submitted') throw AppException.conflict('ASSIGNMENT_REVIEW_SUBMITTED');
      const status = assignmentLifecycle.next(locked.status, 'withdraw');
      const reviewer = await this.checkReviewerFor(manager, locked, input.reviewerId);
      await manager.query(`UPDATE review_assignment SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, status]);
      const [app]: ProblemApplication[] = await manager.query(
        `SELECT a.id, a.reference, x.code AS axis_code, a.territories, a.status, a.organization_id FROM application a JOIN call_axis x ON x.id = a.axis_id WHERE a.id = $1`,
        [locked.application_id],
      );
      const match = app ? expertiseMatch({ id: app.id, axisCode: app.axis_code, territories: app.territories }, { id: reviewer.id, axes: reviewer.axis_codes, territories: reviewer.territories, capacity: reviewer.capacity }) : 0;
      const dueOn = addDays(parisToday(new Date()), call.reviewDays);
      const [created] = await this.insertAssignments(manager, actor, call.id, [{ applicationId: locked.application_id, reviewerId: reviewer.id, match }], dueOn);
      await this.mailReviewers(manager, call, [reviewer.id], [reviewer], dueOn);
      await this.audit.record(manager, actor, {
        action: 'review-assignment.reassigned', entityType: 'application', entityId: locked.application_id,
        diff: { reviewer: { before: locked.reviewer_id, after: reviewer.id } },
      });
      return { withdrawn: await this.view(manager, id), assignment: await this.view(manager, created ?? '') };
    });
  }

  async updateDueDate(actor: Actor, id: string, input: UpdateAssignmentRequest): Promise<AssignmentView> {
    if (!isCalendarDate(input.dueOn)) throw AppException.validation([{ field: 'dueOn', code: 'DATE_INVALID', message: 'DATE_INVALID' }]);
    if (input.dueOn <= parisToday(new Date())) throw AppException.validation([{ field: 'dueOn', code: 'DUE_DATE_PAST', message: 'DUE_DATE_PAST' }]);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.lockedAssignment(manager, id);
      if (locked.status !== 'assigned' && locked.status !== 'accepted') throw AppException.conflict('ASSIGNMENT_NOT_ACTIVE', { status: locked.status });
      const [before]: Array<{ due_on: string }> = await manager.query(`SELECT due_on::text FROM review_assignment WHERE id = $1`, [id]);
      await manager.query(`UPDATE review_assignment SET due_on = $2::date, updated_at = now(), version = version + 1 WHERE id = $1`, [id, input.dueOn]);
      await this.audit.record(manager, actor, {
        action: 'review-assignment.due-date-changed', entityType: 'review_assignment', entityId: id,
        diff: { dueOn: { before: before?.due_on ?? null, after: input.dueOn } },
      });
      return this.view(manager, id);
    });
  }

  /** A reviewer's own active assignments, due first (index (reviewer_id, due_on, id) on active rows). */
  async queue(actor: Actor, query: ReviewQueueQuery): Promise<Page<ReviewQueueItemView>> {
    const { page, pageSize, offset } = pageParams(query.page, query.pageSize);
    const manager = this.dataSource.manager;
    const [counted]: Array<{ total: number }> = await manager.query(
      `SELECT count(*)::int AS total FROM review_assignment ra WHERE ra.reviewer_id = $1 AND ra.status IN ${ACTIVE}`, [actor.userId],
    );
    const total = counted?.total ?? 0;
    if (offset >= total) return { items: [], total, page, pageSize };
    const rows: QueueRow[] = await manager.query(
      `${QUEUE_SELECT}
         FROM (SELECT ra.id FROM review_assignment ra WHERE ra.reviewer_id = $1 AND ra.status IN ${ACTIVE}
                ORDER BY (ra.review_status = 'submitted') IS TRUE, ra.due_on, ra.id LIMIT ${pageSize} OFFSET ${offset}) page
         JOIN review_assignment ra ON ra.id = page.id
         ${QUEUE_JOINS}
        -- Work still to do first (due first), then reviews already sent (they stay listed, at the end).
        ORDER BY (ra.review_status = 'submitted') IS TRUE, ra.due_on, ra.id`,
      [actor.userId, parisToday(new Date())],
    );
    return { items: rows.map(toQueueItem), total, page, pageSize };
  }

  /** One of the reviewer's own assignments, whatever its status (404 for anyone else's). */
  async queueItem(manager: EntityManager, actor: Actor, id: string): Promise<ReviewQueueItemView> {
    const rows: QueueRow[] = await manager.query(
      `${QUEUE_SELECT} FROM review_assignment ra ${QUEUE_JOINS} WHERE ra.id = $3 AND ra.reviewer_id = $1`,
      [actor.userId, parisToday(new Date()), id],
    );
    if (!rows[0]) throw AppException.notFound();
    return toQueueItem(rows[0]);
  }

  /** The reviewer confirms having no conflict of interest: the application enters their scope. */
  async accept(actor: Actor, id: string): Promise<ReviewQueueItemView> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.ownAssignment(manager, actor, id);
      const status = assignmentLifecycle.next(locked.status, 'accept');
      await manager.query(`UPDATE review_assignment SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, status]);
      const view = await this.queueItem(manager, actor, id);
      await this.audit.record(manager, actor, {
        action: 'review-assignment.accepted', entityType: 'review_assignment', entityId: id, diff: { status: { before: locked.status, after: status } },
      });
      return view;
    });
  }

  /** Locks the actor's own assignment (404 for another reviewer's). */
  async ownAssignment(manager: EntityManager, actor: Actor, id: string): Promise<LockedAssignment> {
    const locked = await this.lockedAssignment(manager, id);
    if (locked.reviewer_id !== actor.userId) throw AppException.notFound();
    return locked;
  }

  async lockedAssignment(manager: EntityManager, id: string): Promise<LockedAssignment> {
    const [row]: LockedAssignment[] = await manager.query(
      `SELECT ra.id, ra.call_id, ra.application_id, ra.reviewer_id, ra.status, ra.review_status, a.organization_id
         FROM review_assignment ra JOIN application a ON a.id = ra.application_id WHERE ra.id = $1 FOR UPDATE OF ra`,
      [id],
    );
    if (!row) throw AppException.notFound();
    return row;
  }

  /**
   * After a recusal: gives the application its missing reviewers with the same solver, restricted to it
   * (no balance constraint: one application cannot balance a call). Nobody free → it stays short, and the
   * admin's summary counts it. Returns whether it is complete again, and the audit entry for the caller to
   * record last (the audit chain's lock must come after this call's lock, never before: no deadlock).
   */
  async fillApplication(manager: EntityManager, callId: string, applicationId: string): Promise<{ complete: boolean; audit: AuditEntry | null }> {
    const call = await this.lockCall(manager, callId);
    const problem = await this.loadProblem(manager, callId, { applicationIds: [applicationId] });
    if (problem.applications.length === 0) return { complete: false, audit: null };
    const result = await assignReviewers({ ...toSolverInput(problem, call.reviewersPerApplication), balanceLoads: false });
    if (result.status !== 'assigned') return { complete: false, audit: null };
    if (result.assignments.length === 0) return { complete: true, audit: null };
    const dueOn = addDays(parisToday(new Date()), call.reviewDays);
    await this.insertAssignments(manager, null, callId, result.assignments, dueOn);
    await this.mailReviewers(manager, call, result.assignments.map((p) => p.reviewerId), problem.reviewers, dueOn);
    const before = problem.existing.map((p) => p.reviewerId).sort();
    return {
      complete: true,
      audit: {
        action: 'application.reviewers-assigned', entityType: 'application', entityId: applicationId,
        diff: { reviewers: { before, after: [...before, ...result.assignments.map((p) => p.reviewerId)].sort() } },
      },
    };
  }

  private async lockCall(manager: EntityManager, callId: string): Promise<CallInfo> {
    const [call]: CallInfo[] = await manager.query(
      `SELECT id, title, reviewers_per_application AS "reviewersPerApplication", review_days AS "reviewDays" FROM call WHERE id = $1`, [callId],
    );
    if (!call) throw AppException.notFound();
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ASSIGNMENT_LOCK, callId]);
    return call;
  }

  private async loadProblem(manager: EntityManager, callId: string, scope: { all: true } | { axisId: string } | { applicationIds: string[] }): Promise<Problem> {
    const params: unknown[] = [callId];
    let filter = '';
    if ('axisId' in scope) {
      params.push(scope.axisId);
      filter = 'AND a.axis_id = $2';
    } else if ('applicationIds' in scope) {
      params.push(scope.applicationIds);
      filter = 'AND a.id = ANY($2::uuid[])';
    }
    const applications: ProblemApplication[] = await manager.query(
      `SELECT a.id, a.reference, x.code AS axis_code, a.territories, a.status, a.organization_id
         FROM application a JOIN call_axis x ON x.id = a.axis_id
        WHERE a.call_id = $1 AND a.status IN ${REVIEWABLE} ${filter} ORDER BY a.id`,
      params,
    );
    const ids = applications.map((a) => a.id);
    const reviewers: ProblemReviewer[] = await manager.query(
      `SELECT u.id, u.full_name, u.email, p.axis_codes, p.territories, p.capacity, (p.active AND u.active) AS active,
              (SELECT count(*)::int FROM review_assignment ra WHERE ra.call_id = $1 AND ra.reviewer_id = u.id AND ra.status IN ${ACTIVE}) AS load
         FROM reviewer_profile p JOIN app_user u ON u.id = p.user_id AND u.role = 'reviewer' ORDER BY u.id`,
      [callId],
    );
    const rows: Array<{ application_id: string; reviewer_id: string; status: AssignmentStatus }> = await manager.query(
      `SELECT application_id, reviewer_id, status FROM review_assignment WHERE application_id = ANY($1::uuid[])`, [ids],
    );
    const existing = rows.filter((r) => r.status === 'assigned' || r.status === 'accepted').map((r) => ({ applicationId: r.application_id, reviewerId: r.reviewer_id }));
    const activeKeys = new Set(existing.map((p) => `${p.applicationId}/${p.reviewerId}`));
    // Never again on an application one left (recused or withdrawn: one row per pair), nor with a declared tie.
    const ties: Array<{ application_id: string; reviewer_id: string }> = await manager.query(
      `SELECT a.id AS application_id, t.reviewer_id FROM reviewer_tie t JOIN application a ON a.organization_id = t.organization_id WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    const conflicts = [...rows.filter((r) => r.status === 'recused' || r.status === 'withdrawn'), ...ties]
      .map((r) => ({ applicationId: r.application_id, reviewerId: r.reviewer_id }))
      .filter((p) => !activeKeys.has(`${p.applicationId}/${p.reviewerId}`));
    return { applications, reviewers, existing, conflicts };
  }

  private async insertAssignments(
    manager: EntityManager, actor: Actor | null, callId: string, pairs: ReadonlyArray<Pick<AssignedPair, 'applicationId' | 'reviewerId' | 'match'>>, dueOn: string,
  ): Promise<string[]> {
    if (pairs.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO review_assignment (call_id, application_id, reviewer_id, match_points, due_on, assigned_by)
       SELECT $1, p.application_id, p.reviewer_id, p.match_points, $5::date, $6
         FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS p(application_id, reviewer_id, match_points)
       RETURNING id`,
      [callId, pairs.map((p) => p.applicationId), pairs.map((p) => p.reviewerId), pairs.map((p) => p.match), dueOn, actor?.userId ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** One mail per reviewer who received new applications (outbox, same transaction). */
  private async mailReviewers(manager: EntityManager, call: CallInfo, reviewerIds: readonly string[], reviewers: readonly ProblemReviewer[], dueOn: string): Promise<void> {
    const counts = new Map<string, number>();
    for (const id of reviewerIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    if (counts.size === 0) return;
    const grantor = await this.grantor.current(manager);
    const link = `${this.config.publicUrl.replace(/\/$/, '')}/evaluations`;
    for (const reviewer of [...reviewers].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const count = counts.get(reviewer.id);
      if (!count) continue;
      await this.outbox.enqueue(manager, reviewAssignmentMail({ to: reviewer.email, fullName: reviewer.full_name, callTitle: call.title, count, dueOn, link, grantor }));
    }
  }

  /** Every reviewer with a profile (active, or still holding assignments in the call), with their load. */
  private async loads(manager: EntityManager, callId: string): Promise<ReviewerLoadView[]> {
    const rows: Array<{ reviewer_id: string; full_name: string; load: number; capacity: number }> = await manager.query(
      `SELECT p.user_id AS reviewer_id, u.full_name, p.capacity, count(ra.id)::int AS load
         FROM reviewer_profile p
         JOIN app_user u ON u.id = p.user_id AND u.role = 'reviewer'
         LEFT JOIN review_assignment ra ON ra.reviewer_id = p.user_id AND ra.call_id = $1 AND ra.status IN ${ACTIVE}
        GROUP BY p.user_id, u.full_name, p.capacity, p.active, u.active
       HAVING (p.active AND u.active) OR count(ra.id) > 0
        ORDER BY u.full_name, p.user_id`,
      [callId],
    );
    return rows.map((r) => ({ reviewerId: r.reviewer_id, fullName: r.full_name, load: r.load, capacity: r.capacity }));
  }

  /** The rules of a manual reassignment, each a 400 naming `reviewerId`. */
  private async checkReviewerFor(manager: EntityManager, assignment: LockedAssignment, reviewerId: string): Promise<ProblemReviewer> {
    const refuse = (code: string, params?: Record<string, number>) =>
      AppException.validation([{ field: 'reviewerId', code, message: code, ...(params ? { params } : {}) } as ApiErrorDetail]);
    const [reviewer]: ProblemReviewer[] = await manager.query(
      `SELECT u.id, u.full_name, u.email, p.axis_codes, p.territories, p.capacity, (p.active AND u.active) AS active,
              (SELECT count(*)::int FROM review_assignment ra WHERE ra.call_id = $2 AND ra.reviewer_id = u.id AND ra.status IN ${ACTIVE}) AS load
         FROM app_user u LEFT JOIN reviewer_profile p ON p.user_id = u.id WHERE u.id = $1 AND u.role = 'reviewer'`,
      [reviewerId, assignment.call_id],
    );
    if (!reviewer) throw refuse('REVIEWER_UNKNOWN');
    if (reviewer.active !== true) throw refuse('REVIEWER_INACTIVE');
    const [tied] = await manager.query(`SELECT 1 FROM reviewer_tie WHERE reviewer_id = $1 AND organization_id = $2`, [reviewerId, assignment.organization_id]);
    if (tied) throw refuse('REVIEWER_TIED');
    const [already] = await manager.query(`SELECT 1 FROM review_assignment WHERE reviewer_id = $1 AND application_id = $2`, [reviewerId, assignment.application_id]);
    if (already) throw refuse('REVIEWER_ALREADY_ASSIGNED');
    if (reviewer.load >= reviewer.capacity) throw refuse('REVIEWER_AT_CAPACITY', { load: reviewer.load, capacity: reviewer.capacity });
    return reviewer;
  }

  private async view(manager: EntityManager, id: string): Promise<AssignmentView> {
    const rows: AssignmentRow[] = await manager.query(`${assignmentSelect('$2')} FROM review_assignment ra ${ASSIGNMENT_JOINS} WHERE ra.id = $1`, [id, parisToday(new Date())]);
    if (!rows[0]) throw AppException.notFound();
    return toAssignmentView(rows[0]);
  }
}

// `overdue` compares with today's date in Paris, passed as a parameter (named by position).
const OVERDUE = (todayParam: string) =>
  `(ra.status IN ${ACTIVE} AND ra.review_status IS DISTINCT FROM 'submitted' AND ra.due_on < ${todayParam}::date)`;

const assignmentSelect = (todayParam: string) => `
  SELECT ra.id, ra.application_id, a.reference, COALESCE(v.snapshot->>'title', a.title) AS title, o.legal_name AS organization_name,
         x.code AS axis_code, ra.reviewer_id, u.full_name AS reviewer_name, ra.status, ra.due_on::text AS due_on,
         ${OVERDUE(todayParam)} AS overdue, ra.match_points, ra.review_status`;
const ASSIGNMENT_JOINS = `
  JOIN application a ON a.id = ra.application_id
  JOIN call_axis x ON x.id = a.axis_id
  JOIN organization o ON o.id = a.organization_id
  JOIN app_user u ON u.id = ra.reviewer_id
  LEFT JOIN application_version v ON v.application_id = a.id AND v.version_no = a.submitted_version`;

const QUEUE_SELECT = `
  SELECT ra.id, ra.status, ra.due_on::text AS due_on, ${OVERDUE('$2')} AS overdue, c.id AS call_id, c.title AS call_title,
         x.code AS axis_code, x.label_fr AS axis_label, COALESCE(v.snapshot->>'title', a.title) AS title, o.legal_name AS organization_name,
         a.id AS application_id, a.reference, ra.review_status`;
const QUEUE_JOINS = `
  JOIN application a ON a.id = ra.application_id
  JOIN call c ON c.id = ra.call_id
  JOIN call_axis x ON x.id = a.axis_id
  JOIN organization o ON o.id = a.organization_id
  LEFT JOIN application_version v ON v.application_id = a.id AND v.version_no = a.submitted_version`;

function toAssignmentView(r: AssignmentRow): AssignmentView {
  return {
    id: r.id, applicationId: r.application_id, reference: r.reference, title: r.title, organizationName: r.organization_name,
    axisCode: r.axis_code, reviewerId: r.reviewer_id, reviewerName: r.reviewer_name, status: r.status, dueOn: r.due_on,
    overdue: r.overdue, matchPoints: r.match_points, reviewStatus: r.review_status,
  };
}

/** Before acceptance, nothing but the organisation's name, the axis and the title. */
function toQueueItem(r: QueueRow): ReviewQueueItemView {
  const open = r.status === 'accepted';
  return {
    id: r.id, status: r.status, dueOn: r.due_on, overdue: r.overdue, callId: r.call_id, callTitle: r.call_title,
    axisCode: r.axis_code, axisLabel: r.axis_label, title: r.title, organizationName: r.organization_name,
    applicationId: open ? r.application_id : null, reference: open ? r.reference : null, reviewStatus: r.review_status,
  };
}

function toSolverInput(problem: Problem, k: number) {
  const insideLoad = new Map<string, number>();
  for (const p of problem.existing) insideLoad.set(p.reviewerId, (insideLoad.get(p.reviewerId) ?? 0) + 1);
  const reviewers: AssignmentReviewer[] = problem.reviewers.map((r) => {
    const inside = insideLoad.get(r.id) ?? 0;
    // Capacity is per call: what the reviewer holds outside these applications is taken off it.
    const capacity = Math.max(inside, r.capacity - (r.load - inside));
    return { id: r.id, axes: r.axis_codes, territories: r.territories, capacity, active: r.active };
  });
  return {
    applications: problem.applications.map((a) => ({ id: a.id, axisCode: a.axis_code, territories: a.territories })),
    reviewers,
    reviewersPerApplication: k,
    conflicts: problem.conflicts,
    existing: problem.existing,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

/** 409 with the solver's reasons, the ids turned into references and names people recognise. */
function infeasible(reasons: readonly AllocationIssue[], problem: Problem): AppException {
  const references = new Map(problem.applications.map((a) => [a.id, a.reference ?? a.id]));
  const names = new Map(problem.reviewers.map((r) => [r.id, r.full_name]));
  const details = reasons.map((reason) => {
    const params: Record<string, string | number> = { ...(reason.params ?? {}) };
    if (typeof params['applicationId'] === 'string') params['reference'] = references.get(params['applicationId']) ?? params['applicationId'];
    if (typeof params['reviewerId'] === 'string') params['reviewer'] = names.get(params['reviewerId']) ?? params['reviewerId'];
    return { field: reason.field, code: reason.code, message: reason.code, params };
  });
  const first = details[0];
  const message = (lang: 'fr' | 'en') => {
    if (!first) return '';
    const template = (FIELD_MESSAGES as Record<string, { fr: string; en: string } | undefined>)[first.code];
    return template ? `${fillMessage(template[lang], first.params).replace(/\.$/, '')}${details.length > 1 ? (lang === 'fr' ? ` (et ${details.length - 1} autre(s) motif(s))` : ` (and ${details.length - 1} more)`) : ''}.` : first.code;
  };
  return new AppException(409, 'ASSIGNMENT_INFEASIBLE', { reasonFr: message('fr'), reasonEn: message('en') }, details);
}
