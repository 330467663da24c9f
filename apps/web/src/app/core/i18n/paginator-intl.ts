import { Injectable, type Provider, inject } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslateService } from '@ngx-translate/core';
import type { Lang } from '@tremplin/contracts';
import { formatCount } from '../../shared/format/numbers';

/**
 * Paginator labels in the UI language. Provided on the lazy routes that show a paginator, not in
 * app.config: importing @angular/material/paginator there put the paginator, select, tooltip and
 * forms code (≈ 25 kB compressed) in the first load of every page.
 */
export function providePaginatorIntl(): Provider {
  return { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl };
}

/** Paginator labels in the UI language. */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly translate = inject(TranslateService);

  constructor() {
    super();
    this.translate.onLangChange.subscribe(() => this.refresh());
    this.refresh();
  }

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0 || pageSize === 0) return this.t('paginator.rangeEmpty', { length });
    const start = page * pageSize + 1;
    const end = Math.min(length, (page + 1) * pageSize);
    // Thousands separators as everywhere else (« 1 – 25 sur 15 000 »).
    const lang: Lang = this.translate.getCurrentLang() === 'en' ? 'en' : 'fr';
    return this.t('paginator.range', { start: formatCount(start, lang), end: formatCount(end, lang), length: formatCount(length, lang) });
  };

  private refresh(): void {
    this.itemsPerPageLabel = this.t('paginator.itemsPerPage');
    this.nextPageLabel = this.t('paginator.next');
    this.previousPageLabel = this.t('paginator.previous');
    this.firstPageLabel = this.t('paginator.first');
    this.lastPageLabel = this.t('paginator.last');
    this.changes.next();
  }

  private t(key: string, params?: Record<string, number | string>): string {
    return this.translate.instant(key, params) as string;
  }
}
