/**
 * Convention numbers: `CONV-<call year>-<sequence>`, the sequence gap-free per call and padded to four
 * digits (`CONV-2016-0001`). A call of more than 9,999 conventions simply gets longer numbers.
 * The API draws the sequence from a per-call counter row locked FOR UPDATE, so numbers never skip.
 */

export interface ConventionNumberParts {
  callYear: number;
  sequence: number;
}

const PATTERN = /^CONV-([0-9]{4})-([0-9]{4,})$/;
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

function assertParts({ callYear, sequence }: ConventionNumberParts): void {
  if (!Number.isInteger(callYear) || callYear < MIN_YEAR || callYear > MAX_YEAR) {
    throw new RangeError(`callYear must be a four-digit year, got ${String(callYear)}`);
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`sequence must be a positive integer, got ${String(sequence)}`);
  }
}

export function formatConventionNumber(callYear: number, sequence: number): string {
  assertParts({ callYear, sequence });
  return `CONV-${callYear}-${String(sequence).padStart(4, '0')}`;
}

/** Parses a convention number; null unless it is exactly what `formatConventionNumber` would write. */
export function parseConventionNumber(text: string): ConventionNumberParts | null {
  const match = PATTERN.exec(text);
  if (match === null) return null;
  const [, yearText = '', sequenceText = ''] = match;
  // A longer-than-four sequence cannot start with 0: "CONV-2016-00001" is not canonical.
  if (sequenceText.length > 4 && sequenceText.startsWith('0')) return null;
  const callYear = Number(yearText);
  const sequence = Number(sequenceText);
  if (callYear < MIN_YEAR || !Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { callYear, sequence };
}

/** The next number after the counter's last value (0 when the call has none yet). */
export function nextConventionNumber(callYear: number, lastSequence: number): string {
  if (!Number.isSafeInteger(lastSequence) || lastSequence < 0) {
    throw new RangeError(`lastSequence must be a non-negative integer, got ${String(lastSequence)}`);
  }
  return formatConventionNumber(callYear, lastSequence + 1);
}
