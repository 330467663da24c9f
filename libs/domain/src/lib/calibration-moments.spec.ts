import { normalizeScores, severitiesFromMoments } from './calibration';

describe('severitiesFromMoments', () => {
  it('gives, from kept moments, the figures computed by hand (and by normalizeScores) for the same reviews', () => {
    // r1: 60, 80 (mean 70, σ 10); r2: 40, 50, 90 (mean 60, σ 21.60); r3: 75 (single review).
    // Call: 6 reviews, Σ = 395, mean 65.83, Σ² = 27825, σ = sqrt(6·27825 − 395²)/6 = sqrt(10925)/6 = 17.42.
    const stats = [
      { reviewerId: 'r2', count: 3, sumHundredths: 18000, sumSquares: 4000 ** 2 + 5000 ** 2 + 9000 ** 2 },
      { reviewerId: 'r1', count: 2, sumHundredths: 14000, sumSquares: 6000 ** 2 + 8000 ** 2 },
      { reviewerId: 'r3', count: 1, sumHundredths: 7500, sumSquares: 7500 ** 2 },
      { reviewerId: 'r4', count: 0, sumHundredths: 0, sumSquares: 0 },
    ];
    const expected = {
      callMean: 65.83,
      callStdDev: 17.42,
      reviewers: [
        { reviewerId: 'r1', count: 2, mean: 70, stdDev: 10, severity: 4.17, corrected: true },
        { reviewerId: 'r2', count: 3, mean: 60, stdDev: 21.6, severity: -5.83, corrected: true },
        { reviewerId: 'r3', count: 1, mean: 75, stdDev: 0, severity: 9.17, corrected: false },
      ],
    };
    expect(severitiesFromMoments(stats)).toEqual(expected);
    const reviews = [
      { applicationId: 'a', reviewerId: 'r1', total: 60 }, { applicationId: 'b', reviewerId: 'r1', total: 80 },
      { applicationId: 'a', reviewerId: 'r2', total: 40 }, { applicationId: 'b', reviewerId: 'r2', total: 50 },
      { applicationId: 'c', reviewerId: 'r2', total: 90 }, { applicationId: 'c', reviewerId: 'r3', total: 75 },
    ];
    const full = normalizeScores(reviews);
    expect({ callMean: full.callMean, callStdDev: full.callStdDev, reviewers: full.reviewers }).toEqual(expected);
  });

  it('is empty without any review', () => {
    expect(severitiesFromMoments([])).toEqual({ callMean: 0, callStdDev: 0, reviewers: [] });
  });
});
