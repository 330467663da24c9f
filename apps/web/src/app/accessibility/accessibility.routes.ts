import type { Routes } from '@angular/router';

export const ACCESSIBILITY_ROUTES: Routes = [
  { path: '', title: 'titles.accessibility', loadComponent: () => import('./accessibility-page').then((m) => m.AccessibilityPage) },
];
