import fc from 'fast-check';
import { checkPaymentRule, splitYearAmount } from './payment-rule';

describe('checkPaymentRule', () => {
  it.each([0, 1, 5000, 8000, 10_000])(
    'accepts %p basis points',
    (advanceBasisPoints) => {
      expect(checkPaymentRule({ advanceBasisPoints })).toEqual([]);
    },
  );

  it.each([-1, 10_001, 50.5, NaN, Infinity])(
    'rejects %p basis points',
    (advanceBasisPoints) => {
      expect(checkPaymentRule({ advanceBasisPoints })).toEqual([
        {
          field: 'paymentRule.advanceBasisPoints',
          code: 'PAYMENT_ADVANCE_INVALID',
          params: { min: 0, max: 10_000 },
        },
      ]);
    },
  );
});

describe('splitYearAmount', () => {
  it('pays 80 % as advance and the rest as balance', () => {
    expect(splitYearAmount(1_000_000, { advanceBasisPoints: 8000 })).toEqual({
      advanceCents: 800_000,
      balanceCents: 200_000,
    });
  });

  it('rounds the advance down and puts the odd cent in the balance', () => {
    expect(splitYearAmount(333, { advanceBasisPoints: 5000 })).toEqual({
      advanceCents: 166,
      balanceCents: 167,
    });
  });

  it('supports no advance and full advance', () => {
    expect(splitYearAmount(12_345, { advanceBasisPoints: 0 })).toEqual({
      advanceCents: 0,
      balanceCents: 12_345,
    });
    expect(splitYearAmount(12_345, { advanceBasisPoints: 10_000 })).toEqual({
      advanceCents: 12_345,
      balanceCents: 0,
    });
  });

  it('throws on invalid input', () => {
    expect(() => splitYearAmount(-1, { advanceBasisPoints: 5000 })).toThrow(
      RangeError,
    );
    expect(() => splitYearAmount(10.5, { advanceBasisPoints: 5000 })).toThrow(
      /yearAmountCents/,
    );
    expect(() => splitYearAmount(100, { advanceBasisPoints: 10_001 })).toThrow(
      /advanceBasisPoints/,
    );
  });

  it('property: advance + balance === amount, both non-negative, advance never above the share', () => {
    fc.assert(
      fc.property(
        fc.maxSafeNat(),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, advanceBasisPoints) => {
          const { advanceCents, balanceCents } = splitYearAmount(amount, {
            advanceBasisPoints,
          });
          expect(advanceCents + balanceCents).toBe(amount);
          expect(advanceCents).toBeGreaterThanOrEqual(0);
          expect(balanceCents).toBeGreaterThanOrEqual(0);
          expect(
            BigInt(advanceCents) * 10_000n <=
              BigInt(amount) * BigInt(advanceBasisPoints),
          ).toBe(true);
        },
      ),
    );
  });

  it('property: a higher advance rate never gives a smaller advance', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1e12 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(
            splitYearAmount(amount, { advanceBasisPoints: high }).advanceCents,
          ).toBeGreaterThanOrEqual(
            splitYearAmount(amount, { advanceBasisPoints: low }).advanceCents,
          );
        },
      ),
    );
  });
});
