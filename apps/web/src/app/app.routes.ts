import type { Route } from '@angular/router';
import { permissionGuard } from './core/auth/guards';

export const appRoutes: Route[] = [
  { path: 'connexion', loadChildren: () => import('./login/login.routes').then((m) => m.LOGIN_ROUTES) },
  { path: 'inscription', loadChildren: () => import('./registration/registration.routes').then((m) => m.SIGNUP_ROUTES) },
  { path: 'verification', loadChildren: () => import('./registration/registration.routes').then((m) => m.VERIFY_ROUTES) },
  { path: 'mot-de-passe', loadChildren: () => import('./password/password.routes').then((m) => m.PASSWORD_RESET_ROUTES) },
  {
    path: 'mon-compte/mot-de-passe',
    canActivate: [permissionGuard('auth.self')],
    loadChildren: () => import('./password/password.routes').then((m) => m.PASSWORD_CHANGE_ROUTES),
  },
  { path: 'invitation', loadChildren: () => import('./registration/registration.routes').then((m) => m.INVITATION_ROUTES) },
  {
    path: 'candidatures',
    canActivate: [permissionGuard('applications.own')],
    loadChildren: () => import('./applications/applications.routes').then((m) => m.APPLICATIONS_ROUTES),
  },
  {
    path: 'instruction',
    canActivate: [permissionGuard('applications.read-all')],
    loadChildren: () => import('./instruction/instruction.routes').then((m) => m.INSTRUCTION_ROUTES),
  },
  {
    path: 'evaluations',
    canActivate: [permissionGuard('reviews.perform')],
    loadChildren: () => import('./reviews/reviews.routes').then((m) => m.REVIEWS_ROUTES),
  },
  {
    path: 'admin/evaluations',
    canActivate: [permissionGuard('reviews.manage')],
    loadChildren: () => import('./review-admin/review-admin.routes').then((m) => m.REVIEW_ADMIN_ROUTES),
  },
  {
    path: 'comite',
    canActivate: [permissionGuard('committee.decide')],
    loadChildren: () => import('./committee/committee.routes').then((m) => m.COMMITTEE_ROUTES),
  },
  {
    path: 'admin/courriels',
    canActivate: [permissionGuard('mails.read')],
    loadChildren: () => import('./admin-mails/admin-mails.routes').then((m) => m.ADMIN_MAILS_ROUTES),
  },
  {
    path: 'mon-organisation',
    canActivate: [permissionGuard('organizations.own')],
    loadChildren: () => import('./organization/organization.routes').then((m) => m.ORGANIZATION_ROUTES),
  },
  {
    path: 'admin/appels',
    canActivate: [permissionGuard('calls.manage')],
    loadChildren: () => import('./admin-calls/admin-calls.routes').then((m) => m.ADMIN_CALLS_ROUTES),
  },
  {
    path: 'admin/comptes',
    canActivate: [permissionGuard('users.manage')],
    loadChildren: () => import('./accounts/accounts.routes').then((m) => m.ACCOUNTS_ROUTES),
  },
  {
    path: 'admin/financeur',
    canActivate: [permissionGuard('grantor.manage')],
    loadChildren: () => import('./grantor/grantor.routes').then((m) => m.GRANTOR_ROUTES),
  },
  {
    path: 'conventions',
    canActivate: [permissionGuard('conventions.manage')],
    loadChildren: () => import('./conventions/conventions.routes').then((m) => m.CONVENTIONS_ROUTES),
  },
  {
    path: 'mes-conventions',
    canActivate: [permissionGuard('conventions.own')],
    loadChildren: () => import('./conventions/conventions.routes').then((m) => m.OWN_CONVENTIONS_ROUTES),
  },
  {
    path: 'finances',
    canActivate: [permissionGuard('finance.read')],
    loadChildren: () => import('./finance/finance.routes').then((m) => m.FINANCE_ROUTES),
  },
  {
    path: 'audit',
    canActivate: [permissionGuard('audit.read')],
    loadChildren: () => import('./audit/audit.routes').then((m) => m.AUDIT_ROUTES),
  },
  { path: 'mentions-legales', loadChildren: () => import('./legal/legal.routes').then((m) => m.LEGAL_NOTICE_ROUTES) },
  { path: 'donnees-personnelles', loadChildren: () => import('./legal/legal.routes').then((m) => m.PRIVACY_ROUTES) },
  { path: 'contact', loadChildren: () => import('./legal/legal.routes').then((m) => m.CONTACT_ROUTES) },
  { path: 'accessibilite', loadChildren: () => import('./accessibility/accessibility.routes').then((m) => m.ACCESSIBILITY_ROUTES) },
  {
    path: 'acces-refuse',
    title: 'titles.forbidden',
    data: { kind: 'forbidden' },
    loadComponent: () => import('./errors/error-page').then((m) => m.ErrorPage),
  },
  { path: '', loadChildren: () => import('./calls/calls.routes').then((m) => m.CALLS_ROUTES) },
  {
    path: '**',
    title: 'titles.notFound',
    data: { kind: 'notFound' },
    loadComponent: () => import('./errors/error-page').then((m) => m.ErrorPage),
  },
];
