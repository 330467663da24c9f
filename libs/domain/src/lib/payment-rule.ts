/**
 * Payment schedule of a grant: each year's amount is paid as an advance when the year starts,
 * and the balance once that year's activity report is approved.
 */
import { AllocationIssue } from './allocation';
import { assertCents, Cents, splitByBasisPoints } from './money';

export interface PaymentRule {
  /** Share of each year's amount paid as advance, in basis points (8000 = 80 %). */
  advanceBasisPoints: number;
}

export interface YearSplit {
  advanceCents: Cents;
  balanceCents: Cents;
}

const MAX_BASIS_POINTS = 10_000;

export function checkPaymentRule(rule: PaymentRule): AllocationIssue[] {
  const bp = rule.advanceBasisPoints;
  if (Number.isInteger(bp) && bp >= 0 && bp <= MAX_BASIS_POINTS) return [];
  return [
    {
      field: 'paymentRule.advanceBasisPoints',
      code: 'PAYMENT_ADVANCE_INVALID',
      params: { min: 0, max: MAX_BASIS_POINTS },
    },
  ];
}

/**
 * Splits one year's amount. The advance is rounded down, so rounding never pays out more
 * before the report than the rule allows; the balance absorbs the odd cent.
 * Throws RangeError on a negative or non-integer amount, or an invalid rule.
 */
export function splitYearAmount(
  yearAmountCents: Cents,
  rule: PaymentRule,
): YearSplit {
  assertCents(yearAmountCents, 'yearAmountCents');
  if (yearAmountCents < 0) {
    throw new RangeError(
      `yearAmountCents must not be negative, got ${yearAmountCents}`,
    );
  }
  if (checkPaymentRule(rule).length > 0) {
    throw new RangeError(
      `paymentRule.advanceBasisPoints must be an integer between 0 and ${MAX_BASIS_POINTS}`,
    );
  }
  const { part, rest } = splitByBasisPoints(
    yearAmountCents,
    rule.advanceBasisPoints,
  );
  return { advanceCents: part, balanceCents: rest };
}
