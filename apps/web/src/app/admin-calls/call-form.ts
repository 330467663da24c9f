import { FormArray, FormControl, FormGroup, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import type { CallInput, CallView, Lang } from '@tremplin/contracts';
import { MAX_CALL_YEARS, checkAllocations, checkPaymentRule, checkScoringGrid, type AllocationCell } from '@tremplin/domain';
import { isoToParisLocalInput, parisLocalInputToIso } from '../core/i18n/paris-time';
import { centsToInput, eurosValidator, inputToCents } from '../shared/forms/euros';
import type { Issue } from '../shared/forms/issue-message';

export const CALL_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
export const AXIS_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,15}$/;
export const CRITERION_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,23}$/;

export type AxisGroup = FormGroup<{
  code: FormControl<string>;
  labelFr: FormControl<string>;
  labelEn: FormControl<string>;
  description: FormControl<string>;
}>;

export type CriterionGroup = FormGroup<{
  code: FormControl<string>;
  labelFr: FormControl<string>;
  labelEn: FormControl<string>;
  description: FormControl<string>;
  weight: FormControl<number | null>;
  maxScore: FormControl<number | null>;
}>;

/** One row per axis (same order as `axes`), one euro text per year. */
export type AllocationRows = FormArray<FormArray<FormControl<string>>>;

export type CallForm = FormGroup<{
  code: FormControl<string>;
  title: FormControl<string>;
  description: FormControl<string>;
  titleEn: FormControl<string>;
  descriptionEn: FormControl<string>;
  opensAt: FormControl<string>;
  closesAt: FormControl<string>;
  firstYear: FormControl<number | null>;
  yearCount: FormControl<number>;
  envelope: FormControl<string>;
  axes: FormArray<AxisGroup>;
  allocations: AllocationRows;
  criteria: FormArray<CriterionGroup>;
  advancePercent: FormControl<number | null>;
  reviewersPerApplication: FormControl<number | null>;
}>;

const text = (value = '', ...validators: Array<(c: AbstractControl) => ValidationErrors | null>): FormControl<string> =>
  new FormControl(value, { nonNullable: true, validators });

/** `closesAt` must come after `opensAt` (both datetime-local texts, same zone, so text order works). */
function closesAfterOpens(control: AbstractControl<string>): ValidationErrors | null {
  const opens = (control.parent?.get('opensAt')?.value as string | undefined) ?? '';
  const closes = control.value ?? '';
  return opens && closes && closes <= opens ? { datesOrder: true } : null;
}

export function allocationCell(value = ''): FormControl<string> {
  return text(value, eurosValidator({ allowEmpty: true }));
}

export function allocationRow(yearCount: number, values: readonly string[] = []): FormArray<FormControl<string>> {
  return new FormArray(Array.from({ length: yearCount }, (_, i) => allocationCell(values[i] ?? '')));
}

export function axisGroup(value?: Partial<{ code: string; labelFr: string; labelEn: string; description: string }>): AxisGroup {
  return new FormGroup({
    code: text(value?.code ?? '', Validators.required, Validators.pattern(AXIS_CODE_PATTERN)),
    labelFr: text(value?.labelFr ?? '', Validators.required, Validators.minLength(2), Validators.maxLength(120)),
    labelEn: text(value?.labelEn ?? '', Validators.required, Validators.minLength(2), Validators.maxLength(120)),
    description: text(value?.description ?? '', Validators.maxLength(4000)),
  });
}

export function criterionGroup(
  value?: Partial<{ code: string; labelFr: string; labelEn: string; description: string; weight: number; maxScore: number }>,
): CriterionGroup {
  const int = [Validators.required, Validators.min(1), Validators.max(100), Validators.pattern(/^\d+$/)];
  return new FormGroup({
    code: text(value?.code ?? '', Validators.required, Validators.pattern(CRITERION_CODE_PATTERN)),
    labelFr: text(value?.labelFr ?? '', Validators.required, Validators.minLength(2), Validators.maxLength(200)),
    labelEn: text(value?.labelEn ?? '', Validators.required, Validators.minLength(2), Validators.maxLength(200)),
    description: text(value?.description ?? '', Validators.maxLength(2000)),
    weight: new FormControl<number | null>(value?.weight ?? null, int),
    maxScore: new FormControl<number | null>(value?.maxScore ?? 20, int),
  });
}

