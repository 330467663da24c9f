import type { Routes } from '@angular/router';
import { permissionGuard } from '../core/auth/guards';
import { providePaginatorIntl } from '../core/i18n/paginator-intl';

/** Finance and admin (`conventions.manage`): every convention, the installments worklist, one convention. */
export const CONVENTIONS_ROUTES: Routes = [
  {
    path: '',
    title: 'conventions.titles.list',
    providers: [providePaginatorIntl()],
    loadComponent: () => import('./list/convention-list-page').then((m) => m.ConventionListPage),
  },
  {
    path: 'echeances',
    title: 'conventions.titles.installments',
    canActivate: [permissionGuard('finance.read')],
    providers: [providePaginatorIntl()],
    loadComponent: () => import('./installments/installments-page').then((m) => m.InstallmentsPage),
  },
  {
    path: ':id',
    title: 'conventions.titles.detail',
    loadComponent: () => import('./detail/convention-detail-page').then((m) => m.ConventionDetailPage),
  },
];

/** The association (`conventions.own`): its own conventions, to read, sign and follow. */
export const OWN_CONVENTIONS_ROUTES: Routes = [
  {
    path: '',
    title: 'conventions.titles.own',
    data: { own: true },
    providers: [providePaginatorIntl()],
    loadComponent: () => import('./list/convention-list-page').then((m) => m.ConventionListPage),
  },
  {
    path: ':id',
    title: 'conventions.titles.detail',
    data: { own: true },
    loadComponent: () => import('./detail/convention-detail-page').then((m) => m.ConventionDetailPage),
  },
];
