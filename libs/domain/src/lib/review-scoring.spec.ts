import fc from 'fast-check';
import { checkReviewDraft, checkReviewForSubmission, needsComment, reviewTotal, type ReviewInput, type YearAmount } from './review-scoring';
import type { CriterionInput } from './scoring-grid';

// A grid like the 2016 call's: weights sum to 100, scales differ.
const GRID: CriterionInput[] = [
  { code: 'RELEVANCE', weight: 30, maxScore: 20 },
  { code: 'QUALITY', weight: 25, maxScore: 10 },
  { code: 'CAPACITY', weight: 20, maxScore: 5 },
  { code: 'PARTNERSHIPS', weight: 15, maxScore: 4 },
  { code: 'COST', weight: 10, maxScore: 10 },
];

const REQUESTED: YearAmount[] = [
  { year: 2016, amountCents: 2_500_000 },
  { year: 2017, amountCents: 2_400_000 },
  { year: 2018, amountCents: 2_300_000 },
];

function completeReview(overrides: Partial<ReviewInput> = {}): ReviewInput {
  return {
    scores: { RELEVANCE: 15, QUALITY: 7, CAPACITY: 4, PARTNERSHIPS: 3, COST: 6 },
    comments: {},
    opinion: 'favourable',
    recommended: [
      { year: 2016, amountCents: 2_500_000 },
      { year: 2017, amountCents: 2_000_000 },
      { year: 2018, amountCents: 0 },
    ],
    ...overrides,
  };
}

describe('reviewTotal (weighted total out of 100)', () => {
  it('matches hand-computed totals', () => {
    // 30×15/20 + 25×7/10 + 20×4/5 + 15×3/4 + 10×6/10 = 22.5 + 17.5 + 16 + 11.25 + 6
    expect(reviewTotal(GRID, { RELEVANCE: 15, QUALITY: 7, CAPACITY: 4, PARTNERSHIPS: 3, COST: 6 })).toBe(73.25);
    // 19.5 + 22.5 + 8 + 3.75 + 3
    expect(reviewTotal(GRID, { RELEVANCE: 13, QUALITY: 9, CAPACITY: 2, PARTNERSHIPS: 1, COST: 3 })).toBe(56.75);
    expect(reviewTotal(GRID, { RELEVANCE: 20, QUALITY: 10, CAPACITY: 5, PARTNERSHIPS: 4, COST: 10 })).toBe(100);
    expect(reviewTotal(GRID, { RELEVANCE: 0, QUALITY: 0, CAPACITY: 0, PARTNERSHIPS: 0, COST: 0 })).toBe(0);
  });

  it('rounds half-up to two decimals on repeating fractions', () => {
    const grid = [
      { code: 'A', weight: 50, maxScore: 3 },
      { code: 'B', weight: 50, maxScore: 7 },
    ];
    // 100/3 + 250/7 = 69.0476…
    expect(reviewTotal(grid, { A: 2, B: 5 })).toBe(69.05);
    // 50/3 + 50/7 = 23.8095…
    expect(reviewTotal(grid, { A: 1, B: 1 })).toBe(23.81);
  });

  it('refuses an incomplete or non-integer review', () => {
    expect(() => reviewTotal(GRID, { RELEVANCE: 15, QUALITY: 7, CAPACITY: 4, PARTNERSHIPS: 3 })).toThrow(RangeError);
    expect(() => reviewTotal(GRID, { RELEVANCE: 15, QUALITY: 7.5, CAPACITY: 4, PARTNERSHIPS: 3, COST: 6 })).toThrow(RangeError);
  });
});

describe('needsComment (bottom quarter of the scale, bounds included)', () => {
  it.each([
    [0, 5, true], [1, 5, true], [2, 5, false],
    [5, 20, true], [6, 20, false],
    [1, 4, true], [2, 4, false],
    [2, 10, true], [3, 10, false],
    [0, 1, true], [1, 1, false],
  ])('score %i on 0–%i → %s', (score, max, expected) => {
    expect(needsComment(score, max)).toBe(expected);
  });
});

