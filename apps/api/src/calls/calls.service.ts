import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { checkRevisionAgainstCommitments, formatEuros } from '@tremplin/domain';
import type { BudgetRevisionRequest, BudgetRevisionView, CallInput, CallSummaryView, CallView, UpdateCallRequest } from '@tremplin/contracts';
import { AuditService } from '../core/audit/audit.service';
import { diffOf } from '../core/audit/audit-chain';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';
import { BudgetRevision } from './budget-revision.entity';
import { CallAllocation } from './call-allocation.entity';
import { CallAxis } from './call-axis.entity';
import { Call } from './call.entity';
import { callSnapshot, toCallSummaryView, toCallView } from './call.mapper';
import { allocationIssues, callIssues } from './call-rules';
import { ScoringCriterion } from './scoring-criterion.entity';
import { User } from '../users/user.entity';

const WITH_CONFIG = { axes: true, allocations: true, criteria: true } as const;

@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<CallSummaryView[]> {
    const calls = await this.dataSource.getRepository(Call).find({ relations: { axes: true, allocations: true }, order: { opensAt: 'DESC' } });
    const now = new Date();
    const decided = await decidedCalls(this.dataSource.manager, calls.map((c) => c.id));
    return calls.map((call) => toCallSummaryView(call, now, decided.has(call.id)));
  }

  async get(id: string): Promise<CallView> {
    const call = await this.dataSource.getRepository(Call).findOne({ where: { id }, relations: WITH_CONFIG });
    if (!call) throw AppException.notFound();
    return toCallView(call, new Date(), (await decidedCalls(this.dataSource.manager, [call.id])).has(call.id));
  }

  async create(actor: Actor | null, input: CallInput): Promise<CallView> {
    assertValid(input);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(Call, { where: { code: input.code } })) throw AppException.conflict('CALL_CODE_TAKEN');
      const { identifiers } = await manager.insert(Call, {
        code: input.code, title: input.title, description: input.description, titleEn: input.titleEn?.trim() ?? '', descriptionEn: input.descriptionEn?.trim() ?? '',
        opensAt: new Date(input.opensAt), closesAt: new Date(input.closesAt), years: [...input.years].sort((a, b) => a - b),
        envelopeCents: input.envelopeCents, advanceBasisPoints: input.paymentRule.advanceBasisPoints,
        reviewersPerApplication: input.reviewersPerApplication, structureLockedAt: null,
      });
      const id = String(identifiers[0]?.['id']);
      await this.writeStructure(manager, id, input);
      const view = await this.load(manager, id);
      await this.audit.record(manager, actor, { action: 'call.created', entityType: 'call', entityId: id, diff: diffOf(null, callSnapshot(view)) });
      return view;
    });
  }

  async update(actor: Actor, id: string, input: UpdateCallRequest): Promise<CallView> {
    return this.dataSource.transaction(async (manager) => {
      const call = await lockCall(manager, id);
      if (call.version !== input.version) throw AppException.conflict('STALE_VERSION');
      const before = await this.load(manager, id);
      // A locked structure is a conflict whatever else is wrong with the request.
      if (call.structureLockedAt) {
        const locked = lockedChanges(before, input);
        if (locked.length) {
          throw new AppException(
            HttpStatus.CONFLICT, 'CALL_STRUCTURE_LOCKED',
            { lockedFr: locked.map((part) => LOCKED_PARTS[part].fr).join(', '), lockedEn: locked.map((part) => LOCKED_PARTS[part].en).join(', ') },
            locked.map((field) => ({ field, code: 'FIELD_LOCKED', message: 'FIELD_LOCKED' })),
          );
        }
      }
      assertValid(input);
      if (input.code !== call.code && (await manager.exists(Call, { where: { code: input.code, id: Not(id) } }))) {
        throw AppException.conflict('CALL_CODE_TAKEN');
      }
      await manager.update(Call, { id }, {
        code: input.code, title: input.title, description: input.description,
        // Absent English texts are kept (an older client does not send them); '' clears them.
        titleEn: input.titleEn?.trim() ?? call.titleEn, descriptionEn: input.descriptionEn?.trim() ?? call.descriptionEn,
        opensAt: new Date(input.opensAt), closesAt: new Date(input.closesAt), years: [...input.years].sort((a, b) => a - b),
        envelopeCents: input.envelopeCents, advanceBasisPoints: input.paymentRule.advanceBasisPoints,
        reviewersPerApplication: input.reviewersPerApplication, version: call.version + 1,
      });
      if (!call.structureLockedAt) await this.writeStructure(manager, id, input);
      const after = await this.load(manager, id);
      await this.audit.record(manager, actor, {
        action: 'call.updated', entityType: 'call', entityId: id, diff: diffOf(callSnapshot(before), callSnapshot(after)),
      });
      return after;
    });
  }

  /** After the lock, the envelope and its split change only here: reason kept, audited, versioned. */
  async reviseBudget(actor: Actor, id: string, input: BudgetRevisionRequest): Promise<CallView> {
    return this.dataSource.transaction(async (manager) => {
      const call = await lockCall(manager, id);
      if (call.version !== input.version) throw AppException.conflict('STALE_VERSION');
      if (!call.structureLockedAt) throw AppException.conflict('CALL_NOT_LOCKED');
      const before = await this.load(manager, id);
      const issues = allocationIssues(input.envelopeCents, before.years, before.axes.map((a) => a.code), input.allocations);
      if (issues.length) throw AppException.validation(issues);
      await this.assertAboveCommitments(manager, id, input.allocations);
      await manager.update(Call, { id }, { envelopeCents: input.envelopeCents, version: call.version + 1 });
      await this.writeAllocations(manager, id, input.allocations);
      const after = await this.load(manager, id);
      await manager.insert(BudgetRevision, {
        callId: id, revisedAt: new Date(), revisedBy: actor.userId, reason: input.reason,
        deliberationReference: input.deliberationReference ?? null,
        envelopeBeforeCents: before.envelopeCents, envelopeAfterCents: after.envelopeCents,
        allocationsBefore: before.allocations, allocationsAfter: after.allocations,
      });
      await this.audit.record(manager, actor, {
        action: 'call.budget-revised', entityType: 'call', entityId: id,
        diff: diffOf(
          { envelopeCents: before.envelopeCents, allocations: before.allocations, reason: null },
          { envelopeCents: after.envelopeCents, allocations: after.allocations, reason: input.reason },
        ),
      });
      return after;
    });
  }

  async revisions(id: string): Promise<BudgetRevisionView[]> {
    if (!(await this.dataSource.getRepository(Call).exists({ where: { id } }))) throw AppException.notFound();
    const rows = await this.dataSource.getRepository(BudgetRevision).find({ where: { callId: id }, order: { revisedAt: 'DESC' } });
    const users = await this.dataSource.getRepository(User).find({ where: { id: In([...new Set(rows.map((r) => r.revisedBy))]) } });
    const emailOf = new Map(users.map((u) => [u.id, u.email]));
    return rows.map((r) => ({
      id: r.id, callId: r.callId, revisedAt: r.revisedAt.toISOString(), revisedBy: r.revisedBy, revisedByEmail: emailOf.get(r.revisedBy) ?? '', reason: r.reason,
      deliberationReference: r.deliberationReference, envelopeBeforeCents: r.envelopeBeforeCents, envelopeAfterCents: r.envelopeAfterCents,
    }));
  }

  /** Axes and criteria are matched by code (ids stay stable for what refers to them); allocations are rewritten. */
  private async writeStructure(manager: EntityManager, callId: string, input: CallInput): Promise<void> {
    const codes = input.axes.map((a) => a.code);
    await manager.delete(CallAxis, { callId, code: Not(In(codes)) });
    for (const [position, axis] of input.axes.entries()) {
      await manager.upsert(CallAxis, { callId, code: axis.code, labelFr: axis.labelFr, labelEn: axis.labelEn, description: axis.description, position }, ['callId', 'code']);
    }
    const criterionCodes = input.criteria.map((c) => c.code);
    await manager.delete(ScoringCriterion, { callId, code: Not(In(criterionCodes)) });
    for (const [position, c] of input.criteria.entries()) {
      await manager.upsert(
        ScoringCriterion,
        { callId, code: c.code, labelFr: c.labelFr, labelEn: c.labelEn, description: c.description, weight: c.weight, maxScore: c.maxScore, position },
        ['callId', 'code'],
      );
    }
    await this.writeAllocations(manager, callId, input.allocations);
  }

  /**
   * Cells are stable rows that commitments reference by id: updated in place, never deleted and
   * re-inserted. Only the cells of an axis or year no longer in the call go (a draft call's structure).
   */
  private async writeAllocations(manager: EntityManager, callId: string, allocations: CallInput['allocations']): Promise<void> {
    const axes = await manager.find(CallAxis, { where: { callId } });
    const idOf = new Map(axes.map((a) => [a.code, a.id]));
    const rows = allocations.map((a) => ({ callId, axisId: idOf.get(a.axisCode) ?? '', year: a.year, amountCents: a.amountCents }));
    const wanted = new Set(rows.map((r) => `${r.axisId}|${r.year}`));
    const existing = await manager.find(CallAllocation, { where: { callId } });
    for (const cell of existing.filter((c) => !wanted.has(`${c.axisId}|${c.year}`))) {
      await manager.delete(CallAllocation, { callId, axisId: cell.axisId, year: cell.year });
    }
    if (rows.length) await manager.upsert(CallAllocation, rows, ['callId', 'axisId', 'year']);
  }

  /** A revision never leaves a cell below what conventions committed in it: 409 naming the cell. */
  private async assertAboveCommitments(manager: EntityManager, callId: string, allocations: CallInput['allocations']): Promise<void> {
    // Locked so that no signature commits in these cells between this check and the update.
    const committed: Array<{ axisCode: string; year: number; committedCents: string }> = await manager.query(
      `SELECT a.code AS "axisCode", ca.year, ca.committed_cents AS "committedCents"
         FROM call_allocation ca JOIN call_axis a ON a.id = ca.axis_id
        WHERE ca.call_id = $1 FOR UPDATE OF ca`,
      [callId],
    );
    const issues = checkRevisionAgainstCommitments(
      committed.map((c) => ({ axisCode: c.axisCode, year: c.year, committedCents: Number(c.committedCents) })),
      allocations,
    );
    const first = issues[0];
    if (!first) return;
    const params = first.params ?? {};
    const committedCents = Number(params['committedCents']);
    throw new AppException(
      HttpStatus.CONFLICT, 'ALLOCATION_BELOW_COMMITTED',
      { axisCode: String(params['axisCode']), year: Number(params['year']), committedFr: formatEuros(committedCents, 'fr'), committedEn: formatEuros(committedCents, 'en') },
      issues.map((issue) => ({ field: issue.field, code: issue.code, message: issue.code, params: issue.params })),
    );
  }

  private async load(manager: EntityManager, id: string): Promise<CallView> {
    return toCallView(await manager.findOneOrFail(Call, { where: { id }, relations: WITH_CONFIG }), new Date(), (await decidedCalls(manager, [id])).has(id));
  }
}

