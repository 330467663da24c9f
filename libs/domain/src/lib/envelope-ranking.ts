/**
 * Ranking of an axis against its envelope, year by year: rows come ordered by score (best first),
 * each with the amount per year it asks (or is recommended); the strict cut line is the first row
 * where any year's running total passes that year's allocation. Everything above it fits every year.
 */
import { assertCents, type Cents } from './money';

export interface YearCents {
  year: number;
  amountCents: Cents;
}

export interface RankingRowInput {
  id: string;
  /** Amount per year; a year left out counts as 0. */
  amounts: readonly YearCents[];
}

export interface RankedRow {
  id: string;
  /** Running total per allocation year (in the allocations' order), this row included. */
  running: YearCents[];
  /** True for rows above the strict cut line. */
  aboveLine: boolean;
}

export interface EnvelopeRanking {
  rows: RankedRow[];
  /** Index of the first row whose running total passes an allocation; null when everything fits. */
  cutIndex: number | null;
  /** Years whose allocation that row's running total passes. */
  cutYears: number[];
  /** Totals per year of the rows above the line. */
  aboveLineTotals: YearCents[];
  /** Allocation minus the rows above the line, per year. */
  remaining: YearCents[];
}

function toSafe(value: bigint, label: string): Cents {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${label} exceeds the safe integer range`);
  return Number(value);
}

/**
 * Amount matrix of the rows on the allocation years, validated: every amount non-negative cents,
 * every year one of the allocation years, each year at most once per row.
 */
export function amountMatrix(rows: readonly RankingRowInput[], years: readonly number[]): bigint[][] {
  const column = new Map(years.map((year, index) => [year, index]));
  if (column.size !== years.length) throw new RangeError('allocations: a year appears twice');
  return rows.map((row, r) => {
    const amounts = years.map(() => 0n);
    const seen = new Set<number>();
    row.amounts.forEach((entry, a) => {
      const index = column.get(entry.year);
      if (index === undefined) throw new RangeError(`rows[${r}].amounts[${a}].year ${entry.year} has no allocation`);
      if (seen.has(entry.year)) throw new RangeError(`rows[${r}].amounts[${a}].year ${entry.year} appears twice`);
      seen.add(entry.year);
      const cents = assertCents(entry.amountCents, `rows[${r}].amounts[${a}].amountCents`);
      if (cents < 0) throw new RangeError(`rows[${r}].amounts[${a}].amountCents must not be negative`);
      amounts[index] = BigInt(cents);
    });
    return amounts;
  });
}

export function allocationVector(allocations: readonly YearCents[]): bigint[] {
  return allocations.map((allocation, index) => {
    const cents = assertCents(allocation.amountCents, `allocations[${index}].amountCents`);
    if (cents < 0) throw new RangeError(`allocations[${index}].amountCents must not be negative`);
    return BigInt(cents);
  });
}

/** Running totals per year and the strict cut line of `rows` (already ordered, best first). */
export function rankAgainstEnvelope(rows: readonly RankingRowInput[], allocations: readonly YearCents[]): EnvelopeRanking {
  const years = allocations.map((a) => a.year);
  const limits = allocationVector(allocations);
  const matrix = amountMatrix(rows, years);
  const running = years.map(() => 0n);
  let cutIndex: number | null = null;
  let cutYears: number[] = [];
  let above = years.map(() => 0n);
  const ranked = rows.map((row, r) => {
    const amounts = matrix[r] ?? [];
    amounts.forEach((amount, y) => (running[y] = (running[y] ?? 0n) + amount));
    if (cutIndex === null) {
      const passed = years.filter((_, y) => (running[y] ?? 0n) > (limits[y] ?? 0n));
      if (passed.length > 0) {
        cutIndex = r;
        cutYears = passed;
      } else {
        above = [...running];
      }
    }
    return {
      id: row.id,
      running: years.map((year, y) => ({ year, amountCents: toSafe(running[y] ?? 0n, 'running total') })),
      aboveLine: cutIndex === null,
    };
  });
  return {
    rows: ranked,
    cutIndex,
    cutYears,
    aboveLineTotals: years.map((year, y) => ({ year, amountCents: toSafe(above[y] ?? 0n, 'total') })),
    remaining: years.map((year, y) => ({ year, amountCents: toSafe((limits[y] ?? 0n) - (above[y] ?? 0n), 'remaining') })),
  };
}
