import fc from 'fast-check';
import { fitEnvelope, type FitRowInput } from './envelope-fit';
import type { YearCents } from './envelope-ranking';

const YEARS = [2016, 2017, 2018];
const alloc = (a: number, b: number, c: number): YearCents[] => YEARS.map((year, y) => ({ year, amountCents: [a, b, c][y] ?? 0 }));
const row = (id: string, score: number, a: number, b: number, c: number): FitRowInput => ({
  id,
  score,
  amounts: YEARS.map((year, y) => ({ year, amountCents: [a, b, c][y] ?? 0 })),
});

describe('fitEnvelope', () => {
  // Allocation 100 / 100 / 100. Strict order: A (90) fits; B (80) takes 2016 to 160 > 100: the strict
  // line retains A alone (score 90). The best set within 100 a year is B + C + D:
  // 2016 60 + 20 + 20 = 100, 2017 50 + 30 + 20 = 100, 2018 40 + 30 + 30 = 100; score 80 + 70 + 60 = 210.
  const ROWS = [
    row('A', 90, 70, 70, 70),
    row('B', 80, 60, 50, 40),
    row('C', 70, 20, 30, 30),
    row('D', 60, 20, 20, 30),
    row('E', 50, 50, 50, 50),
  ];

  it('finds the best-scoring set within every year, beside the strict line (hand-computed)', async () => {
    const fit = await fitEnvelope(ROWS, alloc(100, 100, 100));
    expect(fit.status).toBe('optimal');
    expect(fit.gap).toBe(0);
    expect(fit.strict).toEqual({ ids: ['A'], totalScore: 90, requested: alloc(70, 70, 70) });
    expect(fit.ids).toEqual(['B', 'C', 'D']);
    expect(fit.totalScore).toBe(210);
    expect(fit.requested).toEqual(alloc(100, 100, 100));
    expect(fit.reductionBasisPoints).toBe(0);
    expect(fit.granted).toEqual(alloc(100, 100, 100));
  });

  it('leaves out rows below the minimum score', async () => {
    // Without D (60 < 65): B + C = 150; A + C = 160 fits (90 / 100 / 100) and scores more.
    const fit = await fitEnvelope(ROWS, alloc(100, 100, 100), { minScore: 65 });
    expect(fit.ids).toEqual(['A', 'C']);
    expect(fit.totalScore).toBe(160);
  });

  it('applies the smallest uniform reduction that makes the set fit, up to the allowed rate', async () => {
    // 100 a year and 10 % allowed: B + C + D already fits, nothing is reduced.
    const none = await fitEnvelope(ROWS, alloc(100, 100, 100), { maxReductionBasisPoints: 1000 });
    expect(none.ids).toEqual(['B', 'C', 'D']);
    expect(none.reductionBasisPoints).toBe(0);
    // 95 a year and 10 % allowed: caps ⌊95 × 10000 / 9000⌋ = 105, so B + C + D (100 a year) is allowed.
    // At 334 bp every grant keeps ⌊a × 9666 / 10000⌋: 2016 57 + 19 + 19 = 95, 2017 48 + 28 + 19 = 95,
    // 2018 38 + 28 + 28 = 94. At 333 bp 2016 gives ⌊60 × 0.9667⌋ = 58 → 96 > 95: 334 is the smallest.
    const reduced = await fitEnvelope(ROWS, alloc(95, 95, 95), { maxReductionBasisPoints: 1000 });
    expect(reduced.ids).toEqual(['B', 'C', 'D']);
    expect(reduced.reductionBasisPoints).toBe(334);
    expect(reduced.grants).toEqual([
      { id: 'B', amounts: alloc(57, 48, 38) },
      { id: 'C', amounts: alloc(19, 28, 28) },
      { id: 'D', amounts: alloc(19, 19, 28) },
    ]);
    expect(reduced.granted).toEqual(alloc(95, 95, 94));
    // Without a reduction at 95 a year, B + C + D no longer fits; listing the 32 subsets by hand, the best
    // is B + C (80 / 80 / 70, score 150).
    const strictOnly = await fitEnvelope(ROWS, alloc(95, 95, 95));
    expect(strictOnly.ids).toEqual(['B', 'C']);
    expect(strictOnly.totalScore).toBe(150);
  });

  it('retains nothing when no row fits, and everything when all fit', async () => {
    const none = await fitEnvelope(ROWS, alloc(10, 10, 10));
    expect(none.ids).toEqual([]);
    expect(none.granted).toEqual(alloc(0, 0, 0));
    const all = await fitEnvelope(ROWS, alloc(1000, 1000, 1000));
    expect(all.ids).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(all.totalScore).toBe(350);
  });

  it('refuses a reduction of 100 % or more and bad amounts', async () => {
    await expect(fitEnvelope(ROWS, alloc(1, 1, 1), { maxReductionBasisPoints: 10_000 })).rejects.toThrow(RangeError);
    await expect(fitEnvelope([row('A', 50, -1, 0, 0)], alloc(1, 1, 1))).rejects.toThrow(RangeError);
    await expect(fitEnvelope([row('A', 101, 1, 0, 0)], alloc(1, 1, 1))).rejects.toThrow(RangeError);
  });

  it('stopped by its time limit, still answers within every allocation and no worse than the strict line', async () => {
    // 300 rows that the strict line cuts early: far too many for 1 ms.
    const rows = Array.from({ length: 300 }, (_, i) => row(`R${i}`, 100 - i / 4, 1_000 + ((i * 7919) % 5_000), 1_000 + ((i * 104_729) % 5_000), 1_000 + ((i * 1_299_709) % 5_000)));
    const fit = await fitEnvelope(rows, alloc(400_000, 400_000, 400_000), { timeLimitSeconds: 0.001 });
    expect(fit.status).toBe('time_limit');
    fit.granted.forEach((y) => expect(y.amountCents).toBeLessThanOrEqual(400_000));
    expect(fit.totalScore).toBeGreaterThanOrEqual(fit.strict.totalScore);
  });

  /** Best total score by trying every subset (small instances only), in hundredths. */
  function bruteForce(rows: FitRowInput[], caps: number[], minScore: number): number {
    let best = 0;
    for (let mask = 0; mask < 1 << rows.length; mask++) {
      const sums = [0, 0, 0];
      let score = 0;
      let ok = true;
      rows.forEach((r, i) => {
        if (!(mask & (1 << i))) return;
        if (r.score < minScore) ok = false;
        r.amounts.forEach((a, y) => (sums[y] = (sums[y] ?? 0) + a.amountCents));
        score += Math.round(r.score * 100);
      });
      if (ok && sums.every((s, y) => s <= (caps[y] ?? 0))) best = Math.max(best, score);
    }
    return best;
  }

  const instance = fc.record({
    rows: fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.nat(400), fc.nat(400), fc.nat(400)), { maxLength: 10 }),
    allocations: fc.tuple(fc.nat(1_500), fc.nat(1_500), fc.nat(1_500)),
    reduction: fc.constantFrom(0, 0, 500, 2000),
    minScore: fc.constantFrom(0, 0, 50),
  });

  it('property: never above any allocation, at least as good as the strict prefix, optimal on small instances', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async ({ rows, allocations, reduction, minScore }) => {
        // Rank order: best score first, as the committee's ranking gives them.
        const input = rows
          .map(([score, a, b, c], i) => row(`R${i}`, score / 100, a, b, c))
          .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
        const allocation = alloc(...allocations);
        const fit = await fitEnvelope(input, allocation, { maxReductionBasisPoints: reduction, minScore });
        fit.granted.forEach((y, k) => expect(y.amountCents).toBeLessThanOrEqual(allocations[k] ?? 0));
        fit.grants.forEach((g) => {
          const requested = input.find((r) => r.id === g.id)?.amounts ?? [];
          g.amounts.forEach((a, k) => expect(a.amountCents).toBeLessThanOrEqual(requested[k]?.amountCents ?? 0));
        });
        expect(fit.reductionBasisPoints).toBeLessThanOrEqual(reduction);
        if (minScore === 0) expect(fit.totalScore).toBeGreaterThanOrEqual(fit.strict.totalScore);
        const caps = allocations.map((a) => Math.floor((a * 10_000) / (10_000 - reduction)));
        expect(Math.round(fit.totalScore * 100)).toBe(bruteForce(input, caps, minScore));
      }),
      { numRuns: 60 },
    );
  });
});
