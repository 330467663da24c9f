/**
 * Money rules of commitments (engagements) and payments (mandatements):
 * - a cell (axis × year of a call) never commits more than it is allocated: allocated ≥ committed ≥ paid;
 * - a payment never exceeds what remains on its installment, nor what remains of the year's commitment;
 * - a budget revision never brings a cell below what is committed in it.
 * The API applies them on rows locked in the transaction; the database CHECKs are the last guard.
 */
import type { AllocationCell, AllocationIssue } from './allocation';
import { Cents, isCents } from './money';
import type { InstallmentStatus } from './installment-schedule';

/** One allocation cell with the totals the API keeps on it. */
export interface CellTotals {
  axisCode: string;
  year: number;
  allocatedCents: Cents;
  committedCents: Cents;
  paidCents: Cents;
}

export function remainingToCommit(cell: Pick<CellTotals, 'allocatedCents' | 'committedCents'>): Cents {
  return cell.allocatedCents - cell.committedCents;
}

export function remainingToPay(cell: Pick<CellTotals, 'committedCents' | 'paidCents'>): Cents {
  return cell.committedCents - cell.paidCents;
}

/** Why a commitment change is refused; names the cell and what remains, for a 409 message. */
export interface CommitmentRefusal {
  code: 'COMMITMENT_EXCEEDS_ALLOCATION' | 'COMMITMENT_BELOW_PAID' | 'AMOUNT_NOT_CENTS';
  axisCode: string;
  year: number;
  requestedCents: Cents;
  /** For an excess: what can still be committed. For a release below paid: what can still be released. */
  remainingCents: Cents;
}

/**
 * Checks a change of what is committed in a cell: positive at the Département's signature or an amendment
 * raising a year, negative when an amendment lowers it (never below what is already paid from the cell).
 * Returns null when allowed.
 */
export function checkCommitment(cell: CellTotals, deltaCents: Cents): CommitmentRefusal | null {
  const base = { axisCode: cell.axisCode, year: cell.year, requestedCents: deltaCents };
  if (!isCents(deltaCents)) return { ...base, code: 'AMOUNT_NOT_CENTS', remainingCents: remainingToCommit(cell) };
  if (deltaCents > remainingToCommit(cell)) {
    return { ...base, code: 'COMMITMENT_EXCEEDS_ALLOCATION', remainingCents: remainingToCommit(cell) };
  }
  if (deltaCents < 0 && cell.committedCents + deltaCents < cell.paidCents) {
    return { ...base, code: 'COMMITMENT_BELOW_PAID', remainingCents: remainingToPay(cell) };
  }
  return null;
}

/** The cell after an accepted commitment change (throws if the change is refused: check first). */
export function applyCommitment(cell: CellTotals, deltaCents: Cents): CellTotals {
  const refusal = checkCommitment(cell, deltaCents);
  if (refusal !== null) throw new RangeError(`${refusal.code} on ${refusal.axisCode} ${refusal.year}`);
  return { ...cell, committedCents: cell.committedCents + deltaCents };
}

export interface InstallmentBalance {
  amountCents: Cents;
  paidCents: Cents;
  status: InstallmentStatus;
}

/** What the convention committed for this installment's year, and what was paid for that year so far. */
export interface YearCommitment {
  committedCents: Cents;
  paidCents: Cents;
}

export interface PaymentInput {
  amountCents: Cents;
  installment: InstallmentBalance;
  year: YearCommitment;
}

/** Checks one payment; an empty array means it can be recorded. */
export function checkPayment(input: PaymentInput): AllocationIssue[] {
  const { amountCents, installment, year } = input;
  if (!isCents(amountCents)) return [{ field: 'amountCents', code: 'AMOUNT_NOT_CENTS' }];
  if (amountCents <= 0) return [{ field: 'amountCents', code: 'PAYMENT_NOT_POSITIVE' }];
  if (installment.status !== 'due') {
    return [{ field: 'installment', code: 'PAYMENT_INSTALLMENT_NOT_DUE', params: { status: installment.status } }];
  }
  const issues: AllocationIssue[] = [];
  const installmentRemaining = installment.amountCents - installment.paidCents;
  if (amountCents > installmentRemaining) {
    issues.push({ field: 'amountCents', code: 'PAYMENT_ABOVE_INSTALLMENT', params: { remainingCents: installmentRemaining } });
  }
  const yearRemaining = year.committedCents - year.paidCents;
  if (amountCents > yearRemaining) {
    issues.push({ field: 'amountCents', code: 'PAYMENT_ABOVE_COMMITMENT', params: { remainingCents: yearRemaining } });
  }
  return issues;
}

export interface PaymentOutcome {
  installment: InstallmentBalance;
  year: YearCommitment;
}

/** The installment and year after an accepted payment; the installment is paid once nothing remains. */
export function applyPayment(input: PaymentInput): PaymentOutcome {
  const issues = checkPayment(input);
  if (issues.length > 0) throw new RangeError(issues.map((issue) => issue.code).join(', '));
  const paidCents = input.installment.paidCents + input.amountCents;
  return {
    installment: {
      amountCents: input.installment.amountCents,
      paidCents,
      status: paidCents === input.installment.amountCents ? 'paid' : 'due',
    },
    year: { committedCents: input.year.committedCents, paidCents: input.year.paidCents + input.amountCents },
  };
}

/** What is committed in one cell, for checking a revision. */
export interface CellCommitment {
  axisCode: string;
  year: number;
  committedCents: Cents;
}

/**
 * A budget revision may move money between axes and years, but never leaves a cell below what is
 * committed in it (a cell left out of the revision counts as 0). Issues name the cell.
 */
export function checkRevisionAgainstCommitments(
  committed: readonly CellCommitment[],
  allocations: readonly AllocationCell[],
): AllocationIssue[] {
  const issues: AllocationIssue[] = [];
  for (const cell of committed) {
    if (cell.committedCents <= 0) continue;
    const index = allocations.findIndex((a) => a.axisCode === cell.axisCode && a.year === cell.year);
    const allocated = index >= 0 ? (allocations[index]?.amountCents ?? 0) : 0;
    if (allocated < cell.committedCents) {
      issues.push({
        field: index >= 0 ? `allocations[${index}].amountCents` : 'allocations',
        code: 'ALLOCATION_BELOW_COMMITTED',
        params: { axisCode: cell.axisCode, year: cell.year, committedCents: cell.committedCents, amountCents: allocated },
      });
    }
  }
  return issues;
}