export function createCallForm(now = new Date()): CallForm {
  const form: CallForm = new FormGroup({
    code: text('', Validators.required, Validators.pattern(CALL_CODE_PATTERN)),
    title: text('', Validators.required, Validators.minLength(3), Validators.maxLength(200)),
    description: text('', Validators.maxLength(10000)),
    titleEn: text('', Validators.maxLength(200)),
    descriptionEn: text('', Validators.maxLength(10000)),
    opensAt: text('', Validators.required),
    closesAt: text('', Validators.required, closesAfterOpens),
    firstYear: new FormControl<number | null>(now.getFullYear() + 1, [
      Validators.required,
      Validators.min(2000),
      Validators.max(2100),
      Validators.pattern(/^\d+$/),
    ]),
    yearCount: new FormControl(3, { nonNullable: true, validators: [Validators.required, Validators.min(1), Validators.max(MAX_CALL_YEARS)] }),
    envelope: text('', eurosValidator({ positive: true })),
    axes: new FormArray([axisGroup()]),
    allocations: new FormArray([allocationRow(3)]),
    criteria: new FormArray([criterionGroup({ weight: 100 })]),
    advancePercent: new FormControl<number | null>(60, [Validators.required, Validators.min(0), Validators.max(100)]),
    reviewersPerApplication: new FormControl<number | null>(2, [
      Validators.required,
      Validators.min(1),
      Validators.max(5),
      Validators.pattern(/^\d+$/),
    ]),
  });
  form.controls.opensAt.valueChanges.subscribe(() => form.controls.closesAt.updateValueAndValidity({ emitEvent: false }));
  return form;
}

/** Years covered, from the first year and the count (always consecutive). */
export function yearsOf(firstYear: number | null, yearCount: number): number[] {
  if (firstYear === null || !Number.isInteger(firstYear) || firstYear < 2000 || firstYear > 2100) return [];
  return Array.from({ length: Math.min(Math.max(yearCount, 1), MAX_CALL_YEARS) }, (_, i) => firstYear + i);
}

/** Keeps each typed amount under its year when the years change. */
export function resizeAllocations(rows: AllocationRows, oldYears: readonly number[], newYears: readonly number[]): void {
  for (const row of rows.controls) {
    const byYear = new Map(oldYears.map((year, i) => [year, row.at(i)?.value ?? '']));
    const cells = newYears.map((year) => allocationCell(byYear.get(year) ?? ''));
    row.clear({ emitEvent: false });
    cells.forEach((cell) => row.push(cell, { emitEvent: false }));
  }
  rows.updateValueAndValidity();
}

export function addAxis(form: CallForm, yearCount: number): void {
  form.controls.axes.push(axisGroup());
  form.controls.allocations.push(allocationRow(yearCount));
}

export function removeAxis(form: CallForm, index: number): void {
  form.controls.axes.removeAt(index);
  form.controls.allocations.removeAt(index);
}

/** Grows or shrinks an array silently, keeping the controls already there (and their identity). */
function resizeArray<C extends AbstractControl>(array: FormArray<C>, length: number, create: () => C): void {
  while (array.length > length) array.removeAt(array.length - 1, { emitEvent: false });
  while (array.length < length) array.push(create(), { emitEvent: false });
}

/** Fills the form from a call read from the API (reusing the existing controls). */
export function patchCallForm(form: CallForm, call: CallView, lang: Lang): void {
  const years = [...call.years].sort((a, b) => a - b);
  const axes = [...call.axes].sort((a, b) => a.position - b.position);
  const criteria = [...call.criteria].sort((a, b) => a.position - b.position);
  resizeArray(form.controls.axes, axes.length, () => axisGroup());
  resizeArray(form.controls.allocations, axes.length, () => allocationRow(years.length));
  resizeArray(form.controls.criteria, criteria.length, () => criterionGroup());
  axes.forEach((axis, i) => {
    form.controls.axes.at(i).setValue(
      { code: axis.code, labelFr: axis.labelFr, labelEn: axis.labelEn, description: axis.description },
      { emitEvent: false },
    );
    const row = form.controls.allocations.at(i);
    resizeArray(row, years.length, () => allocationCell());
    years.forEach((year, c) => {
      const cell = call.allocations.find((a) => a.axisCode === axis.code && a.year === year);
      row.at(c).setValue(cell ? centsToInput(cell.amountCents, lang) : '', { emitEvent: false });
    });
  });
  criteria.forEach((criterion, i) => {
    form.controls.criteria.at(i).setValue(
      {
        code: criterion.code,
        labelFr: criterion.labelFr,
        labelEn: criterion.labelEn,
        description: criterion.description,
        weight: criterion.weight,
        maxScore: criterion.maxScore,
      },
      { emitEvent: false },
    );
  });
  form.patchValue({
    code: call.code,
    title: call.title,
    description: call.description,
    titleEn: call.titleEn,
    descriptionEn: call.descriptionEn,
    opensAt: isoToParisLocalInput(call.opensAt),
    closesAt: isoToParisLocalInput(call.closesAt),
    firstYear: years[0] ?? null,
    yearCount: years.length || 1,
    envelope: centsToInput(call.envelopeCents, lang),
    advancePercent: call.paymentRule.advanceBasisPoints / 100,
    reviewersPerApplication: call.reviewersPerApplication,
  });
  // The changes above were silent: one event so that live totals (allocation matrix) re-read.
  form.controls.allocations.updateValueAndValidity();
  form.markAsPristine();
  form.markAsUntouched();
}

