import type { Routes } from '@angular/router';
import { providePaginatorIntl } from '../core/i18n/paginator-intl';

export const COMMITTEE_ROUTES: Routes = [
  { path: ':callId', title: 'ranking.pageTitle', providers: [providePaginatorIntl()], loadComponent: () => import('./committee-page').then((m) => m.CommitteePage) },
];
