import type { Routes } from '@angular/router';

export const ACCOUNTS_ROUTES: Routes = [
  { path: '', title: 'titles.accounts', loadComponent: () => import('./accounts-page').then((m) => m.AccountsPage) },
];
