// Conventions, installments, payments and the budget (issue #8). Money in integer cents; dates ISO.
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength,
  ValidateIf, ValidateNested,
} from 'class-validator';
import {
  ASSOCIATION_SIGNATURE_METHODS, CONVENTION_STATUSES, INSTALLMENT_KINDS,
  type AssociationSignatureMethod, type ConventionAction, type ConventionStatus, type InstallmentKind, type InstallmentStatus,
} from '@tremplin/domain';
import { MAX_CENTS } from './calls';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const AXIS_CODE = /^[A-Z][A-Z0-9_]{1,15}$/;

// ---------------------------------------------------------------------------------------------------
// Requests

/** `POST /api/conventions`: the draft convention of one published, retained application. */
export class CreateConventionRequest {
  @IsUUID('all') applicationId!: string;
}

/** `POST /api/conventions/batch`: drafts for every published retained decision of a committee session that has none yet. */
export class CreateSessionConventionsRequest {
  @IsUUID('all') sessionId!: string;
}

/** `GET /api/conventions/sessions`: the published committee sessions of one call (readable with conventions.manage). */
export class ListConventionSessionsQuery {
  @IsUUID('all') callId!: string;
}

export const CONVENTION_SORTS = ['number', 'organization', 'totalCents', 'paidCents', 'status', 'updatedAt'] as const;

/** `GET /api/conventions`: scoped (an association sees its own), paginated; axisCode + year drill down from a budget cell. */
export class ListConventionsQuery {
  @IsOptional() @IsUUID('all') callId?: string;
  @IsOptional() @Matches(AXIS_CODE) axisCode?: string;
  /** Conventions with an amount in that year (a budget cell = axisCode + year). */
  @IsOptional() @Matches(/^\d{4}$/) year?: string;
  /** One status or several, comma-separated. */
  @IsOptional() @IsString() @MaxLength(200) status?: string;
  /** Convention number, organisation name or project title. */
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @IsIn(CONVENTION_SORTS) sort?: (typeof CONVENTION_SORTS)[number];
  @IsOptional() @IsIn(['asc', 'desc']) direction?: 'asc' | 'desc';
  @IsOptional() @Matches(/^\d{1,6}$/) page?: string;
  @IsOptional() @Matches(/^\d{1,3}$/) pageSize?: string;
}

/**
 * `POST /api/conventions/:id/transitions`. Which extra fields a target needs is checked by the service
 * (400 naming the field): signed_by_association + method 'accept' needs `signerName` and `acceptTerms: true`
 * (a scan goes through `POST /api/conventions/:id/signed-scan`, multipart); signed_by_department needs
 * `deliberationReference`; suspended needs `reason`; terminated needs `reason` and `recoveryCents`.
 */
export class ConventionTransitionRequest {
  @IsIn(CONVENTION_STATUSES) to!: ConventionStatus;
  /** The convention version the client saw (stale → 409 CONVENTION_STALE). */
  @IsOptional() @IsInt() @Min(1) version?: number;
  @IsOptional() @IsIn(ASSOCIATION_SIGNATURE_METHODS) method?: AssociationSignatureMethod;
  @IsOptional() @IsString() @MinLength(2) @MaxLength(200) signerName?: string;
  @IsOptional() @Equals(true) acceptTerms?: true;
  @IsOptional() @IsString() @MinLength(2) @MaxLength(100) deliberationReference?: string;
  @IsOptional() @IsString() @MinLength(5) @MaxLength(2000) reason?: string;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_CENTS) recoveryCents?: number;
}

export class AmendmentYearRequest {
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsInt() @Min(0) @Max(MAX_CENTS) amountCents!: number;
}

/** A live (planned, unpaid) installment's new due date in an amendment. */
export class AmendmentInstallmentRequest {
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsIn(INSTALLMENT_KINDS) kind!: InstallmentKind;
  @IsISO8601({ strict: true }) @Matches(ISO_DAY) dueOn!: string;
}

/**
 * `POST /api/conventions/:id/amendments` (avenant): new yearly amounts and/or new due dates, with a reason;
 * the amounts' difference is committed like a signature. At least one of `years` / `installments`:
 * without `installments`, `years` is required (400 on `years`).
 */
