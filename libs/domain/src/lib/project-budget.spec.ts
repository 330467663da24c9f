import fc from 'fast-check';
import {
  CHARGE_ACCOUNTS,
  PRODUCT_ACCOUNTS,
  budgetYearState,
  budgetYearTotals,
  checkBudgetAmounts,
  checkBudgetForSubmission,
  emptyBudgetYear,
  totalRequestedCents,
  type BudgetYear,
} from './project-budget';

function balanced(year: number, requested = 2_500_000): BudgetYear {
  const b = emptyBudgetYear(year);
  b.charges.c64 = 3_000_000; // staff
  b.charges.c61 = 500_000;
  b.charges.c86 = 200_000;
  b.products.p74Departement = requested;
  b.products.p74State = 3_500_000 - requested;
  b.products.p87 = 200_000;
  return b;
}

describe('project budget (CERFA 12156)', () => {
  it('computes totals, the request and the Département share', () => {
    const totals = budgetYearTotals(balanced(2016));
    expect(totals).toEqual({
      chargesCents: 3_700_000, productsCents: 3_700_000, gapCents: 0, requestedCents: 2_500_000,
      coFundingCents: 1_000_000, departementShareBasisPoints: 6757,
    });
  });

  it('accepts three balanced years', () => {
    expect(checkBudgetForSubmission([balanced(2016), balanced(2017), balanced(2018)], [2016, 2017, 2018])).toEqual([]);
  });

  it('names the unbalanced year and the gap', () => {
    const y = balanced(2017);
    y.charges.c60 = 10_000;
    const issues = checkBudgetForSubmission([balanced(2016), y, balanced(2018)], [2016, 2017, 2018]);
    expect(issues).toEqual([
      { field: 'budget[1]', code: 'BUDGET_YEAR_UNBALANCED', params: { year: 2017, chargesCents: 3_710_000, productsCents: 3_700_000, gapCents: -10_000 } },
    ]);
  });

  it('requires every year of the call, a request, and the name of other co-funders', () => {
    const y = emptyBudgetYear(2016);
    y.products.p74Other = 100;
    y.charges.c60 = 100;
    const issues = checkBudgetForSubmission([y], [2016, 2017]);
    expect(issues.map((i) => i.code).sort()).toEqual(['BUDGET_OTHER_FUNDER_NAME', 'BUDGET_YEAR_MISSING', 'BUDGET_YEAR_NO_REQUEST']);
  });

  it('refuses a year with no charges and no request even though it « balances » at 0,00 €', () => {
    const issues = checkBudgetForSubmission([balanced(2016), emptyBudgetYear(2017), balanced(2018)], [2016, 2017, 2018]);
    expect(issues).toEqual([
      { field: 'budget[1]', code: 'BUDGET_YEAR_EMPTY', params: { year: 2017 } },
      { field: 'budget[1].products.p74Departement', code: 'BUDGET_YEAR_NO_REQUEST', params: { year: 2017 } },
    ]);
  });

  it('requires a request in every year, not only in one', () => {
    const noRequest = emptyBudgetYear(2018);
    noRequest.charges.c64 = 1_000_000;
    noRequest.products.p74State = 1_000_000;
    expect(checkBudgetForSubmission([balanced(2016), balanced(2017), noRequest], [2016, 2017, 2018])).toEqual([
      { field: 'budget[2].products.p74Departement', code: 'BUDGET_YEAR_NO_REQUEST', params: { year: 2018 } },
    ]);
  });

  it('gives the state the wizard shows for a year', () => {
    expect(budgetYearState({ chargesCents: 0, gapCents: 0, requestedCents: 0 })).toBe('empty');
    expect(budgetYearState({ chargesCents: 100, gapCents: -100, requestedCents: 0 })).toBe('unbalanced');
    expect(budgetYearState({ chargesCents: 100, gapCents: 0, requestedCents: 0 })).toBe('no-request');
    expect(budgetYearState({ chargesCents: 100, gapCents: 0, requestedCents: 40 })).toBe('complete');
  });

  it('refuses negative and fractional amounts with the field path', () => {
    const y = balanced(2016);
    y.charges.c62 = -1;
    y.products.p75 = 1.5;
    expect(checkBudgetAmounts([y], [2016]).map((i) => i.field)).toEqual(['budget[0].charges.c62', 'budget[0].products.p75']);
  });

  it('property: a year whose products mirror its charges always balances, and the gap is products − charges', () => {
    const cents = fc.integer({ min: 0, max: 1_000_000_000 });
    fc.assert(
      fc.property(fc.array(cents, { minLength: CHARGE_ACCOUNTS.length, maxLength: CHARGE_ACCOUNTS.length }), cents, (amounts, extra) => {
        const y = emptyBudgetYear(2016);
        CHARGE_ACCOUNTS.forEach((a, i) => (y.charges[a] = amounts[i] ?? 0));
        const total = amounts.reduce((s, v) => s + v, 0);
        y.products.p74Departement = total;
        expect(budgetYearTotals(y).gapCents).toBe(0);
        y.products.p70 = extra;
        expect(budgetYearTotals(y).gapCents).toBe(extra);
        expect(PRODUCT_ACCOUNTS).toContain('p70');
      }),
    );
  });

  it('totals the request over the years', () => {
    expect(totalRequestedCents([balanced(2016, 1), balanced(2017, 2), balanced(2018, 3)])).toBe(6);
  });
});
