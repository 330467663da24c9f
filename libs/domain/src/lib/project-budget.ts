import type { Cents } from './money';

/**
 * The project budget of the national subsidy form (CERFA n°12156), one per year: charges in the
 * chart of accounts (60–68 and 86 volunteer contributions), products (70, 74 by co-funder, 75–78
 * and 87). Each year balances: total charges = total products. The Département's line under 74 is
 * the amount requested.
 */
export const CHARGE_ACCOUNTS = ['c60', 'c61', 'c62', 'c63', 'c64', 'c65', 'c66', 'c67', 'c68', 'c86'] as const;
export type ChargeAccount = (typeof CHARGE_ACCOUNTS)[number];

export const PRODUCT_ACCOUNTS = [
  'p70',
  'p74State',
  'p74Region',
  'p74Departement',
  'p74Municipality',
  'p74Europe',
  'p74Other',
  'p75',
  'p76',
  'p77',
  'p78',
  'p87',
] as const;
export type ProductAccount = (typeof PRODUCT_ACCOUNTS)[number];

/** Co-funders named under account 74 (subventions d'exploitation). */
export const CO_FUNDING_ACCOUNTS: readonly ProductAccount[] = ['p74State', 'p74Region', 'p74Municipality', 'p74Europe', 'p74Other'];

export interface BudgetYear {
  year: number;
  charges: Record<ChargeAccount, Cents>;
  products: Record<ProductAccount, Cents>;
  /** Name of the "other" co-funder(s) under 74, required when that line is not zero. */
  otherFunderName: string;
}

export interface BudgetIssue {
  field: string;
  code:
    | 'BUDGET_YEAR_UNBALANCED'
    | 'BUDGET_AMOUNT_INVALID'
    | 'BUDGET_YEAR_MISSING'
    | 'BUDGET_YEAR_UNKNOWN'
    | 'BUDGET_OTHER_FUNDER_NAME'
    | 'BUDGET_YEAR_EMPTY'
    | 'BUDGET_YEAR_NO_REQUEST';
  params?: Record<string, string | number>;
}

export function emptyBudgetYear(year: number): BudgetYear {
  return {
    year,
    charges: Object.fromEntries(CHARGE_ACCOUNTS.map((a) => [a, 0])) as Record<ChargeAccount, Cents>,
    products: Object.fromEntries(PRODUCT_ACCOUNTS.map((a) => [a, 0])) as Record<ProductAccount, Cents>,
    otherFunderName: '',
  };
}

const sum = (values: readonly number[]): Cents => values.reduce((total, v) => total + v, 0);

export interface BudgetYearTotals {
  chargesCents: Cents;
  productsCents: Cents;
  /** products − charges; 0 when the year balances. */
  gapCents: Cents;
  requestedCents: Cents;
  coFundingCents: Cents;
  /** Département's share of the charges, in basis points (0–10000); 0 when there are no charges. */
  departementShareBasisPoints: number;
}

export function budgetYearTotals(year: BudgetYear): BudgetYearTotals {
  const chargesCents = sum(CHARGE_ACCOUNTS.map((a) => year.charges[a] ?? 0));
  const productsCents = sum(PRODUCT_ACCOUNTS.map((a) => year.products[a] ?? 0));
  const requestedCents = year.products.p74Departement ?? 0;
  return {
    chargesCents,
    productsCents,
    gapCents: productsCents - chargesCents,
    requestedCents,
    coFundingCents: sum(CO_FUNDING_ACCOUNTS.map((a) => year.products[a] ?? 0)),
    departementShareBasisPoints: chargesCents > 0 ? Math.round((requestedCents * 10000) / chargesCents) : 0,
  };
}

/** Shape and amounts only (a draft may be unbalanced while it is being filled). */
export function checkBudgetAmounts(budget: readonly BudgetYear[], years: readonly number[]): BudgetIssue[] {
  const issues: BudgetIssue[] = [];
  budget.forEach((year, i) => {
    if (!years.includes(year.year)) issues.push({ field: `budget[${i}].year`, code: 'BUDGET_YEAR_UNKNOWN', params: { year: year.year } });
    for (const account of CHARGE_ACCOUNTS) {
      const v = year.charges[account];
      if (!Number.isSafeInteger(v) || v < 0) issues.push({ field: `budget[${i}].charges.${account}`, code: 'BUDGET_AMOUNT_INVALID', params: { year: year.year } });
    }
    for (const account of PRODUCT_ACCOUNTS) {
      const v = year.products[account];
      if (!Number.isSafeInteger(v) || v < 0) issues.push({ field: `budget[${i}].products.${account}`, code: 'BUDGET_AMOUNT_INVALID', params: { year: year.year } });
    }
  });
  return issues;
}

/**
 * What submission requires: every year of the call present, each with charges, balanced, with an
 * amount requested from the Département (a three-year project needs the budget of each of its
 * years: an all-zero year « balances » but says nothing), and named co-funders.
 */
export function checkBudgetForSubmission(budget: readonly BudgetYear[], years: readonly number[]): BudgetIssue[] {
  const issues = checkBudgetAmounts(budget, years);
  for (const year of years) {
    if (!budget.some((b) => b.year === year)) issues.push({ field: 'budget', code: 'BUDGET_YEAR_MISSING', params: { year } });
  }
  budget.forEach((year, i) => {
    const totals = budgetYearTotals(year);
    if (totals.gapCents !== 0) {
      issues.push({
        field: `budget[${i}]`,
        code: 'BUDGET_YEAR_UNBALANCED',
        params: { year: year.year, chargesCents: totals.chargesCents, productsCents: totals.productsCents, gapCents: totals.gapCents },
      });
    }
    if (totals.chargesCents === 0) issues.push({ field: `budget[${i}]`, code: 'BUDGET_YEAR_EMPTY', params: { year: year.year } });
    if (totals.requestedCents === 0) {
      issues.push({ field: `budget[${i}].products.p74Departement`, code: 'BUDGET_YEAR_NO_REQUEST', params: { year: year.year } });
    }
    if ((year.products.p74Other ?? 0) > 0 && !year.otherFunderName.trim()) {
      issues.push({ field: `budget[${i}].otherFunderName`, code: 'BUDGET_OTHER_FUNDER_NAME', params: { year: year.year } });
    }
  });
  return issues;
}

/** Where a year stands, for the live status the wizard shows (same thresholds as submission). */
export type BudgetYearState = 'empty' | 'unbalanced' | 'no-request' | 'complete';
export function budgetYearState(totals: Pick<BudgetYearTotals, 'chargesCents' | 'gapCents' | 'requestedCents'>): BudgetYearState {
  if (totals.chargesCents === 0) return 'empty';
  if (totals.gapCents !== 0) return 'unbalanced';
  if (totals.requestedCents === 0) return 'no-request';
  return 'complete';
}

/** Total amount requested from the Département over all years. */
export function totalRequestedCents(budget: readonly BudgetYear[]): Cents {
  return sum(budget.map((b) => b.products.p74Departement ?? 0));
}
