import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { CallView, Lang } from '@tremplin/contracts';
import { readApiError } from '../../core/http/api-error';
import { Notifier } from '../../core/http/notifier.service';
import { isoToParisLocalInput, parisLocalInputToIso } from '../../core/i18n/paris-time';
import { CallsApi } from '../../shared/calls/calls-api';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { errorMessage } from '../../shared/forms/describe-errors';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { lockedCallInput } from '../call-form';

/** The closing date may move later, never earlier (applicants planned on it). */
function notEarlierThan(current: () => string): (control: AbstractControl) => ValidationErrors | null {
  return (control) => {
    const value = control.value as string;
    return value && current() && value < current() ? { closesEarlier: true } : null;
  };
}

/**
 * A call whose structure is locked (applications exist), as a summary: axes, allocations and grid in
 * read-only tables; its texts (French and English) and a later closing date can still be edited.
 */
@Component({
  selector: 'tp-locked-call',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, TranslatePipe, EurosPipe, ParisDatePipe],
  templateUrl: './locked-call.html',
  styleUrl: './locked-call.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LockedCall {
  readonly call = input.required<CallView>();
  readonly lang = input.required<Lang>();
  readonly saved = output<CallView>();
  readonly conflict = output<void>();

  private readonly api = inject(CallsApi);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);

  private currentCloses = '';
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(3), Validators.maxLength(200)] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(10000)] }),
    titleEn: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
    descriptionEn: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(10000)] }),
    closesAt: new FormControl('', { nonNullable: true, validators: [Validators.required, notEarlierThan(() => this.currentCloses)] }),
  });
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly years = computed(() => [...this.call().years].sort((a, b) => a - b));
  /** Allocation matrix: one row per axis, one cell per year, with totals. */
  protected readonly matrix = computed(() => {
    const call = this.call();
    const years = this.years();
    const amount = (axisCode: string, year: number) => call.allocations.find((a) => a.axisCode === axisCode && a.year === year)?.amountCents ?? 0;
    const rows = call.axes.map((axis) => ({ axis, cells: years.map((y) => amount(axis.code, y)), total: axis.envelopeCents }));
    const yearTotals = years.map((y) => call.allocations.filter((a) => a.year === y).reduce((sum, a) => sum + a.amountCents, 0));
    return { rows, yearTotals };
  });

  constructor() {
    effect(() => {
      const call = this.call();
      untracked(() => this.reset(call));
    });
  }

  private reset(call: CallView): void {
    this.currentCloses = isoToParisLocalInput(call.closesAt);
    this.form.reset({ title: call.title, description: call.description, titleEn: call.titleEn, descriptionEn: call.descriptionEn, closesAt: this.currentCloses });
    this.error.set(null);
  }

  protected msg(control: AbstractControl): string {
    if (control.errors?.['closesEarlier']) return this.translate.instant('callTexts.closesEarlier') as string;
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }

  protected label(labels: { labelFr: string; labelEn: string }): string {
    return this.lang() === 'en' ? labels.labelEn : labels.labelFr;
  }

  protected save(): void {
    this.error.set(null);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const call = this.call();
    const v = this.form.getRawValue();
    const body = lockedCallInput(call, { ...v, closesAt: parisLocalInputToIso(v.closesAt) ?? '' });
    this.saving.set(true);
    this.api.update(call.id, { ...body, version: call.version }).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.notifier.success(this.translate.instant('callEditor.saved') as string);
        this.saved.emit(saved);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const api = readApiError(error);
        if (api?.code === 'STALE_VERSION') {
          this.conflict.emit();
          return;
        }
        applyServerErrors(this.form, api?.details ?? []);
        this.error.set(api?.message ?? this.notifier.messageOf(error));
      },
    });
  }
}
