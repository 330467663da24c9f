import type { Routes } from '@angular/router';

export const COMMITTEE_ROUTES: Routes = [
  { path: ':callId', title: 'committee.title', loadComponent: () => import('./committee-page/committee-page').then((m) => m.CommitteePage) },
];
