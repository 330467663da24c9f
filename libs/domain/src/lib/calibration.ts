/**
 * Calibration of reviewers' totals (out of 100, 2 decimals): the consolidated score of an
 * application, the divergence flag, and a normalised score that corrects each reviewer's severity.
 *
 * Arithmetic is done in integer hundredths of a point so that means, spreads and zero variance are
 * exact; only the standardisation itself uses floating point, rounded once at the end.
 */

export const DEFAULT_DIVERGENCE_THRESHOLD = 20;

const MAX_HUNDREDTHS = 10_000;

/** A total out of 100 with at most 2 decimals → integer hundredths (73.25 → 7325). */
export function toHundredths(total: number): number {
  const hundredths = Math.round(total * 100);
  if (!Number.isFinite(total) || hundredths < 0 || hundredths > MAX_HUNDREDTHS || Math.abs(total * 100 - hundredths) > 1e-6) {
    throw new RangeError(`A total must be between 0 and 100 with at most 2 decimals, got ${String(total)}`);
  }
  return hundredths;
}

/** Mean of `count` totals whose sum in hundredths is `sumHundredths`, rounded half-up to 2 decimals. */
export function meanFromSum(sumHundredths: number, count: number): number {
  if (!Number.isSafeInteger(sumHundredths) || sumHundredths < 0 || !Number.isSafeInteger(count) || count <= 0) {
    throw new RangeError('meanFromSum needs a non-negative integer sum and a positive count');
  }
  return Math.floor((2 * sumHundredths + count) / (2 * count)) / 100;
}

export interface ConsolidatedScore {
  count: number;
  /** Mean of the submitted totals; null before the first submitted review. */
  mean: number | null;
  min: number | null;
  max: number | null;
  /** max − min. */
  spread: number | null;
  /** True when the reviewers differ by strictly more than the threshold. */
  divergent: boolean;
}

/** Consolidated score of one application from its submitted review totals. */
export function consolidateScores(totals: readonly number[], divergenceThreshold = DEFAULT_DIVERGENCE_THRESHOLD): ConsolidatedScore {
  const threshold = toHundredths(divergenceThreshold);
  if (totals.length === 0) return { count: 0, mean: null, min: null, max: null, spread: null, divergent: false };
  const values = totals.map(toHundredths);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const sum = values.reduce((acc, v) => acc + v, 0);
  return {
    count: values.length,
    mean: meanFromSum(sum, values.length),
    min: min / 100,
    max: max / 100,
    spread: (max - min) / 100,
    divergent: max - min > threshold,
  };
}

export interface ReviewTotal {
  applicationId: string;
  reviewerId: string;
  /** Weighted total out of 100 of a submitted review. */
  total: number;
}

export interface ReviewerSeverity {
  reviewerId: string;
  /** Submitted reviews of this reviewer in the call. */
  count: number;
  mean: number;
  /** Population standard deviation of the reviewer's totals. */
  stdDev: number;
  /** mean − call mean: negative for a severe reviewer, positive for a lenient one. */
  severity: number;
  /** False when the reviewer has a single review: one mark cannot tell severity, it is kept raw. */
  corrected: boolean;
}

export interface NormalizedReview extends ReviewTotal {
  normalized: number;
}

export interface ApplicationCalibration {
  applicationId: string;
  count: number;
  /** Mean of raw totals. */
  raw: number;
  /** Mean of the reviewers' normalised totals. */
  normalized: number;
}

export interface Calibration {
  callMean: number;
  callStdDev: number;
  reviewers: ReviewerSeverity[];
  reviews: NormalizedReview[];
  applications: ApplicationCalibration[];
}

interface Moments {
  count: number;
  sum: number;
  /** count × Σx² − (Σx)², exact in integers: count² × variance. */
  scaledVariance: number;
}

function moments(values: readonly number[]): Moments {
  const sum = values.reduce((acc, v) => acc + v, 0);
  const squares = values.reduce((acc, v) => acc + v * v, 0);
  return { count: values.length, sum, scaledVariance: values.length * squares - sum * sum };
}

const meanOf = (m: Moments): number => m.sum / m.count;
const stdDevOf = (m: Moments): number => Math.sqrt(m.scaledVariance) / m.count;
const round2 = (hundredths: number): number => Math.floor(hundredths + 0.5) / 100;
const clamp = (value: number): number => Math.min(MAX_HUNDREDTHS, Math.max(0, value));

