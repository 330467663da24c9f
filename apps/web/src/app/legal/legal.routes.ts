import type { Routes } from '@angular/router';

export const LEGAL_NOTICE_ROUTES: Routes = [
  { path: '', title: 'legal.noticeTitle', loadComponent: () => import('./legal-notice-page').then((m) => m.LegalNoticePage) },
];
export const PRIVACY_ROUTES: Routes = [
  { path: '', title: 'legal.privacyTitle', loadComponent: () => import('./privacy-page').then((m) => m.PrivacyPage) },
];
export const CONTACT_ROUTES: Routes = [
  { path: '', title: 'legal.contactTitle', loadComponent: () => import('./contact-page').then((m) => m.ContactPage) },
];
