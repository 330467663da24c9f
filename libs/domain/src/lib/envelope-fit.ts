/**
 * Envelope fit: beside the strict rank-order line, the best-scoring set of applications that fits
 * every year's allocation, chosen by an integer program (HiGHS):
 *   maximise Σ score_i x_i   subject to, for every year y, Σ amount_iy x_i ≤ cap_y,  x_i ∈ {0, 1},
 * where rows below the minimum score are left out and, when a uniform reduction of up to X % is
 * allowed, cap_y = ⌊allocation_y × 10000 / (10000 − X)⌋ (every retained grant then loses the same
 * rate, the smallest one in basis points that makes every year fit to the cent).
 * The strict prefix is given to the solver as a starting point, so the suggestion never scores less.
 */
import { assertBasisPoints, type Cents } from './money';
import { allocationVector, amountMatrix, rankAgainstEnvelope, type RankingRowInput, type YearCents } from './envelope-ranking';
import { toHundredths } from './calibration';
import { loadSolver, solveMip } from './mip-solver';

export interface FitRowInput extends RankingRowInput {
  /** Score out of 100 (2 decimals) used to rank: raw or normalised. */
  score: number;
}

export interface EnvelopeFitOptions {
  /** Largest uniform reduction of every retained grant, in basis points (1000 = 10 %); default 0. */
  maxReductionBasisPoints?: number;
  /** Rows scoring below this are never suggested. */
  minScore?: number;
  /**
   * Time limit of the solve; the best set found so far is returned when reached. Default 5 s:
   * on a few hundred rows HiGHS finds very good sets fast but may not finish proving the best.
   */
  timeLimitSeconds?: number;
}

export interface EnvelopeSelection {
  /** Chosen row ids, in the input (rank) order. */
  ids: string[];
  /** Sum of the chosen rows' scores. */
  totalScore: number;
  /** Requested amounts of the chosen rows, per year. */
  requested: YearCents[];
}

export interface EnvelopeFit extends EnvelopeSelection {
  /** `optimal`, or `time_limit` when the solver stopped with a good set not proven best. */
  status: 'optimal' | 'time_limit';
  /**
   * How far the suggestion may be from the best possible, relative to its score (0 when optimal,
   * e.g. 0.002 = within 0.2 %); null when the solver stopped before improving on the strict line.
   */
  gap: number | null;
  /** Uniform reduction actually applied to every chosen grant, in basis points. */
  reductionBasisPoints: number;
  /** Amounts after the reduction, per chosen row (same order as `ids`). */
  grants: { id: string; amounts: YearCents[] }[];
  /** Granted amounts per year: never above the allocation. */
  granted: YearCents[];
  /** The strict rank-order prefix, for comparison. */
  strict: EnvelopeSelection;
}

const BASIS = 10_000n;

function reduced(amount: bigint, reduction: number): bigint {
  return (amount * (BASIS - BigInt(reduction))) / BASIS;
}

function fitsWith(chosen: readonly bigint[][], limits: readonly bigint[], reduction: number): boolean {
  return limits.every((limit, y) => chosen.reduce((acc, amounts) => acc + reduced(amounts[y] ?? 0n, reduction), 0n) <= limit);
}

function selection(rows: readonly FitRowInput[], matrix: readonly bigint[][], years: readonly number[], picked: ReadonlySet<number>): EnvelopeSelection {
  const indexes = rows.map((_, i) => i).filter((i) => picked.has(i));
  const scoreHundredths = indexes.reduce((acc, i) => acc + toHundredths(rows[i]?.score ?? 0), 0);
  return {
    ids: indexes.map((i) => rows[i]?.id ?? ''),
    totalScore: scoreHundredths / 100,
    requested: years.map((year, y) => ({ year, amountCents: Number(indexes.reduce((acc, i) => acc + (matrix[i]?.[y] ?? 0n), 0n)) })),
  };
}

