import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  roleHasPermission,
  type ApiErrorDetail, type DecisionBatchRequest, type DecisionBatchResult, type DecisionInput, type DecisionView, type PublishResult,
} from '@tremplin/contracts';
import {
  applicationLifecycle, checkDecision, committeeSessionLifecycle, DECISION_ACTIONS, exceededAllocations, formatEuros, IllegalTransitionError,
  type ExceededCell,
} from '@tremplin/domain';
import { Application } from '../applications/application.entity';
import { Call } from '../calls/call.entity';
import { AccessPolicy } from '../core/access/access.policy';
import { diffOf } from '../core/audit/audit-chain';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppException } from '../core/errors/app.exception';
import { GrantorService } from '../grantor/grantor.service';
import { OutboxService } from '../notifications/outbox.service';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { CommitteeDecision, CommitteeSession, DecisionGrant } from './committee.entities';
import { CommitteeSessionsService } from './committee-sessions.service';
import { REJECTION_REASON_LABELS, renderDecisionLetter } from './decision-letter';
import { decisionMail } from './decision-mails';
import { rankingLinesSql } from './ranking.sql';

/** The committee decides on reviewed applications, or retains a waitlisted one later. */
const DECIDABLE_STATUSES = ['reviewed', 'waitlisted'];

interface Place { rank: number; above: boolean }
interface PendingAudit { id: string; diff: ReturnType<typeof diffOf> }

