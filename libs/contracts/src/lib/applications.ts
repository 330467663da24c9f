import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  ADMISSIBILITY_COMMENT_MAX_LENGTH, CHARGE_ACCOUNTS, INADMISSIBILITY_REASONS, PRODUCT_ACCOUNTS,
  type ApplicationStatus, type ChargeAccount, type InadmissibilityReason, type ProductAccount,
} from '@tremplin/domain';
import { TERRITORIES, type Territory } from './organizations';
import { MAX_CENTS } from './calls';
import { IsOmittable } from './common';
import { DOCUMENT_KINDS, type DocumentKind } from './kinds';
import { TEXT_LIMITS } from './limits';

const MAX_TEXT = TEXT_LIMITS.longText;

export class IndicatorInput {
  @IsString() @MinLength(1) @MaxLength(TEXT_LIMITS.label) label!: string;
  /** From the axis's list (code) or custom (null). */
  @IsOptional() @IsString() @MaxLength(40) code?: string | null;
  @IsString() @MaxLength(40) unit!: string;
  /** Target per year of the call, in the call's order. */
  @IsArray() @ArrayMaxSize(4) @IsInt({ each: true }) @Min(0, { each: true }) @Max(1_000_000_000, { each: true }) targets!: number[];
}

export class PartnerInput {
  @IsString() @MinLength(1) @MaxLength(TEXT_LIMITS.label) name!: string;
  @IsString() @MaxLength(1000) role!: string;
}

/** Step 2 of the form: the project. Every field optional in a draft; completeness is checked at submission. */
export class ProjectInput {
  @IsOmittable() @IsString() @MaxLength(MAX_TEXT) objectives?: string;
  @IsOmittable() @IsString() @MaxLength(MAX_TEXT) activities?: string;
  /** RSA beneficiaries reached, per year of the call (aggregated counts only, never names). */
  @IsOmittable() @IsArray() @ArrayMaxSize(4) @IsInt({ each: true }) @Min(0, { each: true }) @Max(1_000_000, { each: true }) rsaBeneficiariesPerYear?: number[];
  @IsOmittable() @IsString() @MaxLength(MAX_TEXT) otherPublics?: string;
  @IsOmittable() @IsArray() @ArrayMaxSize(8) @IsIn(TERRITORIES, { each: true }) territories?: Territory[];
  @IsOmittable() @Matches(/^\d{4}-\d{2}-\d{2}$/) startDate?: string;
  @IsOmittable() @IsArray() @ArrayMaxSize(30) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => PartnerInput) partners?: PartnerInput[];
  @IsOmittable() @IsArray() @ArrayMaxSize(30) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => IndicatorInput) indicators?: IndicatorInput[];
}

function centsRecord<K extends string>(keys: readonly K[]) {
  // A class per record so that class-validator checks every account as integer cents.
  class Amounts {}
  for (const key of keys) {
    IsInt()(Amounts.prototype, key);
    Min(0)(Amounts.prototype, key);
    Max(MAX_CENTS)(Amounts.prototype, key);
  }
  return Amounts as new () => Record<K, number>;
}
export const ChargesInput = centsRecord<ChargeAccount>(CHARGE_ACCOUNTS);
export const ProductsInput = centsRecord<ProductAccount>(PRODUCT_ACCOUNTS);

export class BudgetYearInput {
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsObject() @ValidateNested() @Type(() => ChargesInput) charges!: Record<ChargeAccount, number>;
  @IsObject() @ValidateNested() @Type(() => ProductsInput) products!: Record<ProductAccount, number>;
  @IsString() @MaxLength(TEXT_LIMITS.label) otherFunderName!: string;
}

export class DeclarationInput {
  @IsString() @MinLength(2) @MaxLength(TEXT_LIMITS.personName) signatoryName!: string;
  @IsString() @MinLength(2) @MaxLength(TEXT_LIMITS.personName) signatoryFunction!: string;
  /** Information given is accurate. */
  @IsBoolean() accurate!: boolean;
  /** Tax and social security obligations are met. */
  @IsBoolean() obligationsMet!: boolean;
  /** The association subscribes to the contrat d'engagement républicain (loi 2021-1109). */
  @IsBoolean() republicanCommitment!: boolean;
}

export class CreateApplicationRequest {
  @IsUUID() callId!: string;
  @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) axisCode!: string;
  @IsString() @MinLength(1) @MaxLength(TEXT_LIMITS.label) title!: string;
}

/** A draft save: every part optional, with the version read (optimistic locking). */
export class UpdateApplicationRequest {
  @IsInt() @Min(1) version!: number;
  @IsOmittable() @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) axisCode?: string;
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(TEXT_LIMITS.label) title?: string;
  @IsOmittable() @IsString() @MaxLength(MAX_TEXT) summary?: string;
  @IsOmittable() @IsObject() @ValidateNested() @Type(() => ProjectInput) project?: ProjectInput;
  @IsOmittable() @IsArray() @ArrayMaxSize(4) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => BudgetYearInput) budget?: BudgetYearInput[];
  @IsOmittable() @IsObject() @ValidateNested() @Type(() => DeclarationInput) declaration?: DeclarationInput;
}

