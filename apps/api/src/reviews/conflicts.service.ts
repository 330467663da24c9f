import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  DeclareConflictRequest, DeclareConflictResult, DeclareTieRequest, DeclareTieResult, OrganizationNameView, ReviewerTieView,
  ApiErrorDetail,
} from '@tremplin/contracts';
import { applicationLifecycle, assignmentLifecycle, type ApplicationStatus, type TieKind } from '@tremplin/domain';
import { AuditService, type AuditEntry } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';
import { containsPattern } from '../core/like';
import { AssignmentsService } from './assignments.service';
import { consolidateApplication } from './review-scoring.service';

/**
 * SQL that is true when reviewer `userIdSql` is kept out of application `applicationIdSql`: they recused
 * themselves from it, or declared a tie with its organisation. For the committee and the scoring work
 * (the access policy already hides recused applications: reviewers read accepted assignments only).
 */
export function recusedFromApplicationSql(applicationIdSql: string, userIdSql: string): string {
  return `(EXISTS (SELECT 1 FROM review_assignment rx WHERE rx.application_id = ${applicationIdSql} AND rx.reviewer_id = ${userIdSql} AND rx.status = 'recused')
        OR EXISTS (SELECT 1 FROM reviewer_tie tx JOIN application ax ON ax.organization_id = tx.organization_id
                    WHERE ax.id = ${applicationIdSql} AND tx.reviewer_id = ${userIdSql}))`;
}

interface TieRow { id: string; organization_id: string; organization_name: string; kind: TieKind; comment: string; declared_at: Date }

