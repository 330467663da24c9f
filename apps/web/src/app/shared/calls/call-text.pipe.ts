import { Pipe, type PipeTransform } from '@angular/core';
import type { CallSummaryView, Lang } from '@tremplin/contracts';

/** A call's title or description in the UI language: the English text when there is one, else the French. */
export function callText(call: Pick<CallSummaryView, 'title' | 'description' | 'titleEn' | 'descriptionEn'>, field: 'title' | 'description', lang: Lang): string {
  const english = field === 'title' ? call.titleEn : call.descriptionEn;
  return lang === 'en' && english?.trim() ? english : call[field];
}

@Pipe({ name: 'callText' })
export class CallTextPipe implements PipeTransform {
  transform(call: Pick<CallSummaryView, 'title' | 'description' | 'titleEn' | 'descriptionEn'>, field: 'title' | 'description', lang: Lang): string {
    return callText(call, field, lang);
  }
}
