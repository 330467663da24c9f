import { REQUIRED_DOCUMENT_KINDS, type BudgetYearView, type DeclarationInput, type DocumentKind, type ProjectView } from '@tremplin/contracts';
import { budgetYearTotals, checkBudgetForSubmission, totalRequestedCents, type BudgetIssue } from '@tremplin/domain';

/** A field-level issue: `code` is a FIELD_MESSAGES key, rendered by the error filter. */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export const DOCUMENT_KIND_NAMES: Record<DocumentKind, { fr: string; en: string }> = {
  statutes: { fr: 'statuts', en: 'statutes' },
  officers: { fr: 'liste des dirigeants', en: 'list of officers' },
  bank_details: { fr: "relevé d'identité bancaire", en: 'bank details' },
  activity_report: { fr: "dernier rapport d'activité", en: 'last activity report' },
  accounts: { fr: 'derniers comptes approuvés', en: 'last approved accounts' },
  budget: { fr: "budget prévisionnel de l'association", en: "the association's budget" },
  other: { fr: 'autre pièce', en: 'other document' },
  message: { fr: 'pièce jointe à un message', en: 'message attachment' },
};

const issue = (field: string, code: string, params?: Record<string, string | number>): FieldIssue => ({ field, code, message: code, ...(params ? { params } : {}) });
const blank = (text: string | null | undefined): boolean => !text || !text.trim();

/** Budget years entered twice would be counted twice in the amount requested. */
export function duplicateBudgetYears(budget: readonly BudgetYearView[]): FieldIssue[] {
  const seen = new Set<number>();
  const issues: FieldIssue[] = [];
  budget.forEach((year, i) => {
    if (seen.has(year.year)) issues.push(issue(`budget[${i}].year`, 'BUDGET_YEAR_DUPLICATE', { year: year.year }));
    seen.add(year.year);
  });
  return issues;
}

/** Each amount is a safe integer, but totals must be too, or they could not be computed to the cent. */
export function budgetTotalIssues(budget: readonly BudgetYearView[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  budget.forEach((year, i) => {
    const totals = budgetYearTotals(year);
    if (!Number.isSafeInteger(totals.chargesCents) || !Number.isSafeInteger(totals.productsCents)) {
      issues.push(issue(`budget[${i}]`, 'BUDGET_TOTAL_TOO_LARGE', { year: year.year }));
    }
  });
  if (!issues.length && !Number.isSafeInteger(totalRequestedCents(budget))) issues.push(issue('budget', 'BUDGET_TOTAL_TOO_LARGE', { year: budget[0]?.year ?? 0 }));
  return issues;
}

export function budgetIssues(issues: readonly BudgetIssue[]): FieldIssue[] {
  return issues.map((i) => issue(i.field, i.code, i.params));
}

/** True for a real calendar date written YYYY-MM-DD (2016-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

export interface SubmissionContent {
  title: string;
  summary: string;
  project: ProjectView;
  budget: BudgetYearView[];
  declaration: DeclarationInput | null;
  /** Kinds of the application's current (non-deleted) documents. */
  documentKinds: readonly string[];
}

/**
 * Everything submission still needs, all at once (the association fixes the whole list in one go).
 * A draft may be incomplete; these rules apply at submission only.
 */
export function submissionIssues(content: SubmissionContent, years: readonly number[]): FieldIssue[] {
  const { project } = content;
  const issues: FieldIssue[] = [];
  if (blank(content.title)) issues.push(issue('title', 'REQUIRED'));
  if (blank(content.summary)) issues.push(issue('summary', 'REQUIRED'));
  if (blank(project.objectives)) issues.push(issue('project.objectives', 'REQUIRED'));
  if (blank(project.activities)) issues.push(issue('project.activities', 'REQUIRED'));
  if (project.rsaBeneficiariesPerYear.length !== years.length) {
    issues.push(issue('project.rsaBeneficiariesPerYear', 'REQUIRED_PER_YEAR', { count: years.length }));
  }
  if (project.territories.length === 0) issues.push(issue('project.territories', 'REQUIRED'));
  if (project.startDate === null) issues.push(issue('project.startDate', 'REQUIRED'));
  else if (!isCalendarDate(project.startDate)) issues.push(issue('project.startDate', 'DATE_INVALID'));
  project.indicators.forEach((indicator, i) => {
    if (indicator.targets.length !== years.length) issues.push(issue(`project.indicators[${i}].targets`, 'REQUIRED_PER_YEAR', { count: years.length }));
  });
  if (!project.indicators.some((indicator) => indicator.targets.length === years.length)) issues.push(issue('project.indicators', 'INDICATOR_REQUIRED'));
  issues.push(...duplicateBudgetYears(content.budget), ...budgetIssues(checkBudgetForSubmission(content.budget, years)));
  for (const kind of REQUIRED_DOCUMENT_KINDS) {
    if (!content.documentKinds.includes(kind)) {
      issues.push(issue(`documents.${kind}`, 'DOCUMENT_MISSING', { kind, labelFr: DOCUMENT_KIND_NAMES[kind].fr, labelEn: DOCUMENT_KIND_NAMES[kind].en }));
    }
  }
  const declaration = content.declaration;
  if (!declaration) {
    issues.push(issue('declaration', 'DECLARATION_INCOMPLETE'));
  } else {
    if (blank(declaration.signatoryName)) issues.push(issue('declaration.signatoryName', 'REQUIRED'));
    if (blank(declaration.signatoryFunction)) issues.push(issue('declaration.signatoryFunction', 'REQUIRED'));
    for (const key of ['accurate', 'obligationsMet', 'republicanCommitment'] as const) {
      if (declaration[key] !== true) issues.push(issue(`declaration.${key}`, 'DECLARATION_INCOMPLETE'));
    }
  }
  return issues;
}

/**
 * `AAP2016-MED-000123`: the call's first year, the axis code's first three letters, the call's counter.
 * When several calls start the same year, the later ones get a letter (`AAP2016B-…`) so that
 * numbers counted per call can never collide.
 */
export function applicationReference(firstYear: number, callRank: number, axisCode: string, number: number): string {
  const suffix = callRank === 0 ? '' : String.fromCharCode(65 + Math.min(callRank, 25));
  return `AAP${firstYear}${suffix}-${axisCode.slice(0, 3)}-${String(number).padStart(6, '0')}`;
}

const PARIS = { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' } as const;
const parisFormatters = { fr: new Intl.DateTimeFormat('fr-FR', PARIS), en: new Intl.DateTimeFormat('en-GB', PARIS) };

/** « 18 mars 2016 à 12:00 » / "18 March 2016 at 12:00", in Paris time whatever the server's zone. */
export function parisDateTime(date: Date, lang: 'fr' | 'en' = 'fr'): string {
  return parisFormatters[lang].format(date);
}

/** Today's date in Paris, YYYY-MM-DD. */
export function parisToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