/** Decisions of the committee: a simulation in an open session until the session is published. */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly grantor: GrantorService,
    private readonly sessions: CommitteeSessionsService,
  ) {}

  async decide(actor: Actor, applicationId: string, input: DecisionInput): Promise<DecisionView> {
    return this.dataSource.transaction(async (manager) => {
      const unlocked = await this.access.readableApplication(manager, actor, applicationId);
      // The session first (shared), then the application: the order publication takes too, so neither deadlocks.
      const session = await manager.getRepository(CommitteeSession).createQueryBuilder('s')
        .where('s.call_id = :callId AND s.axis_id = :axisId AND s.status = :open', { callId: unlocked.callId, axisId: unlocked.axisId, open: 'open' })
        .setLock('pessimistic_read').getOne();
      if (!session) throw AppException.conflict('NOT_IN_SESSION', { axisCode: await this.axisCode(manager, unlocked.axisId) });
      const app = await this.access.readableApplication(manager, actor, applicationId, { lock: true });
      const places = await this.ranking(manager, session);
      const pending = await this.apply(manager, actor, app, session, places, input);
      await this.audit.record(manager, actor, { action: 'application.decision-recorded', entityType: 'application', entityId: pending.id, diff: pending.diff });
      return this.view(manager, applicationId, true);
    });
  }

  /** All or nothing, in one transaction: a refused item rolls the batch back, its index named (`items[i]…`). */
  async decideMany(actor: Actor, sessionId: string, input: DecisionBatchRequest): Promise<DecisionBatchResult> {
    return this.dataSource.transaction(async (manager) => {
      const session = await manager.getRepository(CommitteeSession).createQueryBuilder('s')
        .where('s.id = :sessionId', { sessionId }).setLock('pessimistic_read').getOne();
      if (!session) throw AppException.notFound();
      committeeSessionLifecycle.next(session.status, 'decide');
      const places = await this.ranking(manager, session);
      const seen = new Set<string>();
      // Locked in one order (by id), so that two overlapping batches cannot deadlock; errors name the item as sent.
      const order = input.items.map((item, index) => ({ item, index })).sort((a, b) => (a.item.applicationId < b.item.applicationId ? -1 : 1));
      const pendings: PendingAudit[] = [];
      for (const { item, index } of order) {
        try {
          if (seen.has(item.applicationId)) {
            throw AppException.validation([{ field: 'applicationId', code: 'DUPLICATE_VALUE', message: 'DUPLICATE_VALUE' }]);
          }
          seen.add(item.applicationId);
          const app = await this.access.readableApplication(manager, actor, item.applicationId, { lock: true });
          if (app.callId !== session.callId || app.axisId !== session.axisId) {
            throw AppException.conflict('NOT_IN_SESSION', { axisCode: await this.axisCode(manager, app.axisId) });
          }
          pendings.push(await this.apply(manager, actor, app, session, places, item));
        } catch (error) {
          throw atItem(error, index);
        }
      }
      for (const p of pendings) {
        await this.audit.record(manager, actor, { action: 'application.decision-recorded', entityType: 'application', entityId: p.id, diff: p.diff });
      }
      const items: DecisionView[] = [];
      for (const item of input.items) items.push(await this.view(manager, item.applicationId, true));
      return { items };
    });
  }

  /**
   * Publication of a session, in one transaction: the axis's allocation rows are locked first (two
   * publications at once queue there, and the second finds the session published), the grants must fit
   * every year's allocation (published ones counted), then statuses move, mails go out and all is audited.
   */
  async publish(actor: Actor, callId: string, sessionId: string): Promise<PublishResult> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(CommitteeSession, { id: sessionId, callId });
      if (!found) throw AppException.notFound();
      const allocations: Array<{ year: number; amount_cents: string }> = await manager.query(
        'SELECT year, amount_cents FROM call_allocation WHERE call_id = $1 AND axis_id = $2 ORDER BY year FOR UPDATE', [callId, found.axisId],
      );
      const session = await manager.getRepository(CommitteeSession).createQueryBuilder('s')
        .where('s.id = :sessionId', { sessionId }).setLock('pessimistic_write').getOneOrFail();
      const status = committeeSessionLifecycle.next(session.status, 'publish');
      const axisCode = await this.axisCode(manager, session.axisId);

      const decisions = await manager.find(CommitteeDecision, { where: { sessionId }, order: { applicationId: 'ASC' } });
      if (!decisions.length) throw AppException.conflict('NOTHING_TO_PUBLISH');
      const granted: Array<{ year: number; granted: string }> = await manager.query(
        `SELECT g.year, sum(g.amount_cents) AS granted
           FROM decision_grant g
           JOIN committee_decision d ON d.application_id = g.application_id AND d.outcome = 'retained'
           JOIN application a ON a.id = d.application_id
          WHERE a.call_id = $1 AND a.axis_id = $2 AND (d.published_at IS NOT NULL OR d.session_id = $3)
          GROUP BY g.year`,
        [callId, session.axisId, sessionId],
      );
      const exceeded = exceededAllocations(
        allocations.map((a) => ({ axisCode, year: a.year, allocationCents: Number(a.amount_cents) })),
        granted.map((g) => ({ axisCode, year: g.year, grantedCents: Number(g.granted) })),
      );
      if (exceeded.length) throw allocationExceeded(exceeded);

      const now = new Date();
      const grantor = await this.grantor.current(manager);
      const link = (id: string) => `${this.config.publicUrl.replace(/\/$/, '')}/candidatures/${id}`;
      const counts = { retained: 0, waitlisted: 0, rejected: 0 };
      let grantedCents = 0;
      const audits: PendingAudit[] = [];
      for (const decision of decisions) {
        const app = await manager.getRepository(Application).createQueryBuilder('a')
          .where('a.id = :id', { id: decision.applicationId }).setLock('pessimistic_write').getOneOrFail();
        const next = applicationLifecycle.next(app.status, DECISION_ACTIONS[decision.outcome]);
        await manager.update(Application, { id: app.id }, { status: next, version: app.version + 1, updatedAt: now });
        const grants = await manager.find(DecisionGrant, { where: { applicationId: app.id }, order: { year: 'ASC' } });
        const total = grants.reduce((sum, g) => sum + g.amountCents, 0);
        counts[decision.outcome] += 1;
        grantedCents += decision.outcome === 'retained' ? total : 0;
        // Every member of the organisation is told, as for admissibility.
        const members = await manager.find(User, { where: { organizationId: app.organizationId, active: true }, order: { email: 'ASC' } });
        for (const member of members) {
          await this.outbox.enqueue(manager, decisionMail({
            to: member.email, reference: app.reference ?? '', title: app.title, outcome: decision.outcome, totalCents: total,
            waitlistRank: decision.waitlistRank, reasonLabel: decision.rejectionReason ? REJECTION_REASON_LABELS[decision.rejectionReason] : null,
            link: link(app.id), grantor,
          }));
        }
        audits.push({ id: app.id, diff: diffOf({ status: app.status, published: false }, { status: next, published: true }) });
      }
      await manager.update(CommitteeDecision, { sessionId }, { publishedAt: now });
      await manager.update(CommitteeSession, { id: sessionId }, { status, publishedAt: now, publishedBy: actor.userId, version: session.version + 1 });
      for (const a of audits) {
        await this.audit.record(manager, actor, { action: 'application.decision-published', entityType: 'application', entityId: a.id, diff: a.diff });
      }
      await this.audit.record(manager, actor, {
        action: 'committee-session.published', entityType: 'committee_session', entityId: sessionId,
        diff: diffOf({ status: session.status, ...{ retained: 0, waitlisted: 0, rejected: 0 } }, { status, ...counts }),
      });
      return { session: await this.sessions.detail(manager, sessionId), counts, grantedCents };
    });
  }

  /** Staff who decide see the simulation; anyone else who may read the application, its published decision only. */
  async get(actor: Actor, applicationId: string): Promise<DecisionView> {
    const manager = this.dataSource.manager;
    await this.access.readableApplication(manager, actor, applicationId);
    return this.view(manager, applicationId, roleHasPermission(actor.role, 'committee.decide'));
  }

  /** The decision letter: after publication only, for those who may read the application (404 otherwise). */
  async letter(actor: Actor, applicationId: string): Promise<{ fileName: string; content: Buffer }> {
    const manager = this.dataSource.manager;
    const app = await this.access.readableApplication(manager, actor, applicationId);
    const decision = await manager.findOneBy(CommitteeDecision, { applicationId });
    if (!decision?.publishedAt || !app.reference) throw AppException.notFound();
    const session = await manager.findOneByOrFail(CommitteeSession, { id: decision.sessionId });
    const call = await manager.findOneByOrFail(Call, { id: app.callId });
    const organization = await manager.findOneByOrFail(Organization, { id: app.organizationId });
    const grants = await manager.find(DecisionGrant, { where: { applicationId }, order: { year: 'ASC' } });
    const content = await renderDecisionLetter({
      grantor: await this.grantor.current(manager),
      reference: app.reference,
      publishedAt: decision.publishedAt,
      sitsOn: session.sitsOn,
      deliberationReference: session.deliberationReference,
      callTitle: call.title,
      organization: { legalName: organization.legalName, addressLine: organization.addressLine, postalCode: organization.postalCode, city: organization.city },
      title: app.title,
      outcome: decision.outcome,
      grants: grants.map((g) => ({ year: g.year, amountCents: g.amountCents })),
      waitlistRank: decision.waitlistRank,
      rejectionReason: decision.rejectionReason,
      comment: decision.comment,
    });
    return { fileName: `decision-${app.reference}.pdf`, content };
  }

  /** Checks and records one decision (the caller holds the session share lock and the application's row lock). */
  private async apply(
    manager: EntityManager, actor: Actor, app: Application, session: CommitteeSession, places: Map<string, Place>, input: DecisionInput,
  ): Promise<PendingAudit> {
    committeeSessionLifecycle.next(session.status, 'decide');
    if (!DECIDABLE_STATUSES.includes(app.status)) throw AppException.conflict('NOT_DECIDABLE', { status: app.status });
    // A reviewer who recused themselves keeps out of the decision, whatever their role.
    const recused: unknown[] = await manager.query(
      "SELECT 1 FROM review_assignment WHERE application_id = $1 AND reviewer_id = $2 AND status = 'recused'", [app.id, actor.userId],
    );
    if (recused.length) throw new AppException(HttpStatus.FORBIDDEN, 'CONFLICT_OF_INTEREST');
    const existing = await manager.getRepository(CommitteeDecision).createQueryBuilder('d')
      .where('d.application_id = :id', { id: app.id }).setLock('pessimistic_write').getOne();
    const seen = input.version ?? 0;
    const current = existing?.version ?? 0;
    if (seen !== current) throw AppException.conflict('DECISION_STALE', { current, seen });

    const requestedRows: Array<{ year: number; amount_cents: string }> = await manager.query(
      'SELECT year, amount_cents FROM application_request WHERE application_id = $1 ORDER BY year', [app.id],
    );
    const place = places.get(app.id) ?? null;
    const { issues, decision } = checkDecision(input, {
      requested: requestedRows.map((r) => ({ year: r.year, amountCents: Number(r.amount_cents) })),
      aboveCutLine: place?.above ?? false,
    });
    if (!decision) {
      throw AppException.validation(issues.map((i): ApiErrorDetail & { params?: Record<string, string | number> } => ({
        field: i.field, code: i.code, message: i.code, ...(i.params ? { params: i.params } : {}),
      })));
    }
    // The application moves only at publication; the lifecycle must allow it then (e.g. a waitlisted one cannot be rejected).
    applicationLifecycle.next(app.status, DECISION_ACTIONS[decision.outcome]);

    const oldGrants = existing ? await manager.find(DecisionGrant, { where: { applicationId: app.id }, order: { year: 'ASC' } }) : [];
    const row = {
      sessionId: session.id, outcome: decision.outcome, waitlistRank: decision.waitlistRank, rejectionReason: decision.rejectionReason,
      comment: decision.comment, rankAtDecision: place?.rank ?? null, belowLine: !(place?.above ?? false),
      lineExceptionReason: decision.lineExceptionReason, flagged: decision.flagged, decidedBy: actor.userId, decidedAt: new Date(), publishedAt: null,
    };
    if (existing) {
      await manager.update(CommitteeDecision, { applicationId: app.id }, { ...row, version: existing.version + 1 });
      await manager.delete(DecisionGrant, { applicationId: app.id });
    } else {
      await manager.insert(CommitteeDecision, { applicationId: app.id, ...row, version: 1 });
    }
    if (decision.outcome === 'retained') {
      await manager.insert(DecisionGrant, decision.grants.map((g) => ({ applicationId: app.id, year: g.year, amountCents: g.amountCents })));
    }
    const summary = (d: { outcome: string; waitlistRank: number | null; rejectionReason: string | null; comment: string; lineExceptionReason: string | null; flagged: boolean } | null, grants: Array<{ year: number; amountCents: number }>) =>
      d ? {
        outcome: d.outcome, waitlistRank: d.waitlistRank, rejectionReason: d.rejectionReason, comment: d.comment || null,
        lineExceptionReason: d.lineExceptionReason, flagged: d.flagged,
        grants: d.outcome === 'retained' ? grants.map((g) => `${g.year}:${g.amountCents}`).join(',') : null,
      } : {};
    return { id: app.id, diff: diffOf(summary(existing, oldGrants), summary(decision, decision.grants)) };
  }

  /**
   * Each ranked application's place on its axis — the very lines the committee sees in the ranking
   * (raw score, requested amounts): its rank and whether it is above the strict cut line.
   */
  private async ranking(manager: EntityManager, session: CommitteeSession): Promise<Map<string, Place>> {
    const rows: Array<{ id: string; rank: string; below: boolean }> = await manager.query(
      `${rankingLinesSql({ score: 'raw', amount: 'requested' })} SELECT id, rank, below FROM lined`,
      [session.callId, session.axisId],
    );
    return new Map(rows.map((r) => [r.id, { rank: Number(r.rank), above: !r.below }]));
  }

  private async axisCode(manager: EntityManager, axisId: string): Promise<string> {
    const [row] = (await manager.query('SELECT code FROM call_axis WHERE id = $1', [axisId])) as Array<{ code: string }>;
    return row?.code ?? '';
  }

  private async view(manager: EntityManager, applicationId: string, simulation: boolean): Promise<DecisionView> {
    const decision = await manager.findOneBy(CommitteeDecision, { applicationId });
    if (!decision || (!simulation && !decision.publishedAt)) throw AppException.notFound();
    const grants = await manager.find(DecisionGrant, { where: { applicationId }, order: { year: 'ASC' } });
    return {
      applicationId, sessionId: decision.sessionId, outcome: decision.outcome,
      grants: grants.map((g) => ({ year: g.year, amountCents: g.amountCents })),
      totalCents: grants.reduce((sum, g) => sum + g.amountCents, 0),
      waitlistRank: decision.waitlistRank, rejectionReason: decision.rejectionReason, comment: decision.comment,
      lineExceptionReason: simulation ? decision.lineExceptionReason : null,
      flagged: simulation ? decision.flagged : false,
      belowLine: simulation ? decision.belowLine : false,
      rankAtDecision: simulation ? decision.rankAtDecision : null,
      decidedAt: new Date(decision.decidedAt).toISOString(),
      publishedAt: decision.publishedAt ? new Date(decision.publishedAt).toISOString() : null,
      version: decision.version,
    };
  }
}

