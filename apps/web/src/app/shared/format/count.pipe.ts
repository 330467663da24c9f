import { Pipe, type PipeTransform } from '@angular/core';
import type { Lang } from '@tremplin/contracts';
import { formatCount } from './numbers';

/** A count with thousands separators: « 15 000 » (fr), "15,000" (en). */
@Pipe({ name: 'count' })
export class CountPipe implements PipeTransform {
  transform(value: number | null | undefined, lang: Lang): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return '';
    return formatCount(value, lang);
  }
}
