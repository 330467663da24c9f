/** One JSON error shape for the whole API. */
export interface ApiErrorDetail {
  field: string;
  message: string;
  code?: string;
}
export interface ApiError {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  details?: ApiErrorDetail[];
  requestId?: string;
}

export type Lang = 'fr' | 'en';

/** Error codes with their user messages. `{name}` placeholders are filled from params. */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: { fr: 'Certaines données sont invalides.', en: 'Some data is invalid.' },
  NOT_FOUND: { fr: 'Ressource introuvable.', en: 'Resource not found.' },
  ROUTE_NOT_FOUND: { fr: "Cette adresse de l'API n'existe pas.", en: 'This API route does not exist.' },
  UNAUTHENTICATED: { fr: 'Veuillez vous connecter.', en: 'Please sign in.' },
  INVALID_CREDENTIALS: { fr: 'Adresse e-mail ou mot de passe incorrect.', en: 'Incorrect email or password.' },
  INVALID_REFRESH_TOKEN: { fr: 'Session expirée : veuillez vous reconnecter.', en: 'Session expired: please sign in again.' },
  TOO_MANY_ATTEMPTS: {
    fr: 'Trop de tentatives. Réessayez dans {retryAfterSeconds} secondes.',
    en: 'Too many attempts. Try again in {retryAfterSeconds} seconds.',
  },
  FORBIDDEN: { fr: "Vous n'avez pas le droit de faire cela.", en: 'You are not allowed to do this.' },
  EMAIL_TAKEN: { fr: 'Un compte existe déjà avec cette adresse e-mail.', en: 'An account already uses this email address.' },
  CALL_CODE_TAKEN: { fr: 'Un appel à projets porte déjà ce code.', en: 'A call already uses this code.' },
  CALL_STRUCTURE_LOCKED: {
    fr: "La structure de l'appel (axes, années, grille) est verrouillée depuis la première candidature déposée ; l'enveloppe ne change plus que par une révision budgétaire.",
    en: "The call's structure (axes, years, grid) is locked since the first application was submitted; the envelope now changes only through a budget revision.",
  },
  CALL_NOT_LOCKED: {
    fr: "La structure de l'appel n'est pas encore verrouillée : modifiez directement l'enveloppe.",
    en: 'The call structure is not locked yet: edit the envelope directly.',
  },
  STALE_VERSION: {
    fr: "Ces données ont été modifiées par quelqu'un d'autre entre-temps. Rechargez-les.",
    en: 'Someone else changed this data in the meantime. Reload it.',
  },
  CANNOT_DEACTIVATE_SELF: { fr: 'Vous ne pouvez pas désactiver votre propre compte.', en: 'You cannot deactivate your own account.' },
  ILLEGAL_TRANSITION: {
    fr: "Action « {action} » impossible depuis l'état « {state} ».",
    en: 'Action "{action}" is not allowed from state "{state}".',
  },
  INTERNAL_ERROR: { fr: 'Erreur interne. Réessayez plus tard.', en: 'Internal error. Please try again later.' },
  SERVICE_UNAVAILABLE: { fr: 'Service momentanément indisponible.', en: 'Service temporarily unavailable.' },
  PAYLOAD_TOO_LARGE: { fr: 'Données trop volumineuses.', en: 'Payload too large.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Validation messages for fields (used in `details`). */
export const FIELD_MESSAGES = {
  ALLOCATION_NEGATIVE: { fr: 'Un montant ne peut pas être négatif.', en: 'An amount cannot be negative.' },
  ALLOCATION_UNKNOWN_AXIS: { fr: "Axe inconnu dans l'appel.", en: 'Unknown axis for this call.' },
  ALLOCATION_UNKNOWN_YEAR: { fr: "Année hors de l'appel.", en: 'Year outside the call.' },
  ALLOCATION_DUPLICATE_CELL: { fr: 'Cette case axe × année est saisie deux fois.', en: 'This axis × year cell appears twice.' },
  ALLOCATION_MISSING_CELL: { fr: 'Il manque la case {axisCode} × {year}.', en: 'Cell {axisCode} × {year} is missing.' },
  ALLOCATION_SUM_MISMATCH: {
    fr: "La somme des répartitions ({actual}) doit être égale à l'enveloppe ({expected}).",
    en: 'Allocations add up to {actual} but must equal the envelope ({expected}).',
  },
  ENVELOPE_NOT_POSITIVE: { fr: "L'enveloppe doit être positive.", en: 'The envelope must be positive.' },
  GRID_EMPTY: { fr: 'La grille doit compter au moins un critère.', en: 'The grid needs at least one criterion.' },
  GRID_WEIGHTS_SUM: {
    fr: 'La somme des pondérations doit être 100 (actuellement {actual}).',
    en: 'Weights must add up to 100 (currently {actual}).',
  },
  GRID_WEIGHT_INVALID: { fr: 'Pondération entière entre 1 et 100.', en: 'Weight must be a whole number from 1 to 100.' },
  GRID_MAX_SCORE_INVALID: { fr: 'Note maximale entière entre 1 et 100.', en: 'Maximum score must be a whole number from 1 to 100.' },
  GRID_DUPLICATE_CODE: { fr: 'Code de critère en double.', en: 'Duplicate criterion code.' },
  PAYMENT_ADVANCE_INVALID: { fr: "Part d'avance entière entre 0 et 10 000 points de base (0 à 100 %).", en: 'Advance share must be a whole number from 0 to 10,000 basis points (0–100%).' },
  AMOUNT_NOT_CENTS: { fr: 'Montant en centimes entiers attendu.', en: 'Amount must be a whole number of cents.' },
  CALL_DATES_ORDER: { fr: "La clôture doit suivre l'ouverture.", en: 'Closing must come after opening.' },
  CALL_YEARS_INVALID: {
    fr: "De 1 à 4 années consécutives (convention pluriannuelle d'objectifs).",
    en: 'From 1 to 4 consecutive years (multi-year convention).',
  },
  AXIS_DUPLICATE_CODE: { fr: "Code d'axe en double.", en: 'Duplicate axis code.' },
} as const satisfies Record<string, Record<Lang, string>>;
export type FieldMessageCode = keyof typeof FIELD_MESSAGES;

export function fillMessage(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
