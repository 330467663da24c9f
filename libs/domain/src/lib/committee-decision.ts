/**
 * The committee's decisions (issue #7 §7): what a decision on one application must hold, the
 * lifecycle of a committee session, and the check that publishing stays within every axis × year
 * allocation. Pure rules, shared by the API and the web dialog.
 */
import type { AllocationIssue } from './allocation';
import type { ApplicationAction } from './application-lifecycle';
import { isCents, type Cents } from './money';
import { defineStateMachine } from './state-machine';

export const DECISION_OUTCOMES = ['retained', 'waitlisted', 'rejected'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Why a project is rejected; the letter names it. Equal to the database's CHECK list. */
export const REJECTION_REASONS = ['insufficient_score', 'envelope_exhausted', 'outside_priorities', 'weak_budget', 'other'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const DECISION_TEXT_MAX_LENGTH = 2000;

/** The application lifecycle's action that publishing a decision of this outcome performs. */
export const DECISION_ACTIONS: Record<DecisionOutcome, ApplicationAction> = { retained: 'retain', waitlisted: 'waitlist', rejected: 'reject' };

export type CommitteeSessionStatus = 'open' | 'published';
export type CommitteeSessionAction = 'decide' | 'publish';

/** A session takes decisions while open; publishing closes it for good. */
export const committeeSessionLifecycle = defineStateMachine<CommitteeSessionStatus, CommitteeSessionAction>('committee-session', {
  decide: { from: ['open'], to: 'open' },
  publish: { from: ['open'], to: 'published' },
});

export interface DecisionGrantInput {
  year: number;
  amountCents: number;
}

export interface CommitteeDecisionInput {
  outcome: string;
  grants?: readonly DecisionGrantInput[] | null;
  waitlistRank?: number | null;
  rejectionReason?: string | null;
  comment?: string | null;
  lineExceptionReason?: string | null;
}

export interface DecisionContext {
  /** What the application asks for each year of the call (a year left out asks nothing). */
  requested: readonly DecisionGrantInput[];
  /** Whether the application is above the strict cut line of its axis's ranking. */
  aboveCutLine: boolean;
}

/** A decision ready to record: one grant per requested year (0 unless retained), the texts trimmed. */
export interface CheckedDecision {
  outcome: DecisionOutcome;
  grants: Array<{ year: number; amountCents: Cents }>;
  waitlistRank: number | null;
  rejectionReason: RejectionReason | null;
  comment: string;
  lineExceptionReason: string | null;
  /** Retained below the cut line, or rejected above it: an exception the committee must justify. */
  flagged: boolean;
}

export interface DecisionCheck {
  issues: AllocationIssue[];
  decision: CheckedDecision | null;
}

export function isDecisionOutcome(value: unknown): value is DecisionOutcome {
  return typeof value === 'string' && (DECISION_OUTCOMES as readonly string[]).includes(value);
}

export function isRejectionReason(value: unknown): value is RejectionReason {
  return typeof value === 'string' && (REJECTION_REASONS as readonly string[]).includes(value);
}

/** Whether this outcome, at this place relative to the cut line, departs from the ranking. */
export function isLineException(outcome: DecisionOutcome, aboveCutLine: boolean): boolean {
  return (outcome === 'retained' && !aboveCutLine) || (outcome === 'rejected' && aboveCutLine);
}

const blank = (text: string | null | undefined): boolean => (text ?? '').trim() === '';

/**
 * Checks one decision against the application's request and its place in the ranking. Issues name the
 * field as the API receives it (`grants[1].amountCents`), so that a batch can prefix them with its item.
 */
export function checkDecision(input: CommitteeDecisionInput, context: DecisionContext): DecisionCheck {
  const issues: AllocationIssue[] = [];
  if (!isDecisionOutcome(input.outcome)) {
    issues.push({ field: 'outcome', code: 'DECISION_OUTCOME_INVALID', params: { allowed: DECISION_OUTCOMES.join(',') } });
    return { issues, decision: null };
  }
  const outcome = input.outcome;
  const requested = new Map(context.requested.map((r) => [r.year, r.amountCents]));
  const granted = new Map<number, Cents>();
  (input.grants ?? []).forEach((grant, i) => {
    if (!requested.has(grant.year)) {
      issues.push({ field: `grants[${i}].year`, code: 'DECISION_YEAR_UNKNOWN', params: { year: grant.year } });
    } else if (granted.has(grant.year)) {
      issues.push({ field: `grants[${i}].year`, code: 'DECISION_YEAR_DUPLICATE', params: { year: grant.year } });
    } else if (!isCents(grant.amountCents) || grant.amountCents < 0) {
      issues.push({ field: `grants[${i}].amountCents`, code: 'AMOUNT_NOT_CENTS' });
    } else if (grant.amountCents > (requested.get(grant.year) ?? 0)) {
      issues.push({
        field: `grants[${i}].amountCents`, code: 'DECISION_GRANT_ABOVE_REQUEST',
        params: { year: grant.year, requestedCents: requested.get(grant.year) ?? 0 },
      });
    } else {
      granted.set(grant.year, grant.amountCents);
    }
  });
  const anyGranted = [...granted.values()].some((c) => c > 0);
  if (outcome === 'retained' && !anyGranted && issues.length === 0) {
    issues.push({ field: 'grants', code: 'DECISION_GRANT_REQUIRED' });
  }
  if (outcome !== 'retained' && anyGranted) issues.push({ field: 'grants', code: 'DECISION_GRANTS_FORBIDDEN' });

  const rank = input.waitlistRank ?? null;
  if (outcome === 'waitlisted' && !(typeof rank === 'number' && Number.isInteger(rank) && rank > 0 && rank <= 100_000)) {
    issues.push({ field: 'waitlistRank', code: 'DECISION_WAITLIST_RANK_INVALID' });
  }
  if (outcome !== 'waitlisted' && rank !== null) issues.push({ field: 'waitlistRank', code: 'DECISION_FIELD_FORBIDDEN' });

  const reason = input.rejectionReason ?? null;
  if (outcome === 'rejected' && !isRejectionReason(reason)) {
    issues.push({ field: 'rejectionReason', code: 'DECISION_REJECTION_REASON_INVALID', params: { allowed: REJECTION_REASONS.join(',') } });
  }
  if (outcome !== 'rejected' && reason !== null) issues.push({ field: 'rejectionReason', code: 'DECISION_FIELD_FORBIDDEN' });
  if (outcome === 'rejected' && reason === 'other' && blank(input.comment)) {
    issues.push({ field: 'comment', code: 'DECISION_COMMENT_REQUIRED' });
  }
  if ((input.comment ?? '').length > DECISION_TEXT_MAX_LENGTH) {
    issues.push({ field: 'comment', code: 'DECISION_TEXT_TOO_LONG', params: { max: DECISION_TEXT_MAX_LENGTH } });
  }

  const flagged = isLineException(outcome, context.aboveCutLine);
  if (flagged && blank(input.lineExceptionReason)) {
    issues.push({ field: 'lineExceptionReason', code: 'DECISION_LINE_EXCEPTION_REQUIRED' });
  }
  if ((input.lineExceptionReason ?? '').length > DECISION_TEXT_MAX_LENGTH) {
    issues.push({ field: 'lineExceptionReason', code: 'DECISION_TEXT_TOO_LONG', params: { max: DECISION_TEXT_MAX_LENGTH } });
  }
  if (issues.length) return { issues, decision: null };
  return {
    issues,
    decision: {
      outcome,
      grants: [...requested.keys()].sort((a, b) => a - b).map((year) => ({ year, amountCents: outcome === 'retained' ? (granted.get(year) ?? 0) : 0 })),
      waitlistRank: outcome === 'waitlisted' ? rank : null,
      rejectionReason: outcome === 'rejected' ? (reason as RejectionReason) : null,
      comment: (input.comment ?? '').trim(),
      // Kept only where the rule asks for it: a reason on an ordinary decision would read as an exception.
      lineExceptionReason: flagged ? (input.lineExceptionReason ?? '').trim() : null,
      flagged,
    },
  };
}

export interface AxisYearAllocation {
  axisCode: string;
  year: number;
  allocationCents: Cents;
}

export interface GrantedCell {
  axisCode: string;
  year: number;
  grantedCents: Cents;
}

export interface ExceededCell {
  axisCode: string;
  year: number;
  allocationCents: Cents;
  grantedCents: Cents;
  excessCents: Cents;
}

/**
 * Publication check: the grants retained in each axis × year (published ones included) must fit its
 * allocation. Returns the cells that do not, in axis then year order (empty: publication may go ahead).
 * A grant in a cell without allocation counts against an allocation of 0.
 */
export function exceededAllocations(allocations: readonly AxisYearAllocation[], granted: readonly GrantedCell[]): ExceededCell[] {
  const key = (axisCode: string, year: number) => `${axisCode}\u0000${year}`;
  const allocation = new Map(allocations.map((a) => [key(a.axisCode, a.year), a.allocationCents]));
  const totals = new Map<string, { axisCode: string; year: number; cents: bigint }>();
  for (const g of granted) {
    const k = key(g.axisCode, g.year);
    const cell = totals.get(k) ?? { axisCode: g.axisCode, year: g.year, cents: 0n };
    cell.cents += BigInt(g.grantedCents);
    totals.set(k, cell);
  }
  return [...totals.values()]
    .filter((c) => c.cents > BigInt(allocation.get(key(c.axisCode, c.year)) ?? 0))
    .sort((a, b) => (a.axisCode < b.axisCode ? -1 : a.axisCode > b.axisCode ? 1 : a.year - b.year))
    .map((c) => {
      const allocationCents = allocation.get(key(c.axisCode, c.year)) ?? 0;
      return { axisCode: c.axisCode, year: c.year, allocationCents, grantedCents: Number(c.cents), excessCents: Number(c.cents - BigInt(allocationCents)) };
    });
}
