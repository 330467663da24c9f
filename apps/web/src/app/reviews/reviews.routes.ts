import type { Routes } from '@angular/router';
import { providePaginatorIntl } from '../core/i18n/paginator-intl';

/** The reviewer's pages (`reviews.perform`). The queue, the profile with declared ties, and one assignment’s review form. */
export const REVIEWS_ROUTES: Routes = [
  { path: '', title: 'reviewQueue.title', providers: [providePaginatorIntl()], loadComponent: () => import('./queue-page').then((m) => m.QueuePage) },
  { path: 'profil', title: 'reviewQueue.profile.title', loadComponent: () => import('./profile-page').then((m) => m.ProfilePage) },
  { path: ':assignmentId/evaluation', title: 'reviewForm.title', loadComponent: () => import('./review-form/review-form').then((m) => m.ReviewForm) },
];
