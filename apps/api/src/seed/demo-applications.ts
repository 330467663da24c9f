import type { DeclarationInput, ProjectView, Territory } from '@tremplin/contracts';
import { allocateProportionally, emptyBudgetYear, type BudgetYear, type ChargeAccount, type ProductAccount } from '@tremplin/domain';
import { AXIS_WORDING, NEIGHBOURS, OTHER_FUNDERS, OTHER_PUBLICS, PARTNERS, TERRITORY_PHRASES } from './demo-content';
import type { DemoOrganization } from './demo-organizations';
import { between, chance, logNormal, pick, sample } from './random';

export interface DemoApplicationContent {
  title: string;
  summary: string;
  project: ProjectView;
  budget: BudgetYear[];
  declaration: DeclarationInput;
}

const fill = (template: string, organization: DemoOrganization): string =>
  template
    .replaceAll('{city}', organization.city)
    .replaceAll('{ofTerritory}', TERRITORY_PHRASES[organization.territory].of)
    .replaceAll('{inTerritory}', TERRITORY_PHRASES[organization.territory].in);

/** Uniform draw in [min, max) scaled to an integer weight (allocateProportionally wants integers). */
const weight = (random: () => number, min: number, max: number): number => Math.round((min + random() * (max - min)) * 100);

/** Which co-funders a project has: chosen once, the amounts then vary per year. */
interface FundingPlan {
  departementShare: number;
  growth: number;
  chargeWeights: Record<Exclude<ChargeAccount, 'c86'>, [number, number]>;
  productWeights: Partial<Record<Exclude<ProductAccount, 'p74Departement' | 'p87'>, [number, number]>>;
  volunteerShare: number;
  otherFunderName: string;
}

function fundingPlan(random: () => number): FundingPlan {
  const productWeights: FundingPlan['productWeights'] = {};
  if (chance(random, 0.3)) productWeights.p70 = [2, 10];
  if (chance(random, 0.45)) productWeights.p74State = [5, 25];
  if (chance(random, 0.25)) productWeights.p74Region = [5, 20];
  if (chance(random, 0.6)) productWeights.p74Municipality = [5, 20];
  if (chance(random, 0.3)) productWeights.p74Europe = [10, 40];
  if (chance(random, 0.35)) productWeights.p74Other = [5, 15];
  if (chance(random, 0.5)) productWeights.p75 = [1, 5];
  if (chance(random, 0.05)) productWeights.p77 = [1, 2];
  if (chance(random, 0.1)) productWeights.p78 = [1, 3];
  if (Object.keys(productWeights).length === 0) productWeights.p74Municipality = [5, 20];
  return {
    // The Département funds between a third and four fifths of the project, the rest is co-funded.
    departementShare: 0.35 + random() * 0.45,
    growth: 0.98 + random() * 0.07,
    // Staff (64) dominates an insertion project's charges.
    chargeWeights: {
      c60: [3, 8], c61: [4, 12], c62: [5, 12], c63: [1, 3], c64: [55, 70],
      c65: chance(random, 0.3) ? [0.5, 2] : [0, 0], c66: chance(random, 0.1) ? [0.1, 0.5] : [0, 0], c67: [0, 0], c68: chance(random, 0.4) ? [0.5, 3] : [0, 0],
    },
    productWeights,
    volunteerShare: chance(random, 0.6) ? 0.02 + random() * 0.08 : 0,
    otherFunderName: pick(random, OTHER_FUNDERS),
  };
}

const roundTo = (value: number, step: number): number => Math.max(step, Math.round(value / step) * step);

/**
 * A three-year budget in the CERFA 12156 chart of accounts, every year balanced to the cent: the
 * Département's request under 74, co-funders for the rest, volunteer contributions 86 = 87.
 */
