import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { AmendmentRequest, AmendmentYearDiff, ConventionView } from '@tremplin/contracts';
import type { Observable } from 'rxjs';
import { errorDetails } from '../../core/http/api-error';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { centsToInput, eurosValidator, inputToCents } from '../../shared/forms/euros';
import { SignedEurosPipe } from './signed-euros.pipe';

export interface AmendmentDialogData {
  convention: Pick<ConventionView, 'number' | 'years' | 'version'>;
  save: (body: AmendmentRequest) => Observable<ConventionView>;
}

/**
 * An amendment (avenant): new yearly amounts and a reason. Before anything is sent, the dialog shows the
 * difference year by year; the server commits the difference against the cells (409 naming the cell).
 */
@Component({
  selector: 'tp-amendment-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, EurosPipe, SignedEurosPipe],
  template: `
    @let lang = language.lang();
    <h2 mat-dialog-title>{{ 'conventions.amendment.title' | translate: { number: data.convention.number } }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (diff(); as rows) {
          <h3 #reviewHeading tabindex="-1" class="review-heading">{{ 'conventions.amendment.review' | translate }}</h3>
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
  protected readonly failure = signal<string | null>(null);
  protected readonly saving = signal(false);
  private readonly serverErrors = signal<Record<number, string>>({});

  protected readonly form = new FormGroup({
    amounts: new FormArray(this.data.convention.years.map((y) => new FormControl(centsToInput(y.amountCents, this.language.lang()), { nonNullable: true, validators: [eurosValidator()] }))),
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
    if (rows.every((r) => r.afterCents === r.beforeCents)) {
      this.failure.set(this.translate.instant('conventions.amendment.noChange') as string);
      return;
    }
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
    const body: AmendmentRequest = {
      reason: this.form.controls.reason.value.trim(),
      years: rows.map((r) => ({ year: r.year, amountCents: r.afterCents })),
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
