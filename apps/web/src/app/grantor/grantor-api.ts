import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { GrantorView } from '@tremplin/contracts';
import type { Observable } from 'rxjs';

/** The request body of PUT /api/grantor (the contracts' GrantorInput, without its decorators). */
export interface GrantorBody {
  name: string;
  siret: string;
  address: string;
  presidentName: string;
  presidentTitle: string;
  version: number;
}

@Injectable({ providedIn: 'root' })
export class GrantorApi {
  private readonly http = inject(HttpClient);

  get(): Observable<GrantorView> {
    return this.http.get<GrantorView>('/api/grantor');
  }

  update(body: GrantorBody): Observable<GrantorView> {
    return this.http.put<GrantorView>('/api/grantor', body);
  }
}
