import type { Routes } from '@angular/router';

export const ADMIN_MAILS_ROUTES: Routes = [
  { path: '', title: 'titles.mails', loadComponent: () => import('./mails-page').then((m) => m.MailsPage) },
];
