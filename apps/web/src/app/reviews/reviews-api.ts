import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  DeclareConflictRequest, DeclareConflictResult, DeclareTieRequest, DeclareTieResult, OrganizationNameView, Page,
  ReviewerTieView, ReviewQueueItemView,
} from '@tremplin/contracts';
import type { Observable } from 'rxjs';

/** The reviewer's own assignments and ties: the only place these pages call the API. */
@Injectable({ providedIn: 'root' })
export class ReviewsApi {
  private readonly http = inject(HttpClient);

  queue(page: number, pageSize: number): Observable<Page<ReviewQueueItemView>> {
    return this.http.get<Page<ReviewQueueItemView>>('/api/reviews/assignments', { params: new HttpParams().set('page', page).set('pageSize', pageSize) });
  }

  accept(id: string): Observable<ReviewQueueItemView> {
    return this.http.post<ReviewQueueItemView>(`/api/assignments/${id}/accept`, {});
  }

  declareConflict(id: string, body: DeclareConflictRequest): Observable<DeclareConflictResult> {
    return this.http.post<DeclareConflictResult>(`/api/assignments/${id}/conflict`, body);
  }

  ties(): Observable<ReviewerTieView[]> {
    return this.http.get<ReviewerTieView[]>('/api/reviews/ties');
  }

  declareTie(body: DeclareTieRequest): Observable<DeclareTieResult> {
    return this.http.post<DeclareTieResult>('/api/reviews/ties', body);
  }

  removeTie(id: string): Observable<void> {
    return this.http.delete<void>(`/api/reviews/ties/${id}`);
  }

  organizations(q: string): Observable<OrganizationNameView[]> {
    return this.http.get<OrganizationNameView[]>('/api/reviews/organizations', { params: new HttpParams().set('q', q) });
  }
}
