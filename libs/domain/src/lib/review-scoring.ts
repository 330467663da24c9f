/**
 * A reviewer's evaluation of one application: one integer score per criterion on its scale, a
 * comment wherever a score sits in the bottom quarter, an overall opinion and a recommended amount
 * per year (never above the request). Drafts may be partial; a submitted review must be complete.
 * The weighted total out of 100 is `weightedTotal` (scoring-grid.ts), the same for server and UI.
 */
import type { AllocationIssue } from './allocation';
import { isCents, type Cents } from './money';
import { checkScoringGrid, weightedTotal, type CriterionInput } from './scoring-grid';

export const REVIEW_OPINIONS = ['favourable', 'reserved', 'unfavourable'] as const;
export type ReviewOpinion = (typeof REVIEW_OPINIONS)[number];

export const REVIEW_COMMENT_MAX_LENGTH = 4000;

export interface YearAmount {
  year: number;
  amountCents: Cents;
}

/** What the reviewer typed; fields are `unknown` because they come straight from a form or a request. */
export interface ReviewInput {
  /** Criterion code → score. */
  scores: Readonly<Record<string, unknown>>;
  /** Criterion code → comment. */
  comments?: Readonly<Record<string, unknown>>;
  opinion?: unknown;
  /** One entry per year of the request. */
  recommended?: readonly { year: unknown; amountCents: unknown }[];
}

const own = (record: Readonly<Record<string, unknown>> | undefined, key: string): unknown =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * True when `score` is in the bottom quarter of the scale [0, maxScore], bounds included:
 * 4 × score ≤ maxScore (on a 0–5 scale: 0 and 1; on 0–20: 0 to 5). Such a score needs a comment.
 */
export function needsComment(score: number, maxScore: number): boolean {
  return 4 * score <= maxScore;
}

export function isReviewOpinion(value: unknown): value is ReviewOpinion {
  return typeof value === 'string' && (REVIEW_OPINIONS as readonly string[]).includes(value);
}

function checkScores(criteria: readonly CriterionInput[], input: ReviewInput, complete: boolean): AllocationIssue[] {
  const issues: AllocationIssue[] = [];
  const known = new Set(criteria.map((c) => c.code));
  for (const code of Object.keys(input.scores)) {
    if (!known.has(code)) issues.push({ field: `scores.${code}`, code: 'REVIEW_UNKNOWN_CRITERION', params: { code } });
  }
  for (const code of Object.keys(input.comments ?? {})) {
    if (!known.has(code)) issues.push({ field: `comments.${code}`, code: 'REVIEW_UNKNOWN_CRITERION', params: { code } });
  }
  for (const criterion of criteria) {
    const score = own(input.scores, criterion.code);
    const comment = own(input.comments, criterion.code);
    if (comment !== undefined && comment !== null && typeof comment !== 'string') {
      issues.push({ field: `comments.${criterion.code}`, code: 'REVIEW_COMMENT_INVALID' });
    } else if (typeof comment === 'string' && comment.length > REVIEW_COMMENT_MAX_LENGTH) {
      issues.push({ field: `comments.${criterion.code}`, code: 'REVIEW_COMMENT_TOO_LONG', params: { max: REVIEW_COMMENT_MAX_LENGTH } });
    }
    if (score === undefined || score === null) {
      if (complete) issues.push({ field: `scores.${criterion.code}`, code: 'REVIEW_SCORE_MISSING' });
      continue;
    }
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > criterion.maxScore) {
      issues.push({ field: `scores.${criterion.code}`, code: 'REVIEW_SCORE_OUT_OF_SCALE', params: { min: 0, max: criterion.maxScore } });
      continue;
    }
    if (complete && needsComment(score, criterion.maxScore) && isBlank(comment)) {
      issues.push({ field: `comments.${criterion.code}`, code: 'REVIEW_COMMENT_REQUIRED', params: { score, max: criterion.maxScore } });
    }
  }
  return issues;
}

