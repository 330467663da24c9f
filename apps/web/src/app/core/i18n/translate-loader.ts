import { Injectable } from '@angular/core';
import { TranslateLoader, type TranslationObject } from '@ngx-translate/core';
import { from, of, type Observable } from 'rxjs';
import { FR } from '../../i18n/fr';

/**
 * Translations are TypeScript objects: French (default) ships in the main bundle so the first
 * render never shows keys; English is a lazy chunk, loaded before the language switches.
 */
@Injectable()
export class AppTranslateLoader implements TranslateLoader {
  getTranslation(lang: string): Observable<TranslationObject> {
    if (lang === 'en') {
      return from(import('../../i18n/en').then((m) => m.EN as TranslationObject));
    }
    return of(FR as TranslationObject);
  }
}
