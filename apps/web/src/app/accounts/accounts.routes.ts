import type { Routes } from '@angular/router';
import { providePaginatorIntl } from '../core/i18n/paginator-intl';

export const ACCOUNTS_ROUTES: Routes = [
  { path: '', title: 'titles.accounts', providers: [providePaginatorIntl()], loadComponent: () => import('./accounts-page').then((m) => m.AccountsPage) },
];
