import type { Routes } from '@angular/router';

export const AUDIT_ROUTES: Routes = [
  { path: '', title: 'titles.audit', loadComponent: () => import('./audit-page').then((m) => m.AuditPage) },
];
