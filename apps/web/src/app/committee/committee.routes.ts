import type { Routes } from '@angular/router';
import { providePaginatorIntl } from '../core/i18n/paginator-intl';

export const COMMITTEE_ROUTES: Routes = [
  { path: ':callId', title: 'committee.title', providers: [providePaginatorIntl()], loadComponent: () => import('./committee-page/committee-page').then((m) => m.CommitteePage) },
];
