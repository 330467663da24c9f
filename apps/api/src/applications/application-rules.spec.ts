import 'reflect-metadata'; // the contracts' class-validator decorators need it when imported alone
import { REQUIRED_DOCUMENT_KINDS, type DeclarationInput, type ProjectView } from '@tremplin/contracts';
import { emptyBudgetYear, type BudgetYear } from '@tremplin/domain';
import {
  applicationReference, budgetTotalIssues, duplicateBudgetYears, isCalendarDate, parisDateTime, parisToday, submissionIssues,
  type SubmissionContent,
} from './application-rules';

const YEARS = [2016, 2017, 2018];

function balanced(year: number): BudgetYear {
  const y = emptyBudgetYear(year);
  y.charges.c64 = 3_000_000;
  y.products.p74Departement = 2_000_000;
  y.products.p70 = 1_000_000;
  return y;
}

function complete(): SubmissionContent {
  const project: ProjectView = {
    objectives: 'o', activities: 'a', rsaBeneficiariesPerYear: [10, 10, 10], otherPublics: '', territories: ['DOUAISIS'], startDate: '2016-04-01',
    partners: [], indicators: [{ label: 'Personnes', code: null, unit: 'p', targets: [1, 2, 3] }],
  };
  const declaration: DeclarationInput = { signatoryName: 'Jean', signatoryFunction: 'Président', accurate: true, obligationsMet: true, republicanCommitment: true };
  return { title: 'T', summary: 'S', project, budget: YEARS.map(balanced), declaration, documentKinds: [...REQUIRED_DOCUMENT_KINDS] };
}

describe('submissionIssues', () => {
  it('finds nothing missing in a complete application', () => {
    expect(submissionIssues(complete(), YEARS)).toEqual([]);
  });

  it('lists every missing item at once, blank text counting as missing', () => {
    const c = complete();
    c.title = '  ';
    c.project = { ...c.project, objectives: '', rsaBeneficiariesPerYear: [1], territories: [], startDate: null, indicators: [{ label: 'x', code: null, unit: '', targets: [1] }] };
    c.documentKinds = ['statutes', 'other'];
    c.declaration = { ...(c.declaration as DeclarationInput), republicanCommitment: false };
    const fields = submissionIssues(c, YEARS).map((i) => `${i.field}:${i.code}`);
    expect(fields).toEqual([
      'title:REQUIRED', 'project.objectives:REQUIRED', 'project.rsaBeneficiariesPerYear:REQUIRED_PER_YEAR', 'project.territories:REQUIRED',
      'project.startDate:REQUIRED', 'project.indicators[0].targets:REQUIRED_PER_YEAR', 'project.indicators:INDICATOR_REQUIRED',
      'documents.officers:DOCUMENT_MISSING', 'documents.bank_details:DOCUMENT_MISSING', 'documents.activity_report:DOCUMENT_MISSING',
      'documents.accounts:DOCUMENT_MISSING', 'documents.budget:DOCUMENT_MISSING', 'declaration.republicanCommitment:DECLARATION_INCOMPLETE',
    ]);
  });

  it('names the unbalanced year with its amounts, and a missing declaration', () => {
    const c = complete();
    const year = c.budget[2] as BudgetYear;
    year.charges.c60 = 150;
    c.declaration = null;
    c.project = { ...c.project, startDate: '2016-02-30' };
    expect(submissionIssues(c, YEARS)).toEqual([
      { field: 'project.startDate', code: 'DATE_INVALID', message: 'DATE_INVALID' },
      { field: 'budget[2]', code: 'BUDGET_YEAR_UNBALANCED', message: 'BUDGET_YEAR_UNBALANCED', params: { year: 2018, chargesCents: 3_000_150, productsCents: 3_000_000, gapCents: -150 } },
      { field: 'declaration', code: 'DECLARATION_INCOMPLETE', message: 'DECLARATION_INCOMPLETE' },
    ]);
  });
});

describe('budget checks', () => {
  it('refuses a year entered twice and totals beyond the safe range', () => {
    expect(duplicateBudgetYears([balanced(2016), balanced(2017), balanced(2016)]).map((i) => i.field)).toEqual(['budget[2].year']);
    const huge = balanced(2016);
    huge.charges.c60 = Number.MAX_SAFE_INTEGER;
    expect(budgetTotalIssues([huge]).map((i) => `${i.field}:${i.code}`)).toEqual(['budget[0]:BUDGET_TOTAL_TOO_LARGE']);
    const asks = [balanced(2016), balanced(2017)].map((y) => ({ ...y, charges: { ...y.charges, c64: 0 }, products: { ...emptyBudgetYear(2016).products, p74Departement: Number.MAX_SAFE_INTEGER - 1 } }));
    expect(budgetTotalIssues(asks).map((i) => i.field)).toEqual(['budget']);
    expect(budgetTotalIssues([balanced(2016)])).toEqual([]);
  });
});

describe('applicationReference', () => {
  it('is AAP{first year}-{axis prefix}-{6 digits}, with a letter for later calls starting the same year', () => {
    expect(applicationReference(2016, 0, 'MEDIATION', 123)).toBe('AAP2016-MED-000123');
    expect(applicationReference(2016, 1, 'REMOBILISATION', 1)).toBe('AAP2016B-REM-000001');
    expect(applicationReference(2019, 0, 'AB', 1_234_567)).toBe('AAP2019-AB-1234567');
  });
});

describe('dates', () => {
  it('formats instants in Paris time, in French and English, whatever the server zone', () => {
    expect(parisDateTime(new Date('2016-03-18T11:00:00Z'), 'fr')).toBe('18 mars 2016 à 12:00');
    expect(parisDateTime(new Date('2016-07-01T10:30:00Z'), 'en')).toBe('1 July 2016 at 12:30');
    expect(parisToday(new Date('2016-12-31T23:30:00Z'))).toBe('2017-01-01');
  });
  it('knows real calendar dates', () => {
    expect(isCalendarDate('2016-02-29')).toBe(true);
    expect(isCalendarDate('2017-02-29')).toBe(false);
    expect(isCalendarDate('2016-2-1')).toBe(false);
  });
});
