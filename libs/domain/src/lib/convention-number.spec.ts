import fc from 'fast-check';
import { formatConventionNumber, nextConventionNumber, parseConventionNumber } from './convention-number';

describe('convention numbers', () => {
  it('formats CONV-<year>-<four digits>', () => {
    expect(formatConventionNumber(2016, 1)).toBe('CONV-2016-0001');
    expect(formatConventionNumber(2016, 988)).toBe('CONV-2016-0988');
    expect(formatConventionNumber(2019, 9999)).toBe('CONV-2019-9999');
    expect(formatConventionNumber(2019, 10_000)).toBe('CONV-2019-10000');
  });

  it('refuses a bad year or sequence', () => {
    expect(() => formatConventionNumber(16, 1)).toThrow(/callYear/);
    expect(() => formatConventionNumber(2016, 0)).toThrow(/sequence/);
    expect(() => formatConventionNumber(2016, 1.5)).toThrow(/sequence/);
  });

  it('gives the next number after the counter', () => {
    expect(nextConventionNumber(2016, 0)).toBe('CONV-2016-0001');
    expect(nextConventionNumber(2016, 41)).toBe('CONV-2016-0042');
    expect(() => nextConventionNumber(2016, -1)).toThrow(/lastSequence/);
  });

  it('parses canonical numbers only', () => {
    expect(parseConventionNumber('CONV-2016-0042')).toEqual({ callYear: 2016, sequence: 42 });
    expect(parseConventionNumber('CONV-2016-12345')).toEqual({ callYear: 2016, sequence: 12345 });
    expect(parseConventionNumber('CONV-2016-0000')).toBeNull();
    expect(parseConventionNumber('CONV-2016-00042')).toBeNull();
    expect(parseConventionNumber('CONV-2016-42')).toBeNull();
    expect(parseConventionNumber('conv-2016-0042')).toBeNull();
    expect(parseConventionNumber(' CONV-2016-0042')).toBeNull();
    expect(parseConventionNumber('CONV-16-0042')).toBeNull();
  });

  it('property: parse(format(year, n)) gives back year and n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 10_000_000 }), (year, n) => {
        expect(parseConventionNumber(formatConventionNumber(year, n))).toEqual({ callYear: year, sequence: n });
      }),
    );
  });

  it('property: numbers drawn one after the other from the counter are gap-free and sort in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (count) => {
        const numbers: string[] = [];
        for (let last = 0; last < count; last++) numbers.push(nextConventionNumber(2016, last));
        expect(numbers.map((n) => parseConventionNumber(n)?.sequence)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
        expect(new Set(numbers).size).toBe(count);
      }),
    );
  });
});
