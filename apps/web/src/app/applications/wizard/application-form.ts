import { FormArray, FormControl, FormGroup, Validators, type AbstractControl, type ValidationErrors, type ValidatorFn } from '@angular/forms';
import type { ApplicationView, BudgetYearView, Lang, Territory, UpdateApplicationRequest } from '@tremplin/contracts';
import { CHARGE_ACCOUNTS, PRODUCT_ACCOUNTS, parseEurosToCents, type BudgetYear, type ChargeAccount, type ProductAccount } from '@tremplin/domain';
import { centsToInput, eurosValidator } from '../../shared/forms/euros';

/** Same limits as the API's DTOs (UpdateApplicationRequest and its parts). */
export const LIMITS = {
  title: 300,
  text: 10_000,
  partnerName: 300,
  partnerRole: 1000,
  indicatorLabel: 300,
  indicatorUnit: 40,
  rows: 30,
  beneficiaries: 1_000_000,
  target: 1_000_000_000,
  funderName: 300,
  signatory: 200,
  /** 10 billion euros a line: beyond is a typo, and it keeps every total a safe integer (BUDGET_TOTAL_TOO_LARGE). */
  cents: 1_000_000_000_000,
} as const;

type Text = FormControl<string>;
type Count = FormControl<number | null>;

export type PartnerGroup = FormGroup<{ name: Text; role: Text }>;
export type IndicatorGroup = FormGroup<{ label: Text; code: FormControl<string | null>; unit: Text; targets: FormArray<Count> }>;
export type BudgetYearGroup = FormGroup<{
  year: FormControl<number>;
  charges: FormGroup<Record<ChargeAccount, Text>>;
  products: FormGroup<Record<ProductAccount, Text>>;
  otherFunderName: Text;
}>;
export type ProjectGroup = FormGroup<{
  objectives: Text;
  activities: Text;
  rsaBeneficiariesPerYear: FormArray<Count>;
  otherPublics: Text;
  territories: FormControl<Territory[]>;
  startDate: Text;
  partners: FormArray<PartnerGroup>;
  indicators: FormArray<IndicatorGroup>;
}>;
export type DeclarationGroup = FormGroup<{
  signatoryName: Text;
  signatoryFunction: Text;
  accurate: FormControl<boolean>;
  obligationsMet: FormControl<boolean>;
  republicanCommitment: FormControl<boolean>;
}>;

/** The wizard's form: the same shape and names as the API, so its field paths map one to one. */
export type ApplicationForm = FormGroup<{
  axisCode: Text;
  title: Text;
  summary: Text;
  project: ProjectGroup;
  budget: FormArray<BudgetYearGroup>;
  declaration: DeclarationGroup;
}>;
export type ApplicationFormValue = ReturnType<ApplicationForm['getRawValue']>;

const text = (value = '', ...validators: ValidatorFn[]): Text => new FormControl(value, { nonNullable: true, validators });

/** Whole numbers only (a number input may hold 2.5). */
export function integerValidator(control: AbstractControl<number | null>): ValidationErrors | null {
  const value = control.value;
  return value === null || Number.isInteger(value) ? null : { integer: true };
}

/** A value for every year, or none yet (a draft keeps its per-year figures only once complete). */
export function allOrNoneValidator(control: AbstractControl): ValidationErrors | null {
  const values = (control.value as Array<number | null>) ?? [];
  const filled = values.filter((v) => v !== null && (v as unknown) !== '').length;
  return filled === 0 || filled === values.length ? null : { perYear: { count: values.length } };
}

function countControl(value: number | null, max: number): Count {
  return new FormControl<number | null>(value, [Validators.min(0), Validators.max(max), integerValidator]);
}

function perYear(values: ReadonlyArray<number | null>, count: number, max: number): FormArray<Count> {
  return new FormArray(
    Array.from({ length: count }, (_, i) => countControl(values[i] ?? null, max)),
    allOrNoneValidator,
  );
}

export function partnerGroup(value?: { name: string; role: string }): PartnerGroup {
  return new FormGroup({
    name: text(value?.name ?? '', Validators.required, Validators.maxLength(LIMITS.partnerName)),
    role: text(value?.role ?? '', Validators.maxLength(LIMITS.partnerRole)),
  });
}

export function indicatorGroup(years: number, value?: { label: string; code: string | null; unit: string; targets: ReadonlyArray<number | null> }): IndicatorGroup {
  return new FormGroup({
    label: text(value?.label ?? '', Validators.required, Validators.maxLength(LIMITS.indicatorLabel)),
    code: new FormControl<string | null>(value?.code ?? null),
    unit: text(value?.unit ?? '', Validators.maxLength(LIMITS.indicatorUnit)),
    targets: perYear(value?.targets ?? [], years, LIMITS.target),
  });
}

const eurosCell = (value = ''): Text => text(value, eurosValidator({ allowEmpty: true }), maxCentsValidator);

function maxCentsValidator(control: AbstractControl<string>): ValidationErrors | null {
  const cents = parseEurosToCents(control.value ?? '');
  return cents !== null && cents > LIMITS.cents ? { tooLarge: true } : null;
}

