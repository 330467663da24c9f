import type { AllocationView, CallSummaryView, CallView } from '@tremplin/contracts';
import { isCallOpen } from '@tremplin/domain';
import type { Call } from './call.entity';

export function callStatus(call: Pick<Call, 'opensAt' | 'closesAt'>, now: Date): CallSummaryView['status'] {
  if (isCallOpen(call, now)) return 'open';
  return now < call.opensAt ? 'upcoming' : 'closed';
}

function allocationViews(call: Call): AllocationView[] {
  const codeOf = new Map((call.axes ?? []).map((axis) => [axis.id, axis.code]));
  return (call.allocations ?? [])
    .map((a) => ({ axisCode: codeOf.get(a.axisId) ?? '?', year: a.year, amountCents: a.amountCents }))
    .sort((a, b) => a.axisCode.localeCompare(b.axisCode) || a.year - b.year);
}

export function toCallSummaryView(call: Call, now = new Date(), decided = false): CallSummaryView {
  const status = callStatus(call, now);
  const axes = [...(call.axes ?? [])].sort((a, b) => a.position - b.position);
  return {
    id: call.id,
    code: call.code,
    title: call.title,
    description: call.description,
    titleEn: call.titleEn,
    descriptionEn: call.descriptionEn,
    opensAt: call.opensAt.toISOString(),
    closesAt: call.closesAt.toISOString(),
    years: [...call.years].sort((a, b) => a - b),
    envelopeCents: call.envelopeCents,
    status,
    historical: status === 'closed',
    decided: status === 'closed' && decided,
    axes: axes.map((axis) => ({
      code: axis.code,
      labelFr: axis.labelFr,
      labelEn: axis.labelEn,
      description: axis.description,
      position: axis.position,
      envelopeCents: (call.allocations ?? []).filter((a) => a.axisId === axis.id).reduce((sum, a) => sum + a.amountCents, 0),
    })),
  };
}

export function toCallView(call: Call, now = new Date(), decided = false): CallView {
  return {
    ...toCallSummaryView(call, now, decided),
    allocations: allocationViews(call),
    criteria: [...(call.criteria ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ code: c.code, labelFr: c.labelFr, labelEn: c.labelEn, description: c.description, weight: c.weight, maxScore: c.maxScore, position: c.position })),
    paymentRule: { advanceBasisPoints: call.advanceBasisPoints },
    reviewersPerApplication: call.reviewersPerApplication,
    structureLocked: call.structureLockedAt !== null,
    version: call.version,
    updatedAt: call.updatedAt.toISOString(),
  };
}

/** What the audit trail records of a call's configuration. */
export function callSnapshot(view: CallView): Record<string, unknown> {
  return {
    code: view.code, title: view.title, description: view.description, titleEn: view.titleEn, descriptionEn: view.descriptionEn, opensAt: view.opensAt, closesAt: view.closesAt,
    years: view.years, envelopeCents: view.envelopeCents,
    axes: view.axes.map(({ code, labelFr, labelEn, description }) => ({ code, labelFr, labelEn, description })),
    allocations: view.allocations, criteria: view.criteria.map(({ position: _p, ...c }) => c),
    paymentRule: view.paymentRule, reviewersPerApplication: view.reviewersPerApplication,
  };
}
