import { HttpClient, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BudgetView, FinanceOutlookView } from '@tremplin/contracts';
import type { Observable } from 'rxjs';

/** The call's CSV exports (`GET /api/calls/:id/<which>.csv`). */
export type FinanceExport = 'budget' | 'payments';

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

  /** A CSV export of the call — its budget's cells, or every payment — with download progress events. */
  csv(callId: string, which: FinanceExport): Observable<HttpEvent<Blob>> {
    return this.http.get(`${callPath(callId)}/${which}.csv`, { responseType: 'blob', observe: 'events', reportProgress: true });
  }
}
