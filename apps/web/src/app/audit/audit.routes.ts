import type { Routes } from '@angular/router';
import { providePaginatorIntl } from '../core/i18n/paginator-intl';

export const AUDIT_ROUTES: Routes = [
  { path: '', title: 'titles.audit', providers: [providePaginatorIntl()], loadComponent: () => import('./audit-page').then((m) => m.AuditPage) },
];