/** Conflicts of interest (déport): ties declared ahead of time or when opening an assignment. */
@Injectable()
export class ConflictsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly assignments: AssignmentsService,
  ) {}

  async isRecused(manager: EntityManager, applicationId: string, userId: string): Promise<boolean> {
    const [row]: Array<{ recused: boolean }> = await manager.query(`SELECT ${recusedFromApplicationSql('$1::uuid', '$2::uuid')} AS recused`, [applicationId, userId]);
    return row?.recused ?? false;
  }

  async ties(actor: Actor): Promise<ReviewerTieView[]> {
    const rows: TieRow[] = await this.dataSource.query(
      `${TIE_SELECT} WHERE t.reviewer_id = $1 ORDER BY o.legal_name, t.id`, [actor.userId],
    );
    return rows.map(toTieView);
  }

  /** A tie declared ahead of time recuses the reviewer from their open assignments on that organisation. */
  async declareTie(actor: Actor, input: DeclareTieRequest): Promise<DeclareTieResult> {
    return this.dataSource.transaction(async (manager) => {
      const [organization] = await manager.query(`SELECT id FROM organization WHERE id = $1`, [input.organizationId]);
      if (!organization) throw AppException.validation([{ field: 'organizationId', code: 'ORGANIZATION_UNKNOWN', message: 'ORGANIZATION_UNKNOWN' }]);
      const comment = input.comment?.trim() ?? '';
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO reviewer_tie (reviewer_id, organization_id, kind, comment) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT uq_reviewer_tie DO NOTHING RETURNING id`,
        [actor.userId, input.organizationId, input.kind, comment],
      );
      const tieId = inserted[0]?.id;
      if (!tieId) throw AppException.conflict('REVIEWER_TIE_EXISTS');
      const recused = await this.recuseFromOrganization(manager, actor, input.organizationId, input.kind, comment);
      const [row]: TieRow[] = await manager.query(`${TIE_SELECT} WHERE t.id = $1`, [tieId]);
      if (!row) throw AppException.notFound();
      // Last: the audit chain's lock comes after the call's assignment lock.
      await this.audit.record(manager, actor, tieAudit(tieId, input.organizationId, input.kind, comment));
      for (const entry of recused.audits) await this.audit.record(manager, actor, entry);
      return { tie: toTieView(row), recusedAssignmentIds: recused.ids };
    });
  }

  /** Removing a tie does not put the reviewer back on what they left. */
  async removeTie(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [removed]: Array<Array<{ organization_id: string; kind: string }>> = await manager.query(
        `DELETE FROM reviewer_tie WHERE id = $1 AND reviewer_id = $2 RETURNING organization_id, kind`, [id, actor.userId],
      );
      const row = removed?.[0];
      if (!row) throw AppException.notFound();
      await this.audit.record(manager, actor, {
        action: 'reviewer.tie-removed', entityType: 'reviewer_tie', entityId: id,
        diff: { organizationId: { before: row.organization_id, after: null }, kind: { before: row.kind, after: null } },
      });
    });
  }

  /** Id and legal name only, for declaring a tie: nothing else of an organisation reaches a reviewer. */
  async searchOrganizations(q: string): Promise<OrganizationNameView[]> {
    const rows: Array<{ id: string; legal_name: string }> = await this.dataSource.query(
      `SELECT id, legal_name FROM organization WHERE tremplin_fold(legal_name) LIKE tremplin_fold($1) ORDER BY legal_name, id LIMIT 20`,
      [containsPattern(q.trim())],
    );
    return rows.map((r) => ({ id: r.id, legalName: r.legal_name }));
  }

  /**
   * The reviewer declares a conflict on an assignment: recused, the tie recorded, the application
   * reassigned. Also after submitting the review, until the axis's committee session opens: the review
   * then leaves the consolidated score and the reviewer's moments, and the application is back under review.
   */
  async declareConflict(actor: Actor, assignmentId: string, input: DeclareConflictRequest): Promise<DeclareConflictResult> {
    return this.dataSource.transaction(async (manager) => {
      // The application's row first, then the assignment's: the order of the scoring work (no deadlock).
      const [target]: Array<{ application_id: string }> = await manager.query('SELECT application_id FROM review_assignment WHERE id = $1', [assignmentId]);
      if (target) await manager.query('SELECT 1 FROM application WHERE id = $1 FOR UPDATE', [target.application_id]);
      const locked = await this.assignments.ownAssignment(manager, actor, assignmentId);
      const status = assignmentLifecycle.next(locked.status, 'recuse');
      const comment = input.comment?.trim() ?? '';
      const late = locked.review_status === 'submitted'
        ? await this.withdrawSubmittedReview(manager, locked, status, input.kind, comment)
        : { audits: [] as AuditEntry[] };
      // Withdrawing a submitted review moves the consolidated score: the reason is owed, as for a revision
      // (checked after the 409 of an open session, which no reason changes; the transaction undoes the withdrawal).
      if (locked.review_status === 'submitted' && !comment) {
        throw AppException.validation([{ field: 'comment', code: 'LATE_CONFLICT_REASON_REQUIRED', message: 'LATE_CONFLICT_REASON_REQUIRED' } as ApiErrorDetail]);
      }
      const tie: Array<{ id: string }> = await manager.query(
        `INSERT INTO reviewer_tie (reviewer_id, organization_id, kind, comment) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT uq_reviewer_tie DO NOTHING RETURNING id`,
        [actor.userId, locked.organization_id, input.kind, comment],
      );
      const recused = await this.recuseFromOrganization(manager, actor, locked.organization_id, input.kind, comment);
      const [complete]: Array<{ n: number; k: number }> = await manager.query(
        `SELECT (SELECT count(*)::int FROM review_assignment WHERE application_id = $1 AND status IN ('assigned','accepted')) AS n,
                (SELECT reviewers_per_application FROM call WHERE id = $2) AS k`,
        [locked.application_id, locked.call_id],
      );
      const view = await this.assignments.queueItem(manager, actor, assignmentId);
      if (tie[0]) await this.audit.record(manager, actor, tieAudit(tie[0].id, locked.organization_id, input.kind, comment));
      for (const entry of [...late.audits, ...recused.audits]) await this.audit.record(manager, actor, entry);
      return { assignment: view, reassigned: (complete?.n ?? 0) >= (complete?.k ?? 1) };
    });
  }

  /**
   * A conflict found after submitting (the caller holds the application's and the assignment's locks):
   * refused once a committee session on the axis is open or published (the committee works on these
   * scores); otherwise the assignment is recused, its review leaves the reviewer's moments and the
   * consolidated score, the application goes back under review, and another reviewer is sought.
   */
  private async withdrawSubmittedReview(
    manager: EntityManager, locked: { id: string; call_id: string; application_id: string; reviewer_id: string; status: string }, status: string, kind: TieKind, comment: string,
  ): Promise<{ audits: AuditEntry[] }> {
    const [app]: Array<{ axis_id: string; status: ApplicationStatus; version: number; score_hundredths: number | null }> = await manager.query(
      'SELECT axis_id, status, version, score_hundredths FROM application WHERE id = $1', [locked.application_id],
    );
    const sessions: unknown[] = await manager.query(
      `SELECT 1 FROM committee_session WHERE call_id = $1 AND axis_id = $2 AND status IN ('open', 'published') LIMIT 1`, [locked.call_id, app?.axis_id],
    );
    if (!app || sessions.length) throw AppException.conflict('CONFLICT_DECLARATION_CLOSED');
    const [review]: Array<{ total_hundredths: number }> = await manager.query('SELECT total_hundredths FROM review_assignment WHERE id = $1', [locked.id]);
    const total = review?.total_hundredths ?? 0;
    await manager.query(
      `UPDATE reviewer_call_stat SET review_count = review_count - 1, sum_hundredths = sum_hundredths - $3, sum_squares = sum_squares - $3::bigint * $3::bigint
        WHERE call_id = $1 AND reviewer_id = $2`,
      [locked.call_id, locked.reviewer_id, total],
    );
    await manager.query(
      `UPDATE review_assignment SET status = $2, conflict_kind = $3, conflict_comment = $4, recused_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`,
      [locked.id, status, kind, comment],
    );
    await consolidateApplication(manager, locked.application_id, locked.call_id);
    const [after]: Array<{ score_hundredths: number | null }> = await manager.query('SELECT score_hundredths FROM application WHERE id = $1', [locked.application_id]);
    const audits: AuditEntry[] = [{
      action: 'review-assignment.recused', entityType: 'review_assignment', entityId: locked.id,
      diff: {
        status: { before: locked.status, after: status }, conflictKind: { before: null, after: kind },
        // The submitted review no longer counts: the application's consolidated score moves.
        scoreHundredths: { before: app.score_hundredths, after: after?.score_hundredths ?? null },
      },
    }];
    if (app.status === 'reviewed') {
      const to = applicationLifecycle.next(app.status, 'reopen_review');
      await manager.query('UPDATE application SET status = $2, version = version + 1, updated_at = now() WHERE id = $1', [locked.application_id, to]);
      audits.push({ action: 'application.review-reopened', entityType: 'application', entityId: locked.application_id, diff: { status: { before: app.status, after: to } } });
    }
    const filled = await this.assignments.fillApplication(manager, locked.call_id, locked.application_id);
    if (filled.audit) audits.push(filled.audit);
    return { audits };
  }

  /**
   * Recuses the reviewer from every open assignment on the organisation's applications whose review is not
   * submitted (a submitted review stays: staff decide), then gives each application another reviewer.
   */
  private async recuseFromOrganization(
    manager: EntityManager, actor: Actor, organizationId: string, kind: TieKind, comment: string,
  ): Promise<{ ids: string[]; audits: AuditEntry[] }> {
    const open: Array<{ id: string; call_id: string; application_id: string; status: 'assigned' | 'accepted' }> = await manager.query(
      `SELECT ra.id, ra.call_id, ra.application_id, ra.status FROM review_assignment ra JOIN application a ON a.id = ra.application_id
        WHERE ra.reviewer_id = $1 AND a.organization_id = $2 AND ra.status IN ('assigned','accepted')
          AND ra.review_status IS DISTINCT FROM 'submitted'
        ORDER BY ra.id FOR UPDATE OF ra`,
      [actor.userId, organizationId],
    );
    const audits: AuditEntry[] = [];
    for (const assignment of open) {
      const status = assignmentLifecycle.next(assignment.status, 'recuse');
      await manager.query(
        `UPDATE review_assignment SET status = $2, conflict_kind = $3, conflict_comment = $4, recused_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`,
        [assignment.id, status, kind, comment],
      );
      audits.push({
        action: 'review-assignment.recused', entityType: 'review_assignment', entityId: assignment.id,
        diff: { status: { before: assignment.status, after: status }, conflictKind: { before: null, after: kind } },
      });
      const filled = await this.assignments.fillApplication(manager, assignment.call_id, assignment.application_id);
      if (filled.audit) audits.push(filled.audit);
    }
    return { ids: open.map((a) => a.id), audits };
  }
}

function tieAudit(tieId: string, organizationId: string, kind: TieKind, comment: string): AuditEntry {
  return {
    action: 'reviewer.tie-declared', entityType: 'reviewer_tie', entityId: tieId,
    diff: { organizationId: { before: null, after: organizationId }, kind: { before: null, after: kind }, comment: { before: null, after: comment } },
  };
}

const TIE_SELECT = `SELECT t.id, t.organization_id, o.legal_name AS organization_name, t.kind, t.comment, t.declared_at
  FROM reviewer_tie t JOIN organization o ON o.id = t.organization_id`;

function toTieView(r: TieRow): ReviewerTieView {
  return { id: r.id, organizationId: r.organization_id, organizationName: r.organization_name, kind: r.kind, comment: r.comment, declaredAt: new Date(r.declared_at).toISOString() };
}
