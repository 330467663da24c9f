/**
 * Money as integer cents held in a JS `number`.
 *
 * Why not bigint: amounts travel through JSON (API <-> web), which cannot carry bigint.
 * Why integers: floats cannot represent 0.10 € exactly; sums of grants must balance to the cent.
 * Every value must stay a safe integer (|x| <= 2^53 - 1, i.e. ~90 000 billion euros).
 * bigint is used internally wherever a product or a sum could leave the safe range.
 */
export type Cents = number;

const MAX_BASIS_POINTS = 10_000;

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertCents(value: number, label = 'amount'): Cents {
  if (!isCents(value)) {
    throw new RangeError(
      `${label} must be a safe integer number of cents, got ${String(value)}`,
    );
  }
  return value;
}

/** Converts a bigint back to cents, refusing anything outside the safe range. */
function toSafeCents(value: bigint, label: string): Cents {
  if (
    value > BigInt(Number.MAX_SAFE_INTEGER) ||
    value < BigInt(Number.MIN_SAFE_INTEGER)
  ) {
    throw new RangeError(
      `${label} exceeds the safe integer range: ${value.toString()}`,
    );
  }
  return Number(value);
}

export function sumCents(values: readonly Cents[]): Cents {
  // bigint accumulator: an intermediate overflow must not silently lose cents.
  let total = 0n;
  values.forEach((value, index) => {
    total += BigInt(assertCents(value, `values[${index}]`));
  });
  return toSafeCents(total, 'sum');
}

/** Floor division for bigint (native `/` truncates toward zero, wrong for negatives). */
function floorDiv(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  const inexact = dividend % divisor !== 0n;
  return inexact && dividend < 0n !== divisor < 0n ? quotient - 1n : quotient;
}

export function assertBasisPoints(
  basisPoints: number,
  label = 'basisPoints',
): number {
  if (
    !Number.isInteger(basisPoints) ||
    basisPoints < 0 ||
    basisPoints > MAX_BASIS_POINTS
  ) {
    throw new RangeError(
      `${label} must be an integer between 0 and ${MAX_BASIS_POINTS}, got ${String(basisPoints)}`,
    );
  }
  return basisPoints;
}

/**
 * Splits an amount by a share in basis points (6000 = 60 %).
 * `part` is rounded down; `rest` takes the remainder so no cent is ever lost.
 */
export function splitByBasisPoints(
  totalCents: Cents,
  basisPoints: number,
): { part: Cents; rest: Cents } {
  assertCents(totalCents, 'totalCents');
  assertBasisPoints(basisPoints);
  const part = Number(
    floorDiv(
      BigInt(totalCents) * BigInt(basisPoints),
      BigInt(MAX_BASIS_POINTS),
    ),
  );
  return { part, rest: totalCents - part };
}

function assertWeights(weights: readonly number[]): bigint[] {
  if (weights.length === 0) {
    throw new RangeError('weights must not be empty');
  }
  const big = weights.map((weight, index) => {
    // Integer weights keep the computation exact (no float drift in the shares).
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new RangeError(
        `weights[${index}] must be a non-negative safe integer, got ${String(weight)}`,
      );
    }
    return BigInt(weight);
  });
  if (!big.some((weight) => weight > 0n)) {
    throw new RangeError('at least one weight must be positive');
  }
  return big;
}

/**
 * Distributes an amount proportionally to integer weights (largest-remainder / Hamilton method).
 * The result always sums exactly to `totalCents`; ties go to the earliest index so the
 * output is deterministic. A negative total is distributed as the mirror of its absolute value.
 */
export function allocateProportionally(
  totalCents: Cents,
  weights: readonly number[],
): Cents[] {
  assertCents(totalCents, 'totalCents');
  const big = assertWeights(weights);
  if (totalCents < 0) {
    return allocateProportionally(-totalCents, weights).map(
      (share) => 0 - share,
    );
  }
  const total = BigInt(totalCents);
  const weightSum = big.reduce((acc, weight) => acc + weight, 0n);
  const shares = big.map((weight) => ({
    floor: (total * weight) / weightSum,
    remainder: (total * weight) % weightSum,
  }));
  let missing = total - shares.reduce((acc, share) => acc + share.floor, 0n);
  const order = shares
    .map((share, index) => ({ index, remainder: share.remainder }))
    .sort((a, b) =>
      a.remainder === b.remainder
        ? a.index - b.index
        : a.remainder > b.remainder
          ? -1
          : 1,
    );
  const result = shares.map((share) => share.floor);
  for (const { index } of order) {
    if (missing === 0n) break;
    result[index] = (result[index] ?? 0n) + 1n;
    missing -= 1n;
  }
  return result.map((share) => Number(share));
}

