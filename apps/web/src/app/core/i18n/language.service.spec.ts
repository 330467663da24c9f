import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { provideTestTranslations } from '../../../testing/test-providers';
import { LANG_STORAGE_KEY, LanguageService } from './language.service';

describe('LanguageService', () => {
  function create(stored?: string): { service: LanguageService; document: Document; translate: TranslateService } {
    localStorage.clear();
    if (stored !== undefined) localStorage.setItem(LANG_STORAGE_KEY, stored);
    TestBed.configureTestingModule({ providers: [provideTestTranslations()] });
    return {
      service: TestBed.inject(LanguageService),
      document: TestBed.inject(DOCUMENT),
      translate: TestBed.inject(TranslateService),
    };
  }

  afterEach(() => localStorage.clear());

  it('defaults to French and sets <html lang="fr">', async () => {
    const { service, document, translate } = create();
    await service.init();
    expect(service.lang()).toBe('fr');
    expect(service.localeId()).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    expect(translate.instant('shell.skipLink')).toBe('Aller au contenu');
  });

  it('switches to English, remembers the choice and updates <html lang>', async () => {
    const { service, document, translate } = create();
    await service.init();
    await service.use('en');
    expect(service.lang()).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(translate.instant('shell.skipLink')).toBe('Skip to content');
  });

  it('restores the remembered language at start-up', async () => {
    const { service, document } = create('en');
    expect(service.lang()).toBe('en');
    await service.init();
    expect(document.documentElement.lang).toBe('en');
  });

  it('ignores an unknown stored value', () => {
    const { service } = create('de');
    expect(service.lang()).toBe('fr');
  });

  it('picks the label of the current language', async () => {
    const { service } = create();
    const axis = { labelFr: 'Médiation', labelEn: 'Mediation' };
    expect(service.pick(axis)).toBe('Médiation');
    await service.use('en');
    expect(service.pick(axis)).toBe('Mediation');
  });
});