function assertValid(input: CallInput): void {
  const issues = callIssues(input);
  if (issues.length) throw AppException.validation(issues);
}

async function lockCall(manager: EntityManager, id: string): Promise<Call> {
  const call = await manager.getRepository(Call).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  if (!call) throw AppException.notFound();
  return call;
}

/** What the lock freezes, by request field, with the words the 409 names them by. */
const LOCKED_PARTS = {
  opensAt: { fr: "date d'ouverture", en: 'opening date' },
  closesAt: { fr: 'date de clôture avancée (elle ne peut qu’être repoussée)', en: 'closing date brought forward (it may only be postponed)' },
  years: { fr: 'années', en: 'years' },
  envelopeCents: { fr: 'enveloppe', en: 'envelope' },
  axes: { fr: 'axes', en: 'axes' },
  allocations: { fr: 'répartition par axe et par année', en: 'allocations by axis and year' },
  criteria: { fr: "grille d'évaluation", en: 'scoring grid' },
  paymentRule: { fr: 'règle de versement', en: 'payment rule' },
} as const;
type LockedPart = keyof typeof LOCKED_PARTS;

/**
 * The locked parts a request would change. Applicants applied under these dates, axes, grid and
 * money: only texts may change, and the closing date may move later (never earlier); the
 * budget changes through revisions only.
 */
