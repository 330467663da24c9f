import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AssignmentSummaryView, AssignmentView, AutoAssignResult, CallSummaryView, Page, ReassignResult, ReviewerProfileRequest, ReviewerView,
} from '@tremplin/contracts';
import type { Observable } from 'rxjs';

export interface AssignmentFilters {
  reviewerId: string;
  status: string;
  overdue: boolean;
  page: number;
  pageSize: number;
}

/** Reviewer profiles and assignments (staff): the only place these pages call the API. */
@Injectable({ providedIn: 'root' })
export class ReviewAdminApi {
  private readonly http = inject(HttpClient);

  calls(): Observable<CallSummaryView[]> {
    return this.http.get<CallSummaryView[]>('/api/calls');
  }

  reviewers(callId?: string): Observable<ReviewerView[]> {
    return this.http.get<ReviewerView[]>('/api/reviewers', { params: callId ? new HttpParams().set('callId', callId) : new HttpParams() });
  }

  saveProfile(userId: string, body: ReviewerProfileRequest): Observable<ReviewerView> {
    return this.http.put<ReviewerView>(`/api/reviewers/${userId}/profile`, body);
  }

  auto(callId: string, axisCode: string): Observable<AutoAssignResult> {
    return this.http.post<AutoAssignResult>(`/api/calls/${callId}/assignments/auto`, axisCode ? { axisCode } : {});
  }

  summary(callId: string): Observable<AssignmentSummaryView> {
    return this.http.get<AssignmentSummaryView>(`/api/calls/${callId}/assignments/summary`);
  }

  assignments(callId: string, axisCode: string, f: AssignmentFilters): Observable<Page<AssignmentView>> {
    let params = new HttpParams().set('page', f.page).set('pageSize', f.pageSize);
    if (axisCode) params = params.set('axisCode', axisCode);
    if (f.reviewerId) params = params.set('reviewerId', f.reviewerId);
    if (f.status) params = params.set('status', f.status);
    if (f.overdue) params = params.set('overdue', 'true');
    return this.http.get<Page<AssignmentView>>(`/api/calls/${callId}/assignments`, { params });
  }

  reassign(id: string, reviewerId: string): Observable<ReassignResult> {
    return this.http.post<ReassignResult>(`/api/assignments/${id}/reassign`, { reviewerId });
  }

  changeDue(id: string, dueOn: string): Observable<AssignmentView> {
    return this.http.patch<AssignmentView>(`/api/assignments/${id}`, { dueOn });
  }
}
