import { frenchDate } from './french-date';

describe('frenchDate', () => {
  it('writes calendar dates and instants (their Paris day) the French way', () => {
    expect(frenchDate('2016-09-15')).toBe('15 septembre 2016');
    expect(frenchDate('2017-01-01')).toBe('1er janvier 2017');
    expect(frenchDate(new Date('2016-12-31T23:30:00Z'))).toBe('1er janvier 2017');
    expect(frenchDate(new Date('2026-11-29T10:00:00Z'))).toBe('29 novembre 2026');
  });
});
