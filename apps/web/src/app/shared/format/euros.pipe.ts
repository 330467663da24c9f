import { Pipe, type PipeTransform } from '@angular/core';
import type { Lang } from '@tremplin/contracts';
import { formatEuros } from '@tremplin/domain';
import { formatWholeEuros } from './numbers';

/**
 * Integer cents → "74 300 000,00 €" (fr) or "€74,300,000.00" (en). Pass the UI language.
 * `'whole'` rounds to the euro, for public figures (envelopes) where cents mean nothing.
 */
@Pipe({ name: 'euros' })
export class EurosPipe implements PipeTransform {
  transform(cents: number | null | undefined, lang: Lang, precision: 'cents' | 'whole' = 'cents'): string {
    if (cents === null || cents === undefined || !Number.isSafeInteger(cents)) return '';
    return precision === 'whole' ? formatWholeEuros(cents, lang) : formatEuros(cents, lang);
  }
}
