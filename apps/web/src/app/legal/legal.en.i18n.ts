import type { LEGAL_FR } from './legal.i18n';

/** English texts of legal notice, privacy and contact pages: same keys as the French (checked by the type), loaded only when chosen. */

export const LEGAL_EN: typeof LEGAL_FR = {
  footerNav: 'Legal information',
  noticeTitle: 'Legal notice',
  privacyTitle: 'Personal data',
  contactTitle: 'Contact',
};
