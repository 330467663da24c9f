import type { OrganizationProfileInput } from '@tremplin/contracts';
import { checkProfile } from './organization-profile';

const base: OrganizationProfileInput = {
  legalName: ' Les Amis du Nord ', siret: '732 829 320 00074', legalForm: 'association_1901', addressLine: '1 rue de Lille',
  postalCode: '59000', city: 'Lille', territory: 'METROPOLE_LILLE', legalRepName: 'Jeanne Martin', legalRepFunction: 'Présidente',
  contactName: 'Paul Durand', phone: '03 20 00 00 00',
};

describe('checkProfile', () => {
  it('normalises identifiers and trims text', () => {
    const { fields, issues } = checkProfile({ ...base, iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'bnpa frpp', rna: 'w595012345' });
    expect(issues).toEqual([]);
    expect(fields).toMatchObject({ legalName: 'Les Amis du Nord', siret: '73282932000074', rna: 'W595012345', iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP', website: '' });
  });

  it('names each bad identifier under the prefix', () => {
    const { issues } = checkProfile({ ...base, siret: '73282932000075', rna: 'X123', iban: 'FR7630006000011234567890188', bic: 'BNP' }, 'organization.');
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['organization.siret', 'SIRET_INVALID'], ['organization.rna', 'RNA_INVALID'], ['organization.iban', 'IBAN_INVALID'], ['organization.bic', 'BIC_INVALID'],
    ]);
  });

  it('accepts La Poste SIRETs and an RNA alone, and wants at least one of the two', () => {
    expect(checkProfile({ ...base, siret: '35600000000048' }).issues).toEqual([]);
    expect(checkProfile({ ...base, siret: undefined, rna: 'W2A1234567' }).issues).toEqual([]);
    expect(checkProfile({ ...base, siret: undefined }).issues.map((i) => `${i.field}:${i.code}`)).toEqual(['siret:IDENTIFIER_REQUIRED', 'rna:IDENTIFIER_REQUIRED']);
  });

  it('keeps the stored IBAN when it is absent or sent back masked, and removes it when emptied', () => {
    expect(checkProfile(base).fields.iban).toBeUndefined();
    expect(checkProfile({ ...base, iban: 'FR76 **** **** **** **** ***0 189' }).fields.iban).toBeUndefined();
    expect(checkProfile({ ...base, iban: '' }).fields.iban).toBeNull();
  });
});