const formatters = {
  fr: new Intl.NumberFormat('fr-FR', {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }),
  en: new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }),
} as const;

/**
 * Formats cents as euros. French output keeps Intl's typography (U+202F between digit groups,
 * U+00A0 before €). Euros are formatted as an exact integer and the cents are spliced in,
 * so large amounts never suffer from `cents / 100` float rounding.
 */
export function formatEuros(cents: Cents, locale: 'fr' | 'en' = 'fr'): string {
  assertCents(cents, 'cents');
  const negative = cents < 0;
  const absolute = Math.abs(cents);
  const centsPart = absolute % 100;
  const euros = (absolute - centsPart) / 100; // exact: the dividend is a multiple of 100
  // -0 keeps the minus sign for amounts such as -0,01 €.
  const parts = formatters[locale].formatToParts(negative ? -euros : euros);
  return parts
    .map((part) =>
      part.type === 'fraction'
        ? String(centsPart).padStart(2, '0')
        : part.value,
    )
    .join('');
}

const SIGN = '([-+\u2212])?';
const CURRENCY = '(?:€|EUR)?';
const AMOUNT_PATTERN = new RegExp(
  `^${SIGN} ?${CURRENCY} ?${SIGN} ?([0-9](?:[0-9 .,]*[0-9])?) ?${CURRENCY}$`,
  'i',
);

/** Splits the numeric body into integer and fraction text, deciding which separator is decimal. */
function splitDecimal(
  body: string,
): { integer: string; fraction: string; groupSeparator: string | null } | null {
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present (1.234,56 or 1,234.56): the last one is the decimal separator.
    const decimalAt = Math.max(lastDot, lastComma);
    const decimal = body.charAt(decimalAt);
    const integer = body.slice(0, decimalAt);
    if (integer.includes(decimal)) return null;
    return {
      integer,
      fraction: body.slice(decimalAt + 1),
      groupSeparator: decimal === '.' ? ',' : '.',
    };
  }
  const separator = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (separator === null)
    return { integer: body, fraction: '', groupSeparator: null };
  const occurrences = body.split(separator).length - 1;
  if (occurrences > 1)
    return { integer: body, fraction: '', groupSeparator: separator };
  const at = body.indexOf(separator);
  const fraction = body.slice(at + 1);
  // "1.234" could be 1234 € or 1,234 €: ambiguous, so it is rejected rather than guessed.
  if (fraction.length > 2) return null;
  return { integer: body.slice(0, at), fraction, groupSeparator: null };
}

/** Validates digit grouping: either no separator, or groups of three after the first. */
function parseIntegerDigits(
  integer: string,
  groupSeparator: string | null,
): string | null {
  if (/^[0-9]+$/.test(integer)) return integer;
  const usesSpace = integer.includes(' ');
  const usesPunctuation =
    groupSeparator !== null && integer.includes(groupSeparator);
  if (usesSpace && usesPunctuation) return null;
  const groups = integer.split(usesSpace ? ' ' : (groupSeparator ?? ' '));
  const [first, ...rest] = groups;
  if (first === undefined || !/^[0-9]{1,3}$/.test(first)) return null;
  if (!rest.every((group) => /^[0-9]{3}$/.test(group))) return null;
  return groups.join('');
}

/**
 * Parses a user-typed amount in euros ("1 234,56", "1234.5", "1 234 €", "-12,3") into cents.
 * Returns null for anything invalid or ambiguous, including more than two decimals.
 */
export function parseEurosToCents(text: string): Cents | null {
  const compact = text.replace(/\s+/g, ' ').trim();
  const match = AMOUNT_PATTERN.exec(compact);
  if (match === null) return null;
  const [, signBefore, signAfter, body = ''] = match;
  if (signBefore !== undefined && signAfter !== undefined) return null;
  const split = splitDecimal(body);
  if (
    split === null ||
    (split.fraction !== '' && !/^[0-9]{1,2}$/.test(split.fraction))
  )
    return null;
  const digits = parseIntegerDigits(split.integer, split.groupSeparator);
  if (digits === null) return null;
  const sign = signBefore ?? signAfter;
  const magnitude =
    BigInt(digits) * 100n + BigInt(split.fraction.padEnd(2, '0'));
  const value = sign === '-' || sign === '\u2212' ? -magnitude : magnitude;
  if (
    value > BigInt(Number.MAX_SAFE_INTEGER) ||
    value < BigInt(Number.MIN_SAFE_INTEGER)
  )
    return null;
  return Number(value);
}
