import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { ApiErrorDetail } from '@tremplin/contracts';

/** A field issue whose code is a FIELD_MESSAGES key: the error filter renders it in the caller's language. */
export type FieldIssue = ApiErrorDetail & { params?: Record<string, string | number> };

export const PASSWORD_MIN_LENGTH = 12;
/** zxcvbn scores 0–4; 3 is "safely unguessable" against an online or throttled attack. */
const MIN_SCORE = 3;

// Words French applicants reach for first, and the site's own vocabulary; the common package is mostly English.
const FRENCH_AND_SITE_WORDS = [
  'motdepasse', 'bonjour', 'soleil', 'azerty', 'doudou', 'loulou', 'chouchou', 'chocolat', 'marseille', 'paris',
  'lille', 'roubaix', 'tourcoing', 'dunkerque', 'valenciennes', 'douai', 'cambrai', 'nord', 'departement', 'tremplin',
  'association', 'insertion', 'subvention', 'candidature', 'projet', 'rsa', 'bienvenue', 'secret', 'jetaime',
];

let checker: ZxcvbnFactory | null = null;

/** Built once, on first use: loading the dictionaries takes a few tens of milliseconds. */
function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, french: FRENCH_AND_SITE_WORDS },
    graphs: adjacencyGraphs,
    useLevenshteinDistance: true,
  });
  return checker;
}

/** What the person typed about themselves, in the pieces a guesser would try ("Jean Martin" → jean, martin, jeanmartin). */
function personalWords(inputs: readonly string[]): string[] {
  const words = new Set<string>();
  const lowered = inputs.map((input) => input.trim().toLowerCase());
  // "Cambrésis" is typed "cambresis" in a password as often as not: both spellings count.
  const spellings = [...lowered, ...lowered.map((text) => text.normalize('NFD').replace(/\p{M}/gu, ''))];
  for (const text of spellings) {
    const parts = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    words.add(text);
    for (const part of parts) if (part.length >= 3) words.add(part);
    words.add(parts.join(''));
  }
  return [...words].filter(Boolean);
}

/**
 * Sign-up password rule: at least 12 characters (ANSSI) and not guessable — common passwords, keyboard walks,
 * or the person's own email, name or organisation. Returns the field issues (empty when the password is fine).
 */
export function checkPassword(password: string, userInputs: readonly string[], field = 'password'): FieldIssue[] {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return [{ field, code: 'PASSWORD_TOO_SHORT', message: 'password too short', params: { min: PASSWORD_MIN_LENGTH } }];
  }
  const result = zxcvbn().check(password, personalWords(userInputs));
  return result.score < MIN_SCORE ? [{ field, code: 'PASSWORD_TOO_WEAK', message: 'password too easy to guess' }] : [];
}