export function lockedChanges(before: CallView, input: CallInput): LockedPart[] {
  const snapshot = callSnapshot(before);
  const proposed = {
    years: [...input.years].sort((a, b) => a - b),
    envelopeCents: input.envelopeCents,
    axes: input.axes.map(({ code, labelFr, labelEn, description }) => ({ code, labelFr, labelEn, description })),
    allocations: [...input.allocations].sort((a, b) => a.axisCode.localeCompare(b.axisCode) || a.year - b.year)
      .map(({ axisCode, year, amountCents }) => ({ axisCode, year, amountCents })),
    criteria: input.criteria.map(({ code, labelFr, labelEn, description, weight, maxScore }) => ({ code, labelFr, labelEn, description, weight, maxScore })),
    paymentRule: { advanceBasisPoints: input.paymentRule.advanceBasisPoints },
  };
  const changed: LockedPart[] = [];
  if (new Date(input.opensAt).getTime() !== new Date(before.opensAt).getTime()) changed.push('opensAt');
  if (new Date(input.closesAt).getTime() < new Date(before.closesAt).getTime()) changed.push('closesAt');
  for (const key of Object.keys(proposed) as Array<keyof typeof proposed>) {
    if (Object.keys(diffOf({ [key]: snapshot[key] }, { [key]: proposed[key] })).length > 0) changed.push(key);
  }
  return changed;
}

/**
 * The calls (among `ids`) whose selection is decided: a committee session published, and no application
 * still waiting for a decision (admissible, under review or reviewed; earlier states never reach the committee).
 */
async function decidedCalls(manager: EntityManager, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT c.id FROM call c
      WHERE c.id = ANY($1::uuid[])
        AND EXISTS (SELECT 1 FROM committee_session s WHERE s.call_id = c.id AND s.status = 'published')
        AND NOT EXISTS (SELECT 1 FROM application a WHERE a.call_id = c.id AND a.status IN ('admissible', 'under_review', 'reviewed'))`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}
