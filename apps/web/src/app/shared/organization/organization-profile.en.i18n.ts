import type { ORGANIZATION_FIELDS_FR, LEGAL_FORMS_FR } from './organization-profile.i18n';

/** English texts of the organisation profile fields (sign-up and « Mon organisation »): same keys as the French (checked by the type), loaded only when chosen. */

export const ORGANIZATION_FIELDS_EN: typeof ORGANIZATION_FIELDS_FR = {
  identity: 'Identification',
  legalName: 'Legal name',
  siret: 'SIRET',
  siretHint: '14 digits (spaces allowed). SIRET or RNA: at least one of them.',
  rna: 'RNA number',
  rnaHint: 'W followed by 9 characters, e.g. W595012345.',
  legalForm: 'Legal form',
  addressGroup: 'Registered address',
  addressLine: 'Address',
  postalCode: 'Postcode',
  city: 'Town',
  territory: 'Territory of action',
  territoryHint: 'Territory of the Nord where the association mainly works.',
  people: 'Legal representative and contact',
  legalRepName: "Legal representative's name",
  legalRepFunction: "Legal representative's function",
  legalRepFunctionHint: 'E.g. chair, director…',
  contactName: 'Contact person',
  phone: 'Phone',
  website: 'Website',
  websiteHint: 'Optional, e.g. https://www.association.fr',
  bank: 'Bank details',
  iban: 'IBAN',
  ibanHint: 'Optional at sign-up; shown masked once saved.',
  ibanKeep: 'Stored IBAN: {{masked}}. Leave empty to keep it.',
  bic: 'BIC',
  bicHint: '8 or 11 characters, e.g. CEPAFRPP627.',
};

export const LEGAL_FORMS_EN: typeof LEGAL_FORMS_FR = {
  association_1901: 'Association (law of 1901)',
  association_1908: 'Association under local law (1908)',
  fondation: 'Foundation',
  scic: 'Cooperative of collective interest (SCIC)',
  sarl_ess: 'Social economy company (SARL)',
  autre: 'Other',
};
