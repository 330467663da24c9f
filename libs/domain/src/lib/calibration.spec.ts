import fc from 'fast-check';
import { consolidateScores, meanFromSum, normalizeScores, toHundredths, type ReviewTotal } from './calibration';

describe('consolidateScores', () => {
  it('is the mean of the submitted totals, rounded half-up to 2 decimals', () => {
    expect(consolidateScores([73.25, 56.75])).toEqual({ count: 2, mean: 65, min: 56.75, max: 73.25, spread: 16.5, divergent: false });
    // (70 + 70.01 + 70.01) / 3 = 70.00666…
    expect(consolidateScores([70, 70.01, 70.01]).mean).toBe(70.01);
    // (10.01 + 10.02) / 2 = 10.015 → 10.02
    expect(consolidateScores([10.01, 10.02]).mean).toBe(10.02);
  });

  it('flags a spread strictly above the threshold (default 20 points)', () => {
    expect(consolidateScores([50, 70]).divergent).toBe(false);
    expect(consolidateScores([50, 70.01]).divergent).toBe(true);
    expect(consolidateScores([50, 60, 80.5]).divergent).toBe(true);
    expect(consolidateScores([50, 80.5], 30.5).divergent).toBe(false);
    expect(consolidateScores([50, 80.5], 30).divergent).toBe(true);
  });

  it('has no mean and no flag before the first review', () => {
    expect(consolidateScores([])).toEqual({ count: 0, mean: null, min: null, max: null, spread: null, divergent: false });
  });

  it('refuses totals outside 0–100 or with more than 2 decimals', () => {
    expect(() => consolidateScores([100.01])).toThrow(RangeError);
    expect(() => consolidateScores([-1])).toThrow(RangeError);
    expect(() => consolidateScores([50.123])).toThrow(RangeError);
    expect(() => consolidateScores([Number.NaN])).toThrow(RangeError);
  });

  it('keeps the mean from a running sum, as the API stores it', () => {
    expect(toHundredths(73.25)).toBe(7325);
    expect(meanFromSum(7325 + 5675, 2)).toBe(65);
    expect(meanFromSum(2003, 2)).toBe(10.02);
    expect(() => meanFromSum(100, 0)).toThrow(RangeError);
  });
});

