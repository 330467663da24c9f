import { Pipe, type PipeTransform } from '@angular/core';
import type { Lang } from '@tremplin/contracts';

/** Picks `labelFr` or `labelEn` of a bilingual item. */
@Pipe({ name: 'label' })
export class LabelPipe implements PipeTransform {
  transform(item: { labelFr: string; labelEn: string } | null | undefined, lang: Lang): string {
    if (!item) return '';
    return lang === 'en' ? item.labelEn : item.labelFr;
  }
}
