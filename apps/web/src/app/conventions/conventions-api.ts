import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AmendmentRequest, ConventionBatchView, ConventionSessionView, ConventionSummaryView, ConventionTransitionRequest, ConventionView,
  InstallmentView, Page, RecordedPaymentView, RecordPaymentRequest,
} from '@tremplin/contracts';
import type { Observable } from 'rxjs';
import { withProgress, type UploadProgress } from '../shared/files/files';
import type { PageQuery } from '../shared/paged-list/paged-list';

export interface ConventionQuery extends PageQuery {
  callId: string;
  axisCode: string;
  year: string;
  /** One status or several, comma-separated; '' for all. */
  status: string;
  q: string;
}

export interface InstallmentQuery extends PageQuery {
  callId: string;
  axisCode: string;
  /** '' = the API's default (due and planned). */
  status: string;
  dueBefore: string;
}

const id = (value: string | number): string => encodeURIComponent(String(value));

/** Only the filters that say something: an empty filter is left out of the request. */
function params(query: object): HttpParams {
  let result = new HttpParams();
  for (const [name, value] of Object.entries(query) as Array<[string, unknown]>) {
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    if (text) result = result.set(name, text);
  }
  return result;
}

/** HTTP access to conventions, their installments and payments (finance, admin and the association). */
@Injectable({ providedIn: 'root' })
export class ConventionsApi {
  private readonly http = inject(HttpClient);

  list(query: ConventionQuery): Observable<Page<ConventionSummaryView>> {
    return this.http.get<Page<ConventionSummaryView>>('/api/conventions', { params: params(query) });
  }

  get(conventionId: string): Observable<ConventionView> {
    return this.http.get<ConventionView>(`/api/conventions/${id(conventionId)}`);
  }

  create(applicationId: string): Observable<ConventionView> {
    return this.http.post<ConventionView>('/api/conventions', { applicationId });
  }

  /** Drafts for every published retained decision of a committee session that has none yet. */
  createForSession(sessionId: string): Observable<ConventionBatchView> {
    return this.http.post<ConventionBatchView>('/api/conventions/batch', { sessionId });
  }

  /** A call's published committee sessions, with how many retained decisions still have no convention (conventions.manage). */
  sessions(callId: string): Observable<ConventionSessionView[]> {
    return this.http.get<ConventionSessionView[]>('/api/conventions/sessions', { params: params({ callId }) });
  }

  transition(conventionId: string, body: ConventionTransitionRequest): Observable<ConventionView> {
    return this.http.post<ConventionView>(`/api/conventions/${id(conventionId)}/transitions`, body);
  }

  /** The association's signature by its signed scan (multipart), with upload progress. */
  uploadSignedScan(conventionId: string, file: File, version: number, signerName: string): Observable<UploadProgress<ConventionView>> {
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('version', String(version));
    if (signerName.trim()) form.append('signerName', signerName.trim());
    return withProgress(
      this.http.post<ConventionView>(`/api/conventions/${id(conventionId)}/signed-scan`, form, { reportProgress: true, observe: 'events' }),
    );
  }

  amend(conventionId: string, body: AmendmentRequest): Observable<ConventionView> {
    return this.http.post<ConventionView>(`/api/conventions/${id(conventionId)}/amendments`, body);
  }

  approveReport(conventionId: string, year: number, comment = ''): Observable<ConventionView> {
    return this.http.post<ConventionView>(`/api/conventions/${id(conventionId)}/years/${id(year)}/report-approval`, comment ? { comment } : {});
  }

  /** Where a document is downloaded: the current version, the PAdES-signed one, or an amendment's version. */
  documentUrl(conventionId: string, which: { signed?: boolean; version?: number } = {}): string {
    const base = `/api/conventions/${id(conventionId)}/document`;
    if (which.signed) return `${base}?signed=1`;
    if (which.version !== undefined) return `${base}?version=${id(which.version)}`;
    return base;
  }

  installments(conventionId: string): Observable<InstallmentView[]> {
    return this.http.get<InstallmentView[]>(`/api/conventions/${id(conventionId)}/installments`);
  }

  worklist(query: InstallmentQuery): Observable<Page<InstallmentView>> {
    return this.http.get<Page<InstallmentView>>('/api/installments', { params: params(query) });
  }

  /** One Idempotency-Key per payment attempt: the same key sent twice pays once. */
  pay(installmentId: string, body: RecordPaymentRequest, idempotencyKey: string): Observable<RecordedPaymentView> {
    return this.http.post<RecordedPaymentView>(`/api/installments/${id(installmentId)}/payments`, body, {
      headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }),
    });
  }
}
