import { Pipe, type PipeTransform } from '@angular/core';
import type { Lang } from '@tremplin/contracts';
import { formatParisDate, type DateStyle } from '../../core/i18n/paris-time';

/** ISO instant → "26 novembre 2026 à 14:00" in Europe/Paris time. Pass the UI language. */
@Pipe({ name: 'parisDate' })
export class ParisDatePipe implements PipeTransform {
  transform(value: string | null | undefined, lang: Lang, style: DateStyle = 'dateTime'): string {
    return value ? formatParisDate(value, lang, style) : '';
  }
}
