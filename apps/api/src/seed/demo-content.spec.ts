import { budgetYearTotals, checkBudgetForSubmission, isValidBic, isValidIban, isValidRna, isValidSiret } from '@tremplin/domain';
import { demoApplicationContent, demoBudget } from './demo-applications';
import { demoIban, demoOrganization, demoSiret } from './demo-organizations';
import { seededRandom } from './random';

describe('demo content', () => {
  it('generates FR IBANs valid by mod 97 with a correct RIB key, and valid BICs', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 2000; i++) {
      const { iban, bic } = demoIban(random);
      expect(iban).toMatch(/^FR\d{25}$/);
      expect(isValidIban(iban)).toBe(true);
      expect(isValidBic(bic)).toBe(true);
      // Clé RIB: bank, branch, account and key together are 0 modulo 97.
      const bban = iban.slice(4);
      expect((89 * Number(bban.slice(0, 5)) + 15 * Number(bban.slice(5, 10)) + 3 * Number(bban.slice(10, 21)) + Number(bban.slice(21))) % 97).toBe(0);
    }
  });

  it('balances every year of every budget to the cent, with the request under 74 Département', () => {
    const random = seededRandom(2);
    for (let i = 0; i < 2000; i++) {
      const budget = demoBudget(random, [2016, 2017, 2018], 5_000 + Math.floor(random() * 80_000));
      expect(checkBudgetForSubmission(budget, [2016, 2017, 2018])).toEqual([]);
      for (const year of budget) {
        const totals = budgetYearTotals(year);
        expect(totals.gapCents).toBe(0);
        expect(year.products.p74Departement % 100).toBe(0);
        expect(totals.departementShareBasisPoints).toBeGreaterThanOrEqual(3000);
        expect(totals.departementShareBasisPoints).toBeLessThanOrEqual(8500);
        expect(year.otherFunderName !== '').toBe(year.products.p74Other > 0);
      }
    }
  });

  it('is deterministic: the same seed gives the same organisations and applications', () => {
    const make = () => {
      const random = seededRandom(42);
      const organization = demoOrganization(random, 0, demoSiret(random));
      return { organization, application: demoApplicationContent(random, organization, 'FREINS', [2016, 2017, 2018], ['04']) };
    };
    const first = make();
    expect(make()).toEqual(first);
    expect(isValidSiret(first.organization.siret)).toBe(true);
    if (first.organization.rna) expect(isValidRna(first.organization.rna)).toBe(true);
    expect(first.application.project.territories[0]).toBe(first.organization.territory);
    expect(first.application.project.rsaBeneficiariesPerYear).toHaveLength(3);
    expect(first.application.declaration.signatoryName).toBe(first.organization.legalRepName);
  });
});
