import type { AbstractControl } from '@angular/forms';
import type { ApiErrorDetail } from '@tremplin/contracts';

/** "criteria[2].weight" → ['criteria', 2, 'weight'] (a path for AbstractControl.get). */
export function fieldPath(field: string): Array<string | number> {
  const path: Array<string | number> = [];
  for (const part of field.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return [field];
    if (match[1]) path.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}

/**
 * Puts the API's field errors (`details[].field`) on the matching controls as `{ server: message }`
 * and returns the details that matched no control (to show in the error summary).
 * `rename` maps an API field to a form path, or null to leave it unmatched.
 */
export function applyServerErrors(
  form: AbstractControl,
  details: readonly ApiErrorDetail[],
  rename: (field: string) => string | null = (field) => field,
): ApiErrorDetail[] {
  const unmatched: ApiErrorDetail[] = [];
  for (const detail of details) {
    const target = rename(detail.field);
    const control = target === null ? null : form.get(fieldPath(target));
    if (control && control !== form) {
      control.setErrors({ ...(control.errors ?? {}), server: detail.message });
      control.markAsTouched();
    } else {
      unmatched.push(detail);
    }
  }
  return unmatched;
}
