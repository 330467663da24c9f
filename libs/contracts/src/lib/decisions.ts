// Committee sessions, decisions and their publication (issue #7 §7).
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import {
  DECISION_OUTCOMES, DECISION_TEXT_MAX_LENGTH, REJECTION_REASONS, type DecisionOutcome, type RejectionReason,
} from '@tremplin/domain';
import { MAX_CENTS } from './calls';

export class OpenCommitteeSessionRequest {
  @IsString() @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) axisCode!: string;
  /** The day the committee sits (YYYY-MM-DD). */
  @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) sitsOn!: string;
  /** The deliberation of the commission permanente that the decisions implement. */
  @IsString() @MinLength(2) @MaxLength(100) deliberationReference!: string;
}

export class DecisionGrantRequest {
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsInt() @Min(0) @Max(MAX_CENTS) amountCents!: number;
}

/** Whether the grants, rank and reasons fit the outcome is checked by the domain rule (400 naming the field). */
export class DecisionInput {
  @IsIn(DECISION_OUTCOMES) outcome!: DecisionOutcome;
  @IsOptional() @IsArray() @ArrayMaxSize(4) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => DecisionGrantRequest)
  grants?: DecisionGrantRequest[];
  @IsOptional() @IsInt() @Min(1) @Max(100_000) waitlistRank?: number | null;
  @IsOptional() @IsIn(REJECTION_REASONS) rejectionReason?: RejectionReason | null;
  @IsOptional() @IsString() @MaxLength(DECISION_TEXT_MAX_LENGTH) comment?: string | null;
  @IsOptional() @IsString() @MaxLength(DECISION_TEXT_MAX_LENGTH) lineExceptionReason?: string | null;
  /** The version of the decision the client saw: 0 or absent when it saw none (stale → 409 DECISION_STALE). */
  @IsOptional() @IsInt() @Min(0) version?: number;
}

export class DecisionRequest extends DecisionInput {}

export class DecisionBatchItem extends DecisionInput {
  @IsUUID('all') applicationId!: string;
}

export const DECISION_BATCH_MAX = 200;

/** All or nothing: any refused item rolls the whole batch back (its index is named). */
export class DecisionBatchRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(DECISION_BATCH_MAX) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => DecisionBatchItem)
  items!: DecisionBatchItem[];
}

export class PublishDecisionsRequest {
  @IsUUID('all') sessionId!: string;
}

/** Projected use of one year's allocation of the session's axis: decisions so far (simulation) included. */
export interface ProjectedYearView {
  year: number;
  allocationCents: number;
  /** Retained grants already published in this axis (earlier sessions). */
  publishedCents: number;
  /** Retained grants of all decisions in this axis, published or not (the simulation). */
  grantedCents: number;
  /** allocation − granted (negative when the simulation overspends). */
  remainingCents: number;
}

export interface CommitteeSessionView {
  id: string;
  callId: string;
  axisCode: string;
  sitsOn: string;
  deliberationReference: string;
  status: 'open' | 'published';
  openedAt: string;
  publishedAt: string | null;
  version: number;
  counts: { retained: number; waitlisted: number; rejected: number };
}

export interface CommitteeSessionDetailView extends CommitteeSessionView {
  projected: ProjectedYearView[];
}

export interface DecisionView {
  applicationId: string;
  sessionId: string;
  outcome: DecisionOutcome;
  grants: Array<{ year: number; amountCents: number }>;
  totalCents: number;
  waitlistRank: number | null;
  rejectionReason: RejectionReason | null;
  comment: string;
  /** Staff only (null for the association): why the decision departs from the ranking. */
  lineExceptionReason: string | null;
  flagged: boolean;
  belowLine: boolean;
  rankAtDecision: number | null;
  decidedAt: string;
  publishedAt: string | null;
  version: number;
}

export interface DecisionBatchResult {
  items: DecisionView[];
}

export interface PublishResult {
  session: CommitteeSessionView;
  counts: { retained: number; waitlisted: number; rejected: number };
  /** Sum of the published retained grants of this session. */
  grantedCents: number;
}
