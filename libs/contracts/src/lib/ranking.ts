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
