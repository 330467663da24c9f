/**
 * French and banking identifiers that applicants type into forms (SIREN/SIRET of the
 * association, RNA number, bank details). Checks are structural + checksum only: they catch
 * typos early, they do not prove the identifier exists (that needs the INSEE/RNA registries).
 */

/** Luhn checksum (ISO/IEC 7812), used by INSEE for SIREN and SIRET. */
export function isValidLuhn(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits.charAt(digits.length - 1 - i));
    // Double every second digit from the right; subtracting 9 == adding the two digits.
    const value = i % 2 === 1 ? digit * 2 : digit;
    sum += value > 9 ? value - 9 : value;
  }
  return sum % 10 === 0;
}

/** Users paste SIRETs as "123 456 789 00012" (spaces, or no-break spaces from documents). */
export function normalizeSiret(value: string): string {
  return value.replace(/\s+/g, '');
}

/** Same normalisation as SIRET: a SIREN is often written "123 456 789". */
export function normalizeSiren(value: string): string {
  return normalizeSiret(value);
}

export function isValidSiren(value: string): boolean {
  const siren = normalizeSiren(value);
  return /^[0-9]{9}$/.test(siren) && isValidLuhn(siren);
}

const LA_POSTE_SIREN = '356000000';

/** Sum of the digits (not Luhn-doubled), for the La Poste exception. */
const digitSum = (digits: string): number =>
  [...digits].reduce((acc, digit) => acc + Number(digit), 0);

/**
 * La Poste has more establishments than the Luhn key space allows, so INSEE validates its
 * SIRETs (SIREN 356000000) by "sum of digits divisible by 5" instead.
 */
export function isValidSiret(value: string): boolean {
  const siret = normalizeSiret(value);
  if (!/^[0-9]{14}$/.test(siret)) return false;
  if (isValidLuhn(siret)) return true;
  return siret.startsWith(LA_POSTE_SIREN) && digitSum(siret) % 5 === 0;
}

/** RNA numbers (Répertoire national des associations) are written "W" + 9 characters. */
export function normalizeRna(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** W, a digit, a digit or letter (some préfectures, e.g. Corsica 2A/2B), then 7 digits. */
export function isValidRna(value: string): boolean {
  return /^W[0-9][0-9A-Z][0-9]{7}$/.test(normalizeRna(value));
}

export function normalizeIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** IBAN lengths per ISO 13616 registry (SEPA countries applicants are likely to use). */
// prettier-ignore
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24,
  FI: 18, FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21,
  LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24,
  SI: 19, SK: 24, SM: 27, VA: 22,
};

const IBAN_MIN_LENGTH = 15;
const IBAN_MAX_LENGTH = 34;

function hasExpectedLength(iban: string): boolean {
  const country = iban.slice(0, 2);
  const expected = Object.hasOwn(IBAN_LENGTHS, country)
    ? IBAN_LENGTHS[country]
    : undefined;
  if (expected !== undefined) return iban.length === expected;
  return iban.length >= IBAN_MIN_LENGTH && iban.length <= IBAN_MAX_LENGTH;
}

/**
 * ISO 7064 mod 97-10 on the rearranged IBAN (first four characters moved to the end, letters
 * A=10..Z=35), computed digit by digit so no big number is needed.
 */
export function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder;
}

export function isValidIban(value: string): boolean {
  const iban = normalizeIban(value);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban) || !hasExpectedLength(iban))
    return false;
  // 00, 01 and 99 are never issued (they alias 97, 98 and 02 modulo 97).
  const checkDigits = iban.slice(2, 4);
  if (checkDigits === '00' || checkDigits === '01' || checkDigits === '99')
    return false;
  return ibanMod97(iban) === 1;
}

/** Computes the two check digits for a country code and BBAN (useful for fixtures and tests). */
export function ibanCheckDigits(countryCode: string, bban: string): string {
  const remainder = ibanMod97(`${countryCode}00${bban}`.toUpperCase());
  return String(98 - remainder).padStart(2, '0');
}

/**
 * Masks bank details for display (lists, e-mails, logs): keeps country + check digits and the
 * last four characters, which is enough for an applicant to recognise their account.
 */
export function maskIban(value: string): string {
  const iban = normalizeIban(value);
  const visibleHead = iban.length > 8 ? 4 : 0;
  const visibleTail = Math.min(4, Math.floor(iban.length / 2));
  const masked = [...iban]
    .map((char, i) =>
      i < visibleHead || i >= iban.length - visibleTail ? char : '*',
    )
    .join('');
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

export function normalizeBic(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** BIC (ISO 9362): bank (4 letters), country (2 letters), location (2), optional branch (3). */
export function isValidBic(value: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(
    normalizeBic(value),
  );
}
