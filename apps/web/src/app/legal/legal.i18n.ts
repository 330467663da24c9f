/** French texts of legal notice, privacy and contact pages; English in legal.en.i18n.ts (a lazy chunk). Composed into i18n/fr.ts under the same keys. */

export const LEGAL_FR = {
  footerNav: 'Informations légales',
  noticeTitle: 'Mentions légales',
  privacyTitle: 'Données personnelles',
  contactTitle: 'Contact',
};
