/**
 * Envelope allocation: a call for projects has a total envelope split into one amount per
 * (axis, year) cell. The grid must be complete and balance to the cent, so that later
 * commitments per axis and year can be checked against it.
 */
import { Cents, isCents } from './money';

export interface AllocationCell {
  axisCode: string;
  year: number;
  amountCents: Cents;
}

/**
 * A validation problem, framework-free: `field` is a path the UI/API can map to a form control
 * (`allocations[3].amountCents`), `code` a stable key for translations, `params` its values.
 */
export interface AllocationIssue {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface AllocationInput {
  envelopeCents: Cents;
  years: readonly number[];
  axisCodes: readonly string[];
  allocations: readonly AllocationCell[];
}

export interface AllocationTotals {
  total: Cents;
  byAxis: Record<string, Cents>;
  byYear: Record<number, Cents>;
}

/** Key that cannot collide: years are numbers, so the separator never appears in them. */
const cellKey = (axisCode: string, year: number): string =>
  `${year}|${axisCode}`;

/** Params must be JSON numbers when safe; otherwise a string keeps the exact value. */
const exactParam = (value: bigint): string | number =>
  value <= BigInt(Number.MAX_SAFE_INTEGER) &&
  value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : value.toString();

function checkEnvelope(envelopeCents: Cents): AllocationIssue[] {
  if (!isCents(envelopeCents)) {
    return [{ field: 'envelopeCents', code: 'AMOUNT_NOT_CENTS' }];
  }
  return envelopeCents > 0
    ? []
    : [{ field: 'envelopeCents', code: 'ENVELOPE_NOT_POSITIVE' }];
}

function checkCell(
  cell: AllocationCell,
  index: number,
  years: ReadonlySet<number>,
  axes: ReadonlySet<string>,
): AllocationIssue[] {
  const path = `allocations[${index}]`;
  const issues: AllocationIssue[] = [];
  if (!isCents(cell.amountCents)) {
    issues.push({ field: `${path}.amountCents`, code: 'AMOUNT_NOT_CENTS' });
  } else if (cell.amountCents < 0) {
    issues.push({
      field: `${path}.amountCents`,
      code: 'ALLOCATION_NEGATIVE',
      params: { amountCents: cell.amountCents },
    });
  }
  if (!axes.has(cell.axisCode)) {
    issues.push({
      field: `${path}.axisCode`,
      code: 'ALLOCATION_UNKNOWN_AXIS',
      params: { axisCode: cell.axisCode },
    });
  }
  if (!years.has(cell.year)) {
    issues.push({
      field: `${path}.year`,
      code: 'ALLOCATION_UNKNOWN_YEAR',
      params: { year: cell.year },
    });
  }
  return issues;
}

/** Every axis × year cell exactly once: duplicates point at the repeated row, gaps at the grid. */
function checkCoverage(input: AllocationInput): AllocationIssue[] {
  const issues: AllocationIssue[] = [];
  const seen = new Set<string>();
  input.allocations.forEach((cell, index) => {
    const key = cellKey(cell.axisCode, cell.year);
    if (seen.has(key)) {
      issues.push({
        field: `allocations[${index}]`,
        code: 'ALLOCATION_DUPLICATE_CELL',
        params: { axisCode: cell.axisCode, year: cell.year },
      });
    }
    seen.add(key);
  });
  for (const axisCode of input.axisCodes) {
    for (const year of input.years) {
      if (!seen.has(cellKey(axisCode, year))) {
        issues.push({
          field: 'allocations',
          code: 'ALLOCATION_MISSING_CELL',
          params: { axisCode, year },
        });
      }
    }
  }
  return issues;
}

function checkSum(input: AllocationInput): AllocationIssue[] {
  const amounts = [
    input.envelopeCents,
    ...input.allocations.map((cell) => cell.amountCents),
  ];
  if (!amounts.every(isCents)) return []; // already reported as AMOUNT_NOT_CENTS
  // bigint: many large cells could overflow a float sum and hide a mismatch.
  const actual = input.allocations.reduce(
    (acc, cell) => acc + BigInt(cell.amountCents),
    0n,
  );
  const expected = BigInt(input.envelopeCents);
  if (actual === expected) return [];
  return [
    {
      field: 'allocations',
      code: 'ALLOCATION_SUM_MISMATCH',
      // differenceCents = actual - expected: positive means over-allocated.
      params: {
        expectedCents: exactParam(expected),
        actualCents: exactParam(actual),
        differenceCents: exactParam(actual - expected),
      },
    },
  ];
}

/**
 * Validates an envelope split. Returns every issue found (empty array = valid), in a stable
 * order: envelope, then each row, then coverage, then the balance.
 */
export function checkAllocations(input: AllocationInput): AllocationIssue[] {
  const years = new Set(input.years);
  const axes = new Set(input.axisCodes);
  return [
    ...checkEnvelope(input.envelopeCents),
    ...input.allocations.flatMap((cell, index) =>
      checkCell(cell, index, years, axes),
    ),
    ...checkCoverage(input),
    ...checkSum(input),
  ];
}

function addTo<K extends string | number>(
  totals: Map<K, bigint>,
  key: K,
  amount: bigint,
): void {
  totals.set(key, (totals.get(key) ?? 0n) + amount);
}

function toSafe(value: bigint, label: string): Cents {
  if (
    value > BigInt(Number.MAX_SAFE_INTEGER) ||
    value < BigInt(Number.MIN_SAFE_INTEGER)
  ) {
    throw new RangeError(`${label} exceeds the safe integer range`);
  }
  return Number(value);
}

/**
 * Totals per axis and per year (for summary tables). Throws RangeError on non-integer amounts
 * or totals outside the safe range rather than returning a wrong figure.
 */
export function allocationTotals(
  allocations: readonly AllocationCell[],
): AllocationTotals {
  const byAxis = new Map<string, bigint>();
  const byYear = new Map<number, bigint>();
  let total = 0n;
  allocations.forEach((cell, index) => {
    if (!isCents(cell.amountCents)) {
      throw new RangeError(
        `allocations[${index}].amountCents must be a safe integer number of cents`,
      );
    }
    const amount = BigInt(cell.amountCents);
    total += amount;
    addTo(byAxis, cell.axisCode, amount);
    addTo(byYear, cell.year, amount);
  });
  // Object.fromEntries defines own properties, so an axis code like "__proto__" is kept as data.
  return {
    total: toSafe(total, 'total'),
    byAxis: Object.fromEntries(
      [...byAxis].map(([axis, sum]) => [axis, toSafe(sum, `byAxis.${axis}`)]),
    ),
    byYear: Object.fromEntries(
      [...byYear].map(([year, sum]) => [year, toSafe(sum, `byYear.${year}`)]),
    ),
  };
}
