import type { GRANTOR_PAGE_FR } from './grantor.i18n';

/** English texts of the grantor record: same keys as the French (checked by the type), loaded only when chosen. */

export const GRANTOR_PAGE_EN: typeof GRANTOR_PAGE_FR = {
  nav: 'Grantor',
  title: 'Granting body',
  intro: 'Who awards the grants: this name, SIRET and address appear in mails, acknowledgements of receipt and, soon, conventions and published data.',
  name: 'Name',
  siret: 'SIRET',
  siretHint: '14 digits, check digit verified',
  address: 'Postal address',
  presidentName: 'Name of the president',
  presidentTitle: 'Title (for example: President of the departmental council)',
  save: 'Save',
  saved: 'Granting body saved.',
};
