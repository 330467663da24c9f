import fc from 'fast-check';
import {
  checkScoringGrid,
  CriterionInput,
  weightedTotal,
} from './scoring-grid';
import { allocateProportionally } from './money';

const grid: CriterionInput[] = [
  { code: 'RELEVANCE', weight: 40, maxScore: 20 },
  { code: 'FEASIBILITY', weight: 35, maxScore: 10 },
  { code: 'IMPACT', weight: 25, maxScore: 5 },
];

/** Arbitrary valid grid: integer weights 1..100 summing to 100, distinct codes. */
const validGrid: fc.Arbitrary<CriterionInput[]> = fc
  .integer({ min: 1, max: 10 })
  .chain((count) =>
    fc.tuple(
      fc.array(fc.integer({ min: 1, max: 50 }), {
        minLength: count,
        maxLength: count,
      }),
      fc.array(fc.integer({ min: 1, max: 100 }), {
        minLength: count,
        maxLength: count,
      }),
    ),
  )
  .map(([rawWeights, maxScores]) => {
    // Give every criterion 1 point, then spread the rest proportionally: sum is exactly 100.
    const extra = allocateProportionally(100 - rawWeights.length, rawWeights);
    return rawWeights.map((_, i) => ({
      code: `C${i}`,
      weight: 1 + (extra[i] ?? 0),
      maxScore: maxScores[i] ?? 1,
    }));
  });

const gridWithScores = validGrid.chain((criteria) =>
  fc
    .tuple(...criteria.map((c) => fc.integer({ min: 0, max: c.maxScore })))
    .map((values) => ({
      criteria,
      scores: Object.fromEntries(
        criteria.map((c, i) => [c.code, values[i] ?? 0]),
      ),
    })),
);

/** Reference: exact rational value × 100, rounded half-up, for integer scores. */
function exactHundredths(
  criteria: readonly CriterionInput[],
  scores: Record<string, number>,
): number {
  const denominator = criteria.reduce((acc, c) => acc * BigInt(c.maxScore), 1n);
  const numerator = criteria.reduce(
    (acc, c) =>
      acc +
      (BigInt(c.weight) * BigInt(scores[c.code] ?? 0) * denominator) /
        BigInt(c.maxScore),
    0n,
  );
  return Number((200n * numerator + denominator) / (2n * denominator));
}

describe('checkScoringGrid', () => {
  it('accepts a valid grid', () => {
    expect(checkScoringGrid(grid)).toEqual([]);
    expect(
      checkScoringGrid([{ code: 'ONLY', weight: 100, maxScore: 100 }]),
    ).toEqual([]);
  });

  it('reports an empty grid', () => {
    expect(checkScoringGrid([])).toEqual([
      { field: 'criteria', code: 'GRID_EMPTY' },
    ]);
  });

  it('reports weights that do not sum to 100', () => {
    expect(
      checkScoringGrid([
        { code: 'A', weight: 60, maxScore: 10 },
        { code: 'B', weight: 30, maxScore: 10 },
      ]),
    ).toEqual([
      {
        field: 'criteria',
        code: 'GRID_WEIGHTS_SUM',
        params: { expected: 100, actual: 90 },
      },
    ]);
  });

  it.each([0, -5, 101, 12.5, NaN])(
    'reports weight %p as invalid with its path',
    (weight) => {
      const issues = checkScoringGrid([
        { code: 'A', weight: 50, maxScore: 10 },
        { code: 'B', weight: 50, maxScore: 10 },
        { code: 'C', weight, maxScore: 10 },
      ]);
      expect(issues).toContainEqual({
        field: 'criteria[2].weight',
        code: 'GRID_WEIGHT_INVALID',
        params: { min: 1, max: 100 },
      });
    },
  );

  it('does not compute a sum over non-integer weights', () => {
    const codes = checkScoringGrid([
      { code: 'A', weight: 50.5, maxScore: 10 },
      { code: 'B', weight: 49.5, maxScore: 10 },
    ]).map((i) => i.code);
    expect(codes).toEqual(['GRID_WEIGHT_INVALID', 'GRID_WEIGHT_INVALID']);
  });

  it.each([0, 101, 2.5, -1, Infinity])(
    'reports max score %p as invalid',
    (maxScore) => {
      const issues = checkScoringGrid([{ code: 'A', weight: 100, maxScore }]);
      expect(issues).toEqual([
        {
          field: 'criteria[0].maxScore',
          code: 'GRID_MAX_SCORE_INVALID',
          params: { min: 1, max: 100 },
        },
      ]);
    },
  );

  it('reports duplicated codes on the repeated entry', () => {
    const issues = checkScoringGrid([
      { code: 'A', weight: 50, maxScore: 10 },
      { code: 'A', weight: 50, maxScore: 10 },
    ]);
    expect(issues).toEqual([
      {
        field: 'criteria[1].code',
        code: 'GRID_DUPLICATE_CODE',
        params: { code: 'A' },
      },
    ]);
  });

  it('property: generated grids are valid', () => {
    fc.assert(
      fc.property(validGrid, (criteria) =>
        expect(checkScoringGrid(criteria)).toEqual([]),
      ),
    );
  });

  it('property: changing one weight by a non-zero delta reports the sum', () => {
    fc.assert(
      fc.property(
        validGrid,
        fc.nat(),
        fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0),
        (criteria, pick, delta) => {
          const index = pick % criteria.length;
          const changed = criteria.map((c, i) =>
            i === index ? { ...c, weight: c.weight + delta } : c,
          );
          expect(checkScoringGrid(changed)).toContainEqual({
            field: 'criteria',
            code: 'GRID_WEIGHTS_SUM',
            params: { expected: 100, actual: 100 + delta },
          });
        },
      ),
    );
  });
});

