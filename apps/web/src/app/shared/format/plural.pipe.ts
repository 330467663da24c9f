import { Pipe, inject, type PipeTransform } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import type { Lang } from '@tremplin/contracts';
import { formatCount, pluralKey } from './numbers';

/**
 * Translates a plural message by the count's CLDR category, with the count formatted:
 * `{{ 'plurals.missingItems' | plural: n : lang }}` → « 1 500 éléments à compléter ».
 * The dictionary holds `{ one: '…{{count}}…', other: '…{{count}}…' }` under the key.
 */
export function translatePlural(
  translate: TranslateService,
  base: string,
  value: number,
  lang: Lang,
  params: Record<string, unknown> = {},
): string {
  const key = pluralKey(base, value, lang, (k) => translate.instant(k) !== k);
  return translate.instant(key, { ...params, count: formatCount(value, lang) }) as string;
}

// Impure like ngx-translate's pipe: the dictionary may load after the first render.
@Pipe({ name: 'plural', pure: false })
export class PluralPipe implements PipeTransform {
  private readonly translate = inject(TranslateService);

  transform(base: string, value: number | null | undefined, lang: Lang, params?: Record<string, unknown>): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return '';
    return translatePlural(this.translate, base, value, lang, params);
  }
}
