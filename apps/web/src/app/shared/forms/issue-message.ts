import type { Lang } from '@tremplin/contracts';
// Deep import: the contracts barrel would bundle class-validator (decorated request classes).
import { FIELD_MESSAGES, fillMessage, type FieldMessageCode } from '@tremplin/contracts/errors';
import { formatEuros } from '@tremplin/domain';

export interface Issue {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

/** Fallbacks for domain codes the contracts might not carry. */
const EXTRA_MESSAGES: Record<string, Record<Lang, string>> = {
  AMOUNT_NOT_CENTS: { fr: 'Montant illisible.', en: 'Unreadable amount.' },
  PAYMENT_ADVANCE_INVALID: { fr: "Part d'avance entre 0 et 100 %.", en: 'Advance share must be between 0 and 100%.' },
};

/**
 * The user message of a domain rule issue, in the UI language: the same wording as the API's
 * (FIELD_MESSAGES from the contracts). Amount params (`…Cents`) are also offered in euros
 * under the name without the suffix (`actualCents` → `actual`).
 */
export function issueMessage(issue: Issue, lang: Lang): string {
  const templates: Record<Lang, string> | undefined =
    issue.code in FIELD_MESSAGES ? FIELD_MESSAGES[issue.code as FieldMessageCode] : EXTRA_MESSAGES[issue.code];
  if (!templates) return lang === 'fr' ? 'Valeur invalide.' : 'Invalid value.';
  const params: Record<string, string | number> = { ...(issue.params ?? {}) };
  for (const [key, value] of Object.entries(issue.params ?? {})) {
    if (key.endsWith('Cents') && typeof value === 'number' && Number.isSafeInteger(value)) {
      params[key.slice(0, -'Cents'.length)] = formatEuros(value, lang);
    }
  }
  return fillMessage(templates[lang], params);
}
