import type { Lang } from '@tremplin/contracts';

/** BCP 47 locale of each UI language (British English: day-month dates, £-free grouping). */
const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

// Intl objects are costly to build: one of each per language.
const counts: Partial<Record<Lang, Intl.NumberFormat>> = {};
const wholeEuros: Partial<Record<Lang, Intl.NumberFormat>> = {};
const pluralRules: Partial<Record<Lang, Intl.PluralRules>> = {};

/** A count with the language's grouping: « 1 500 » (narrow no-break space) in French, "1,500" in English. */
export function formatCount(value: number, lang: Lang): string {
  const format = (counts[lang] ??= new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 0 }));
  return format.format(value);
}

/**
 * Integer cents rounded to the nearest euro (half away from zero), for public figures where
 * cents mean nothing: « 74 300 000 € », "€74,300,000". Integer arithmetic, no float rounding.
 */
export function formatWholeEuros(cents: number, lang: Lang): string {
  const negative = cents < 0;
  const absolute = Math.abs(cents);
  const rest = absolute % 100;
  const euros = (absolute - rest) / 100 + (rest >= 50 ? 1 : 0);
  const format = (wholeEuros[lang] ??= new Intl.NumberFormat(LOCALES[lang], {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  }));
  return format.format(negative && euros !== 0 ? -euros : euros);
}

/** CLDR plural category of a count in a language (French: one for 0 and 1; many for 1 000 000…). */
export function pluralCategory(value: number, lang: Lang): Intl.LDMLPluralRule {
  const rules = (pluralRules[lang] ??= new Intl.PluralRules(LOCALES[lang]));
  return rules.select(value);
}

/**
 * The translation key of a plural message: `base.<category>` when the dictionary has it, else
 * `base.other` (every plural message has `other`; French `many` and English `zero` fall back to it).
 */
export function pluralKey(base: string, value: number, lang: Lang, has: (key: string) => boolean): string {
  const key = `${base}.${pluralCategory(value, lang)}`;
  return has(key) ? key : `${base}.other`;
}
