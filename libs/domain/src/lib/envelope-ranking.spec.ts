import fc from 'fast-check';
import { rankAgainstEnvelope, type RankingRowInput, type YearCents } from './envelope-ranking';

const ALLOCATIONS: YearCents[] = [
  { year: 2016, amountCents: 10_000_000 },
  { year: 2017, amountCents: 9_000_000 },
  { year: 2018, amountCents: 8_000_000 },
];

const row = (id: string, a: number, b: number, c: number): RankingRowInput => ({
  id,
  amounts: [
    { year: 2016, amountCents: a },
    { year: 2017, amountCents: b },
    { year: 2018, amountCents: c },
  ],
});

describe('rankAgainstEnvelope', () => {
  it('computes running totals per year and cuts where the first year runs out (hand-computed)', () => {
    const result = rankAgainstEnvelope(
      [
        row('A', 4_000_000, 3_000_000, 2_000_000),
        row('B', 3_000_000, 3_000_000, 3_000_000),
        // 2016: 9.5M ≤ 10M, 2017: 9M ≤ 9M (equal fits), 2018: 8M ≤ 8M.
        row('C', 2_500_000, 3_000_000, 3_000_000),
        // D takes 2017 to 9.1M > 9M and 2018 to 8.5M > 8M: the line falls here.
        row('D', 100_000, 100_000, 500_000),
        // Small enough to fit, but below the strict line all the same.
        row('E', 0, 0, 0),
      ],
      ALLOCATIONS,
    );
    expect(result.rows.map((r) => [r.id, r.running.map((y) => y.amountCents), r.aboveLine])).toEqual([
      ['A', [4_000_000, 3_000_000, 2_000_000], true],
      ['B', [7_000_000, 6_000_000, 5_000_000], true],
      ['C', [9_500_000, 9_000_000, 8_000_000], true],
      ['D', [9_600_000, 9_100_000, 8_500_000], false],
      ['E', [9_600_000, 9_100_000, 8_500_000], false],
    ]);
    expect(result.cutIndex).toBe(3);
    expect(result.cutYears).toEqual([2017, 2018]);
    expect(result.aboveLineTotals).toEqual([
      { year: 2016, amountCents: 9_500_000 },
      { year: 2017, amountCents: 9_000_000 },
      { year: 2018, amountCents: 8_000_000 },
    ]);
    expect(result.remaining).toEqual([
      { year: 2016, amountCents: 500_000 },
      { year: 2017, amountCents: 0 },
      { year: 2018, amountCents: 0 },
    ]);
  });

  it('has no line when everything fits, and a line on the first row when it alone is too big', () => {
    expect(rankAgainstEnvelope([row('A', 1, 1, 1)], ALLOCATIONS).cutIndex).toBeNull();
    const first = rankAgainstEnvelope([row('A', 10_000_001, 0, 0), row('B', 1, 1, 1)], ALLOCATIONS);
    expect(first.cutIndex).toBe(0);
    expect(first.cutYears).toEqual([2016]);
    expect(first.aboveLineTotals.map((y) => y.amountCents)).toEqual([0, 0, 0]);
  });

  it('counts a year left out of a row as zero, and refuses a year without allocation or a bad amount', () => {
    const partial = rankAgainstEnvelope([{ id: 'A', amounts: [{ year: 2017, amountCents: 5 }] }], ALLOCATIONS);
    expect(partial.rows[0]?.running.map((y) => y.amountCents)).toEqual([0, 5, 0]);
    expect(() => rankAgainstEnvelope([{ id: 'A', amounts: [{ year: 2019, amountCents: 5 }] }], ALLOCATIONS)).toThrow(RangeError);
    expect(() => rankAgainstEnvelope([{ id: 'A', amounts: [{ year: 2016, amountCents: 1.5 }] }], ALLOCATIONS)).toThrow(RangeError);
    expect(() => rankAgainstEnvelope([{ id: 'A', amounts: [{ year: 2016, amountCents: -1 }] }], ALLOCATIONS)).toThrow(RangeError);
  });

  const instance = fc.record({
    allocations: fc.tuple(fc.nat(5_000), fc.nat(5_000), fc.nat(5_000)),
    rows: fc.array(fc.tuple(fc.nat(1_000), fc.nat(1_000), fc.nat(1_000)), { maxLength: 40 }),
  });

  it('property: running totals are prefix sums, every row above the line fits every year, the cut row passes a year', () => {
    fc.assert(
      fc.property(instance, ({ allocations, rows }) => {
        const alloc = [2016, 2017, 2018].map((year, y) => ({ year, amountCents: allocations[y] ?? 0 }));
        const input = rows.map((amounts, i) => row(`R${i}`, ...amounts));
        const result = rankAgainstEnvelope(input, alloc);
        const sums = [0, 0, 0];
        rows.forEach((amounts, i) => {
          amounts.forEach((a, y) => (sums[y] = (sums[y] ?? 0) + a));
          expect(result.rows[i]?.running.map((y) => y.amountCents)).toEqual(sums);
        });
        const cut = result.cutIndex ?? rows.length;
        result.rows.forEach((r, i) => {
          expect(r.aboveLine).toBe(i < cut);
          if (i < cut) r.running.forEach((y, k) => expect(y.amountCents).toBeLessThanOrEqual(alloc[k]?.amountCents ?? 0));
        });
        if (result.cutIndex !== null) {
          const passing = result.rows[result.cutIndex]?.running.filter((y, k) => y.amountCents > (alloc[k]?.amountCents ?? 0)).map((y) => y.year);
          expect(passing).toEqual(result.cutYears);
          expect(passing?.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