/** Allocation cells, axis by axis then year by year (the order sent to the API). */
export function allocationCells(rows: AllocationRows, axisCodes: readonly string[], years: readonly number[]): AllocationCell[] {
  return rows.controls.flatMap((row, r) =>
    years.map((year, c) => ({
      axisCode: axisCodes[r] ?? '',
      year,
      amountCents: inputToCents(row.at(c)?.value ?? '', 0) ?? Number.NaN,
    })),
  );
}

/** Request body from a valid form. */
export function toCallInput(form: CallForm): CallInput {
  const v = form.getRawValue();
  const years = yearsOf(v.firstYear, v.yearCount);
  const axisCodes = v.axes.map((a) => a.code.trim());
  return {
    code: v.code.trim(),
    title: v.title.trim(),
    description: v.description,
    titleEn: v.titleEn.trim(),
    descriptionEn: v.descriptionEn,
    opensAt: parisLocalInputToIso(v.opensAt) ?? '',
    closesAt: parisLocalInputToIso(v.closesAt) ?? '',
    years,
    envelopeCents: inputToCents(v.envelope) ?? 0,
    axes: v.axes.map((a) => ({ code: a.code.trim(), labelFr: a.labelFr.trim(), labelEn: a.labelEn.trim(), description: a.description })),
    allocations: allocationCells(form.controls.allocations, axisCodes, years),
    criteria: v.criteria.map((c) => ({
      code: c.code.trim(),
      labelFr: c.labelFr.trim(),
      labelEn: c.labelEn.trim(),
      description: c.description,
      weight: Number(c.weight),
      maxScore: Number(c.maxScore),
    })),
    paymentRule: { advanceBasisPoints: Math.round(Number(v.advancePercent) * 100) },
    reviewersPerApplication: Number(v.reviewersPerApplication),
  };
}

/** The domain rules the API also enforces (allocations, grid, payment rule). */
export function domainIssues(body: CallInput): Issue[] {
  const issues: Issue[] = [
    ...checkAllocations({
      envelopeCents: body.envelopeCents,
      years: body.years,
      axisCodes: body.axes.map((a) => a.code),
      allocations: body.allocations,
    }),
    ...checkScoringGrid(body.criteria),
    ...checkPaymentRule(body.paymentRule),
  ];
  const seen = new Set<string>();
  body.axes.forEach((axis, i) => {
    if (seen.has(axis.code)) issues.push({ field: `axes[${i}].code`, code: 'AXIS_DUPLICATE_CODE' });
    seen.add(axis.code);
  });
  return issues;
}

/**
 * API / domain field → form path. `allocations[i]…` points at the matrix cell (axis-major order);
 * fields without a control of their own (`allocations`, `criteria`) return null.
 */
export function formPathOf(field: string, yearCount: number): string | null {
  if (field === 'envelopeCents') return 'envelope';
  if (field === 'years') return 'firstYear';
  if (field === 'paymentRule.advanceBasisPoints' || field === 'paymentRule') return 'advancePercent';
  const cell = /^allocations\[(\d+)\](?:\.(amountCents|axisCode|year))?$/.exec(field);
  if (cell && yearCount > 0) {
    const index = Number(cell[1]);
    return `allocations[${Math.floor(index / yearCount)}][${index % yearCount}]`;
  }
  if (field === 'allocations' || field === 'criteria' || field === 'axes') return null;
  return field;
}

/** What a locked call may still change: its texts and a later closing date. */
export interface CallTextEdits {
  title: string;
  description: string;
  titleEn: string;
  descriptionEn: string;
  closesAt: string;
}

/**
 * The update body of a locked call: everything locked is sent back exactly as read (the server
 * compares it and answers 409 naming any difference), with the edited texts and closing date.
 */
export function lockedCallInput(call: CallView, edits: CallTextEdits): CallInput {
  return {
    code: call.code,
    title: edits.title.trim(),
    description: edits.description,
    titleEn: edits.titleEn.trim(),
    descriptionEn: edits.descriptionEn,
    opensAt: call.opensAt,
    closesAt: edits.closesAt,
    years: [...call.years],
    envelopeCents: call.envelopeCents,
    axes: call.axes.map(({ code, labelFr, labelEn, description }) => ({ code, labelFr, labelEn, description })),
    allocations: call.allocations.map(({ axisCode, year, amountCents }) => ({ axisCode, year, amountCents })),
    criteria: call.criteria.map(({ code, labelFr, labelEn, description, weight, maxScore }) => ({ code, labelFr, labelEn, description, weight, maxScore })),
    paymentRule: { advanceBasisPoints: call.paymentRule.advanceBasisPoints },
    reviewersPerApplication: call.reviewersPerApplication,
  };
}