export function budgetYearGroup(year: number, value?: Partial<Record<ChargeAccount | ProductAccount, string>> & { otherFunderName?: string }): BudgetYearGroup {
  return new FormGroup({
    year: new FormControl(year, { nonNullable: true }),
    charges: new FormGroup(Object.fromEntries(CHARGE_ACCOUNTS.map((a) => [a, eurosCell(value?.[a] ?? '')])) as Record<ChargeAccount, Text>),
    products: new FormGroup(Object.fromEntries(PRODUCT_ACCOUNTS.map((a) => [a, eurosCell(value?.[a] ?? '')])) as Record<ProductAccount, Text>),
    otherFunderName: text(value?.otherFunderName ?? '', Validators.maxLength(LIMITS.funderName)),
  });
}

export function createApplicationForm(years: readonly number[]): ApplicationForm {
  return new FormGroup({
    axisCode: text('', Validators.required),
    title: text('', Validators.required, Validators.maxLength(LIMITS.title)),
    summary: text('', Validators.maxLength(LIMITS.text)),
    project: new FormGroup({
      objectives: text('', Validators.maxLength(LIMITS.text)),
      activities: text('', Validators.maxLength(LIMITS.text)),
      rsaBeneficiariesPerYear: perYear([], years.length, LIMITS.beneficiaries),
      otherPublics: text('', Validators.maxLength(LIMITS.text)),
      territories: new FormControl<Territory[]>([], { nonNullable: true }),
      startDate: text('', Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)),
      partners: new FormArray<PartnerGroup>([]),
      indicators: new FormArray<IndicatorGroup>([]),
    }),
    budget: new FormArray(years.map((year) => budgetYearGroup(year))),
    declaration: new FormGroup({
      signatoryName: text('', Validators.minLength(2), Validators.maxLength(LIMITS.signatory)),
      signatoryFunction: text('', Validators.minLength(2), Validators.maxLength(LIMITS.signatory)),
      accurate: new FormControl(false, { nonNullable: true }),
      obligationsMet: new FormControl(false, { nonNullable: true }),
      republicanCommitment: new FormControl(false, { nonNullable: true }),
    }),
  });
}

const amountText = (cents: number | undefined, lang: Lang): string => (cents ? centsToInput(cents, lang) : '');

/** The server's application as form values (amounts as euro texts; zero shows as an empty cell). */
export function formValueFromView(view: ApplicationView, lang: Lang): ApplicationFormValue {
  const years = view.callYears;
  const byYear = new Map<number, BudgetYearView>(view.budget.map((b) => [b.year, b]));
  const p = view.project;
  const perYearValues = (values: readonly number[]): Array<number | null> => years.map((_, i) => values[i] ?? null);
  return {
    axisCode: view.axisCode,
    title: view.title,
    summary: view.summary,
    project: {
      objectives: p.objectives,
      activities: p.activities,
      rsaBeneficiariesPerYear: perYearValues(p.rsaBeneficiariesPerYear),
      otherPublics: p.otherPublics,
      territories: [...p.territories],
      startDate: p.startDate ?? '',
      partners: p.partners.map((x) => ({ name: x.name, role: x.role })),
      indicators: p.indicators.map((x) => ({ label: x.label, code: x.code, unit: x.unit, targets: perYearValues(x.targets) })),
    },
    budget: years.map((year) => {
      const b = byYear.get(year);
      return {
        year,
        charges: Object.fromEntries(CHARGE_ACCOUNTS.map((a) => [a, amountText(b?.charges[a], lang)])) as Record<ChargeAccount, string>,
        products: Object.fromEntries(PRODUCT_ACCOUNTS.map((a) => [a, amountText(b?.products[a], lang)])) as Record<ProductAccount, string>,
        otherFunderName: b?.otherFunderName ?? '',
      };
    }),
    declaration: {
      signatoryName: view.declaration?.signatoryName ?? '',
      signatoryFunction: view.declaration?.signatoryFunction ?? '',
      accurate: view.declaration?.accurate ?? false,
      obligationsMet: view.declaration?.obligationsMet ?? false,
      republicanCommitment: view.declaration?.republicanCommitment ?? false,
    },
  };
}

/** Puts values in the form, resizing its lists first (rows of partners and indicators, years). */
export function patchApplicationForm(form: ApplicationForm, value: ApplicationFormValue, years: readonly number[]): void {
  const project = form.controls.project.controls;
  project.partners.clear({ emitEvent: false });
  for (const partner of value.project.partners) project.partners.push(partnerGroup(partner), { emitEvent: false });
  project.indicators.clear({ emitEvent: false });
  for (const indicator of value.project.indicators) project.indicators.push(indicatorGroup(years.length, indicator), { emitEvent: false });
  form.controls.budget.clear({ emitEvent: false });
  for (const year of years) form.controls.budget.push(budgetYearGroup(year), { emitEvent: false });
  const budget = years.map((year) => value.budget.find((b) => b.year === year) ?? budgetYearGroup(year).getRawValue());
  form.patchValue({
    ...value,
    project: { ...value.project, rsaBeneficiariesPerYear: years.map((_, i) => value.project.rsaBeneficiariesPerYear[i] ?? null) },
    budget,
  });
}