function checkRecommended(input: ReviewInput, requested: readonly YearAmount[], complete: boolean): AllocationIssue[] {
  const issues: AllocationIssue[] = [];
  const requestedByYear = new Map(requested.map((r) => [r.year, r.amountCents]));
  const seen = new Set<number>();
  (input.recommended ?? []).forEach((entry, index) => {
    const path = `recommended[${index}]`;
    const year = entry.year;
    if (typeof year !== 'number' || !requestedByYear.has(year)) {
      issues.push({ field: `${path}.year`, code: 'REVIEW_YEAR_UNKNOWN', params: { year: String(year) } });
      return;
    }
    if (seen.has(year)) {
      issues.push({ field: `${path}.year`, code: 'REVIEW_YEAR_DUPLICATE', params: { year } });
      return;
    }
    seen.add(year);
    const amount = entry.amountCents;
    if (amount === null || amount === undefined) {
      if (complete) issues.push({ field: `${path}.amountCents`, code: 'REVIEW_AMOUNT_MISSING', params: { year } });
      return;
    }
    const max = requestedByYear.get(year) ?? 0;
    if (!isCents(amount) || amount < 0) {
      issues.push({ field: `${path}.amountCents`, code: 'AMOUNT_NOT_CENTS' });
    } else if (amount > max) {
      issues.push({ field: `${path}.amountCents`, code: 'REVIEW_AMOUNT_ABOVE_REQUEST', params: { year, maxCents: max } });
    }
  });
  if (complete) {
    for (const { year } of requested) {
      if (!seen.has(year)) issues.push({ field: 'recommended', code: 'REVIEW_AMOUNT_MISSING', params: { year } });
    }
  }
  return issues;
}

function checkReview(
  criteria: readonly CriterionInput[],
  input: ReviewInput,
  requested: readonly YearAmount[],
  complete: boolean,
): AllocationIssue[] {
  const gridIssues = checkScoringGrid(criteria);
  if (gridIssues.length > 0) {
    throw new RangeError(`Invalid scoring grid: ${gridIssues.map((issue) => issue.code).join(', ')}`);
  }
  const issues = [...checkScores(criteria, input, complete)];
  if (input.opinion === undefined || input.opinion === null) {
    if (complete) issues.push({ field: 'opinion', code: 'REVIEW_OPINION_MISSING' });
  } else if (!isReviewOpinion(input.opinion)) {
    issues.push({ field: 'opinion', code: 'REVIEW_OPINION_INVALID', params: { allowed: REVIEW_OPINIONS.join(',') } });
  }
  return [...issues, ...checkRecommended(input, requested, complete)];
}

/** A draft may leave things out, but what it holds must be valid (so that it can be saved as typed). */
export function checkReviewDraft(
  criteria: readonly CriterionInput[],
  input: ReviewInput,
  requested: readonly YearAmount[],
): AllocationIssue[] {
  return checkReview(criteria, input, requested, false);
}

/**
 * A review ready to submit: every criterion scored with an integer within its scale, a comment on
 * every bottom-quarter score, an opinion, and a recommended amount for every requested year, each at
 * most the amount requested that year. Throws RangeError only when the grid itself is invalid.
 */
export function checkReviewForSubmission(
  criteria: readonly CriterionInput[],
  input: ReviewInput,
  requested: readonly YearAmount[],
): AllocationIssue[] {
  return checkReview(criteria, input, requested, true);
}

/** Weighted total out of 100 of a complete review (2 decimals); throws RangeError when incomplete. */
export function reviewTotal(criteria: readonly CriterionInput[], scores: Readonly<Record<string, unknown>>): number {
  const numeric: Record<string, number> = {};
  for (const criterion of criteria) {
    const score = own(scores, criterion.code);
    if (typeof score !== 'number' || !Number.isInteger(score)) {
      throw new RangeError(`Score for criterion ${criterion.code} must be an integer`);
    }
    numeric[criterion.code] = score;
  }
  return weightedTotal(criteria, numeric);
}
