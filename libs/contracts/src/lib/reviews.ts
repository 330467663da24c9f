// A reviewer's scoring of one application, the blind list of an application's reviews, and the
// committee's calibration of a call (issue #7 §4–§5). Shared by the API and the web form.
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { REVIEW_COMMENT_MAX_LENGTH, REVIEW_OPINIONS, type ReviewOpinion, type ReviewState } from '@tremplin/domain';
import { MAX_CENTS } from './calls';
import type { Page } from './common';

export const REVIEW_REASON_MAX_LENGTH = 2000;

export class ReviewRecommendationInput {
  @IsInt() @Min(2000) @Max(2100) year!: number;
  /** Cents; may stay empty in a draft. */
  @IsOptional() @IsInt() @Min(0) @Max(MAX_CENTS) amountCents?: number | null;
}

/**
 * `PUT /api/assignments/:id/review`: the whole review as typed (what is left out is empty). Before
 * submission it is a draft and may be partial; once submitted, a change needs `reason` and must be complete.
 */
export class SaveReviewRequest {
  @IsInt() @Min(1) version!: number;
  /** Criterion code → integer score on the criterion's scale (null or absent: not scored yet). */
  @IsObject() scores!: Record<string, number | null>;
  /** Criterion code → comment (required for a bottom-quarter score at submission). */
  @IsOptional() @IsObject() comments?: Record<string, string>;
  @IsOptional() @IsString() @MaxLength(REVIEW_COMMENT_MAX_LENGTH) generalComment?: string;
  @IsOptional() @IsIn(REVIEW_OPINIONS) opinion?: ReviewOpinion | null;
  @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => ReviewRecommendationInput)
  recommended?: ReviewRecommendationInput[];
  /** Why a submitted review changes (required then, audited). */
  @IsOptional() @IsString() @MaxLength(REVIEW_REASON_MAX_LENGTH) reason?: string;
}

export class CalibrationQuery {
  @IsOptional() @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) axisCode?: string;
  @IsOptional() @Matches(/^\d{1,6}$/) page?: string;
  @IsOptional() @Matches(/^\d{1,3}$/) pageSize?: string;
}

export interface ReviewCriterionView {
  code: string;
  labelFr: string;
  labelEn: string;
  description: string;
  weight: number;
  maxScore: number;
}

export interface ReviewYearView {
  year: number;
  /** What the association asked for that year (last submitted version): the recommendation's ceiling. */
  requestedCents: number;
  recommendedCents: number | null;
}

/** The reviewer's own review of one assignment, with what the form needs to render it. */
export interface ReviewView {
  assignmentId: string;
  applicationId: string;
  callId: string;
  reference: string;
  title: string;
  organizationName: string;
  axisCode: string;
  axisLabelFr: string;
  axisLabelEn: string;
  dueOn: string;
  status: ReviewState;
  criteria: ReviewCriterionView[];
  years: ReviewYearView[];
  scores: Record<string, number>;
  comments: Record<string, string>;
  generalComment: string;
  opinion: ReviewOpinion | null;
  /** Weighted total out of 100 (2 decimals), once submitted. */
  total: number | null;
  submittedAt: string | null;
  /** Changes after submission (each with a reason). */
  revision: number;
  version: number;
  /** A committee session on the application's call and axis is open or published: nothing changes any more. */
  locked: boolean;
}

/** One review as another reader sees it (staff, or a reviewer after submitting their own). */
export interface ApplicationReviewView {
  assignmentId: string;
  reviewerId: string;
  reviewerName: string;
  mine: boolean;
  status: ReviewState;
  scores: Record<string, number>;
  comments: Record<string, string>;
  generalComment: string;
  opinion: ReviewOpinion | null;
  total: number | null;
  recommended: Array<{ year: number; amountCents: number }>;
  submittedAt: string | null;
  revision: number;
}

export interface ApplicationReviewsView {
  applicationId: string;
  criteria: ReviewCriterionView[];
  /** Active assignments (assigned or accepted). */
  expectedCount: number;
  submittedCount: number;
  /** Other reviewers' submitted reviews withheld from a reviewer who has not submitted yet (blind rule). */
  hiddenCount: number;
  /** Null for a reviewer who has not submitted yet. */
  consolidated: { score: number | null; min: number | null; max: number | null; divergent: boolean; normalizedScore: number | null } | null;
  reviews: ApplicationReviewView[];
}

export interface ReviewerSeverityView {
  reviewerId: string;
  reviewerName: string;
  count: number;
  mean: number;
  stdDev: number;
  /** Reviewer mean − call mean: negative = severe, positive = lenient. */
  severity: number;
  /** False with a single review: kept raw. */
  corrected: boolean;
}

export interface CalibrationApplicationView {
  applicationId: string;
  reference: string;
  title: string;
  axisCode: string;
  reviewCount: number;
  rawScore: number | null;
  normalizedScore: number | null;
  divergent: boolean;
}

export interface CalibrationView {
  callId: string;
  reviewCount: number;
  callMean: number;
  callStdDev: number;
  reviewers: ReviewerSeverityView[];
  applications: Page<CalibrationApplicationView>;
}
