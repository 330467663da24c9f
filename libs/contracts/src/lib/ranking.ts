import { IsIn, IsOptional, Matches } from 'class-validator';

// The committee's ranking of one axis of a call against its envelope, year by year (issue #7 §6).
// Shared by the ranking endpoint, the committee page and the decisions work.

export const RANKING_SCORES = ['raw', 'normalized'] as const;
export type RankingScore = (typeof RANKING_SCORES)[number];
/** Which amount the running totals add up: what was requested, or what the reviewers recommended (mean). */
export const RANKING_AMOUNTS = ['requested', 'recommended'] as const;
export type RankingAmount = (typeof RANKING_AMOUNTS)[number];

export interface RankingYearAmountView {
  year: number;
  /** The amount counted for this row and year (requested or recommended, per the query). */
  amountCents: number;
  requestedCents: number;
  /** Mean of the submitted reviews' recommendations; null before the first submitted review. */
  recommendedCents: number | null;
  /** Sum of `amountCents` of this row and every row ranked above it (window function). */
  runningTotalCents: number;
  allocationCents: number;
}

export interface RankingRowView {
  /** 1-based position in the chosen order (score desc, then reference). */
  rank: number;
  applicationId: string;
  reference: string;
  title: string;
  organizationName: string;
  status: string;
  /** Consolidated (mean of submitted totals) out of 100, 2 decimals; null when no review is submitted. */
  rawScore: number | null;
  normalizedScore: number | null;
  reviewCount: number;
  /** Reviews expected (active assignments) for this application. */
  expectedReviewCount: number;
  years: RankingYearAmountView[];
  totalAmountCents: number;
  /** True while every year's running total is within its allocation (strict rank-order line). */
  aboveCutLine: boolean;
  flags: {
    belowThreshold: boolean;
    divergent: boolean;
    incompleteReviews: boolean;
    /** At least one reviewer recused themselves from this application. */
    conflict: boolean;
  };
  /** The committee's decision on it so far (simulation until published), if any. */
  decision: { outcome: 'retained' | 'waitlisted' | 'rejected'; published: boolean; version: number } | null;
}

export interface RankingView {
  callId: string;
  axisCode: string;
  score: RankingScore;
  amount: RankingAmount;
  years: number[];
  allocations: Array<{ year: number; allocationCents: number }>;
  /** Rank of the first row below the strict cut line (null when everything fits). */
  cutLineRank: number | null;
  /** Minimum score under which a row is flagged below threshold (query `minScore`, default 0). */
  minScore: number;
  total: number;
  page: number;
  pageSize: number;
  items: RankingRowView[];
}

const AXIS_CODE = /^[A-Z][A-Z0-9_]{1,15}$/;
/** A score out of 100 with at most 2 decimals, as typed in a query string (checked ≤ 100 by the service). */
const SCORE = /^\d{1,3}(\.\d{1,2})?$/;

/** `GET /api/calls/:id/ranking` (and `.csv`, which ignores the page). */
export class RankingQuery {
  @Matches(AXIS_CODE) axis!: string;
  @IsOptional() @IsIn(RANKING_SCORES) score?: RankingScore;
  @IsOptional() @IsIn(RANKING_AMOUNTS) amount?: RankingAmount;
  @IsOptional() @Matches(SCORE) minScore?: string;
  @IsOptional() @Matches(/^\d{1,6}$/) page?: string;
  @IsOptional() @Matches(/^\d{1,3}$/) pageSize?: string;
}

/** `GET /api/calls/:id/envelope-fit`: the ranking's filters plus the allowed uniform reduction. */
export class EnvelopeFitQuery {
  @Matches(AXIS_CODE) axis!: string;
  @IsOptional() @IsIn(RANKING_SCORES) score?: RankingScore;
  @IsOptional() @IsIn(RANKING_AMOUNTS) amount?: RankingAmount;
  @IsOptional() @Matches(SCORE) minScore?: string;
  /** Largest uniform reduction of every retained grant, in percent with at most 2 decimals, below 100. */
  @IsOptional() @Matches(/^\d{1,2}(\.\d{1,2})?$/) maxReductionPercent?: string;
}

export interface EnvelopeLineView {
  /** Chosen application ids, in rank order. */
  applicationIds: string[];
  projects: number;
  /** Sum of the chosen rows' scores (the score chosen by the query). */
  totalScore: number;
  /** Amounts of the chosen rows per year (before any reduction). */
  amounts: Array<{ year: number; amountCents: number }>;
  /** What each year would pay (after the reduction for the suggestion), never above the allocation for the suggestion. */
  used: Array<{ year: number; amountCents: number; allocationCents: number }>;
}

/** The strict rank-order line beside the integer program's suggestion (issue #7 §6 envelope fit). */
export interface EnvelopeFitView {
  callId: string;
  axisCode: string;
  score: RankingScore;
  amount: RankingAmount;
  minScore: number;
  maxReductionPercent: number;
  strict: EnvelopeLineView;
  suggested: EnvelopeLineView & {
    /** Uniform reduction applied to every suggested grant, in percent (2 decimals). */
    reductionPercent: number;
  };
  difference: {
    /** In the suggestion, not in the strict line (rank order). */
    added: Array<{ applicationId: string; reference: string; rank: number }>;
    /** In the strict line, not in the suggestion. */
    dropped: Array<{ applicationId: string; reference: string; rank: number }>;
    projects: number;
    /** Suggested used minus strict used, per year and in total. */
    years: Array<{ year: number; amountCents: number }>;
    totalCents: number;
  };
  solver: { status: 'optimal' | 'time_limit'; gap: number | null };
}
