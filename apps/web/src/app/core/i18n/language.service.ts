import { DOCUMENT, registerLocaleData } from '@angular/common';
import localeFr from '@angular/common/locales/fr';
import { Injectable, computed, inject, signal } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import type { Lang } from '@tremplin/contracts';
import { firstValueFrom } from 'rxjs';

registerLocaleData(localeFr, 'fr');

export const LANG_STORAGE_KEY = 'tremplin.lang';
export const LANGS: readonly Lang[] = ['fr', 'en'];

function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

/**
 * The UI language: French by default, the user's choice remembered in localStorage.
 * It drives ngx-translate, `<html lang>`, the Angular locale used for dates and the
 * `Accept-Language` header sent to the API.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Lang>(this.readStoredLang());

  /** Current UI language. */
  readonly lang = this.current.asReadonly();
  /** Angular locale id registered for this language (for formatDate / DatePipe). */
  readonly localeId = computed(() => (this.current() === 'fr' ? 'fr' : 'en'));

  /** Loads the translations of the stored language; called once before the first render. */
  init(): Promise<void> {
    return this.use(this.current());
  }

  async use(lang: Lang): Promise<void> {
    await firstValueFrom(this.translate.use(lang));
    this.current.set(lang);
    this.document.documentElement.lang = lang;
    try {
      this.document.defaultView?.localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Storage may be disabled (private mode): the choice then lasts for this visit only.
    }
  }

  /** Picks the French or English variant of a bilingual label. */
  pick(item: { labelFr: string; labelEn: string }): string {
    return this.current() === 'en' ? item.labelEn : item.labelFr;
  }

  private readStoredLang(): Lang {
    try {
      const stored = this.document.defaultView?.localStorage.getItem(LANG_STORAGE_KEY);
      return isLang(stored) ? stored : 'fr';
    } catch {
      return 'fr';
    }
  }
}
