import type { Routes } from '@angular/router';

export const GRANTOR_ROUTES: Routes = [
  { path: '', title: 'grantorPage.title', loadComponent: () => import('./grantor-page').then((m) => m.GrantorPage) },
];
