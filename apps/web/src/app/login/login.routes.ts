import type { Routes } from '@angular/router';

export const LOGIN_ROUTES: Routes = [
  { path: '', title: 'titles.login', loadComponent: () => import('./login-page').then((m) => m.LoginPage) },
];