/**
 * Severity normalisation over every submitted review of a call. With μ and σ the mean and the
 * population standard deviation of all totals of the call, and μr, σr those of reviewer r:
 * - r has two reviews or more and σr > 0: normalised = μ + σ × (total − μr) / σr, i.e. the
 *   reviewer's z-score put back on the call's own scale, clamped to [0, 100];
 * - r has two reviews or more, all equal (σr = 0): their marks rank nothing, only their level is
 *   known: normalised = total − μr + μ = μ;
 * - r has a single review: nothing tells their severity, the total is kept as it is.
 * All results are rounded half-up to 2 decimals. An application's normalised score is the mean of
 * its reviews' normalised totals. Outputs are sorted by id, whatever the input order.
 */
export function normalizeScores(reviews: readonly ReviewTotal[]): Calibration {
  const byReviewer = new Map<string, number[]>();
  const all = reviews.map((review) => {
    const hundredths = toHundredths(review.total);
    const list = byReviewer.get(review.reviewerId) ?? [];
    list.push(hundredths);
    byReviewer.set(review.reviewerId, list);
    return hundredths;
  });
  if (all.length === 0) return { callMean: 0, callStdDev: 0, reviewers: [], reviews: [], applications: [] };
  const call = moments(all);
  const mu = meanOf(call);
  const sigma = stdDevOf(call);
  const reviewerMoments = new Map([...byReviewer].map(([id, values]) => [id, moments(values)]));

  const normalizedHundredths = (reviewerId: string, total: number): number => {
    const m = reviewerMoments.get(reviewerId);
    if (m === undefined || m.count < 2) return total;
    if (m.scaledVariance === 0) return clamp(mu);
    return clamp(mu + (sigma * (total - meanOf(m))) / stdDevOf(m));
  };

  const normalizedReviews = reviews
    .map((review, index) => ({ ...review, normalized: round2(normalizedHundredths(review.reviewerId, all[index] ?? 0)) }))
    .sort((a, b) => compareIds(a.applicationId, b.applicationId) || compareIds(a.reviewerId, b.reviewerId));

  const byApplication = new Map<string, { raw: number[]; normalized: number[] }>();
  for (const review of normalizedReviews) {
    const entry = byApplication.get(review.applicationId) ?? { raw: [], normalized: [] };
    entry.raw.push(toHundredths(review.total));
    entry.normalized.push(toHundredths(review.normalized));
    byApplication.set(review.applicationId, entry);
  }
  const mean = (values: number[]): number => meanFromSum(values.reduce((acc, v) => acc + v, 0), values.length);

  return {
    callMean: round2(mu),
    callStdDev: round2(sigma),
    reviewers: [...reviewerMoments]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([reviewerId, m]) => ({
        reviewerId,
        count: m.count,
        mean: round2(meanOf(m)),
        stdDev: round2(stdDevOf(m)),
        severity: round2(meanOf(m) - mu),
        corrected: m.count >= 2,
      })),
    reviews: normalizedReviews,
    applications: [...byApplication].map(([applicationId, entry]) => ({
      applicationId,
      count: entry.raw.length,
      raw: mean(entry.raw),
      normalized: mean(entry.normalized),
    })),
  };
}

/** Plain code-unit order: stable across locales and runtimes. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Running moments of one reviewer's submitted totals in a call (what `reviewer_call_stat` keeps). */
export interface ReviewerMoments {
  reviewerId: string;
  count: number;
  /** Σ totals in hundredths. */
  sumHundredths: number;
  /** Σ totals² in hundredths². */
  sumSquares: number;
}

/**
 * The call mean, σ and each reviewer's severity from kept moments alone, without reading every review:
 * the same figures as `normalizeScores(...)` gives for the same submitted reviews (reviewers with no
 * review left out). Sorted by reviewer id.
 */
export function severitiesFromMoments(stats: readonly ReviewerMoments[]): Pick<Calibration, 'callMean' | 'callStdDev' | 'reviewers'> {
  const kept = stats.filter((s) => s.count > 0);
  if (kept.length === 0) return { callMean: 0, callStdDev: 0, reviewers: [] };
  const count = kept.reduce((acc, s) => acc + s.count, 0);
  const sum = kept.reduce((acc, s) => acc + s.sumHundredths, 0);
  const squares = kept.reduce((acc, s) => acc + s.sumSquares, 0);
  const call: Moments = { count, sum, scaledVariance: count * squares - sum * sum };
  const mu = meanOf(call);
  return {
    callMean: round2(mu),
    callStdDev: round2(stdDevOf(call)),
    reviewers: [...kept]
      .sort((a, b) => compareIds(a.reviewerId, b.reviewerId))
      .map((s) => {
        const m: Moments = { count: s.count, sum: s.sumHundredths, scaledVariance: s.count * s.sumSquares - s.sumHundredths * s.sumHundredths };
        return {
          reviewerId: s.reviewerId,
          count: m.count,
          mean: round2(meanOf(m)),
          stdDev: round2(stdDevOf(m)),
          severity: round2(meanOf(m) - mu),
          corrected: m.count >= 2,
        };
      }),
  };
}
