import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CommitteeSessionDetailView, CommitteeSessionView, DecisionBatchItem, DecisionBatchResult, DecisionInput, DecisionView, OpenCommitteeSessionRequest, PublishResult,
} from '@tremplin/contracts';

const id = (value: string) => encodeURIComponent(value);

/** The committee's routes (issue #7 §7). */
@Injectable({ providedIn: 'root' })
export class CommitteeApi {
  private readonly http = inject(HttpClient);

  sessions(callId: string): Observable<CommitteeSessionView[]> {
    return this.http.get<CommitteeSessionView[]>(`/api/calls/${id(callId)}/committee-sessions`);
  }

  session(sessionId: string): Observable<CommitteeSessionDetailView> {
    return this.http.get<CommitteeSessionDetailView>(`/api/committee-sessions/${id(sessionId)}`);
  }

  openSession(callId: string, body: OpenCommitteeSessionRequest): Observable<CommitteeSessionDetailView> {
    return this.http.post<CommitteeSessionDetailView>(`/api/calls/${id(callId)}/committee-sessions`, body);
  }

  decide(applicationId: string, body: DecisionInput): Observable<DecisionView> {
    return this.http.post<DecisionView>(`/api/applications/${id(applicationId)}/decision`, body);
  }

  decideMany(sessionId: string, items: DecisionBatchItem[]): Observable<DecisionBatchResult> {
    return this.http.post<DecisionBatchResult>(`/api/committee-sessions/${id(sessionId)}/decisions`, { items });
  }

  decision(applicationId: string): Observable<DecisionView> {
    return this.http.get<DecisionView>(`/api/applications/${id(applicationId)}/decision`);
  }

  letterUrl(applicationId: string): string {
    return `/api/applications/${id(applicationId)}/decision-letter`;
  }

  publish(callId: string, sessionId: string): Observable<PublishResult> {
    return this.http.post<PublishResult>(`/api/calls/${id(callId)}/decisions/publish`, { sessionId });
  }
}
