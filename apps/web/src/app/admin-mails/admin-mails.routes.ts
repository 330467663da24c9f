import type { Routes } from '@angular/router';
import { providePaginatorIntl } from '../core/i18n/paginator-intl';

export const ADMIN_MAILS_ROUTES: Routes = [
  { path: '', title: 'titles.mails', providers: [providePaginatorIntl()], loadComponent: () => import('./mails-page').then((m) => m.MailsPage) },
];