describe('normalizeScores', () => {
  // Call: 7 totals 50, 30, 30, 10, 40, 40, 80 → mean μ = 280 / 7 = 40,
  // variance = (100 + 100 + 100 + 900 + 0 + 0 + 1600) / 7 = 2800 / 7 = 400, σ = 20.
  // A (2 reviews: 50, 30): μA = 40, σA = 10.   B (30, 10): μB = 20, σB = 10 (severe).
  // C (40, 40): zero variance.                 D (80): a single review.
  const FIXTURE: ReviewTotal[] = [
    { applicationId: 'P1', reviewerId: 'A', total: 50 },
    { applicationId: 'P2', reviewerId: 'A', total: 30 },
    { applicationId: 'P1', reviewerId: 'B', total: 30 },
    { applicationId: 'P3', reviewerId: 'B', total: 10 },
    { applicationId: 'P2', reviewerId: 'C', total: 40 },
    { applicationId: 'P3', reviewerId: 'C', total: 40 },
    { applicationId: 'P4', reviewerId: 'D', total: 80 },
  ];

  it('standardises each reviewer and puts the z-score back on the call scale (hand-computed fixture)', () => {
    const result = normalizeScores(FIXTURE);
    expect(result.callMean).toBe(40);
    expect(result.callStdDev).toBe(20);
    expect(result.reviewers).toEqual([
      { reviewerId: 'A', count: 2, mean: 40, stdDev: 10, severity: 0, corrected: true },
      { reviewerId: 'B', count: 2, mean: 20, stdDev: 10, severity: -20, corrected: true },
      { reviewerId: 'C', count: 2, mean: 40, stdDev: 0, severity: 0, corrected: true },
      { reviewerId: 'D', count: 1, mean: 80, stdDev: 0, severity: 40, corrected: false },
    ]);
    // A: 50 → z = +1 → 40 + 20 = 60; 30 → z = −1 → 20. B: 30 → z = +1 → 60; 10 → 20.
    // C: no spread → the call mean, 40. D: a single review stays 80.
    expect(result.reviews.map((r) => [r.applicationId, r.reviewerId, r.normalized])).toEqual([
      ['P1', 'A', 60], ['P1', 'B', 60],
      ['P2', 'A', 20], ['P2', 'C', 40],
      ['P3', 'B', 20], ['P3', 'C', 40],
      ['P4', 'D', 80],
    ]);
    expect(result.applications).toEqual([
      { applicationId: 'P1', count: 2, raw: 40, normalized: 60 },
      { applicationId: 'P2', count: 2, raw: 35, normalized: 30 },
      { applicationId: 'P3', count: 2, raw: 25, normalized: 30 },
      { applicationId: 'P4', count: 1, raw: 80, normalized: 80 },
    ]);
  });

  it('gives the same result whatever the order of the reviews', () => {
    expect(normalizeScores([...FIXTURE].reverse())).toEqual(normalizeScores(FIXTURE));
  });

  it('clamps to 0–100 and rounds to 2 decimals', () => {
    // Call: 100, 0, 90, 60, 30 → μ = 56, σ² = (1936 + 3136 + 1156 + 16 + 676) / 5 = 1384, σ = 37.2022…
    // R1 (100, 0): μ = 50, σ = 50 → 100: 56 + 37.2022 = 93.20; 0: 56 − 37.2022 = 18.80.
    // R2 (90, 60, 30): μ = 60, σ = 24.4949 → 90: z = 1.224745 → 56 + 45.5636 = 101.56 → clamped to 100.
    const result = normalizeScores([
      { applicationId: 'X', reviewerId: 'R1', total: 100 },
      { applicationId: 'Y', reviewerId: 'R1', total: 0 },
      { applicationId: 'X', reviewerId: 'R2', total: 90 },
      { applicationId: 'Y', reviewerId: 'R2', total: 60 },
      { applicationId: 'Z', reviewerId: 'R2', total: 30 },
    ]);
    expect(result.callStdDev).toBe(37.2);
    expect(result.reviews.map((r) => r.normalized)).toEqual([93.2, 100, 18.8, 56, 10.44]);
  });

  it('returns nothing for no review', () => {
    expect(normalizeScores([])).toEqual({ callMean: 0, callStdDev: 0, reviewers: [], reviews: [], applications: [] });
  });

  const reviewsArb = fc.array(
    fc.record({
      applicationId: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5'),
      reviewerId: fc.constantFrom('R1', 'R2', 'R3'),
      total: fc.integer({ min: 0, max: 10_000 }).map((h) => h / 100),
    }),
    { minLength: 1, maxLength: 30 },
  );

  it('property: normalised totals stay within 0–100 and keep each reviewer’s own order', () => {
    fc.assert(
      fc.property(reviewsArb, (reviews) => {
        const result = normalizeScores(reviews);
        for (const review of result.reviews) {
          expect(review.normalized).toBeGreaterThanOrEqual(0);
          expect(review.normalized).toBeLessThanOrEqual(100);
        }
        for (const a of result.reviews) {
          for (const b of result.reviews) {
            if (a.reviewerId === b.reviewerId && a.total < b.total) expect(a.normalized).toBeLessThanOrEqual(b.normalized);
          }
        }
      }),
    );
  });

  it('gives the same normalised score to two reviewers who rank alike, one 20 points more severe', () => {
    // Call: 80, 70, 60, 60, 50, 40 → μ = 60, σ = √(1000/6). Each reviewer: σr = √(200/3); σ / σr = √2.5 = 1.58114.
    // 80 and 60 (z = +1.22474) → 60 + 15.81 = 75.81; 70 and 50 (z = 0) → 60; 60 and 40 → 44.19.
    const result = normalizeScores([
      { applicationId: 'P1', reviewerId: 'LENIENT', total: 80 },
      { applicationId: 'P2', reviewerId: 'LENIENT', total: 70 },
      { applicationId: 'P3', reviewerId: 'LENIENT', total: 60 },
      { applicationId: 'P1', reviewerId: 'SEVERE', total: 60 },
      { applicationId: 'P2', reviewerId: 'SEVERE', total: 50 },
      { applicationId: 'P3', reviewerId: 'SEVERE', total: 40 },
    ]);
    expect(result.reviewers.map((r) => [r.reviewerId, r.severity])).toEqual([['LENIENT', 10], ['SEVERE', -10]]);
    expect(result.applications).toEqual([
      { applicationId: 'P1', count: 2, raw: 70, normalized: 75.81 },
      { applicationId: 'P2', count: 2, raw: 60, normalized: 60 },
      { applicationId: 'P3', count: 2, raw: 50, normalized: 44.19 },
    ]);
  });
});
