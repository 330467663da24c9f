import fc from 'fast-check';
import {
  allocateProportionally,
  assertBasisPoints,
  assertCents,
  formatEuros,
  isCents,
  parseEurosToCents,
  splitByBasisPoints,
  sumCents,
} from './money';

/** Intl uses U+202F / U+00A0; compare against plain spaces. */
const normaliseSpaces = (text: string): string =>
  text.replace(/[\u202f\u00a0]/g, ' ');

const safeCents = fc.maxSafeInteger();
const reasonableCents = fc.integer({
  min: -1_000_000_000_000,
  max: 1_000_000_000_000,
});

describe('isCents / assertCents', () => {
  it.each([
    0,
    1,
    -1,
    7_430_000_000,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
  ])('accepts %p', (value) => {
    expect(isCents(value)).toBe(true);
    expect(assertCents(value)).toBe(value);
  });

  it.each([
    0.5,
    NaN,
    Infinity,
    -Infinity,
    Number.MAX_SAFE_INTEGER + 1,
    '12',
    null,
    undefined,
    10n,
  ])('rejects %p', (value) => {
    expect(isCents(value)).toBe(false);
  });

  it('names the label in the error', () => {
    expect(() => assertCents(1.5, 'envelopeCents')).toThrow(RangeError);
    expect(() => assertCents(1.5, 'envelopeCents')).toThrow(/envelopeCents/);
    expect(() => assertCents(NaN)).toThrow(/amount/);
  });
});

