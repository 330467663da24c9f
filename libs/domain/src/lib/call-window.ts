/**
 * Opening window of a call for projects. Instants are compared as epoch milliseconds so the
 * server's time zone never matters (dates are stored in UTC; display is the UI's concern).
 */

export interface CallWindow {
  opensAt: Date;
  closesAt: Date;
}

export interface TimeLeft {
  days: number;
  hours: number;
  minutes: number;
  closed: boolean;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Multi-year conventions (conventions pluriannuelles d'objectifs) run for at most four years. */
export const MAX_CALL_YEARS = 4;

/** Open from `opensAt` (inclusive) until `closesAt` (exclusive): at the deadline, it is closed. */
export function isCallOpen(call: CallWindow, now: Date): boolean {
  const time = now.getTime();
  // Invalid dates yield NaN, which fails both comparisons: an unknown window is closed.
  return call.opensAt.getTime() <= time && time < call.closesAt.getTime();
}

/**
 * Countdown to the deadline, rounded down to the minute so we never promise more time than
 * remains (with 30 seconds left this shows 0 minutes, not closed).
 */
export function timeLeft(closesAt: Date, now: Date): TimeLeft {
  const remaining = closesAt.getTime() - now.getTime();
  if (!(remaining > 0)) return { days: 0, hours: 0, minutes: 0, closed: true };
  return {
    days: Math.floor(remaining / DAY_MS),
    hours: Math.floor((remaining % DAY_MS) / HOUR_MS),
    minutes: Math.floor((remaining % HOUR_MS) / MINUTE_MS),
    closed: false,
  };
}

/** 1 to 4 distinct integer years, consecutive and ascending (e.g. [2025, 2026, 2027]). */
export function callYearsAreValid(years: readonly number[]): boolean {
  if (years.length < 1 || years.length > MAX_CALL_YEARS) return false;
  return years.every(
    (year, index) =>
      Number.isSafeInteger(year) &&
      (index === 0 || year === (years[index - 1] ?? NaN) + 1),
  );
}
