import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { Lang } from '@tremplin/contracts';
import { formatEuros, parseEurosToCents } from '@tremplin/domain';

/** Cents → text for an input with a "€" suffix: "74 300 000,00" (fr) / "74,300,000.00" (en). */
export function centsToInput(cents: number, lang: Lang): string {
  return formatEuros(cents, lang)
    .replace(/€/g, '')
    .replace(/[\u202f\u00a0]/g, ' ')
    .trim();
}

/** Text typed in a euro field → cents; an empty field counts as `empty` (null = unreadable). */
export function inputToCents(text: string, empty: number | null = null): number | null {
  return text.trim() === '' ? empty : parseEurosToCents(text);
}

export interface EurosValidatorOptions {
  /** Empty text is valid (and worth 0). */
  allowEmpty?: boolean;
  /** Amount must be strictly positive. */
  positive?: boolean;
}

/** Euros typed as text, read with the domain's parseEurosToCents. */
export function eurosValidator(options: EurosValidatorOptions = {}): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const text = control.value ?? '';
    if (text.trim() === '') return options.allowEmpty ? null : { required: true };
    const cents = parseEurosToCents(text);
    if (cents === null) return { euros: true };
    if (cents < 0) return { negative: true };
    if (options.positive && cents === 0) return { notPositive: true };
    return null;
  };
}
