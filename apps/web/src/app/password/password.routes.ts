import type { Routes } from '@angular/router';

/** `/mot-de-passe/…`: reachable signed out, from the login page and the mailed link. */
export const PASSWORD_RESET_ROUTES: Routes = [
  { path: 'oublie', title: 'passwordReset.titles.forgot', loadComponent: () => import('./forgot-password-page').then((m) => m.ForgotPasswordPage) },
  { path: 'nouveau', title: 'passwordReset.titles.reset', loadComponent: () => import('./reset-password-page').then((m) => m.ResetPasswordPage) },
];

/** `/mon-compte/mot-de-passe`: the signed-in change. */
export const PASSWORD_CHANGE_ROUTES: Routes = [
  { path: '', title: 'passwordReset.titles.change', loadComponent: () => import('./change-password-page').then((m) => m.ChangePasswordPage) },
];
