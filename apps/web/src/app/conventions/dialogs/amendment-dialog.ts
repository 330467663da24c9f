import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors, type ValidatorFn } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { AmendmentInstallmentDiff, AmendmentRequest, AmendmentYearDiff, ConventionView, InstallmentView } from '@tremplin/contracts';
import type { Observable } from 'rxjs';
import { errorDetails } from '../../core/http/api-error';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { centsToInput, eurosValidator, inputToCents } from '../../shared/forms/euros';
import { SignedEurosPipe } from './signed-euros.pipe';

export interface AmendmentDialogData {
  convention: Pick<ConventionView, 'number' | 'years' | 'version'>;
  /** The convention's installments: the planned, unpaid ones get a date input (the server refuses the others). */
  installments?: ReadonlyArray<Pick<InstallmentView, 'year' | 'kind' | 'dueOn' | 'status' | 'paidCents'>>;
  save: (body: AmendmentRequest) => Observable<ConventionView>;
}

/**
 * An amendment (avenant): new yearly amounts and/or new due dates of the planned installments, and a reason.
 * Before anything is sent, the dialog shows the difference year by year and date by date; the server commits
 * the amounts' difference against the cells (409 naming the cell).
 */
@Component({
  selector: 'tp-amendment-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, EurosPipe, ParisDatePipe, SignedEurosPipe],
  template: `
    @let lang = language.lang();
    <h2 mat-dialog-title>{{ 'conventions.amendment.title' | translate: { number: data.convention.number } }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (diff(); as rows) {
          <h3 #reviewHeading tabindex="-1" class="review-heading">{{ 'conventions.amendment.review' | translate }}</h3>
          @if (amountsChanged()) {
            <div class="table-scroll" tabindex="0" role="region" [attr.aria-label]="'conventions.amendment.diffCaption' | translate">
              <table class="data" data-testid="amendment-diff">
                <caption>{{ 'conventions.amendment.diffCaption' | translate }}</caption>
                <thead>
                  <tr>
                    <th scope="col">{{ 'conventions.detail.year' | translate }}</th>
                    <th scope="col" class="num">{{ 'conventions.amendment.before' | translate }}</th>
                    <th scope="col" class="num">{{ 'conventions.amendment.after' | translate }}</th>
                    <th scope="col" class="num">{{ 'conventions.amendment.change' | translate }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (row of rows; track row.year) {
                    <tr>
                      <th scope="row">{{ row.year }}</th>
                      <td class="num">{{ row.beforeCents | euros: lang }}</td>
                      <td class="num">{{ row.afterCents | euros: lang }}</td>
                      <td class="num">{{ row.afterCents - row.beforeCents | signedEuros: lang }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
          @if (dateDiff().length) {
            <div class="table-scroll" tabindex="0" role="region" [attr.aria-label]="'conventions.amendment.datesCaption' | translate">
              <table class="data" data-testid="amendment-date-diff">
                <caption>{{ 'conventions.amendment.datesCaption' | translate }}</caption>
                <thead>
                  <tr>
                    <th scope="col">{{ 'conventions.amendment.installment' | translate }}</th>
                    <th scope="col">{{ 'conventions.amendment.before' | translate }}</th>
                    <th scope="col">{{ 'conventions.amendment.after' | translate }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (row of dateDiff(); track row.year + row.kind) {
                    <tr>
                      <th scope="row">{{ 'conventions.kinds.' + row.kind | translate }} {{ row.year }}</th>
                      <td>{{ row.beforeDueOn | parisDate: lang : 'date' }}</td>
                      <td>{{ row.afterDueOn | parisDate: lang : 'date' }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
          <p><strong>{{ 'conventions.amendment.reason' | translate }}{{ 'common.colon' | translate }}</strong> {{ form.controls.reason.value }}</p>
        } @else {
          <fieldset formArrayName="amounts">
            <legend>{{ 'conventions.amendment.amounts' | translate }}</legend>
            @for (year of data.convention.years; track year.year; let i = $index) {
              <mat-form-field class="amount">
                <mat-label>{{ 'conventions.amendment.amountFor' | translate: { year: year.year } }}</mat-label>
                <input matInput [formControlName]="i" [id]="'amendment-amount-' + year.year" inputmode="decimal" required />
                <span matTextSuffix>€</span>
                <mat-hint>{{ 'conventions.amendment.current' | translate: { amount: (year.amountCents | euros: lang) } }}</mat-hint>
                @if (amountError(i); as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
            }
          </fieldset>
          @if (movable.length) {
            <fieldset formArrayName="dates">
              <legend>{{ 'conventions.amendment.dates' | translate }}</legend>
              @for (i of movable; track i.year + i.kind; let n = $index) {
                <mat-form-field class="amount">
                  <mat-label>{{ 'conventions.amendment.dueOnFor' | translate: { kind: ('conventions.kinds.' + i.kind | translate), year: i.year } }}</mat-label>
                  <input matInput type="date" [formControlName]="n" [id]="'amendment-due-' + i.year + '-' + i.kind" [min]="range.from" [max]="range.to" required />
                  <mat-hint>{{ 'conventions.amendment.currentDate' | translate: { date: (i.dueOn | parisDate: lang : 'date') } }}</mat-hint>
                  @if (form.controls.dates.at(n).touched && form.controls.dates.at(n).invalid) {
                    <mat-error>{{ 'conventions.amendment.dateRange' | translate: { from: (range.from | parisDate: lang : 'date'), to: (range.to | parisDate: lang : 'date') } }}</mat-error>
                  }
                </mat-form-field>
              }
            </fieldset>
          }
          <mat-form-field class="full">
            <mat-label>{{ 'conventions.amendment.reason' | translate }}</mat-label>
            <textarea matInput id="amendment-reason" formControlName="reason" rows="3" required maxlength="2000"></textarea>
            <mat-hint>{{ 'conventions.transition.reasonHint' | translate }}</mat-hint>
            @if (form.controls.reason.touched && form.controls.reason.invalid) {
              <mat-error>{{ 'forms.minLength' | translate: { min: 5 } }}</mat-error>
            }
          </mat-form-field>
        }
        @if (failure(); as message) {
          <p class="notice error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | translate }}</button>
        @if (diff()) {
          <button mat-stroked-button type="button" (click)="edit()">{{ 'conventions.amendment.edit' | translate }}</button>
          <button mat-flat-button type="submit" [disabled]="saving()">{{ 'conventions.amendment.confirm' | translate }}</button>
        } @else {
          <button mat-flat-button type="submit">{{ 'conventions.amendment.check' | translate }}</button>
        }
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full { width: 100%; }
    .amount { width: 100%; max-width: 16rem; margin-inline-end: 1rem; }
    fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
    legend { font-weight: 500; margin-block-end: .5rem; }
    .review-heading { font-size: 1.05rem; margin: 0 0 .5rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AmendmentDialog {
  protected readonly data = inject<AmendmentDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<AmendmentDialog, ConventionView>>(MatDialogRef);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageService);
  private readonly reviewHeading = viewChild<ElementRef<HTMLElement>>('reviewHeading');

  /** The year-by-year change once checked (the review step), else null (editing). */
  protected readonly diff = signal<AmendmentYearDiff[] | null>(null);
  /** The due dates that move, once checked. */
  protected readonly dateDiff = signal<AmendmentInstallmentDiff[]>([]);
  protected readonly amountsChanged = signal(false);
  /** Only a planned, unpaid installment can move (installmentLifecycle has no way back from due). */
  protected readonly movable = (this.data.installments ?? []).filter((i) => i.status === 'planned' && i.paidCents === 0);
  /** The dates the server accepts: from the first year's 1 January to the end of the year after the last one. */
  protected readonly range = {
    from: `${this.data.convention.years[0]?.year ?? 2000}-01-01`,
    to: `${(this.data.convention.years.at(-1)?.year ?? 2000) + 1}-12-31`,
  };
  protected readonly failure = signal<string | null>(null);
  protected readonly saving = signal(false);
  private readonly serverErrors = signal<Record<number, string>>({});

  protected readonly form = new FormGroup({
    amounts: new FormArray(this.data.convention.years.map((y) => new FormControl(centsToInput(y.amountCents, this.language.lang()), { nonNullable: true, validators: [eurosValidator()] }))),
    dates: new FormArray(this.movable.map((i) => new FormControl(i.dueOn, { nonNullable: true, validators: [Validators.required, dateWithin(this.range)] }))),
    reason: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(5), Validators.maxLength(2000)] }),
  });

  protected amountError(index: number): string | null {
    const control = this.form.controls.amounts.at(index);
    if (!control.touched) return null;
    const server = this.serverErrors()[index];
    if (server) return server;
    if (control.errors?.['required']) return this.translate.instant('forms.required') as string;
    return control.invalid ? (this.translate.instant('forms.euros') as string) : null;
  }

  protected submit(): void {
    if (this.diff()) this.save();
    else this.check();
  }

  private check(): void {
    this.failure.set(null);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const rows = this.data.convention.years.map((y, i) => ({
      year: y.year,
      beforeCents: y.amountCents,
      afterCents: inputToCents(this.form.controls.amounts.at(i).value, 0) ?? 0,
    }));
    const dates = this.movable
      .map((i, n) => ({ year: i.year, kind: i.kind, beforeDueOn: i.dueOn, afterDueOn: this.form.controls.dates.at(n).value }))
      .filter((d) => d.afterDueOn !== d.beforeDueOn);
    const amountsChanged = rows.some((r) => r.afterCents !== r.beforeCents);
    if (!amountsChanged && !dates.length) {
      this.failure.set(this.translate.instant('conventions.amendment.noChange') as string);
      return;
    }
    this.amountsChanged.set(amountsChanged);
    this.dateDiff.set(dates);
    this.diff.set(rows);
    afterNextRender(() => this.reviewHeading()?.nativeElement.focus(), { injector: this.injector });
  }

  protected edit(): void {
    this.diff.set(null);
    this.failure.set(null);
  }

  private save(): void {
    const rows = this.diff();
    if (!rows || this.saving()) return;
    this.saving.set(true);
    this.failure.set(null);
    const dates = this.dateDiff();
    const body: AmendmentRequest = {
      reason: this.form.controls.reason.value.trim(),
      ...(this.amountsChanged() ? { years: rows.map((r) => ({ year: r.year, amountCents: r.afterCents })) } : {}),
      ...(dates.length ? { installments: dates.map((d) => ({ year: d.year, kind: d.kind, dueOn: d.afterDueOn })) } : {}),
      version: this.data.convention.version,
    };
    this.data.save(body).subscribe({
      next: (view) => this.ref.close(view),
      error: (error: unknown) => {
        this.saving.set(false);
        const byIndex: Record<number, string> = {};
        for (const detail of errorDetails(error)) {
          const match = /^years\[(\d+)\]/.exec(detail.field);
          if (match) byIndex[Number(match[1])] = detail.message;
        }
        this.serverErrors.set(byIndex);
        this.failure.set(this.notifier.messageOf(error));
      },
    });
  }
}

/** A YYYY-MM-DD day within [from, to] (an empty or partial date input gives '' or an invalid value). */
function dateWithin(range: { from: string; to: string }): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const value = control.value;
    if (!value) return null;
    return /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= range.from && value <= range.to ? null : { dateRange: true };
  };
}
