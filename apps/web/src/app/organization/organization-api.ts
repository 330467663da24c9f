import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { InvitationView, OrganizationProfileView, UpdateOrganizationRequest } from '@tremplin/contracts';
import type { Observable } from 'rxjs';

export const ORGANIZATION_API = '/api/organizations/mine';

/** HTTP access to the signed-in member's organisation (« Mon organisation »). */
@Injectable({ providedIn: 'root' })
export class OrganizationApi {
  private readonly http = inject(HttpClient);

  get(): Observable<OrganizationProfileView> {
    return this.http.get<OrganizationProfileView>(ORGANIZATION_API);
  }

  /** `version` is the one read: a stale one is refused (409 STALE_VERSION). */
  update(body: UpdateOrganizationRequest): Observable<OrganizationProfileView> {
    return this.http.patch<OrganizationProfileView>(ORGANIZATION_API, body);
  }

  setAdmin(memberId: string, isAdmin: boolean): Observable<OrganizationProfileView> {
    return this.http.put<OrganizationProfileView>(`${ORGANIZATION_API}/members/${encodeURIComponent(memberId)}/admin`, { isAdmin });
  }

  invite(email: string): Observable<InvitationView> {
    return this.http.post<InvitationView>(`${ORGANIZATION_API}/invitations`, { email });
  }
}