describe('weightedTotal', () => {
  it('computes the weighted mark out of 100', () => {
    expect(
      weightedTotal(grid, { RELEVANCE: 20, FEASIBILITY: 10, IMPACT: 5 }),
    ).toBe(100);
    expect(
      weightedTotal(grid, { RELEVANCE: 0, FEASIBILITY: 0, IMPACT: 0 }),
    ).toBe(0);
    // 40*15/20 + 35*7/10 + 25*3/5 = 30 + 24.5 + 15
    expect(
      weightedTotal(grid, { RELEVANCE: 15, FEASIBILITY: 7, IMPACT: 3 }),
    ).toBe(69.5);
  });

  it('rounds to two decimals', () => {
    const thirds = [{ code: 'A', weight: 100, maxScore: 3 }];
    expect(weightedTotal(thirds, { A: 1 })).toBe(33.33);
    expect(weightedTotal(thirds, { A: 2 })).toBe(66.67);
  });

  it('rounds exact halves up, without float noise', () => {
    // 1.005 * 100 is 100.49999999999999 in floats; the exact value is 100.5 -> 1.01
    const grid1: CriterionInput[] = [{ code: 'A', weight: 100, maxScore: 100 }];
    expect(weightedTotal(grid1, { A: 1.005 })).toBe(1.01);
    expect(weightedTotal(grid1, { A: 0.125 })).toBe(0.13);
    // 1 × 1/8 = 0.125 exactly -> 0.13
    expect(
      weightedTotal(
        [
          { code: 'A', weight: 1, maxScore: 8 },
          { code: 'B', weight: 99, maxScore: 1 },
        ],
        { A: 1, B: 0 },
      ),
    ).toBe(0.13);
  });

  it('accepts fractional scores such as half points', () => {
    expect(
      weightedTotal(grid, { RELEVANCE: 12.5, FEASIBILITY: 10, IMPACT: 5 }),
    ).toBe(85);
    expect(
      weightedTotal([{ code: 'A', weight: 100, maxScore: 10 }], { A: 1e-7 }),
    ).toBe(0);
  });

  it('throws on a missing score', () => {
    expect(() =>
      weightedTotal(grid, { RELEVANCE: 10, FEASIBILITY: 5 }),
    ).toThrow(/IMPACT/);
    // Inherited properties are not scores.
    expect(() =>
      weightedTotal([{ code: 'constructor', weight: 100, maxScore: 10 }], {}),
    ).toThrow(/Missing score/);
  });

  it.each([-1, 5.5, NaN, Infinity])(
    'throws on out-of-range score %p',
    (impact) => {
      expect(() =>
        weightedTotal(grid, { RELEVANCE: 10, FEASIBILITY: 5, IMPACT: impact }),
      ).toThrow(RangeError);
    },
  );

  it('throws on an invalid grid', () => {
    expect(() =>
      weightedTotal([{ code: 'A', weight: 50, maxScore: 10 }], { A: 5 }),
    ).toThrow(/GRID_WEIGHTS_SUM/);
    expect(() =>
      weightedTotal([{ code: 'A', weight: 100, maxScore: 0 }], { A: 0 }),
    ).toThrow(/GRID_MAX_SCORE_INVALID/);
  });

  it('ignores scores for unknown criteria', () => {
    expect(
      weightedTotal(grid, {
        RELEVANCE: 20,
        FEASIBILITY: 10,
        IMPACT: 5,
        OTHER: 99,
      }),
    ).toBe(100);
  });

  it('property: matches the exact rational value rounded half-up', () => {
    fc.assert(
      fc.property(gridWithScores, ({ criteria, scores }) => {
        expect(Math.round(weightedTotal(criteria, scores) * 100)).toBe(
          exactHundredths(criteria, scores),
        );
      }),
    );
  });

  it('property: stays within 0..100 with at most two decimals', () => {
    fc.assert(
      fc.property(gridWithScores, ({ criteria, scores }) => {
        const total = weightedTotal(criteria, scores);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(100);
        expect(Number(total.toFixed(2))).toBe(total);
      }),
    );
  });

  it('property: raising one score never lowers the total', () => {
    fc.assert(
      fc.property(gridWithScores, fc.nat(), ({ criteria, scores }, pick) => {
        const target = criteria[pick % criteria.length];
        if (target === undefined)
          throw new Error('unreachable: grids are never empty');
        const raised = { ...scores, [target.code]: target.maxScore };
        expect(weightedTotal(criteria, raised)).toBeGreaterThanOrEqual(
          weightedTotal(criteria, scores),
        );
      }),
    );
  });
});
