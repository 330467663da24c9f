import { HttpClient, HttpParams, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AdmissibilityBatchRequest,
  AdmissibilityBatchResult,
  AdmissibilityRequest,
  ApplicationSummaryView,
  ApplicationVersionView,
  ApplicationView,
  CreateApplicationRequest,
  DocumentKind,
  DocumentView,
  InformationRequestInput,
  MessageInput,
  MessageView,
  Page,
  UpdateApplicationRequest,
} from '@tremplin/contracts';
import type { Observable } from 'rxjs';

export type SortDirection = 'asc' | 'desc';

export interface ApplicationQuery {
  callId?: string;
  axisCode?: string;
  /** One status or several, comma-separated. */
  status?: string;
  territory?: string;
  q?: string;
  sort?: string;
  direction?: SortDirection | '';
  page: number;
  pageSize: number;
}

const base = (id: string): string => `/api/applications/${encodeURIComponent(id)}`;

/** HTTP access to applications, their documents, versions and messages. */
@Injectable({ providedIn: 'root' })
export class ApplicationsApi {
  private readonly http = inject(HttpClient);

  list(query: ApplicationQuery): Observable<Page<ApplicationSummaryView>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    for (const key of ['callId', 'axisCode', 'status', 'territory', 'q', 'sort', 'direction'] as const) {
      const value = query[key]?.trim();
      if (value) params = params.set(key, value);
    }
    return this.http.get<Page<ApplicationSummaryView>>('/api/applications', { params });
  }

  create(body: CreateApplicationRequest): Observable<ApplicationView> {
    return this.http.post<ApplicationView>('/api/applications', body);
  }

  get(id: string): Observable<ApplicationView> {
    return this.http.get<ApplicationView>(base(id));
  }

  update(id: string, body: UpdateApplicationRequest): Observable<ApplicationView> {
    return this.http.patch<ApplicationView>(base(id), body);
  }

  submit(id: string, version: number): Observable<ApplicationView> {
    return this.http.post<ApplicationView>(`${base(id)}/submit`, { version });
  }

  withdraw(id: string, version: number): Observable<ApplicationView> {
    return this.http.post<ApplicationView>(`${base(id)}/withdraw`, { version });
  }

  versions(id: string): Observable<ApplicationVersionView[]> {
    return this.http.get<ApplicationVersionView[]>(`${base(id)}/versions`);
  }

  requestInformation(id: string, body: InformationRequestInput): Observable<ApplicationView> {
    return this.http.post<ApplicationView>(`${base(id)}/information-requests`, body);
  }

  decideAdmissibility(id: string, body: AdmissibilityRequest): Observable<ApplicationView> {
    return this.http.post<ApplicationView>(`${base(id)}/admissibility`, body);
  }

  /** All or nothing: one application that cannot take the decision refuses the batch. */
  decideAdmissibilityMany(body: AdmissibilityBatchRequest): Observable<AdmissibilityBatchResult> {
    return this.http.post<AdmissibilityBatchResult>('/api/applications/admissibility', body);
  }

  inadmissibilityLetterUrl(id: string): string {
    return `${base(id)}/inadmissibility-letter`;
  }

  receiptUrl(id: string): string {
    return `${base(id)}/receipt`;
  }

  documentUrl(id: string, documentId: string): string {
    return `${base(id)}/documents/${encodeURIComponent(documentId)}`;
  }

  /** Multipart upload with progress events (`kind` first, then the file). */
  uploadDocument(id: string, kind: DocumentKind, file: File): Observable<HttpEvent<DocumentView>> {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    return this.http.post<DocumentView>(`${base(id)}/documents`, form, { reportProgress: true, observe: 'events' });
  }

  deleteDocument(id: string, documentId: string): Observable<void> {
    return this.http.delete<void>(this.documentUrl(id, documentId));
  }

  messages(id: string): Observable<MessageView[]> {
    return this.http.get<MessageView[]>(`${base(id)}/messages`);
  }

  postMessage(id: string, body: MessageInput): Observable<MessageView> {
    return this.http.post<MessageView>(`${base(id)}/messages`, body);
  }

  /** A file for the next message (either side), with progress events. */
  uploadAttachment(id: string, file: File): Observable<HttpEvent<DocumentView>> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<DocumentView>(`${base(id)}/messages/attachments`, form, { reportProgress: true, observe: 'events' });
  }
}
