import type { Routes } from '@angular/router';
import { providePaginatorIntl } from '../core/i18n/paginator-intl';

/** The reviewer's pages (`reviews.perform`). The review form (`:assignmentId/evaluation`) belongs to the scoring work. */
export const REVIEWS_ROUTES: Routes = [
  { path: '', title: 'reviewQueue.title', providers: [providePaginatorIntl()], loadComponent: () => import('./queue-page').then((m) => m.QueuePage) },
  { path: 'profil', title: 'reviewQueue.profile.title', loadComponent: () => import('./profile-page').then((m) => m.ProfilePage) },
];
