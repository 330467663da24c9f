import fc from 'fast-check';
import { buildInstallmentSchedule, checkInstallmentDue, installmentLifecycle } from './installment-schedule';

const SIXTY_PERCENT = { advanceBasisPoints: 6000 };

describe('buildInstallmentSchedule', () => {
  it('splits each year into a 60 % advance and a 40 % balance (2016 call)', () => {
    expect(
      buildInstallmentSchedule({
        years: [
          { year: 2016, amountCents: 2_500_000 },
          { year: 2017, amountCents: 2_500_000 },
          { year: 2018, amountCents: 2_000_000 },
        ],
        rule: SIXTY_PERCENT,
        signedOn: '2016-09-15',
      }),
    ).toEqual([
      { year: 2016, kind: 'advance', amountCents: 1_500_000, dueOn: '2016-09-15' },
      { year: 2016, kind: 'balance', amountCents: 1_000_000, dueOn: '2017-06-30' },
      { year: 2017, kind: 'advance', amountCents: 1_500_000, dueOn: '2017-01-01' },
      { year: 2017, kind: 'balance', amountCents: 1_000_000, dueOn: '2018-06-30' },
      { year: 2018, kind: 'advance', amountCents: 1_200_000, dueOn: '2018-01-01' },
      { year: 2018, kind: 'balance', amountCents: 800_000, dueOn: '2019-06-30' },
    ]);
  });

  it('rounds the advance down to the cent: the odd cent goes to the balance', () => {
    // 60 % of 333.33 € = 199.998 € → advance 199.99 €, balance 133.34 €.
    expect(buildInstallmentSchedule({ years: [{ year: 2016, amountCents: 33_333 }], rule: SIXTY_PERCENT, signedOn: '2015-12-01' })).toEqual([
      { year: 2016, kind: 'advance', amountCents: 19_999, dueOn: '2016-01-01' },
      { year: 2016, kind: 'balance', amountCents: 13_334, dueOn: '2017-06-30' },
    ]);
  });

  it('leaves out zero installments (100 % advance, a zero year)', () => {
    expect(
      buildInstallmentSchedule({
        years: [
          { year: 2017, amountCents: 0 },
          { year: 2016, amountCents: 1000 },
        ],
        rule: { advanceBasisPoints: 10_000 },
        signedOn: '2016-03-01',
      }),
    ).toEqual([{ year: 2016, kind: 'advance', amountCents: 1000, dueOn: '2016-03-01' }]);
  });

  it('refuses bad input', () => {
    expect(() => buildInstallmentSchedule({ years: [{ year: 2016, amountCents: 1 }], rule: SIXTY_PERCENT, signedOn: '2016-02-30' })).toThrow(/signedOn/);
    expect(() =>
      buildInstallmentSchedule({
        years: [
          { year: 2016, amountCents: 1 },
          { year: 2016, amountCents: 2 },
        ],
        rule: SIXTY_PERCENT,
        signedOn: '2016-02-01',
      }),
    ).toThrow(/twice/);
    expect(() => buildInstallmentSchedule({ years: [{ year: 2016, amountCents: -5 }], rule: SIXTY_PERCENT, signedOn: '2016-02-01' })).toThrow(RangeError);
    expect(() => buildInstallmentSchedule({ years: [{ year: 2016, amountCents: 5 }], rule: { advanceBasisPoints: 10_001 }, signedOn: '2016-02-01' })).toThrow(
      /advanceBasisPoints/,
    );
  });

  it('property: each year\u2019s installments sum exactly to its amount, the advance never above the share', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ year: fc.integer({ min: 2000, max: 2100 }), amountCents: fc.nat({ max: 1e13 }) }), { selector: (y) => y.year, maxLength: 4 }),
        fc.integer({ min: 0, max: 10_000 }),
        (years, advanceBasisPoints) => {
          const schedule = buildInstallmentSchedule({ years, rule: { advanceBasisPoints }, signedOn: '2001-05-04' });
          for (const { year, amountCents } of years) {
            const ofYear = schedule.filter((i) => i.year === year);
            expect(ofYear.reduce((sum, i) => sum + i.amountCents, 0)).toBe(amountCents);
            const advance = ofYear.find((i) => i.kind === 'advance')?.amountCents ?? 0;
            expect(BigInt(advance) * 10_000n <= BigInt(amountCents) * BigInt(advanceBasisPoints)).toBe(true);
            expect(ofYear.every((i) => i.amountCents > 0)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('installmentLifecycle', () => {
  it('goes planned → due → paid, and cancels from planned or due only', () => {
    expect(installmentLifecycle.next('planned', 'make_due')).toBe('due');
    expect(installmentLifecycle.next('due', 'settle')).toBe('paid');
    expect(installmentLifecycle.next('planned', 'cancel')).toBe('cancelled');
    expect(installmentLifecycle.next('due', 'cancel')).toBe('cancelled');
    expect(installmentLifecycle.can('paid', 'cancel')).toBe(false);
    expect(installmentLifecycle.can('planned', 'settle')).toBe(false);
    expect(installmentLifecycle.can('cancelled', 'make_due')).toBe(false);
  });
});

describe('checkInstallmentDue', () => {
  it('makes an advance due when its date has come', () => {
    expect(checkInstallmentDue({ kind: 'advance', status: 'planned', dueOn: '2017-01-01', today: '2017-01-01', reportApproved: false })).toEqual([]);
    expect(checkInstallmentDue({ kind: 'advance', status: 'planned', dueOn: '2017-01-01', today: '2016-12-31', reportApproved: false })).toEqual([
      { field: 'dueOn', code: 'INSTALLMENT_NOT_YET_DUE', params: { dueOn: '2017-01-01' } },
    ]);
  });

  it('makes a balance due only once the year\u2019s report is approved, whatever the date', () => {
    expect(checkInstallmentDue({ kind: 'balance', status: 'planned', dueOn: '2017-06-30', today: '2018-01-01', reportApproved: false })).toEqual([
      { field: 'reportApproved', code: 'INSTALLMENT_REPORT_NOT_APPROVED' },
    ]);
    expect(checkInstallmentDue({ kind: 'balance', status: 'planned', dueOn: '2017-06-30', today: '2017-03-01', reportApproved: true })).toEqual([]);
  });

  it('refuses what is not planned', () => {
    expect(checkInstallmentDue({ kind: 'advance', status: 'paid', dueOn: '2017-01-01', today: '2018-01-01', reportApproved: true })).toEqual([
      { field: 'status', code: 'INSTALLMENT_NOT_PLANNED', params: { status: 'paid' } },
    ]);
  });
});