export class VersionedRequest {
  @IsInt() @Min(1) version!: number;
}

export class ListApplicationsQuery {
  @IsOptional() @IsUUID() callId?: string;
  @IsOptional() @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) axisCode?: string;
  /** One status or several, comma-separated (e.g. `submitted,information_requested`). */
  @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.search) status?: string;
  @IsOptional() @IsIn(TERRITORIES) territory?: Territory;
  @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.search) q?: string;
  @IsOptional() @IsIn(['reference', 'title', 'submittedAt', 'updatedAt', 'requestedCents', 'organization', 'status']) sort?: string;
  @IsOptional() @IsIn(['asc', 'desc']) direction?: 'asc' | 'desc';
  @IsOptional() @Matches(/^\d{1,6}$/) page?: string;
  @IsOptional() @Matches(/^\d{1,3}$/) pageSize?: string;
}

export class InformationRequestInput {
  @IsString() @MinLength(5) @MaxLength(MAX_TEXT) message!: string;
  @IsISO8601({ strict: true }) dueDate!: string;
}

/** Admissibility (recevabilité): whether the reason and comment are required is checked by the domain rule. */
export class AdmissibilityDecisionInput {
  @IsBoolean() admissible!: boolean;
  @IsOptional() @IsIn(INADMISSIBILITY_REASONS) reason?: InadmissibilityReason | null;
  @IsOptional() @IsString() @MaxLength(ADMISSIBILITY_COMMENT_MAX_LENGTH) comment?: string | null;
}

export class AdmissibilityRequest extends AdmissibilityDecisionInput {
  @IsInt() @Min(1) version!: number;
}

/** The maximum number of applications marked in one batch request. */
export const ADMISSIBILITY_BATCH_MAX = 100;

/** All or nothing: one application that cannot take the decision refuses the whole batch. */
export class AdmissibilityBatchRequest extends AdmissibilityDecisionInput {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ADMISSIBILITY_BATCH_MAX) @ArrayUnique() @IsUUID('all', { each: true }) ids!: string[];
}

export interface AdmissibilityBatchResult {
  /** The applications marked, in the order of `ids`. */
  items: Array<{ id: string; reference: string | null; status: ApplicationStatus; version: number }>;
}

/** The recorded decision, shown to staff and to the association (with the letter when inadmissible). */
export interface AdmissibilityView {
  admissible: boolean;
  reason: InadmissibilityReason | null;
  comment: string | null;
  decidedAt: string;
}

export class MessageInput {
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT) body!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(5) @IsUUID('4', { each: true }) documentIds?: string[];
}


export interface ProjectView {
  objectives: string;
  activities: string;
  rsaBeneficiariesPerYear: number[];
  otherPublics: string;
  territories: Territory[];
  startDate: string | null;
  partners: Array<{ name: string; role: string }>;
  indicators: Array<{ label: string; code: string | null; unit: string; targets: number[] }>;
}

export interface BudgetYearView {
  year: number;
  charges: Record<ChargeAccount, number>;
  products: Record<ProductAccount, number>;
  otherFunderName: string;
}

export interface DocumentView {
  id: string;
  kind: DocumentKind;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface ApplicationSummaryView {
  id: string;
  reference: string | null;
  callId: string;
  callCode: string;
  axisCode: string;
  organizationId: string;
  organizationName: string;
  territories: Territory[];
  title: string;
  status: ApplicationStatus;
  requestedCents: number;
  submittedAt: string | null;
  updatedAt: string;
  unreadMessages: number;
}

export interface ApplicationView extends ApplicationSummaryView {
  summary: string;
  project: ProjectView;
  budget: BudgetYearView[];
  declaration: DeclarationInput | null;
  documents: DocumentView[];
  version: number;
  submittedVersion: number;
  /** Actions the caller may take now, from the lifecycle (e.g. to show buttons). */
  allowedActions: string[];
  /** What submission still needs, as field paths with codes (empty when complete). */
  missing: Array<{ field: string; code: string }>;
  callClosesAt: string;
  callTitle: string;
  /** The years of the call, in order: the budget and the yearly targets follow them. */
  callYears: number[];
  openInformationRequest: { id: string; message: string; dueDate: string; createdAt: string } | null;
  /** Null until an instructor decides admissibility. */
  admissibility: AdmissibilityView | null;
}

export interface ApplicationVersionView {
  versionNo: number;
  submittedAt: string;
  submittedBy: string | null;
  /** Fields that differ from the previous version: path → before/after. */
  changes: Record<string, { before: unknown; after: unknown }>;
}

export interface MessageView {
  id: string;
  authorName: string;
  authorRole: string;
  body: string;
  createdAt: string;
  documents: DocumentView[];
  mine: boolean;
}

/** The text field of a document upload (multipart/form-data, beside the `file` part). */
export class UploadDocumentRequest {
  @IsIn(DOCUMENT_KINDS) kind!: DocumentKind;
}

export interface UnreadCountView {
  unread: number;
}