/** 409 naming each cell over its allocation and by how much (French in the message, all figures in the details). */
function allocationExceeded(cells: ExceededCell[]): AppException {
  const text = (lang: 'fr' | 'en') => cells.map((c) => `${c.axisCode} × ${c.year} (${lang === 'fr' ? 'de' : 'by'} ${formatEuros(c.excessCents, lang)})`).join(', ');
  return new AppException(HttpStatus.CONFLICT, 'ALLOCATION_EXCEEDED', { cells: text('fr'), cellsEn: text('en') }, cells.map((c) => ({
    field: `allocations.${c.axisCode}.${c.year}`, code: 'ALLOCATION_EXCEEDED_CELL', message: 'ALLOCATION_EXCEEDED_CELL',
    params: { axisCode: c.axisCode, year: c.year, grantedCents: c.grantedCents, allocationCents: c.allocationCents, excessCents: c.excessCents },
  }) as ApiErrorDetail));
}

/** The same refusal, naming the batch item it comes from. */
function atItem(error: unknown, index: number): unknown {
  if (error instanceof IllegalTransitionError) {
    return new AppException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', { action: error.action, state: error.state }, [
      { field: `items[${index}]`, code: 'ILLEGAL_TRANSITION', message: `items[${index}]` },
    ]);
  }
  if (!(error instanceof AppException)) return error;
  const details: ApiErrorDetail[] = error.details?.length
    ? error.details.map((d) => ({ ...d, field: `items[${index}].${d.field}` }))
    : [{ field: `items[${index}]`, code: error.code, message: `items[${index}]` }];
  return new AppException(error.status, error.code, error.params, details, error.headers);
}
