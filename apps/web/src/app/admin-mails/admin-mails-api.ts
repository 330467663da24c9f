import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { OutboxMailView, Page } from '@tremplin/contracts';
import type { Observable } from 'rxjs';
import type { PageQuery } from '../shared/paged-list/paged-list';

export interface MailQuery extends PageQuery {
  /** Part of the recipient's address. */
  to: string;
  /** One of MAIL_KINDS, or '' for all. */
  kind: string;
}

/** HTTP access to the mail outbox (admin « Courriels »). */
@Injectable({ providedIn: 'root' })
export class AdminMailsApi {
  private readonly http = inject(HttpClient);

  list(query: MailQuery): Observable<Page<OutboxMailView>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    const to = query.to.trim();
    if (to) params = params.set('to', to);
    if (query.kind) params = params.set('kind', query.kind);
    return this.http.get<Page<OutboxMailView>>('/api/admin/mails', { params });
  }
}
