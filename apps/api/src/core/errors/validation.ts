import type { ValidationError } from 'class-validator';
import type { ApiErrorDetail, Lang } from '@tremplin/contracts';
import { AppException } from './app.exception';

/** Flattens nested class-validator errors into `{field: 'allocations[3].amountCents', message}`. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent ? (isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    if (error.value === undefined && error.constraints && !('whitelistValidation' in error.constraints)) {
      // A missing field: one clear message rather than every rule it would also break.
      details.push({ field, code: 'required', message: `${error.property} is required` });
    } else {
      for (const [constraint, message] of Object.entries(error.constraints ?? {})) details.push({ field, code: constraint, message });
    }
    if (error.children?.length) details.push(...flattenValidationErrors(error.children, field));
  }
  return details;
}

export function validationExceptionFactory(errors: ValidationError[]): AppException {
  return AppException.validation(flattenValidationErrors(errors));
}

// class-validator writes English messages that carry the constraint's values; French is derived here,
// in one place, rather than on every decorator.
const FRENCH: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/ is required$/, () => 'champ obligatoire'],
  [/should not exist$/, () => 'champ non autorisé'],
  [/must be longer than or equal to (\d+) characters?$/, (m) => `doit contenir au moins ${m[1]} caractères`],
  [/must be shorter than or equal to (\d+) characters?$/, (m) => `doit contenir au plus ${m[1]} caractères`],
  [/must not be less than (-?[\d.]+)$/, (m) => `doit être supérieur ou égal à ${m[1]}`],
  [/must not be greater than (-?[\d.]+)$/, (m) => `doit être inférieur ou égal à ${m[1]}`],
  [/must be an integer number$/, () => 'doit être un nombre entier'],
  [/must be a number.*$/, () => 'doit être un nombre'],
  [/must be a string$/, () => 'doit être un texte'],
  [/must be a boolean value$/, () => 'doit être vrai ou faux'],
  [/must be an email$/, () => 'doit être une adresse e-mail valide'],
  [/must be a valid ISO 8601 date string$/, () => 'doit être une date ISO 8601 (AAAA-MM-JJTHH:MM:SSZ)'],
  [/must be one of the following values: (.*)$/, (m) => `doit valoir l'une des valeurs : ${m[1]}`],
  [/must be an array$/, () => 'doit être une liste'],
  [/must contain at least (\d+) elements$/, (m) => `doit contenir au moins ${m[1]} éléments`],
  [/must contain no more than (\d+) elements$/, (m) => `doit contenir au plus ${m[1]} éléments`],
  [/must match .* regular expression$/, () => "n'a pas le format attendu"],
  [/must be a UUID$/, () => 'doit être un identifiant UUID'],
  [/should not be empty$/, () => 'ne doit pas être vide'],
  [/must be an object$/, () => 'doit être un objet'],
  [/nested property .* must be either object or array$/, () => 'doit être un objet ou une liste'],
];

export function translateValidationMessage(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [pattern, render] of FRENCH) {
    const match = message.match(pattern);
    if (match) return render(match);
  }
  return message;
}
