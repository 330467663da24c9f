import type { Routes } from '@angular/router';

export const CALLS_ROUTES: Routes = [
  { path: '', pathMatch: 'full', title: 'titles.home', loadComponent: () => import('./call-list/call-list').then((m) => m.CallList) },
  { path: 'appels/:id', title: 'titles.callDetail', loadComponent: () => import('./call-detail/call-detail').then((m) => m.CallDetail) },
];
