import { FormControl, FormGroup, Validators, type AbstractControl, type ValidationErrors, type ValidatorFn } from '@angular/forms';
import type { OrganizationProfileInput, OrganizationProfileView, Territory } from '@tremplin/contracts';
import { isValidBic, isValidIban, isValidRna, isValidSiret, normalizeBic, normalizeIban, normalizeRna, normalizeSiret } from '@tremplin/domain';

/** Legal forms of the contracts' LEGAL_FORMS (registration.ts carries class-validator: copied, not imported). */
export const LEGAL_FORMS = ['association_1901', 'association_1908', 'fondation', 'scic', 'sarl_ess', 'autre'] as const;

type Text = FormControl<string>;

export type OrganizationProfileGroup = FormGroup<{
  legalName: Text;
  siret: Text;
  rna: Text;
  legalForm: Text;
  addressLine: Text;
  postalCode: Text;
  city: Text;
  territory: FormControl<Territory | ''>;
  legalRepName: Text;
  legalRepFunction: Text;
  contactName: Text;
  phone: Text;
  iban: Text;
  bic: Text;
  website: Text;
}>;

const issue = (code: string): ValidationErrors => ({ issue: { code } });

/** Identifier checks from libs/domain, with the API's messages (FIELD_MESSAGES codes). */
export const siretValidator: ValidatorFn = (control) => {
  const value = (control.value as string) ?? '';
  if (value.trim() === '') {
    const rna = (control.parent?.get('rna')?.value as string | undefined) ?? '';
    return rna.trim() === '' ? issue('IDENTIFIER_REQUIRED') : null;
  }
  return isValidSiret(value) ? null : issue('SIRET_INVALID');
};

export const rnaValidator: ValidatorFn = (control) => {
  const value = (control.value as string) ?? '';
  return value.trim() === '' || isValidRna(value) ? null : issue('RNA_INVALID');
};

export const ibanValidator: ValidatorFn = (control) => {
  const value = (control.value as string) ?? '';
  return value.trim() === '' || isValidIban(value) ? null : issue('IBAN_INVALID');
};

export const bicValidator: ValidatorFn = (control) => {
  const value = (control.value as string) ?? '';
  return value.trim() === '' || isValidBic(value) ? null : issue('BIC_INVALID');
};

function patternKey(pattern: RegExp, key: string): ValidatorFn {
  return (control: AbstractControl) => {
    const value = (control.value as string) ?? '';
    return value === '' || pattern.test(value) ? null : { [key]: true };
  };
}

const text = (...validators: ValidatorFn[]): Text => new FormControl('', { nonNullable: true, validators });
const trimmedMin = (min: number): ValidatorFn => (control) => {
  const value = ((control.value as string) ?? '').trim();
  return value !== '' && value.length < min ? { minlength: { requiredLength: min } } : null;
};

/** The organisation profile, with the same rules as the API's OrganizationProfileInput. */
export function createOrganizationProfileGroup(): OrganizationProfileGroup {
  const group: OrganizationProfileGroup = new FormGroup({
    legalName: text(Validators.required, trimmedMin(2), Validators.maxLength(300)),
    siret: text(siretValidator),
    rna: text(rnaValidator, Validators.maxLength(12)),
    legalForm: text(Validators.required),
    addressLine: text(Validators.required, trimmedMin(2), Validators.maxLength(300)),
    postalCode: text(Validators.required, patternKey(/^\d{5}$/, 'postalCode')),
    city: text(Validators.required, Validators.maxLength(120)),
    territory: new FormControl<Territory | ''>('', { nonNullable: true, validators: [Validators.required] }),
    legalRepName: text(Validators.required, trimmedMin(2), Validators.maxLength(200)),
    legalRepFunction: text(Validators.required, trimmedMin(2), Validators.maxLength(200)),
    contactName: text(Validators.required, trimmedMin(2), Validators.maxLength(200)),
    phone: text(Validators.required, patternKey(/^[+0-9 ().-]{6,20}$/, 'phone')),
    iban: text(ibanValidator),
    bic: text(bicValidator),
    website: text(Validators.maxLength(300), patternKey(/^https?:\/\/\S+$/, 'website')),
  });
  // SIRET or RNA: either one satisfies the other.
  group.controls.rna.valueChanges.subscribe(() => group.controls.siret.updateValueAndValidity({ emitEvent: false }));
  return group;
}

/** The API body: identifiers normalised, empty optional fields left out (an absent IBAN keeps the stored one). */
export function toOrganizationProfileInput(group: OrganizationProfileGroup): OrganizationProfileInput {
  const v = group.getRawValue();
  const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value);
  const input: OrganizationProfileInput = {
    legalName: v.legalName.trim(),
    legalForm: v.legalForm,
    addressLine: v.addressLine.trim(),
    postalCode: v.postalCode.trim(),
    city: v.city.trim(),
    territory: v.territory as Territory,
    legalRepName: v.legalRepName.trim(),
    legalRepFunction: v.legalRepFunction.trim(),
    contactName: v.contactName.trim(),
    phone: v.phone.trim(),
    website: v.website.trim(),
  };
  const siret = optional(normalizeSiret(v.siret));
  const rna = optional(normalizeRna(v.rna));
  const iban = optional(normalizeIban(v.iban));
  const bic = optional(normalizeBic(v.bic));
  return { ...input, ...(siret ? { siret } : {}), ...(rna ? { rna } : {}), ...(iban ? { iban } : {}), ...(bic ? { bic } : {}) };
}

/** The stored profile in the form; the IBAN stays empty (it is only ever shown masked). */
export function patchOrganizationProfile(group: OrganizationProfileGroup, view: OrganizationProfileView): void {
  group.reset({
    legalName: view.legalName,
    siret: view.siret ?? '',
    rna: view.rna ?? '',
    legalForm: view.legalForm,
    addressLine: view.addressLine,
    postalCode: view.postalCode,
    city: view.city,
    territory: view.territory,
    legalRepName: view.legalRepName,
    legalRepFunction: view.legalRepFunction,
    contactName: view.contactName,
    phone: view.phone,
    iban: '',
    bic: view.bic ?? '',
    website: view.website,
  });
}
