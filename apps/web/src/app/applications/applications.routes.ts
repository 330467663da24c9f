import type { Routes } from '@angular/router';
import { providePaginatorIntl } from '../core/i18n/paginator-intl';

export const APPLICATIONS_ROUTES: Routes = [
  { path: '', title: 'titles.applications', providers: [providePaginatorIntl()], loadComponent: () => import('./list/my-applications-page').then((m) => m.MyApplicationsPage) },
  // The wizard is its own lazy chunk: the list stays light.
  { path: ':id', title: 'titles.application', loadComponent: () => import('./application-page').then((m) => m.ApplicationPage) },
];
