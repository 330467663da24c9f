import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** Largest amount accepted in cents: Number.MAX_SAFE_INTEGER, so that JSON numbers stay exact. */
export const MAX_CENTS = Number.MAX_SAFE_INTEGER;

export class AxisInput {
  @Matches(/^[A-Z][A-Z0-9_]{1,15}$/)
  code!: string;

  @IsString() @MinLength(2) @MaxLength(120) labelFr!: string;
  @IsString() @MinLength(2) @MaxLength(120) labelEn!: string;
  @IsString() @MaxLength(4000) description!: string;
}

export class AllocationInput {
  @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) axisCode!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsInt() @Min(0) @Max(MAX_CENTS) amountCents!: number;
}

export class CriterionInput {
  @Matches(/^[A-Z][A-Z0-9_]{1,23}$/) code!: string;
  @IsString() @MinLength(2) @MaxLength(200) labelFr!: string;
  @IsString() @MinLength(2) @MaxLength(200) labelEn!: string;
  @IsString() @MaxLength(2000) description!: string;
  @IsInt() @Min(1) @Max(100) weight!: number;
  @IsInt() @Min(1) @Max(100) maxScore!: number;
}

export class PaymentRuleInput {
  /** Share of each year's amount paid in advance, in basis points (6000 = 60 %). */
  @IsInt() @Min(0) @Max(10000) advanceBasisPoints!: number;
}

export class CallInput {
  @Matches(/^[A-Z0-9][A-Z0-9-]{2,31}$/)
  code!: string;

  @IsString() @MinLength(3) @MaxLength(200) title!: string;
  @IsString() @MaxLength(10000) description!: string;
  /** English title and description for public pages in English; empty: the French ones are shown. */
  @IsOptional() @IsString() @MaxLength(200) titleEn?: string;
  @IsOptional() @IsString() @MaxLength(10000) descriptionEn?: string;
  @IsISO8601({ strict: true }) opensAt!: string;
  @IsISO8601({ strict: true }) closesAt!: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(4) @IsInt({ each: true }) @Min(2000, { each: true }) @Max(2100, { each: true })
  years!: number[];

  @IsInt() @Min(1) @Max(MAX_CENTS) envelopeCents!: number;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(12) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => AxisInput)
  axes!: AxisInput[];

  @IsArray() @ArrayMaxSize(48) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => AllocationInput)
  allocations!: AllocationInput[];

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => CriterionInput)
  criteria!: CriterionInput[];

  @IsObject() @ValidateNested() @Type(() => PaymentRuleInput)
  paymentRule!: PaymentRuleInput;

  @IsInt() @Min(1) @Max(5) reviewersPerApplication!: number;
}

/** Edit of a call: the whole call again, with the version read (optimistic locking). */
export class UpdateCallRequest extends CallInput {
  @IsInt() @Min(1) version!: number;
}

/** After the structure lock, the envelope and allocations change only this way, with a reason. */
export class BudgetRevisionRequest {
  @IsInt() @Min(1) version!: number;
  @IsInt() @Min(1) @Max(MAX_CENTS) envelopeCents!: number;
  @IsArray() @ArrayMaxSize(48) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => AllocationInput)
  allocations!: AllocationInput[];
  @IsString() @MinLength(10) @MaxLength(2000) reason!: string;
  @IsOptional() @IsString() @MaxLength(100) deliberationReference?: string;
}

export interface AxisView {
  code: string;
  labelFr: string;
  labelEn: string;
  description: string;
  position: number;
  /** Sum of this axis's allocations over the call's years. */
  envelopeCents: number;
}
export interface AllocationView {
  axisCode: string;
  year: number;
  amountCents: number;
}
export interface CriterionView {
  code: string;
  labelFr: string;
  labelEn: string;
  description: string;
  weight: number;
  maxScore: number;
  position: number;
}
export interface CallSummaryView {
  id: string;
  code: string;
  title: string;
  description: string;
  /** '' when not translated. */
  titleEn: string;
  descriptionEn: string;
  opensAt: string;
  closesAt: string;
  years: number[];
  envelopeCents: number;
  status: 'upcoming' | 'open' | 'closed';
  /** Closed (kept for older clients; see `decided` for the call's real state). */
  historical: boolean;
  /**
   * Closed and decided: a committee session of the call is published and no application waits for a
   * decision any more (none admissible, under review or reviewed). A closed call not decided is under review.
   */
  decided: boolean;
  axes: AxisView[];
}
export interface CallView extends CallSummaryView {
  allocations: AllocationView[];
  criteria: CriterionView[];
  paymentRule: { advanceBasisPoints: number };
  reviewersPerApplication: number;
  structureLocked: boolean;
  version: number;
  updatedAt: string;
}
export interface BudgetRevisionView {
  id: string;
  callId: string;
  revisedAt: string;
  revisedBy: string;
  /** Who revised, readable (the account's email). */
  revisedByEmail: string;
  reason: string;
  deliberationReference: string | null;
  envelopeBeforeCents: number;
  envelopeAfterCents: number;
}
