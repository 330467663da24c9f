import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ApplicationReviewsView, ReviewView, SaveReviewRequest } from '@tremplin/contracts';
import type { Observable } from 'rxjs';

const review = (assignmentId: string): string => `/api/assignments/${encodeURIComponent(assignmentId)}/review`;

/** HTTP access to a reviewer's review of one assignment, and to an application's reviews (blind rule on the server). */
@Injectable({ providedIn: 'root' })
export class ReviewScoringApi {
  private readonly http = inject(HttpClient);

  get(assignmentId: string): Observable<ReviewView> {
    return this.http.get<ReviewView>(review(assignmentId));
  }

  /** A draft before submission; a revision (with `reason`) after it. */
  save(assignmentId: string, body: SaveReviewRequest): Observable<ReviewView> {
    return this.http.put<ReviewView>(review(assignmentId), body);
  }

  submit(assignmentId: string, version: number): Observable<ReviewView> {
    return this.http.post<ReviewView>(`${review(assignmentId)}/submit`, { version });
  }

  forApplication(applicationId: string): Observable<ApplicationReviewsView> {
    return this.http.get<ApplicationReviewsView>(`/api/applications/${encodeURIComponent(applicationId)}/reviews`);
  }
}