/** Suggested set within every year's allocation; `rows` are in rank order (best first). */
export async function fitEnvelope(rows: readonly FitRowInput[], allocations: readonly YearCents[], options: EnvelopeFitOptions = {}): Promise<EnvelopeFit> {
  const maxReduction = assertBasisPoints(options.maxReductionBasisPoints ?? 0, 'maxReductionBasisPoints');
  if (maxReduction >= 10_000) throw new RangeError('maxReductionBasisPoints must be below 10000');
  const minScore = options.minScore === undefined ? 0 : toHundredths(options.minScore);
  const years = allocations.map((a) => a.year);
  const limits = allocationVector(allocations);
  const matrix = amountMatrix(rows, years);
  const scores = rows.map((row) => toHundredths(row.score));
  const caps = limits.map((limit) => (limit * BASIS) / (BASIS - BigInt(maxReduction)));

  const strictLine = rankAgainstEnvelope(rows, allocations);
  const strictPicked = new Set(rows.map((_, i) => i).filter((i) => strictLine.rows[i]?.aboveLine === true));
  const strict = selection(rows, matrix, years, strictPicked);

  // Only eligible rows become variables; the strict prefix restricted to them is a feasible start.
  const eligible = rows.map((_, i) => i).filter((i) => (scores[i] ?? 0) >= minScore);
  let picked = new Set(eligible.filter((i) => strictPicked.has(i)));
  let status: EnvelopeFit['status'] = 'optimal';
  let gap: number | null = 0;
  if (eligible.length > 0) {
    const highs = await loadSolver();
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const i of eligible) {
      (matrix[i] ?? []).forEach((amount, y) => {
        if (amount > 0n) {
          indices.push(y);
          values.push(Number(amount));
        }
      });
      starts.push(indices.length);
    }
    const result = solveMip(
      highs,
      {
        numCols: eligible.length,
        numRows: years.length,
        sense: highs.constants.objectiveSense.maximize,
        colCost: eligible.map((i) => scores[i] ?? 0),
        colLower: eligible.map(() => 0),
        colUpper: eligible.map(() => 1),
        rowLower: years.map(() => -highs.infinity),
        rowUpper: caps.map(Number),
        matrix: { format: 'csc', numRows: years.length, numCols: eligible.length, starts, indices, values },
        integrality: eligible.map(() => highs.constants.variableType.integer),
      },
      { timeLimitSeconds: options.timeLimitSeconds ?? 5, integralObjective: true, start: eligible.map((i) => (picked.has(i) ? 1 : 0)) },
    );
    if (result.outcome === 'optimal' || result.outcome === 'feasible') {
      const candidate = new Set(eligible.filter((_, k) => (result.values[k] ?? 0) > 0.5));
      const chosen = [...candidate].map((i) => matrix[i] ?? []);
      // Floating-point tolerances must never let a cent through: check exactly, else keep the start.
      const better = eligible.reduce((acc, i) => acc + (candidate.has(i) ? (scores[i] ?? 0) : 0) - (picked.has(i) ? (scores[i] ?? 0) : 0), 0) >= 0;
      if (fitsWith(chosen, caps, 0) && fitsWith(chosen, limits, maxReduction) && better) picked = candidate;
      status = result.outcome === 'optimal' ? 'optimal' : 'time_limit';
      gap = result.gap;
    } else if (result.outcome === 'time_limit') {
      // Stopped before any solution of its own: the strict prefix (the start) stands.
      status = 'time_limit';
      gap = null;
    } else {
      throw new Error(`Envelope fit: the solver failed (${result.outcome})`);
    }
  }

  const chosen = [...picked].sort((a, b) => a - b);
  const chosenAmounts = chosen.map((i) => matrix[i] ?? []);
  // Smallest uniform reduction that fits every year to the cent (monotone: binary search).
  let low = 0;
  let high = maxReduction;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (fitsWith(chosenAmounts, limits, middle)) high = middle;
    else low = middle + 1;
  }
  const reduction = low;
  const grants = chosen.map((i) => ({
    id: rows[i]?.id ?? '',
    amounts: years.map((year, y) => ({ year, amountCents: Number(reduced(matrix[i]?.[y] ?? 0n, reduction)) as Cents })),
  }));
  return {
    ...selection(rows, matrix, years, picked),
    status,
    gap,
    reductionBasisPoints: reduction,
    grants,
    granted: years.map((year, y) => ({ year, amountCents: grants.reduce((acc, g) => acc + (g.amounts[y]?.amountCents ?? 0), 0) })),
    strict,
  };
}