describe('sumCents', () => {
  it('sums integers and returns 0 for an empty list', () => {
    expect(sumCents([])).toBe(0);
    expect(sumCents([100, 250, -50])).toBe(300);
  });

  it('throws when the result leaves the safe range', () => {
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it('tolerates an intermediate overflow when the final sum is safe', () => {
    expect(sumCents([Number.MAX_SAFE_INTEGER, 1, -2])).toBe(
      Number.MAX_SAFE_INTEGER - 1,
    );
  });

  it('throws on a non-integer element, naming its index', () => {
    expect(() => sumCents([1, 2.5])).toThrow(/values\[1\]/);
  });

  it('property: matches a bigint sum', () => {
    fc.assert(
      fc.property(fc.array(reasonableCents), (values) => {
        const expected = values.reduce((acc, v) => acc + BigInt(v), 0n);
        expect(BigInt(sumCents(values))).toBe(expected);
      }),
    );
  });
});

describe('splitByBasisPoints', () => {
  it('splits 60 %', () => {
    expect(splitByBasisPoints(10_000, 6000)).toEqual({
      part: 6000,
      rest: 4000,
    });
  });

  it('rounds the part down and gives the odd cent to the rest', () => {
    expect(splitByBasisPoints(1001, 5000)).toEqual({ part: 500, rest: 501 });
    expect(splitByBasisPoints(1, 9999)).toEqual({ part: 0, rest: 1 });
  });

  it('handles the bounds 0 and 10000', () => {
    expect(splitByBasisPoints(12_345, 0)).toEqual({ part: 0, rest: 12_345 });
    expect(splitByBasisPoints(12_345, 10_000)).toEqual({
      part: 12_345,
      rest: 0,
    });
  });

  it('is exact for the largest safe amount (float multiplication would not be)', () => {
    const { part, rest } = splitByBasisPoints(Number.MAX_SAFE_INTEGER, 3333);
    expect(BigInt(part)).toBe(
      (BigInt(Number.MAX_SAFE_INTEGER) * 3333n) / 10_000n,
    );
    expect(part + rest).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('floors negative totals toward minus infinity', () => {
    expect(splitByBasisPoints(-1001, 5000)).toEqual({ part: -501, rest: -500 });
  });

  it.each([-1, 10_001, 12.5, NaN])('rejects basis points %p', (bp) => {
    expect(() => splitByBasisPoints(100, bp)).toThrow(RangeError);
    expect(() => assertBasisPoints(bp)).toThrow(RangeError);
  });

  it('rejects non-integer totals', () => {
    expect(() => splitByBasisPoints(10.5, 100)).toThrow(/totalCents/);
  });

  it('property: part + rest === total, part is the exact floor', () => {
    fc.assert(
      fc.property(
        safeCents,
        fc.integer({ min: 0, max: 10_000 }),
        (total, bp) => {
          const { part, rest } = splitByBasisPoints(total, bp);
          expect(part + rest).toBe(total);
          // floor(total*bp/10000) <=> part*10000 <= total*bp < (part+1)*10000
          const product = BigInt(total) * BigInt(bp);
          expect(BigInt(part) * 10_000n <= product).toBe(true);
          expect(product < (BigInt(part) + 1n) * 10_000n).toBe(true);
        },
      ),
    );
  });
});

describe('allocateProportionally', () => {
  it('splits evenly with the largest remainders first', () => {
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProportionally(10, [1, 2])).toEqual([3, 7]);
  });

  it('gives nothing to zero weights', () => {
    expect(allocateProportionally(101, [0, 1, 0, 1])).toEqual([0, 51, 0, 50]);
  });

  it('handles zero and negative totals', () => {
    expect(allocateProportionally(0, [1, 2])).toEqual([0, 0]);
    expect(allocateProportionally(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(Object.is(allocateProportionally(-1, [1, 1])[1], 0)).toBe(true);
  });

  it('is exact with large amounts and weights', () => {
    const result = allocateProportionally(Number.MAX_SAFE_INTEGER, [
      Number.MAX_SAFE_INTEGER,
      1,
    ]);
    expect(result).toHaveLength(2);
    expect(sumCents(result)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([[[]], [[0, 0]], [[-1, 2]], [[1.5, 1]], [[NaN]]])(
    'rejects weights %p',
    (weights) => {
      expect(() => allocateProportionally(100, weights)).toThrow(RangeError);
    },
  );

  it('property: sums exactly to the total and each share is within one cent of the ideal', () => {
    fc.assert(
      fc.property(
        reasonableCents,
        fc
          .array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const shares = allocateProportionally(total, weights);
          expect(shares).toHaveLength(weights.length);
          expect(sumCents(shares)).toBe(total);
          const weightSum = BigInt(weights.reduce((a, b) => a + b, 0));
          shares.forEach((share, i) => {
            expect(Number.isSafeInteger(share)).toBe(true);
            // |share*W - total*w| < W  <=> share is floor or ceil of the exact quota
            const gap =
              BigInt(share) * weightSum -
              BigInt(total) * BigInt(weights[i] ?? 0);
            expect(gap < weightSum && gap > -weightSum).toBe(true);
            if (weights[i] === 0) expect(share).toBe(0);
          });
        },
      ),
    );
  });
});

describe('formatEuros', () => {
  it.each([
    [7_430_000_000, '74 300 000,00 €'],
    [1, '0,01 €'],
    [0, '0,00 €'],
    [100, '1,00 €'],
    [123_456, '1 234,56 €'],
    [-1, '-0,01 €'],
    [-123_456, '-1 234,56 €'],
    [Number.MAX_SAFE_INTEGER, '90 071 992 547 409,91 €'],
    [Number.MIN_SAFE_INTEGER, '-90 071 992 547 409,91 €'],
  ])('fr: %p -> %p', (cents, expected) => {
    expect(normaliseSpaces(formatEuros(cents))).toBe(expected);
    expect(normaliseSpaces(formatEuros(cents, 'fr'))).toBe(expected);
  });

  it('keeps French typographic spaces', () => {
    expect(formatEuros(7_430_000_000)).toBe('74\u202f300\u202f000,00\u00a0€');
  });

  it.each([
    [7_430_000_000, '€74,300,000.00'],
    [1, '€0.01'],
    [-1, '-€0.01'],
    [-123_456, '-€1,234.56'],
    [Number.MAX_SAFE_INTEGER, '€90,071,992,547,409.91'],
  ])('en: %p -> %p', (cents, expected) => {
    expect(formatEuros(cents, 'en')).toBe(expected);
  });

  it('rejects non-integer cents', () => {
    expect(() => formatEuros(0.5)).toThrow(RangeError);
  });
});

describe('parseEurosToCents', () => {
  it.each([
    ['1 234,56', 123_456],
    ['1234.5', 123_450],
    ['1 234 €', 123_400],
    ['12,3', 1230],
    ['0', 0],
    ['0,01', 1],
    ['  42  ', 4200],
    ['1\u202f234,56\u00a0€', 123_456],
    ['74 300 000,00 €', 7_430_000_000],
    ['€74,300,000.00', 7_430_000_000],
    ['1.234.567,89', 123_456_789],
    ['1,234,567', 123_456_700],
    ['-12,50 €', -1250],
    ['\u221212,50', -1250],
    ['-€0.01', -1],
    ['+5', 500],
    ['5 EUR', 500],
    ['€ 5', 500],
    ['-0', 0],
  ])('parses %p as %p', (text, expected) => {
    expect(parseEurosToCents(text)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(parseEurosToCents('-0,00'), 0)).toBe(true);
  });

  it.each([
    '',
    '   ',
    'abc',
    '12,345',
    '1.234',
    '1,2,3.4.5',
    '12,',
    ',5',
    '1 23',
    '1234 567',
    '1 234.567,89',
    '1 234,567,89',
    '--5',
    '-€-5',
    '5 € €',
    '1e3',
    '12a',
    '99999999999999999',
    'NaN',
  ])('rejects %p', (text) => {
    expect(parseEurosToCents(text)).toBeNull();
  });

  it('property: parse(format(x)) === x in both locales', () => {
    fc.assert(
      fc.property(safeCents, (cents) => {
        expect(parseEurosToCents(formatEuros(cents))).toBe(cents);
        expect(parseEurosToCents(formatEuros(cents, 'en'))).toBe(cents);
      }),
    );
  });

  it('property: plain "euros,cents" text parses exactly', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 99 }),
        (euros, cents) => {
          const text = `${euros},${String(cents).padStart(2, '0')}`;
          expect(parseEurosToCents(text)).toBe(euros * 100 + cents);
        },
      ),
    );
  });

  it('property: never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseEurosToCents(text);
        expect(result === null || isCents(result)).toBe(true);
      }),
    );
  });
});
