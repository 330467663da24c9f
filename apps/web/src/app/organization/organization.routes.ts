import type { Routes } from '@angular/router';

export const ORGANIZATION_ROUTES: Routes = [
  { path: '', title: 'titles.organization', loadComponent: () => import('./organization-page').then((m) => m.OrganizationPage) },
];
