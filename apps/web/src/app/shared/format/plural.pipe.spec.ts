import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { CountPipe } from './count.pipe';
import { EurosPipe } from './euros.pipe';
import { PluralPipe } from './plural.pipe';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('PluralPipe, CountPipe and EurosPipe with the real dictionaries', () => {
  let plural: PluralPipe;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideTestTranslations(), PluralPipe] });
    await TestBed.inject(LanguageService).init();
    plural = TestBed.runInInjectionContext(() => new PluralPipe());
  });

  it('writes French singulars for 0 and 1 and plurals from 2, with grouped counts', () => {
    expect(plural.transform('plurals.stepMissing', 0, 'fr')).toBe('0 élément à compléter');
    expect(plural.transform('plurals.stepMissing', 1, 'fr')).toBe('1 élément à compléter');
    expect(plural.transform('plurals.stepMissing', 2, 'fr')).toBe('2 éléments à compléter');
    expect(plural.transform('plurals.stepMissing', 1500, 'fr')).toBe(`1${NNBSP}500 éléments à compléter`);
    expect(plural.transform('plurals.unread', 1, 'fr')).toBe('1 non lu');
    expect(plural.transform('plurals.unread', 3, 'fr')).toBe('3 non lus');
    // CLDR « many » (round millions) falls back to « other ».
    expect(plural.transform('plurals.changes', 1_000_000, 'fr')).toBe(`1${NNBSP}000${NNBSP}000 modifications`);
  });

  it('writes English plurals for 0 and from 2, with comma grouping', async () => {
    await TestBed.inject(LanguageService).use('en');
    expect(plural.transform('plurals.missingTitle', 0, 'en')).toBe('Before submitting, 0 items to complete');
    expect(plural.transform('plurals.missingTitle', 1, 'en')).toBe('Before submitting, 1 item to complete');
    expect(plural.transform('plurals.changes', 2500, 'en')).toBe('2,500 changes');
  });

  it('shows nothing for a missing count', () => {
    expect(plural.transform('plurals.unread', null, 'fr')).toBe('');
    expect(plural.transform('plurals.unread', Number.NaN, 'fr')).toBe('');
  });

  it('has a « one » and an « other » for every plural message, in both languages', async () => {
    const translate = TestBed.inject(TranslateService);
    for (const lang of ['fr', 'en'] as const) {
      await TestBed.inject(LanguageService).use(lang);
      const plurals = translate.instant('plurals') as Record<string, Record<string, string>>;
      expect(Object.keys(plurals).sort()).toEqual(['changes', 'missingTitle', 'stepMissing', 'unread']);
      for (const forms of Object.values(plurals)) {
        expect(Object.keys(forms).sort()).toEqual(['one', 'other']);
        for (const text of Object.values(forms)) {
          expect(text).toContain('{{count}}');
          expect(text).not.toContain('(s)');
        }
      }
    }
  });

  it('formats counts and whole euros for public figures', () => {
    expect(new CountPipe().transform(15000, 'fr')).toBe(`15${NNBSP}000`);
    expect(new CountPipe().transform(undefined, 'fr')).toBe('');
    const euros = new EurosPipe();
    expect(euros.transform(7_430_000_000, 'fr')).toBe(`74${NNBSP}300${NNBSP}000,00${NBSP}€`);
    expect(euros.transform(7_430_000_000, 'fr', 'whole')).toBe(`74${NNBSP}300${NNBSP}000${NBSP}€`);
    expect(euros.transform(7_430_000_000, 'en', 'whole')).toBe('€74,300,000');
  });
});
