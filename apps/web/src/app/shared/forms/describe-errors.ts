import type { ValidationErrors } from '@angular/forms';
import type { TranslateService } from '@ngx-translate/core';
import type { Lang } from '@tremplin/contracts';
import type { SummaryError } from '../error-summary/error-summary';
import { fieldId, type ControlError } from './collect-errors';
import { issueMessage } from './issue-message';

/** The message of a control's first error, in the UI language. */
export function errorMessage(errors: ValidationErrors, translate: TranslateService): string {
  const t = (key: string, params?: Record<string, unknown>): string => translate.instant(key, params) as string;
  const text: unknown = errors['server'] ?? errors['domain'];
  if (typeof text === 'string') return text;
  // A domain rule's code (FIELD_MESSAGES): the same words as the API, in the current language.
  const issue = errors['issue'] as { code: string; params?: Record<string, string | number> } | undefined;
  if (issue) {
    const lang: Lang = translate.getCurrentLang() === 'en' ? 'en' : 'fr';
    return issueMessage({ field: '', ...issue }, lang);
  }
  if (errors['required']) return t('forms.required');
  if (errors['datesOrder']) return t('forms.datesOrder');
  if (errors['euros']) return t('forms.euros');
  if (errors['negative']) return t('forms.negative');
  if (errors['notPositive']) return t('forms.eurosPositive');
  if (errors['tooLarge']) return t('forms.tooLarge');
  if (errors['integer']) return t('forms.integer');
  if (errors['email']) return t('forms.email');
  if (errors['postalCode']) return t('forms.postalCode');
  if (errors['phone']) return t('forms.phone');
  if (errors['website']) return t('forms.website');
  const perYear = errors['perYear'] as { count: number } | undefined;
  if (perYear) return t('forms.perYear', { count: perYear.count });
  const min = errors['min'] as { min: number } | undefined;
  if (min) return t('forms.min', { min: min.min });
  const max = errors['max'] as { max: number } | undefined;
  if (max) return t('forms.max', { max: max.max });
  const minLength = errors['minlength'] as { requiredLength: number } | undefined;
  if (minLength) return t('forms.minLength', { min: minLength.requiredLength });
  const maxLength = errors['maxlength'] as { requiredLength: number } | undefined;
  if (maxLength) return t('forms.maxLength', { max: maxLength.requiredLength });
  if (errors['pattern']) return t('forms.pattern');
  return t('forms.invalid');
}

/** Error summary entries for invalid controls, each linking to its field. */
export function describeErrors(
  errors: readonly ControlError[],
  translate: TranslateService,
  labelOf: (path: ReadonlyArray<string | number>) => string,
  idOf: (path: ReadonlyArray<string | number>) => string = fieldId,
): SummaryError[] {
  return errors.map((error) => ({
    label: labelOf(error.path),
    message: errorMessage(error.errors, translate),
    targetId: idOf(error.path),
  }));
}
