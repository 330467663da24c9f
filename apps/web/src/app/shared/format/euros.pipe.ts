import { Pipe, type PipeTransform } from '@angular/core';
import type { Lang } from '@tremplin/contracts';
import { formatEuros } from '@tremplin/domain';

/** Integer cents → "74 300 000,00 €" (fr) or "€74,300,000.00" (en). Pass the UI language. */
@Pipe({ name: 'euros' })
export class EurosPipe implements PipeTransform {
  transform(cents: number | null | undefined, lang: Lang): string {
    if (cents === null || cents === undefined || !Number.isSafeInteger(cents)) return '';
    return formatEuros(cents, lang);
  }
}
