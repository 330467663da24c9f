import { Pipe, type PipeTransform } from '@angular/core';
import type { Lang } from '@tremplin/contracts';
import { formatEuros } from '@tremplin/domain';

/** A change in cents with its sign: « +5 000,00 € », « −2 500,00 € », « 0,00 € ». */
@Pipe({ name: 'signedEuros' })
export class SignedEurosPipe implements PipeTransform {
  transform(cents: number, lang: Lang): string {
    if (cents === 0) return formatEuros(0, lang);
    return `${cents > 0 ? '+' : '−'}${formatEuros(Math.abs(cents), lang)}`;
  }
}
