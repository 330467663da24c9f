import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateStaffUserRequest, Page, Role, UserAdminView } from '@tremplin/contracts';
import type { Observable } from 'rxjs';
import type { PageQuery } from '../shared/paged-list/paged-list';

export interface UserQuery extends PageQuery {
  q: string;
  role: Role | '';
}

/** HTTP access to staff accounts (« Comptes »). */
@Injectable({ providedIn: 'root' })
export class AccountsApi {
  private readonly http = inject(HttpClient);

  list(query: UserQuery): Observable<Page<UserAdminView>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    if (query.q.trim()) params = params.set('q', query.q.trim());
    if (query.role) params = params.set('role', query.role);
    return this.http.get<Page<UserAdminView>>('/api/users', { params });
  }

  create(body: CreateStaffUserRequest): Observable<UserAdminView> {
    return this.http.post<UserAdminView>('/api/users', body);
  }

  setActive(id: string, active: boolean): Observable<UserAdminView> {
    return this.http.post<UserAdminView>(`/api/users/${encodeURIComponent(id)}/${active ? 'reactivate' : 'deactivate'}`, null);
  }
}
