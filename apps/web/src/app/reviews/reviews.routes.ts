import type { Routes } from '@angular/router';

/** Reviewer pages (issue #7). The queue (`''`) belongs to the assignment work; scoring is one assignment's page. */
export const REVIEWS_ROUTES: Routes = [
  { path: ':assignmentId/evaluation', title: 'reviewForm.title', loadComponent: () => import('./review-form/review-form').then((m) => m.ReviewForm) },
];
