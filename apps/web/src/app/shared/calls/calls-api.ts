import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  BudgetRevisionRequest,
  BudgetRevisionView,
  CallInput,
  CallSummaryView,
  CallView,
  UpdateCallRequest,
} from '@tremplin/contracts';
import type { Observable } from 'rxjs';

/** HTTP access to calls for projects (public reading, admin editing, budget revisions). */
@Injectable({ providedIn: 'root' })
export class CallsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<CallSummaryView[]> {
    return this.http.get<CallSummaryView[]>('/api/calls');
  }

  get(id: string): Observable<CallView> {
    return this.http.get<CallView>(`/api/calls/${encodeURIComponent(id)}`);
  }

  create(body: CallInput): Observable<CallView> {
    return this.http.post<CallView>('/api/calls', body);
  }

  update(id: string, body: UpdateCallRequest): Observable<CallView> {
    return this.http.put<CallView>(`/api/calls/${encodeURIComponent(id)}`, body);
  }

  reviseBudget(id: string, body: BudgetRevisionRequest): Observable<CallView> {
    return this.http.post<CallView>(`/api/calls/${encodeURIComponent(id)}/budget-revisions`, body);
  }

  budgetRevisions(id: string): Observable<BudgetRevisionView[]> {
    return this.http.get<BudgetRevisionView[]>(`/api/calls/${encodeURIComponent(id)}/budget-revisions`);
  }
}
