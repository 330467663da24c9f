/**
 * Scoring grid of a call for projects: weighted criteria that jurors score. Weights are
 * integers summing to exactly 100 so the final mark reads directly as "out of 100".
 */
import { AllocationIssue } from './allocation';

export interface CriterionInput {
  code: string;
  weight: number;
  maxScore: number;
}

const TOTAL_WEIGHT = 100;
const MIN_VALUE = 1;
const MAX_VALUE = 100;

const isIntegerInRange = (value: number): boolean =>
  Number.isInteger(value) && value >= MIN_VALUE && value <= MAX_VALUE;

function checkCriterion(
  criterion: CriterionInput,
  index: number,
  seenCodes: Set<string>,
): AllocationIssue[] {
  const path = `criteria[${index}]`;
  const issues: AllocationIssue[] = [];
  if (!isIntegerInRange(criterion.weight)) {
    issues.push({
      field: `${path}.weight`,
      code: 'GRID_WEIGHT_INVALID',
      params: { min: MIN_VALUE, max: MAX_VALUE },
    });
  }
  if (!isIntegerInRange(criterion.maxScore)) {
    issues.push({
      field: `${path}.maxScore`,
      code: 'GRID_MAX_SCORE_INVALID',
      params: { min: MIN_VALUE, max: MAX_VALUE },
    });
  }
  if (seenCodes.has(criterion.code)) {
    issues.push({
      field: `${path}.code`,
      code: 'GRID_DUPLICATE_CODE',
      params: { code: criterion.code },
    });
  }
  seenCodes.add(criterion.code);
  return issues;
}

/** Returns every problem in the grid; an empty array means jurors can use it. */
export function checkScoringGrid(
  criteria: readonly CriterionInput[],
): AllocationIssue[] {
  if (criteria.length === 0) return [{ field: 'criteria', code: 'GRID_EMPTY' }];
  const seenCodes = new Set<string>();
  const issues = criteria.flatMap((criterion, index) =>
    checkCriterion(criterion, index, seenCodes),
  );
  // The sum is only meaningful over integers; non-integer weights are already reported above.
  const weights = criteria.map((criterion) => criterion.weight);
  if (weights.every(Number.isSafeInteger)) {
    const actual = weights.reduce((acc, weight) => acc + weight, 0);
    if (actual !== TOTAL_WEIGHT) {
      issues.push({
        field: 'criteria',
        code: 'GRID_WEIGHTS_SUM',
        params: { expected: TOTAL_WEIGHT, actual },
      });
    }
  }
  return issues;
}

function scoreFor(
  criterion: CriterionInput,
  scores: Record<string, number>,
): number {
  const score = Object.hasOwn(scores, criterion.code)
    ? scores[criterion.code]
    : undefined;
  if (score === undefined) {
    throw new RangeError(`Missing score for criterion ${criterion.code}`);
  }
  if (!Number.isFinite(score) || score < 0 || score > criterion.maxScore) {
    throw new RangeError(
      `Score for criterion ${criterion.code} must be between 0 and ${criterion.maxScore}, got ${score}`,
    );
  }
  return score;
}

/** Exact decimal reading of a number as numerator / 10^k (scores like 7.5 or 0.1 stay exact). */
function toDecimalFraction(value: number): {
  numerator: bigint;
  denominator: bigint;
} {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (match === null) throw new RangeError(`Unsupported score ${value}`);
  const [, integer = '0', fraction = '', exponent = '0'] = match;
  const power = Number(exponent) - fraction.length;
  const digits = BigInt(integer + fraction);
  return power >= 0
    ? { numerator: digits * 10n ** BigInt(power), denominator: 1n }
    : { numerator: digits, denominator: 10n ** BigInt(-power) };
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * Final mark out of 100: Σ weight × score / maxScore, rounded half-up to 2 decimals.
 * Computed with exact fractions (bigint) so that ties and half-cents of a point never depend
 * on float noise (the classic 1.005 -> 1 pitfall) — a mark decides whether a grant is awarded.
 * Throws RangeError on an invalid grid or a missing/out-of-range score: a partial mark must
 * never be stored.
 */
export function weightedTotal(
  criteria: readonly CriterionInput[],
  scores: Record<string, number>,
): number {
  const gridIssues = checkScoringGrid(criteria);
  if (gridIssues.length > 0) {
    throw new RangeError(
      `Invalid scoring grid: ${gridIssues.map((issue) => issue.code).join(', ')}`,
    );
  }
  // Sum of fractions numerator/denominator, kept reduced.
  let numerator = 0n;
  let denominator = 1n;
  for (const criterion of criteria) {
    const score = toDecimalFraction(scoreFor(criterion, scores));
    const termNumerator = BigInt(criterion.weight) * score.numerator;
    const termDenominator = BigInt(criterion.maxScore) * score.denominator;
    numerator = numerator * termDenominator + termNumerator * denominator;
    denominator *= termDenominator;
    const divisor = gcd(numerator, denominator);
    numerator /= divisor;
    denominator /= divisor;
  }
  // Half-up rounding of value × 100: floor((200 n + d) / 2d); all quantities are non-negative.
  const hundredths = (200n * numerator + denominator) / (2n * denominator);
  return Number(hundredths) / 100;
}
