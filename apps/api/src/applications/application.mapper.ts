import type {
  ApplicationSummaryView,
  ApplicationView,
  BudgetYearInput,
  BudgetYearView,
  DeclarationInput,
  ProjectInput,
  ProjectView,
  Territory,
} from '@tremplin/contracts';
import { CHARGE_ACCOUNTS, PRODUCT_ACCOUNTS, type ApplicationStatus, type ChargeAccount, type ProductAccount } from '@tremplin/domain';
import type { ApplicationDocument } from '../documents/application-document.entity';
import { toDocumentView } from '../documents/document.mapper';
import type { Application } from './application.entity';
import type { InformationRequest } from './information-request.entity';

// The mapper builds plain objects field by field: what is stored is exactly the contract's shape,
// never a class-transformer instance or a property a client slipped in.

export function projectRecord(input: ProjectInput): ProjectView {
  return {
    objectives: input.objectives ?? '',
    activities: input.activities ?? '',
    rsaBeneficiariesPerYear: [...(input.rsaBeneficiariesPerYear ?? [])],
    otherPublics: input.otherPublics ?? '',
    territories: [...(input.territories ?? [])],
    startDate: input.startDate ?? null,
    partners: (input.partners ?? []).map((p) => ({ name: p.name, role: p.role })),
    indicators: (input.indicators ?? []).map((i) => ({ label: i.label, code: i.code ?? null, unit: i.unit, targets: [...i.targets] })),
  };
}

export function budgetRecord(input: readonly BudgetYearInput[]): BudgetYearView[] {
  return input.map((year) => ({
    year: year.year,
    charges: Object.fromEntries(CHARGE_ACCOUNTS.map((a) => [a, year.charges[a]])) as Record<ChargeAccount, number>,
    products: Object.fromEntries(PRODUCT_ACCOUNTS.map((a) => [a, year.products[a]])) as Record<ProductAccount, number>,
    otherFunderName: year.otherFunderName,
  }));
}

export function declarationRecord(input: DeclarationInput): DeclarationInput {
  return {
    signatoryName: input.signatoryName,
    signatoryFunction: input.signatoryFunction,
    accurate: input.accurate,
    obligationsMet: input.obligationsMet,
    republicanCommitment: input.republicanCommitment,
  };
}

/** A stored project with every key present (rows written by older code or the seed may lack some). */
export function normalizeProject(stored: Partial<ProjectView> | null | undefined): ProjectView {
  const p = stored ?? {};
  return {
    objectives: p.objectives ?? '',
    activities: p.activities ?? '',
    rsaBeneficiariesPerYear: p.rsaBeneficiariesPerYear ?? [],
    otherPublics: p.otherPublics ?? '',
    territories: p.territories ?? [],
    startDate: p.startDate ?? null,
    partners: p.partners ?? [],
    indicators: (p.indicators ?? []).map((i) => ({ label: i.label, code: i.code ?? null, unit: i.unit ?? '', targets: i.targets ?? [] })),
  };
}

export function normalizeBudget(stored: readonly BudgetYearView[] | null | undefined): BudgetYearView[] {
  return (stored ?? []).map((year) => ({
    year: year.year,
    charges: Object.fromEntries(CHARGE_ACCOUNTS.map((a) => [a, year.charges?.[a] ?? 0])) as Record<ChargeAccount, number>,
    products: Object.fromEntries(PRODUCT_ACCOUNTS.map((a) => [a, year.products?.[a] ?? 0])) as Record<ProductAccount, number>,
    otherFunderName: year.otherFunderName ?? '',
  }));
}

/** One row of the list query (raw SQL columns). */
export interface ApplicationListRow {
  id: string;
  reference: string | null;
  call_id: string;
  call_code: string;
  axis_code: string;
  organization_id: string;
  organization_name: string;
  territories: Territory[];
  title: string;
  status: ApplicationStatus;
  requested_cents: string | number;
  submitted_at: Date | null;
  updated_at: Date;
  unread_messages: string | number;
}

export function toSummaryView(row: ApplicationListRow): ApplicationSummaryView {
  return {
    id: row.id,
    reference: row.reference,
    callId: row.call_id,
    callCode: row.call_code,
    axisCode: row.axis_code,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    territories: row.territories,
    title: row.title,
    status: row.status,
    requestedCents: Number(row.requested_cents),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    unreadMessages: Number(row.unread_messages),
  };
}

export interface ApplicationContext {
  callCode: string;
  callTitle: string;
  callYears: number[];
  callClosesAt: Date;
  axisCode: string;
  organizationName: string;
  documents: ApplicationDocument[];
  openRequest: InformationRequest | null;
  unreadMessages: number;
  allowedActions: string[];
  missing: Array<{ field: string; code: string }>;
}

export function toApplicationView(a: Application, ctx: ApplicationContext): ApplicationView {
  return {
    id: a.id,
    reference: a.reference,
    callId: a.callId,
    callCode: ctx.callCode,
    axisCode: ctx.axisCode,
    organizationId: a.organizationId,
    organizationName: ctx.organizationName,
    territories: a.territories,
    title: a.title,
    status: a.status,
    requestedCents: a.requestedCents,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    updatedAt: a.updatedAt.toISOString(),
    unreadMessages: ctx.unreadMessages,
    summary: a.summary,
    project: normalizeProject(a.project),
    budget: normalizeBudget(a.budget),
    declaration: a.declaration,
    documents: ctx.documents.map(toDocumentView),
    version: a.version,
    submittedVersion: a.submittedVersion,
    allowedActions: ctx.allowedActions,
    missing: ctx.missing,
    callClosesAt: ctx.callClosesAt.toISOString(),
    callTitle: ctx.callTitle,
    callYears: ctx.callYears,
    openInformationRequest: ctx.openRequest
      ? { id: ctx.openRequest.id, message: ctx.openRequest.message, dueDate: ctx.openRequest.dueDate, createdAt: ctx.openRequest.createdAt.toISOString() }
      : null,
    admissibility: a.admissible === null || !a.admissibilityDecidedAt
      ? null
      : { admissible: a.admissible, reason: a.inadmissibilityReason, comment: a.admissibilityComment, decidedAt: a.admissibilityDecidedAt.toISOString() },
  };
}

/** A submitted version, frozen in application_version.snapshot: what was submitted, by whom, for what. */
export interface ApplicationSnapshot {
  reference: string;
  versionNo: number;
  submittedAt: string;
  submittedBy: { id: string; email: string; fullName: string };
  /** Absent in versions submitted before the grantor became a configured record. */
  grantor?: { name: string; siret: string; address: string };
  call: { id: string; code: string; title: string; years: number[] };
  axis: { code: string; labelFr: string; labelEn: string };
  organization: {
    id: string; legalName: string; siret: string | null; rna: string | null; legalForm: string; addressLine: string;
    postalCode: string; city: string; territory: string; legalRepName: string; legalRepFunction: string;
  };
  title: string;
  summary: string;
  axisCode: string;
  project: ProjectView;
  budget: BudgetYearView[];
  declaration: DeclarationInput | null;
  documents: Array<{ id: string; kind: string; fileName: string; sha256: string }>;
}

/** The content staff compare between versions (documents keyed by id, so one more upload is one change). */
export function versionContent(s: ApplicationSnapshot): Record<string, unknown> {
  return {
    title: s.title,
    summary: s.summary,
    axisCode: s.axisCode,
    project: s.project,
    budget: s.budget,
    declaration: s.declaration,
    documents: Object.fromEntries(s.documents.map(({ id, ...d }) => [id, d])),
    organization: s.organization,
  };
}
