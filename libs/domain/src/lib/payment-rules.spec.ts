import fc from 'fast-check';
import {
  applyCommitment,
  applyPayment,
  CellTotals,
  checkCommitment,
  checkPayment,
  checkRevisionAgainstCommitments,
  InstallmentBalance,
  remainingToCommit,
  remainingToPay,
  YearCommitment,
} from './payment-rules';

const cell = (allocatedCents: number, committedCents: number, paidCents = 0): CellTotals => ({
  axisCode: 'MEDIATION',
  year: 2016,
  allocatedCents,
  committedCents,
  paidCents,
});

describe('commitments against a cell', () => {
  it('reports what remains to commit and to pay', () => {
    expect(remainingToCommit(cell(1_000_000, 600_000, 100_000))).toBe(400_000);
    expect(remainingToPay(cell(1_000_000, 600_000, 100_000))).toBe(500_000);
  });

  it('accepts a commitment up to exactly what remains', () => {
    expect(checkCommitment(cell(1_000_000, 600_000), 400_000)).toBeNull();
    expect(applyCommitment(cell(1_000_000, 600_000), 400_000).committedCents).toBe(1_000_000);
  });

  it('refuses one cent beyond, naming the cell and what remains', () => {
    expect(checkCommitment(cell(1_000_000, 600_000), 400_001)).toEqual({
      code: 'COMMITMENT_EXCEEDS_ALLOCATION',
      axisCode: 'MEDIATION',
      year: 2016,
      requestedCents: 400_001,
      remainingCents: 400_000,
    });
    expect(() => applyCommitment(cell(1_000_000, 600_000), 400_001)).toThrow(/COMMITMENT_EXCEEDS_ALLOCATION/);
  });

  it('releases by an amendment, never below what is paid', () => {
    expect(checkCommitment(cell(1_000_000, 600_000, 200_000), -400_000)).toBeNull();
    expect(checkCommitment(cell(1_000_000, 600_000, 200_000), -400_001)).toEqual({
      code: 'COMMITMENT_BELOW_PAID',
      axisCode: 'MEDIATION',
      year: 2016,
      requestedCents: -400_001,
      remainingCents: 400_000,
    });
  });

  it('refuses a non-integer amount', () => {
    expect(checkCommitment(cell(100, 0), 0.5)?.code).toBe('AMOUNT_NOT_CENTS');
  });

  it('property: however many signatures come, a cell never commits beyond its allocation', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e11 }), fc.array(fc.nat({ max: 1e10 }), { maxLength: 60 }), (allocated, requests) => {
        let current = cell(allocated, 0);
        let accepted = 0;
        for (const request of requests) {
          if (checkCommitment(current, request) === null) {
            current = applyCommitment(current, request);
            accepted += request;
          }
          expect(current.committedCents).toBeLessThanOrEqual(allocated);
        }
        expect(current.committedCents).toBe(accepted);
      }),
    );
  });
});

const due = (amountCents: number, paidCents = 0): InstallmentBalance => ({ amountCents, paidCents, status: 'due' });
const year = (committedCents: number, paidCents = 0): YearCommitment => ({ committedCents, paidCents });

describe('checkPayment', () => {
  it('accepts a payment of what remains on a due installment', () => {
    expect(checkPayment({ amountCents: 1_500_000, installment: due(1_500_000), year: year(2_500_000) })).toEqual([]);
  });

  it('refuses a payment above what remains on the installment', () => {
    expect(checkPayment({ amountCents: 1_000_001, installment: due(1_500_000, 500_000), year: year(2_500_000, 500_000) })).toEqual([
      { field: 'amountCents', code: 'PAYMENT_ABOVE_INSTALLMENT', params: { remainingCents: 1_000_000 } },
    ]);
  });

  it('refuses a payment above what remains of the year\u2019s commitment', () => {
    // After an amendment lowered the year, the installment may be larger than what remains committed.
    expect(checkPayment({ amountCents: 900_000, installment: due(1_000_000), year: year(2_000_000, 1_200_000) })).toEqual([
      { field: 'amountCents', code: 'PAYMENT_ABOVE_COMMITMENT', params: { remainingCents: 800_000 } },
    ]);
  });

  it('refuses zero, negative, fractional amounts and installments that are not due', () => {
    expect(checkPayment({ amountCents: 0, installment: due(100), year: year(100) })).toEqual([{ field: 'amountCents', code: 'PAYMENT_NOT_POSITIVE' }]);
    expect(checkPayment({ amountCents: -1, installment: due(100), year: year(100) })).toEqual([{ field: 'amountCents', code: 'PAYMENT_NOT_POSITIVE' }]);
    expect(checkPayment({ amountCents: 1.5, installment: due(100), year: year(100) })).toEqual([{ field: 'amountCents', code: 'AMOUNT_NOT_CENTS' }]);
    expect(checkPayment({ amountCents: 10, installment: { amountCents: 100, paidCents: 0, status: 'planned' }, year: year(100) })).toEqual([
      { field: 'installment', code: 'PAYMENT_INSTALLMENT_NOT_DUE', params: { status: 'planned' } },
    ]);
    expect(checkPayment({ amountCents: 10, installment: { amountCents: 100, paidCents: 100, status: 'paid' }, year: year(100, 100) })).toEqual([
      { field: 'installment', code: 'PAYMENT_INSTALLMENT_NOT_DUE', params: { status: 'paid' } },
    ]);
  });
});

