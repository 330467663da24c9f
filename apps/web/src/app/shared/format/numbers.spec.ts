import { formatCount, formatWholeEuros, pluralCategory, pluralKey } from './numbers';

// French typography: thousands are grouped with U+202F (narrow no-break space); the euro sign
// follows a U+00A0 (no-break space). Written out here, not computed.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('formatCount', () => {
  it('groups thousands as French typography does', () => {
    expect(formatCount(0, 'fr')).toBe('0');
    expect(formatCount(999, 'fr')).toBe('999');
    expect(formatCount(1500, 'fr')).toBe(`1${NNBSP}500`);
    expect(formatCount(15000, 'fr')).toBe(`15${NNBSP}000`);
    expect(formatCount(1234567, 'fr')).toBe(`1${NNBSP}234${NNBSP}567`);
  });

  it('groups thousands with commas in English', () => {
    expect(formatCount(1500, 'en')).toBe('1,500');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
  });
});

describe('formatWholeEuros', () => {
  it('rounds cents to the nearest euro, half away from zero', () => {
    expect(formatWholeEuros(7_430_000_000, 'fr')).toBe(`74${NNBSP}300${NNBSP}000${NBSP}€`);
    expect(formatWholeEuros(895_200_049, 'fr')).toBe(`8${NNBSP}952${NNBSP}000${NBSP}€`);
    expect(formatWholeEuros(895_200_050, 'fr')).toBe(`8${NNBSP}952${NNBSP}001${NBSP}€`);
    expect(formatWholeEuros(-150, 'fr')).toBe(`-2${NBSP}€`);
    expect(formatWholeEuros(-49, 'fr')).toBe(`0${NBSP}€`);
    expect(formatWholeEuros(0, 'fr')).toBe(`0${NBSP}€`);
  });

  it('writes English amounts with the sign first', () => {
    expect(formatWholeEuros(7_430_000_000, 'en')).toBe('€74,300,000');
    expect(formatWholeEuros(199, 'en')).toBe('€2');
  });

  it('stays exact on the largest safe amounts (no float rounding)', () => {
    // 90 071 992 547 409,91 € → 90 071 992 547 410 €
    expect(formatWholeEuros(Number.MAX_SAFE_INTEGER, 'en')).toBe('€90,071,992,547,410');
  });
});

describe('pluralCategory (CLDR)', () => {
  it('puts 0 and 1 in « one » in French, only 1 in English', () => {
    expect(pluralCategory(0, 'fr')).toBe('one');
    expect(pluralCategory(1, 'fr')).toBe('one');
    expect(pluralCategory(2, 'fr')).toBe('other');
    expect(pluralCategory(0, 'en')).toBe('other');
    expect(pluralCategory(1, 'en')).toBe('one');
    expect(pluralCategory(2, 'en')).toBe('other');
  });

  it('knows the French « many » of round millions', () => {
    expect(pluralCategory(1_000_000, 'fr')).toBe('many');
  });
});

describe('pluralKey', () => {
  const keys = new Set(['p.one', 'p.other']);
  const has = (key: string) => keys.has(key);

  it('picks the category the dictionary has, else « other »', () => {
    expect(pluralKey('p', 1, 'fr', has)).toBe('p.one');
    expect(pluralKey('p', 0, 'fr', has)).toBe('p.one');
    expect(pluralKey('p', 0, 'en', has)).toBe('p.other');
    expect(pluralKey('p', 3, 'fr', has)).toBe('p.other');
    expect(pluralKey('p', 1_000_000, 'fr', has)).toBe('p.other');
  });
});
