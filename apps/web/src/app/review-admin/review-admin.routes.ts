import type { Routes } from '@angular/router';
import { providePaginatorIntl } from '../core/i18n/paginator-intl';

/** Staff review pages (`reviews.manage`): assignment of a call, reviewer profiles. */
export const REVIEW_ADMIN_ROUTES: Routes = [
  { path: '', title: 'reviewAdmin.title', providers: [providePaginatorIntl()], loadComponent: () => import('./assignment-page').then((m) => m.AssignmentPage) },
  { path: 'evaluateurs', title: 'reviewAdmin.reviewers.title', loadComponent: () => import('./reviewers-page').then((m) => m.ReviewersPage) },
];
