import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditEventView, AuditVerification, Page } from '@tremplin/contracts';
import type { Observable } from 'rxjs';

export interface AuditFilters {
  action: string;
  entityType: string;
  entityId: string;
  actor: string;
  /** ISO instants (already converted from Paris days). */
  from: string | null;
  to: string | null;
}

export interface AuditQuery extends AuditFilters {
  page: number;
  pageSize: number;
}

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery): Observable<Page<AuditEventView>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    for (const key of ['action', 'entityType', 'entityId', 'actor', 'from', 'to'] as const) {
      const value = query[key]?.trim();
      if (value) params = params.set(key, value);
    }
    return this.http.get<Page<AuditEventView>>('/api/audit-events', { params });
  }

  verify(): Observable<AuditVerification> {
    return this.http.get<AuditVerification>('/api/audit-events/verify');
  }
}
