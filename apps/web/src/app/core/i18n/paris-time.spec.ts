import { formatParisDate, isoToParisLocalInput, parisDayBoundToIso, parisLocalInputToIso, parisOffset } from './paris-time';
import localeFr from '@angular/common/locales/fr';
import { registerLocaleData } from '@angular/common';

registerLocaleData(localeFr, 'fr');

describe('Paris time helpers', () => {
  it('knows the winter and summer offsets', () => {
    expect(parisOffset(new Date('2026-01-15T12:00:00Z'))).toBe('+0100');
    expect(parisOffset(new Date('2026-07-15T12:00:00Z'))).toBe('+0200');
  });

  it('formats dates the French way, in Paris time', () => {
    expect(formatParisDate('2026-11-26T13:00:00Z', 'fr')).toBe('26 novembre 2026 à 14:00');
    expect(formatParisDate('2016-06-30T22:30:00Z', 'fr')).toBe('1 juillet 2016 à 00:30');
    expect(formatParisDate('2026-11-26T13:00:00Z', 'en')).toBe('26 November 2026 at 14:00');
    expect(formatParisDate('2026-11-26T13:00:00Z', 'fr', 'date')).toBe('26 novembre 2026');
    expect(formatParisDate('not a date', 'fr')).toBe('');
  });

  it('round-trips datetime-local values as Paris time', () => {
    expect(isoToParisLocalInput('2026-11-26T13:00:00.000Z')).toBe('2026-11-26T14:00');
    expect(parisLocalInputToIso('2026-11-26T14:00')).toBe('2026-11-26T13:00:00.000Z');
    expect(parisLocalInputToIso('2026-07-01T09:00')).toBe('2026-07-01T07:00:00.000Z');
    expect(parisLocalInputToIso('garbage')).toBeNull();
  });

  it('handles the daylight-saving switch (last Sunday of March)', () => {
    expect(parisLocalInputToIso('2026-03-29T01:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(parisLocalInputToIso('2026-03-29T04:00')).toBe('2026-03-29T02:00:00.000Z');
  });

  it('turns calendar days into the bounds of that Paris day', () => {
    expect(parisDayBoundToIso('2026-11-26', 'start')).toBe('2026-11-25T23:00:00.000Z');
    expect(parisDayBoundToIso('2026-11-26', 'end')).toBe('2026-11-26T22:59:59.999Z');
    expect(parisDayBoundToIso('26/11/2026', 'start')).toBeNull();
  });
});
