import { HttpClient, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BudgetView, FinanceOutlookView } from '@tremplin/contracts';
import type { Observable } from 'rxjs';

const callPath = (callId: string): string => `/api/calls/${encodeURIComponent(callId)}`;

/** HTTP access to a call's budget (axis × year cells), its outlook (installments falling due, payments per month) and its CSV. */
@Injectable({ providedIn: 'root' })
export class FinanceApi {
  private readonly http = inject(HttpClient);

  budget(callId: string): Observable<BudgetView> {
    return this.http.get<BudgetView>(`${callPath(callId)}/budget`);
  }

  outlook(callId: string): Observable<FinanceOutlookView> {
    return this.http.get<FinanceOutlookView>(`${callPath(callId)}/finance-outlook`);
  }

  /** The budget as CSV, with download progress events. */
  budgetCsv(callId: string): Observable<HttpEvent<Blob>> {
    return this.http.get(`${callPath(callId)}/budget.csv`, { responseType: 'blob', observe: 'events', reportProgress: true });
  }
}
