import fc from 'fast-check';
import {
  callYearsAreValid,
  isCallOpen,
  MAX_CALL_YEARS,
  timeLeft,
} from './call-window';

const call = {
  opensAt: new Date('2025-03-01T08:00:00Z'),
  closesAt: new Date('2025-04-30T22:00:00Z'),
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('isCallOpen', () => {
  it('is open at the opening instant (inclusive)', () => {
    expect(isCallOpen(call, new Date('2025-03-01T08:00:00Z'))).toBe(true);
  });

  it('is closed exactly at the deadline (exclusive) and one millisecond before is open', () => {
    expect(isCallOpen(call, new Date('2025-04-30T22:00:00Z'))).toBe(false);
    expect(isCallOpen(call, new Date(call.closesAt.getTime() - 1))).toBe(true);
  });

  it('is closed before opening and after closing', () => {
    expect(isCallOpen(call, new Date('2025-03-01T07:59:59.999Z'))).toBe(false);
    expect(isCallOpen(call, new Date('2026-01-01T00:00:00Z'))).toBe(false);
  });

  it('is closed for invalid dates', () => {
    expect(isCallOpen(call, new Date('not a date'))).toBe(false);
    expect(
      isCallOpen(
        { ...call, closesAt: new Date(NaN) },
        new Date('2025-03-15T00:00:00Z'),
      ),
    ).toBe(false);
  });

  it('is never open when the window is empty or inverted', () => {
    const instant = new Date('2025-03-01T08:00:00Z');
    expect(isCallOpen({ opensAt: instant, closesAt: instant }, instant)).toBe(
      false,
    );
  });

  it('property: open iff opensAt <= now < closesAt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4e12 }),
        fc.integer({ min: 0, max: 4e12 }),
        fc.integer({ min: 0, max: 4e12 }),
        (a, b, n) => {
          const open = isCallOpen(
            { opensAt: new Date(a), closesAt: new Date(b) },
            new Date(n),
          );
          expect(open).toBe(a <= n && n < b);
        },
      ),
    );
  });
});

describe('timeLeft', () => {
  it('splits the remaining time into days, hours and minutes', () => {
    const now = new Date(
      call.closesAt.getTime() - (2 * DAY + 3 * HOUR + 4 * MINUTE + 59_999),
    );
    expect(timeLeft(call.closesAt, now)).toEqual({
      days: 2,
      hours: 3,
      minutes: 4,
      closed: false,
    });
  });

  it('shows zero minutes but not closed with less than a minute left', () => {
    expect(
      timeLeft(call.closesAt, new Date(call.closesAt.getTime() - 30_000)),
    ).toEqual({
      days: 0,
      hours: 0,
      minutes: 0,
      closed: false,
    });
  });

  it('is closed at and after the deadline', () => {
    const closed = { days: 0, hours: 0, minutes: 0, closed: true };
    expect(timeLeft(call.closesAt, call.closesAt)).toEqual(closed);
    expect(
      timeLeft(call.closesAt, new Date(call.closesAt.getTime() + DAY)),
    ).toEqual(closed);
    expect(timeLeft(new Date(NaN), call.closesAt)).toEqual(closed);
  });

  it('agrees with isCallOpen at the boundary', () => {
    const oneMsBefore = new Date(call.closesAt.getTime() - 1);
    expect(timeLeft(call.closesAt, oneMsBefore).closed).toBe(false);
    expect(isCallOpen(call, oneMsBefore)).toBe(true);
  });

  it('property: components are in range and never overstate the remaining time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * DAY }), (remaining) => {
        const now = new Date(call.closesAt.getTime() - remaining);
        const left = timeLeft(call.closesAt, now);
        expect(left.closed).toBe(false);
        expect(left.hours).toBeGreaterThanOrEqual(0);
        expect(left.hours).toBeLessThan(24);
        expect(left.minutes).toBeGreaterThanOrEqual(0);
        expect(left.minutes).toBeLessThan(60);
        const shown =
          left.days * DAY + left.hours * HOUR + left.minutes * MINUTE;
        expect(shown).toBeLessThanOrEqual(remaining);
        expect(remaining - shown).toBeLessThan(MINUTE);
      }),
    );
  });

  it('property: closed whenever now >= closesAt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), (late) => {
        expect(
          timeLeft(call.closesAt, new Date(call.closesAt.getTime() + late))
            .closed,
        ).toBe(true);
      }),
    );
  });
});

describe('callYearsAreValid', () => {
  it.each([
    [[2025]],
    [[2025, 2026]],
    [[2025, 2026, 2027]],
    [[2025, 2026, 2027, 2028]],
  ])('accepts %p', (years) => {
    expect(callYearsAreValid(years)).toBe(true);
  });

  it.each([
    [[]],
    [[2025, 2026, 2027, 2028, 2029]],
    [[2026, 2025]],
    [[2025, 2025]],
    [[2025, 2027]],
    [[2025.5]],
    [[2025, NaN]],
  ])('rejects %p', (years) => {
    expect(callYearsAreValid(years)).toBe(false);
  });

  it('property: any run of 1..4 consecutive years is valid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: MAX_CALL_YEARS }),
        (start, length) => {
          expect(
            callYearsAreValid(Array.from({ length }, (_, i) => start + i)),
          ).toBe(true);
        },
      ),
    );
  });

  it('property: valid iff length 1..4 and each year is the previous + 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2024, max: 2030 }), { maxLength: 6 }),
        (years) => {
          const consecutive = years.every(
            (y, i) => i === 0 || y === (years[i - 1] ?? NaN) + 1,
          );
          expect(callYearsAreValid(years)).toBe(
            years.length >= 1 && years.length <= 4 && consecutive,
          );
        },
      ),
    );
  });
});
