/**
 * A convention's installments (échéances): each year an advance (the call's share, rounded down by
 * `splitYearAmount`) and a balance (the rest, so the odd cent is paid with the balance). The two always
 * add up exactly to the year's amount. The balance becomes due only once that year's report is approved.
 */
import type { AllocationIssue } from './allocation';
import { assertCents, Cents } from './money';
import { PaymentRule, splitYearAmount } from './payment-rule';
import { defineStateMachine } from './state-machine';

export const INSTALLMENT_KINDS = ['advance', 'balance'] as const;
export type InstallmentKind = (typeof INSTALLMENT_KINDS)[number];

export const INSTALLMENT_STATUSES = ['planned', 'due', 'paid', 'cancelled'] as const;
export type InstallmentStatus = (typeof INSTALLMENT_STATUSES)[number];
export type InstallmentAction = 'make_due' | 'settle' | 'cancel';

export const installmentLifecycle = defineStateMachine<InstallmentStatus, InstallmentAction>('installment', {
  make_due: { from: ['planned'], to: 'due' },
  // Reached when payments add up to the installment's amount (see applyPayment in payment-rules).
  settle: { from: ['due'], to: 'paid' },
  cancel: { from: ['planned', 'due'], to: 'cancelled' },
});

export interface ConventionYearAmount {
  year: number;
  amountCents: Cents;
}

export interface PlannedInstallment {
  year: number;
  kind: InstallmentKind;
  amountCents: Cents;
  /** ISO date (YYYY-MM-DD): when it is expected; a balance still waits for the report's approval. */
  dueOn: string;
}

export interface ScheduleInput {
  years: readonly ConventionYearAmount[];
  rule: PaymentRule;
  /** ISO date of the Département's signature: the first year's advance falls due then. */
  signedOn: string;
}

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

function assertIsoDate(text: string, label: string): string {
  const match = ISO_DATE.exec(text);
  const date = match === null ? null : new Date(`${text}T00:00:00Z`);
  if (date === null || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new RangeError(`${label} must be an ISO date YYYY-MM-DD, got ${text}`);
  }
  return text;
}

/**
 * Advance: on 1 January of its year, or on the signature date when that is later (the first year is
 * paid on signature). Balance: planned for 30 June of the next year, the report's deadline (six months
 * after the year ends); it only becomes due when the report is approved.
 * Zero-amount installments are left out (a 0 % or 100 % advance rule gives one installment a year).
 */
export function buildInstallmentSchedule(input: ScheduleInput): PlannedInstallment[] {
  const signedOn = assertIsoDate(input.signedOn, 'signedOn');
  const seen = new Set<number>();
  const sorted = [...input.years].sort((a, b) => a.year - b.year);
  const installments: PlannedInstallment[] = [];
  for (const { year, amountCents } of sorted) {
    if (!Number.isInteger(year) || year < 1000 || year > 9998) throw new RangeError(`year must be a four-digit year, got ${String(year)}`);
    if (seen.has(year)) throw new RangeError(`year ${year} appears twice`);
    seen.add(year);
    assertCents(amountCents, `amountCents of ${year}`);
    const { advanceCents, balanceCents } = splitYearAmount(amountCents, input.rule);
    const yearStart = `${year}-01-01`;
    if (advanceCents > 0) {
      installments.push({ year, kind: 'advance', amountCents: advanceCents, dueOn: signedOn > yearStart ? signedOn : yearStart });
    }
    if (balanceCents > 0) {
      installments.push({ year, kind: 'balance', amountCents: balanceCents, dueOn: `${year + 1}-06-30` });
    }
  }
  return installments;
}

export interface DueCheckInput {
  kind: InstallmentKind;
  status: InstallmentStatus;
  /** The installment's planned date (ISO). */
  dueOn: string;
  /** ISO date of today. */
  today: string;
  /** Whether that year's report (bilan) is approved: only the balance needs it. */
  reportApproved: boolean;
}

/**
 * May this installment move from planned to due? An advance when its date has come; a balance as soon
 * as the year's report is approved (whatever the date). Empty array = yes.
 */
export function checkInstallmentDue(input: DueCheckInput): AllocationIssue[] {
  if (!installmentLifecycle.can(input.status, 'make_due')) {
    return [{ field: 'status', code: 'INSTALLMENT_NOT_PLANNED', params: { status: input.status } }];
  }
  if (input.kind === 'balance') {
    return input.reportApproved ? [] : [{ field: 'reportApproved', code: 'INSTALLMENT_REPORT_NOT_APPROVED' }];
  }
  return input.dueOn <= input.today ? [] : [{ field: 'dueOn', code: 'INSTALLMENT_NOT_YET_DUE', params: { dueOn: input.dueOn } }];
}