export class AmendmentRequest {
  @IsString() @MinLength(5) @MaxLength(2000) reason!: string;
  @ValidateIf((o: AmendmentRequest) => o.installments === undefined || o.years !== undefined)
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(4) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => AmendmentYearRequest)
  years?: AmendmentYearRequest[];
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(8) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => AmendmentInstallmentRequest)
  installments?: AmendmentInstallmentRequest[];
  @IsOptional() @IsInt() @Min(1) version?: number;
}

/** `GET /api/conventions/:id/document`: the current version; `signed=1` the PAdES-signed one; `version=N` a given version (1 = original). */
export class ConventionDocumentQuery {
  @IsOptional() @IsIn(['1', '0', 'true', 'false']) signed?: string;
  @IsOptional() @Matches(/^\d{1,3}$/) version?: string;
}

/** Text fields sent with the signed scan (`POST /api/conventions/:id/signed-scan`, multipart, the PDF in `file`). */
export class SignedScanRequest {
  @IsOptional() @IsString() @MinLength(2) @MaxLength(200) signerName?: string;
  /** The convention version the client saw (a multipart field is text). */
  @IsOptional() @Matches(/^\d{1,9}$/) version?: string;
}

/** `POST /api/conventions/:id/years/:year/report-approval`: the one entry point the yearly-report workflow will call. */
export class ReportApprovalRequest {
  @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

/** `POST /api/installments/:id/payments`, with an optional `Idempotency-Key` header. */
export class RecordPaymentRequest {
  @IsInt() @Min(1) @Max(MAX_CENTS) amountCents!: number;
  @IsISO8601({ strict: true }) @Matches(ISO_DAY) paidOn!: string;
  @IsString() @MinLength(1) @MaxLength(50) mandateNumber!: string;
  @IsString() @MinLength(1) @MaxLength(100) accountingReference!: string;
}

/** `GET /api/installments`: finance's worklist (due first), paginated. */
export class ListInstallmentsQuery {
  @IsOptional() @IsUUID('all') callId?: string;
  @IsOptional() @Matches(AXIS_CODE) axisCode?: string;
  /** One status or several, comma-separated (default `due,planned`). */
  @IsOptional() @IsString() @MaxLength(100) status?: string;
  /** Installments due on or before that day (e.g. today + 30). */
  @IsOptional() @IsISO8601({ strict: true }) @Matches(ISO_DAY) dueBefore?: string;
  @IsOptional() @Matches(/^\d{1,6}$/) page?: string;
  @IsOptional() @Matches(/^\d{1,3}$/) pageSize?: string;
}

/** `GET /api/calls/:id/finance-outlook`: the day the windows start from (default: today in Paris). */
export class FinanceOutlookQuery {
  @IsOptional() @IsISO8601({ strict: true }) @Matches(ISO_DAY) asOf?: string;
}

// ---------------------------------------------------------------------------------------------------
// Views

export interface ConventionSummaryView {
  id: string;
  number: string;
  status: ConventionStatus;
  callId: string;
  callYear: number;
  applicationId: string;
  applicationReference: string;
  projectTitle: string;
  organizationId: string;
  organizationName: string;
  axisCode: string;
  axisLabel: string;
  totalCents: number;
  paidCents: number;
  /** 1 for the original, +1 per amendment. */
  documentVersion: number;
  sentAt: string | null;
  associationSignedAt: string | null;
  departmentSignedAt: string | null;
  updatedAt: string;
  version: number;
}

export interface ConventionYearView {
  year: number;
  amountCents: number;
  committedCents: number;
  paidCents: number;
  reportApprovedAt: string | null;
}

export interface ConventionPartiesView {
  grantorName: string;
  /** The president who represents the granting body. */
  grantorRepresentative: string;
  organizationName: string;
  organizationSiret: string;
  organizationRepresentative: string;
}

export interface AmendmentYearDiff {
  year: number;
  beforeCents: number;
  afterCents: number;
}

/** A due date moved by an amendment. */
export interface AmendmentInstallmentDiff {
  year: number;
  kind: InstallmentKind;
  beforeDueOn: string;
  afterDueOn: string;
}

export interface ConventionAmendmentView {
  id: string;
  versionNo: number;
  reason: string;
  years: AmendmentYearDiff[];
  /** Due dates moved by this amendment (absent or empty when only amounts changed). */
  installments?: AmendmentInstallmentDiff[];
  documentSha256: string;
  createdAt: string;
  createdByName: string;
  associationSignedAt: string | null;
  departmentSignedAt: string | null;
}

export interface ConventionView extends ConventionSummaryView {
  parties: ConventionPartiesView;
  years: ConventionYearView[];
  documentSha256: string;
  /** The PAdES-signed PDF's hash, once the Département has signed (null until a seeded convention's copy is first downloaded: it is signed then). */
  signedDocumentSha256: string | null;
  associationSignature: { signerName: string; signedAt: string; method: AssociationSignatureMethod } | null;
  departmentSignature: { signerName: string; signedAt: string; deliberationReference: string } | null;
  activatedAt: string | null;
  closedAt: string | null;
  terminatedAt: string | null;
  terminationReason: string | null;
  recoveryCents: number | null;
  amendments: ConventionAmendmentView[];
  /** What this actor may do now (derived from the lifecycle and the actor's permissions). */
  allowedActions: ConventionAction[];
}

/**
 * `GET /api/conventions/sessions?callId=`: a published committee session as finance picks it to draft its
 * conventions (the committee's own session view needs committee.decide).
 */
export interface ConventionSessionView {
  id: string;
  callId: string;
  axisCode: string;
  axisLabelFr: string;
  axisLabelEn: string;
  /** The sitting's day, YYYY-MM-DD. */
  sitsOn: string;
  deliberationReference: string;
  /** Published « retained » decisions of the session. */
  retainedCount: number;
  /** Of those, how many have no convention yet (what « Générer » would draft). */
  withoutConventionCount: number;
}

export interface ConventionBatchView {
  created: ConventionSummaryView[];
  /** Retained applications of the session that already had a convention. */
  alreadyCreated: number;
}

export interface PaymentView {
  id: string;
  installmentId: string;
  amountCents: number;
  paidOn: string;
  mandateNumber: string;
  accountingReference: string;
  createdAt: string;
  createdByName: string;
}

export interface InstallmentView {
  id: string;
  conventionId: string;
  conventionNumber: string;
  organizationName: string;
  year: number;
  kind: InstallmentKind;
  amountCents: number;
  paidCents: number;
  dueOn: string;
  status: InstallmentStatus;
  /** A balance waits for the year's report to be approved before it is due. */
  reportApproved: boolean;
  payments: PaymentView[];
  version: number;
}

/** Answer of `POST /api/installments/:id/payments`; `replayed` when the Idempotency-Key had already recorded it. */
export interface RecordedPaymentView {
  payment: PaymentView;
  installment: InstallmentView;
  replayed: boolean;
}

export interface BudgetAmountsView {
  allocatedCents: number;
  committedCents: number;
  paidCents: number;
  remainingToCommitCents: number;
  remainingToPayCents: number;
  conventionCount: number;
}

export interface BudgetCellView extends BudgetAmountsView {
  axisCode: string;
  axisLabel: string;
  year: number;
}

/** `GET /api/calls/:id/budget`: read from the cells' own totals (never every convention row). */
export interface BudgetView {
  callId: string;
  envelopeCents: number;
  totals: BudgetAmountsView;
  cells: BudgetCellView[];
}

export interface DueWindowView {
  withinDays: 30 | 60 | 90;
  installmentCount: number;
  amountCents: number;
}

export interface MonthlyPaymentsView {
  /** YYYY-MM */
  month: string;
  amountCents: number;
  paymentCount: number;
}

/** `GET /api/calls/:id/finance-outlook`: installments falling due and payments per month, from SQL aggregates. */
export interface FinanceOutlookView {
  callId: string;
  asOf: string;
  dueWindows: DueWindowView[];
  /** Installments already due and unpaid. */
  overdue: { installmentCount: number; amountCents: number };
  paymentsByMonth: MonthlyPaymentsView[];
}
