import type { Territory } from '@tremplin/contracts';
import { ibanCheckDigits, isValidLuhn } from '@tremplin/domain';
import { BANKS, CITIES, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, LEGAL_FORM_NAMES, NAME_THEMES, STREETS, TERRITORY_WEIGHTS } from './demo-content';
import { between, chance, pick, weighted } from './random';

export interface DemoPerson {
  fullName: string;
  feminine: boolean;
}

export interface DemoOrganization {
  legalName: string;
  siret: string;
  rna: string | null;
  legalForm: string;
  territory: Territory;
  addressLine: string;
  postalCode: string;
  city: string;
  legalRepName: string;
  legalRepFunction: string;
  contactName: string;
  phone: string;
  iban: string;
  bic: string;
  website: string;
}

/** Appends a Luhn key so that generated SIRENs and SIRETs pass the same checks as real ones. */
function withLuhnKey(body: string): string {
  for (let d = 0; d <= 9; d++) if (isValidLuhn(body + d)) return body + d;
  throw new Error('unreachable');
}

export function demoSiret(random: () => number): string {
  const siren = withLuhnKey(String(Math.floor(random() * 1e8)).padStart(8, '0').replace(/^0/, '7'));
  return withLuhnKey(siren + String(Math.floor(random() * 1e4)).padStart(4, '0'));
}

/** A French IBAN with a correct RIB key and ISO 13616 check digits (valid by mod 97). */
export function demoIban(random: () => number): { iban: string; bic: string } {
  const bank = pick(random, BANKS);
  const branch = String(between(random, 0, 99_999)).padStart(5, '0');
  const account = String(between(random, 0, 99_999_999_999)).padStart(11, '0');
  // Clé RIB: 97 − ((89 × bank + 15 × branch + 3 × account) mod 97); all terms stay below 2^53.
  const ribKey = 97 - ((89 * Number(bank.code) + 15 * Number(branch) + 3 * Number(account)) % 97);
  const bban = `${bank.code}${branch}${account}${String(ribKey).padStart(2, '0')}`;
  return { iban: `FR${ibanCheckDigits('FR', bban)}${bban}`, bic: bank.bic };
}

export function demoPerson(random: () => number): DemoPerson {
  const feminine = chance(random, 0.55);
  return { fullName: `${pick(random, feminine ? FIRST_NAMES_F : FIRST_NAMES_M)} ${pick(random, LAST_NAMES)}`, feminine };
}

const AREA_CODES: Record<Territory, string> = {
  AVESNOIS: '03 27', CAMBRESIS: '03 27', DOUAISIS: '03 27', VALENCIENNOIS: '03 27',
  FLANDRE_INTERIEURE: '03 28', FLANDRE_MARITIME: '03 28', METROPOLE_LILLE: '03 20', METROPOLE_ROUBAIX_TOURCOING: '03 20',
};

function representativeFunction(legalForm: string, feminine: boolean): string {
  if (legalForm === 'scic' || legalForm === 'sarl_ess') return feminine ? 'Gérante' : 'Gérant';
  if (legalForm === 'autre') return feminine ? 'Directrice' : 'Directeur';
  return feminine ? 'Présidente' : 'Président';
}

/**
 * One organisation of the demo; `index` (0-based) makes the contact address and website unique.
 * `contact` overrides the generated contact person (the demo accounts' organisations, then associations).
 */
export function demoOrganization(random: () => number, index: number, siret: string, contact?: DemoPerson): DemoOrganization {
  const territory = weighted(random, TERRITORY_WEIGHTS);
  const [city, postalCode] = pick(random, CITIES[territory]);
  // The demo accounts' organisations are plain associations, the most common case.
  const forms = contact ? LEGAL_FORM_NAMES.slice(0, 1) : LEGAL_FORM_NAMES;
  const [legalForm, starts] = weighted(random, forms.map(([form, words, w]) => [[form, words] as const, w] as const));
  const theme = pick(random, NAME_THEMES);
  const legalName = chance(random, 0.6) ? `${pick(random, starts)} ${theme} ${city}` : `${pick(random, starts)} ${theme}`;
  const representative = demoPerson(random);
  const contactPerson = contact ?? (chance(random, 0.25) ? representative : demoPerson(random));
  const { iban, bic } = demoIban(random);
  const digits = () => String(between(random, 0, 99)).padStart(2, '0');
  return {
    legalName,
    siret,
    // Only associations have an RNA number (those registered in the Nord start W59…).
    rna: legalForm.startsWith('association') ? `W59${String(between(random, 1_000_000, 9_999_999))}` : null,
    legalForm,
    territory,
    addressLine: `${between(random, 1, 180)}${chance(random, 0.08) ? ' bis' : ''} ${pick(random, STREETS)}`,
    postalCode,
    city,
    legalRepName: representative.fullName,
    legalRepFunction: representativeFunction(legalForm, representative.feminine),
    contactName: contactPerson.fullName,
    phone: `${AREA_CODES[territory]} ${digits()} ${digits()} ${digits()}`,
    iban,
    bic,
    website: chance(random, 0.45) ? `https://asso-${index + 1}.demo.tremplin.fr` : '',
  };
}