export function demoBudget(random: () => number, years: readonly number[], requestedFirstYearEuros: number): BudgetYear[] {
  const plan = fundingPlan(random);
  return years.map((year, k) => {
    const budget = emptyBudgetYear(year);
    const requestedEuros = roundTo(requestedFirstYearEuros * plan.growth ** k, 100);
    const chargesEuros = roundTo(requestedEuros / plan.departementShare, 10);
    const chargeAccounts = Object.keys(plan.chargeWeights) as Array<keyof FundingPlan['chargeWeights']>;
    const charges = allocateProportionally(chargesEuros, chargeAccounts.map((a) => weight(random, ...plan.chargeWeights[a])));
    chargeAccounts.forEach((account, i) => (budget.charges[account] = (charges[i] ?? 0) * 100));
    const productAccounts = Object.keys(plan.productWeights) as Array<keyof FundingPlan['productWeights']>;
    const coFunding = allocateProportionally(chargesEuros - requestedEuros, productAccounts.map((a) => {
      const [min, max] = plan.productWeights[a] ?? [0, 0];
      return Math.max(1, weight(random, min, max));
    }));
    productAccounts.forEach((account, i) => (budget.products[account] = (coFunding[i] ?? 0) * 100));
    budget.products.p74Departement = requestedEuros * 100;
    const volunteerEuros = plan.volunteerShare ? roundTo(chargesEuros * plan.volunteerShare, 10) : 0;
    budget.charges.c86 = volunteerEuros * 100;
    budget.products.p87 = volunteerEuros * 100;
    budget.otherFunderName = budget.products.p74Other > 0 ? plan.otherFunderName : '';
    return budget;
  });
}

/** The Département's request for the first year, in euros: median ≈ €25k, mostly €15k–40k. */
export function demoRequestedEuros(random: () => number): number {
  return roundTo(Math.min(90_000, Math.max(8_000, logNormal(random, 25_000, 0.3))), 100);
}

function projectTerritories(random: () => number, home: Territory): Territory[] {
  if (chance(random, 0.75)) return [home];
  return [home, ...sample(random, NEIGHBOURS[home], chance(random, 0.8) ? 1 : 2)];
}

/** Title, summary, project, budget and declaration of one demo application. */
export function demoApplicationContent(
  random: () => number,
  organization: DemoOrganization,
  axisCode: string,
  years: readonly number[],
  startMonths: readonly string[],
): DemoApplicationContent {
  const wording = AXIS_WORDING[axisCode];
  if (!wording) throw new Error(`no demo wording for axis ${axisCode}`);
  const budget = demoBudget(random, years, demoRequestedEuros(random));
  // €700–2,500 of charges per person reached and per year.
  const costPerPerson = between(random, 700, 2_500);
  const reached = budget.map((b) => Math.max(8, Math.round((b.charges.c60 + b.charges.c61 + b.charges.c62 + b.charges.c63 + b.charges.c64) / 100 / costPerPerson)));
  const indicators = sample(random, wording.indicators, between(random, 2, wording.indicators.length)).map((indicator) => {
    const base = indicator.kind === 'percent' ? between(random, 30, 60) : indicator.kind === 'people' ? 0 : between(random, 20, 400);
    return {
      label: indicator.label,
      code: null,
      unit: indicator.unit,
      targets: reached.map((n, k) =>
        indicator.kind === 'percent' ? Math.min(100, base + 5 * k) : indicator.kind === 'people' ? Math.max(1, Math.round(n * (0.4 + 0.1 * k))) : base + Math.round(base * 0.1 * k),
      ),
    };
  });
  const partners = sample(random, PARTNERS, between(random, 1, 4)).map(([name, role]) => ({ name: fill(name, organization), role }));
  return {
    title: fill(pick(random, wording.titles), organization),
    summary: pick(random, wording.summaries),
    project: {
      objectives: sample(random, wording.objectives, between(random, 2, 3)).join('\n'),
      activities: sample(random, wording.activities, between(random, 2, 4)).map((line) => `- ${line}`).join('\n'),
      rsaBeneficiariesPerYear: reached,
      otherPublics: pick(random, OTHER_PUBLICS),
      territories: projectTerritories(random, organization.territory),
      startDate: `${years[0] ?? 2016}-${pick(random, startMonths)}-01`,
      partners,
      indicators,
    },
    budget,
    declaration: {
      signatoryName: organization.legalRepName,
      signatoryFunction: organization.legalRepFunction,
      accurate: true,
      obligationsMet: true,
      republicanCommitment: true,
    },
  };
}
