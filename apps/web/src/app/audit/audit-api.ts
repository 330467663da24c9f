import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditEventView, AuditVerification, Page } from '@tremplin/contracts';
import type { Observable } from 'rxjs';
import { parisDayBoundToIso } from '../core/i18n/paris-time';
import type { PageQuery } from '../shared/paged-list/paged-list';

export interface AuditQuery extends PageQuery {
  action: string;
  entityType: string;
  entityId: string;
  actor: string;
  /** Paris days (YYYY-MM-DD) as typed and kept in the URL; sent as the instants that bound them. */
  from: string;
  to: string;
}

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery): Observable<Page<AuditEventView>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    for (const key of ['action', 'entityType', 'entityId', 'actor'] as const) {
      const value = query[key].trim();
      if (value) params = params.set(key, value);
    }
    // A day that is not a date (a hand-edited URL) is sent as typed, so the API names the field.
    const from = query.from ? (parisDayBoundToIso(query.from, 'start') ?? query.from) : '';
    const to = query.to ? (parisDayBoundToIso(query.to, 'end') ?? query.to) : '';
    if (from) params = params.set('from', from);
    if (to) params = params.set('to', to);
    return this.http.get<Page<AuditEventView>>('/api/audit-events', { params });
  }

  verify(): Observable<AuditVerification> {
    return this.http.get<AuditVerification>('/api/audit-events/verify');
  }
}