describe('applyPayment', () => {
  it('keeps a partly paid installment due, and marks it paid on the last cent', () => {
    const first = applyPayment({ amountCents: 600_000, installment: due(1_500_000), year: year(2_500_000) });
    expect(first).toEqual({ installment: { amountCents: 1_500_000, paidCents: 600_000, status: 'due' }, year: { committedCents: 2_500_000, paidCents: 600_000 } });
    const second = applyPayment({ amountCents: 900_000, installment: first.installment, year: first.year });
    expect(second).toEqual({ installment: { amountCents: 1_500_000, paidCents: 1_500_000, status: 'paid' }, year: { committedCents: 2_500_000, paidCents: 1_500_000 } });
  });

  it('throws on a refused payment', () => {
    expect(() => applyPayment({ amountCents: 2, installment: due(1), year: year(10) })).toThrow(/PAYMENT_ABOVE_INSTALLMENT/);
  });

  it('property: a sequence of payments never pays above the installment nor above the year\u2019s commitment', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e10 }), fc.nat({ max: 1e10 }), fc.array(fc.integer({ min: -10, max: 5e9 }), { maxLength: 40 }), (amount, committed, attempts) => {
        let installment = due(amount);
        let yearState = year(committed);
        let paid = 0;
        for (const attempt of attempts) {
          if (checkPayment({ amountCents: attempt, installment, year: yearState }).length > 0) continue;
          ({ installment, year: yearState } = applyPayment({ amountCents: attempt, installment, year: yearState }));
          paid += attempt;
          expect(installment.paidCents).toBeLessThanOrEqual(amount);
          expect(yearState.paidCents).toBeLessThanOrEqual(committed);
        }
        expect(installment.paidCents).toBe(paid);
        expect(installment.status).toBe(paid === amount ? 'paid' : 'due');
      }),
    );
  });
});

describe('checkRevisionAgainstCommitments', () => {
  const committed = [
    { axisCode: 'MEDIATION', year: 2016, committedCents: 500_000 },
    { axisCode: 'INNOVATION', year: 2017, committedCents: 0 },
  ];

  it('accepts a revision that keeps every cell at or above what is committed', () => {
    expect(
      checkRevisionAgainstCommitments(committed, [
        { axisCode: 'MEDIATION', year: 2016, amountCents: 500_000 },
        { axisCode: 'INNOVATION', year: 2017, amountCents: 0 },
      ]),
    ).toEqual([]);
  });

  it('refuses a cell below what is committed, naming it', () => {
    expect(
      checkRevisionAgainstCommitments(committed, [
        { axisCode: 'INNOVATION', year: 2017, amountCents: 900_000 },
        { axisCode: 'MEDIATION', year: 2016, amountCents: 499_999 },
      ]),
    ).toEqual([
      {
        field: 'allocations[1].amountCents',
        code: 'ALLOCATION_BELOW_COMMITTED',
        params: { axisCode: 'MEDIATION', year: 2016, committedCents: 500_000, amountCents: 499_999 },
      },
    ]);
  });

  it('refuses a revision that drops a committed cell', () => {
    expect(checkRevisionAgainstCommitments(committed, [{ axisCode: 'INNOVATION', year: 2017, amountCents: 1 }])).toEqual([
      {
        field: 'allocations',
        code: 'ALLOCATION_BELOW_COMMITTED',
        params: { axisCode: 'MEDIATION', year: 2016, committedCents: 500_000, amountCents: 0 },
      },
    ]);
  });
});