/** A budget year of the form in cents (unreadable cells → null), for the live totals and the domain checks. */
export function budgetYearCents(value: ApplicationFormValue['budget'][number]): { year: BudgetYear; unreadable: number } {
  let unreadable = 0;
  const read = (text: string): number => {
    if (text.trim() === '') return 0;
    const cents = parseEurosToCents(text);
    if (cents === null || cents < 0 || cents > LIMITS.cents) {
      unreadable++;
      return 0;
    }
    return cents;
  };
  return {
    year: {
      year: value.year,
      charges: Object.fromEntries(CHARGE_ACCOUNTS.map((a) => [a, read(value.charges[a])])) as Record<ChargeAccount, number>,
      products: Object.fromEntries(PRODUCT_ACCOUNTS.map((a) => [a, read(value.products[a])])) as Record<ProductAccount, number>,
      otherFunderName: value.otherFunderName,
    },
    unreadable,
  };
}

export type DraftBody = Omit<UpdateApplicationRequest, 'version'>;

export interface DraftUpdate {
  body: DraftBody;
  /** Steps (0-based) whose content could not be sent as typed (kept locally until fixed). */
  blockedSteps: number[];
}

const isCount = (v: number | null, max: number): v is number => v !== null && Number.isInteger(v) && v >= 0 && v <= max;

/** Per-year figures: all present → the list; none → []; partly filled or invalid → null (not sendable). */
function perYearList(values: ReadonlyArray<number | null>, max: number): number[] | null {
  const filled = values.filter((v) => v !== null);
  if (filled.length === 0) return [];
  if (filled.length !== values.length || !values.every((v) => isCount(v, max))) return null;
  return values as number[];
}

/**
 * The PATCH body for the form values: every part that the API would accept as typed. A part that
 * breaks a draft-level rule (an unreadable amount, a partner without a name…) is left out, and its
 * step reported, so the rest still saves and nothing valid waits for the invalid part.
 */
export function toDraftUpdate(value: ApplicationFormValue): DraftUpdate {
  const body: DraftBody = {};
  const blocked = new Set<number>();

  if (value.axisCode) body.axisCode = value.axisCode;
  if (value.title.trim().length >= 1 && value.title.length <= LIMITS.title) body.title = value.title;
  else blocked.add(0);
  if (value.summary.length <= LIMITS.text) body.summary = value.summary;
  else blocked.add(0);

  const p = value.project;
  const beneficiaries = perYearList(p.rsaBeneficiariesPerYear, LIMITS.beneficiaries);
  const indicators = p.indicators.map((i) => ({ ...i, targetList: perYearList(i.targets, LIMITS.target) }));
  const projectOk =
    [p.objectives, p.activities, p.otherPublics].every((t) => t.length <= LIMITS.text) &&
    beneficiaries !== null &&
    (p.startDate === '' || /^\d{4}-\d{2}-\d{2}$/.test(p.startDate)) &&
    p.partners.length <= LIMITS.rows &&
    p.partners.every((x) => x.name.trim().length >= 1 && x.name.length <= LIMITS.partnerName && x.role.length <= LIMITS.partnerRole) &&
    indicators.length <= LIMITS.rows &&
    indicators.every((i) => i.label.trim().length >= 1 && i.label.length <= LIMITS.indicatorLabel && i.unit.length <= LIMITS.indicatorUnit && i.targetList !== null);
  if (projectOk) {
    body.project = {
      objectives: p.objectives,
      activities: p.activities,
      rsaBeneficiariesPerYear: beneficiaries ?? [],
      otherPublics: p.otherPublics,
      territories: [...p.territories],
      ...(p.startDate ? { startDate: p.startDate } : {}),
      partners: p.partners.map((x) => ({ name: x.name, role: x.role })),
      indicators: indicators.map((i) => ({ label: i.label, code: i.code, unit: i.unit, targets: i.targetList ?? [] })),
    };
  } else {
    blocked.add(1);
  }

  const years = value.budget.map(budgetYearCents);
  if (years.every((y) => y.unreadable === 0) && value.budget.every((b) => b.otherFunderName.length <= LIMITS.funderName)) {
    body.budget = years.map((y) => y.year);
  } else {
    blocked.add(2);
  }

  const d = value.declaration;
  const touched = d.signatoryName.trim() !== '' || d.signatoryFunction.trim() !== '' || d.accurate || d.obligationsMet || d.republicanCommitment;
  const namesOk = [d.signatoryName, d.signatoryFunction].every((t) => t.trim().length >= 2 && t.length <= LIMITS.signatory);
  if (namesOk) body.declaration = { ...d };
  else if (touched) blocked.add(4);

  return { body, blockedSteps: [...blocked].sort() };
}
