import type { Routes } from '@angular/router';

export const SIGNUP_ROUTES: Routes = [
  { path: '', title: 'titles.signup', loadComponent: () => import('./signup-page').then((m) => m.SignupPage) },
];
export const VERIFY_ROUTES: Routes = [
  { path: '', title: 'titles.verify', loadComponent: () => import('./verify-email-page').then((m) => m.VerifyEmailPage) },
];
export const INVITATION_ROUTES: Routes = [
  { path: '', title: 'titles.invitation', loadComponent: () => import('./invitation-page').then((m) => m.InvitationPage) },
];