describe('checkReviewForSubmission', () => {
  it('accepts a complete review', () => {
    expect(checkReviewForSubmission(GRID, completeReview(), REQUESTED)).toEqual([]);
  });

  it('names each missing score, the opinion and each missing year', () => {
    const issues = checkReviewForSubmission(GRID, { scores: { RELEVANCE: 15, QUALITY: 7, CAPACITY: 4 } }, REQUESTED);
    expect(issues).toEqual([
      { field: 'scores.PARTNERSHIPS', code: 'REVIEW_SCORE_MISSING' },
      { field: 'scores.COST', code: 'REVIEW_SCORE_MISSING' },
      { field: 'opinion', code: 'REVIEW_OPINION_MISSING' },
      { field: 'recommended', code: 'REVIEW_AMOUNT_MISSING', params: { year: 2016 } },
      { field: 'recommended', code: 'REVIEW_AMOUNT_MISSING', params: { year: 2017 } },
      { field: 'recommended', code: 'REVIEW_AMOUNT_MISSING', params: { year: 2018 } },
    ]);
  });

  it('refuses scores outside the scale or not integers, and unknown criteria', () => {
    const review = completeReview({ scores: { RELEVANCE: 21, QUALITY: 6.5, CAPACITY: -1, PARTNERSHIPS: '3', COST: 6, EXTRA: 2 } });
    expect(checkReviewForSubmission(GRID, review, REQUESTED)).toEqual([
      { field: 'scores.EXTRA', code: 'REVIEW_UNKNOWN_CRITERION', params: { code: 'EXTRA' } },
      { field: 'scores.RELEVANCE', code: 'REVIEW_SCORE_OUT_OF_SCALE', params: { min: 0, max: 20 } },
      { field: 'scores.QUALITY', code: 'REVIEW_SCORE_OUT_OF_SCALE', params: { min: 0, max: 10 } },
      { field: 'scores.CAPACITY', code: 'REVIEW_SCORE_OUT_OF_SCALE', params: { min: 0, max: 5 } },
      { field: 'scores.PARTNERSHIPS', code: 'REVIEW_SCORE_OUT_OF_SCALE', params: { min: 0, max: 4 } },
    ]);
  });

  it('requires a comment on each bottom-quarter score', () => {
    const review = completeReview({ scores: { RELEVANCE: 5, QUALITY: 3, CAPACITY: 1, PARTNERSHIPS: 1, COST: 2 }, comments: { CAPACITY: 'Équipe réduite', PARTNERSHIPS: '  ' } });
    expect(checkReviewForSubmission(GRID, review, REQUESTED)).toEqual([
      { field: 'comments.RELEVANCE', code: 'REVIEW_COMMENT_REQUIRED', params: { score: 5, max: 20 } },
      { field: 'comments.PARTNERSHIPS', code: 'REVIEW_COMMENT_REQUIRED', params: { score: 1, max: 4 } },
      { field: 'comments.COST', code: 'REVIEW_COMMENT_REQUIRED', params: { score: 2, max: 10 } },
    ]);
  });

  it('refuses an unknown opinion', () => {
    expect(checkReviewForSubmission(GRID, completeReview({ opinion: 'great' }), REQUESTED)).toEqual([
      { field: 'opinion', code: 'REVIEW_OPINION_INVALID', params: { allowed: 'favourable,reserved,unfavourable' } },
    ]);
    for (const opinion of ['favourable', 'reserved', 'unfavourable']) {
      expect(checkReviewForSubmission(GRID, completeReview({ opinion }), REQUESTED)).toEqual([]);
    }
  });

  it('refuses a recommended amount above the request, negative, fractional, or for a year not requested', () => {
    const review = completeReview({
      recommended: [
        { year: 2016, amountCents: 2_500_001 },
        { year: 2017, amountCents: -1 },
        { year: 2018, amountCents: 10.5 },
        { year: 2019, amountCents: 100 },
        { year: 2016, amountCents: 1 },
      ],
    });
    expect(checkReviewForSubmission(GRID, review, REQUESTED)).toEqual([
      { field: 'recommended[0].amountCents', code: 'REVIEW_AMOUNT_ABOVE_REQUEST', params: { year: 2016, maxCents: 2_500_000 } },
      { field: 'recommended[1].amountCents', code: 'AMOUNT_NOT_CENTS' },
      { field: 'recommended[2].amountCents', code: 'AMOUNT_NOT_CENTS' },
      { field: 'recommended[3].year', code: 'REVIEW_YEAR_UNKNOWN', params: { year: '2019' } },
      { field: 'recommended[4].year', code: 'REVIEW_YEAR_DUPLICATE', params: { year: 2016 } },
    ]);
  });

  it('limits comments to 4,000 characters', () => {
    const review = completeReview({ comments: { QUALITY: 'x'.repeat(4001) } });
    expect(checkReviewForSubmission(GRID, review, REQUESTED)).toEqual([
      { field: 'comments.QUALITY', code: 'REVIEW_COMMENT_TOO_LONG', params: { max: 4000 } },
    ]);
  });

  it('property: a review passes exactly when every score is an integer in scale, commented when low, and every amount ≤ request', () => {
    fc.assert(
      fc.property(
        fc.tuple(...GRID.map((c) => fc.integer({ min: -2, max: c.maxScore + 2 }))),
        fc.tuple(...GRID.map(() => fc.boolean())),
        fc.tuple(...REQUESTED.map((r) => fc.integer({ min: 0, max: r.amountCents + 1000 }))),
        (scores, commented, amounts) => {
          const review: ReviewInput = {
            scores: Object.fromEntries(GRID.map((c, i) => [c.code, scores[i]])),
            comments: Object.fromEntries(GRID.map((c, i) => [c.code, commented[i] ? 'Motif' : ''])),
            opinion: 'reserved',
            recommended: REQUESTED.map((r, i) => ({ year: r.year, amountCents: amounts[i] })),
          };
          const valid =
            GRID.every((c, i) => {
              const s = scores[i] ?? -1;
              return s >= 0 && s <= c.maxScore && (4 * s > c.maxScore || commented[i] === true);
            }) && REQUESTED.every((r, i) => (amounts[i] ?? 0) <= r.amountCents);
          expect(checkReviewForSubmission(GRID, review, REQUESTED).length === 0).toBe(valid);
        },
      ),
    );
  });
});

describe('checkReviewDraft', () => {
  it('accepts a partial draft but still refuses what is wrong in it', () => {
    expect(checkReviewDraft(GRID, { scores: { QUALITY: 1 } }, REQUESTED)).toEqual([]);
    expect(checkReviewDraft(GRID, { scores: { QUALITY: 11 }, recommended: [{ year: 2017, amountCents: 2_400_001 }] }, REQUESTED)).toEqual([
      { field: 'scores.QUALITY', code: 'REVIEW_SCORE_OUT_OF_SCALE', params: { min: 0, max: 10 } },
      { field: 'recommended[0].amountCents', code: 'REVIEW_AMOUNT_ABOVE_REQUEST', params: { year: 2017, maxCents: 2_400_000 } },
    ]);
  });

  it('throws on an invalid grid (a programming error, not user input)', () => {
    expect(() => checkReviewDraft([{ code: 'A', weight: 90, maxScore: 5 }], { scores: {} }, REQUESTED)).toThrow(RangeError);
  });
});
