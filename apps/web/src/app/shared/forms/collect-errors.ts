import { FormArray, FormGroup, type AbstractControl, type ValidationErrors } from '@angular/forms';

export interface ControlError {
  /** Path from the root form, e.g. ['axes', 0, 'code']. */
  path: Array<string | number>;
  errors: ValidationErrors;
}

/** Every invalid leaf control, in form order (for the error summary). */
export function collectErrors(control: AbstractControl, path: Array<string | number> = []): ControlError[] {
  if (control instanceof FormGroup) {
    return Object.entries(control.controls).flatMap(([name, child]) => collectErrors(child as AbstractControl, [...path, name]));
  }
  if (control instanceof FormArray) {
    return control.controls.flatMap((child, index) => collectErrors(child as AbstractControl, [...path, index]));
  }
  return control.errors && control.enabled ? [{ path, errors: control.errors }] : [];
}

/** DOM id convention for form fields: ['axes', 0, 'code'] → "f-axes-0-code". */
export function fieldId(path: ReadonlyArray<string | number>): string {
  return `f-${path.join('-')}`;
}
