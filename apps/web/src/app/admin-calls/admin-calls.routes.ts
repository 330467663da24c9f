import type { Routes } from '@angular/router';

export const ADMIN_CALLS_ROUTES: Routes = [
  { path: '', title: 'titles.adminCalls', loadComponent: () => import('./call-admin-list/call-admin-list').then((m) => m.CallAdminList) },
  { path: 'nouveau', title: 'titles.callNew', loadComponent: () => import('./call-editor/call-editor').then((m) => m.CallEditor) },
  { path: ':id', title: 'titles.callEdit', loadComponent: () => import('./call-editor/call-editor').then((m) => m.CallEditor) },
];
