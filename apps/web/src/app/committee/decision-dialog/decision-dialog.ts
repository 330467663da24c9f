import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { DecisionInput } from '@tremplin/contracts';
import {
  checkDecision, DECISION_OUTCOMES, DECISION_TEXT_MAX_LENGTH, formatEuros, isLineException, REJECTION_REASONS,
  type DecisionOutcome, type RejectionReason,
} from '@tremplin/domain';
import type { Observable } from 'rxjs';
import { errorDetails, readApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { centsToInput, inputToCents } from '../../shared/forms/euros';

export interface DecisionDialogData {
  /** The application's reference; null for a selection. */
  reference: string | null;
  count: number;
  /** What is asked each year (one application), prefilled as the amounts granted. Empty for a selection. */
  years: Array<{ year: number; requestedCents: number }>;
  /** Whether the application is above the strict cut line; null when unknown (a selection, or no ranking yet). */
  aboveCutLine: boolean | null;
  /** The decision so far (simulation), to edit it. */
  current: { outcome: DecisionOutcome; grants: Array<{ year: number; amountCents: number }>; waitlistRank: number | null; rejectionReason: RejectionReason | null; comment: string; lineExceptionReason: string | null } | null;
  /** Sends the decision; the dialog stays open on a refusal and shows it. */
  save: (input: Omit<DecisionInput, 'version'>) => Observable<unknown>;
}

/**
 * Records a committee decision: retained with amounts per year (never above the request), waitlisted
 * with a rank, or rejected with a reason. Checked with the server's own rule (libs/domain) first; a
 * refusal from the server (400 naming a field, 409 stale or over an allocation) is shown here.
 */
@Component({
  selector: 'tp-decision-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>
      {{ data.reference ? ('committee.dialog.title' | translate: { reference: data.reference }) : ('committee.dialog.batchTitle' | translate: { count: data.count }) }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <mat-radio-group formControlName="outcome" aria-labelledby="decision-outcome-label" class="outcomes">
          <span id="decision-outcome-label" class="label">{{ 'committee.dialog.outcome' | translate }}</span>
          @for (outcome of outcomes; track outcome) {
            <mat-radio-button [value]="outcome">{{ 'committee.outcomes.' + outcome | translate }}</mat-radio-button>
          }
        </mat-radio-group>

        @if (form.controls.outcome.value === 'retained') {
          @if (data.years.length) {
            <fieldset formArrayName="amounts">
              <legend>{{ 'committee.dialog.amounts' | translate }}</legend>
              @for (year of data.years; track year.year; let i = $index) {
                <mat-form-field class="amount">
                  <mat-label>{{ 'committee.dialog.amountFor' | translate: { year: year.year } }}</mat-label>
                  <input matInput [formControlName]="i" [id]="'decision-amount-' + year.year" inputmode="decimal" />
                  <span matTextSuffix>€</span>
                  <mat-hint>{{ 'committee.dialog.requestedHint' | translate: { amount: euros(year.requestedCents) } }}</mat-hint>
                  @if (errors()['grants[' + i + '].amountCents']; as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
              }
            </fieldset>
          } @else {
            <p>{{ 'committee.dialog.batchAmounts' | translate }}</p>
          }
          @if (errors()['grants']; as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
        }
        @if (form.controls.outcome.value === 'waitlisted') {
          <mat-form-field class="full">
            <mat-label>{{ 'committee.dialog.waitlistRank' | translate }}</mat-label>
            <input matInput type="number" min="1" step="1" formControlName="waitlistRank" id="decision-waitlist-rank" />
            @if (errors()['waitlistRank']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        }
        @if (form.controls.outcome.value === 'rejected') {
          <mat-form-field class="full">
            <mat-label>{{ 'committee.dialog.rejectionReason' | translate }}</mat-label>
            <mat-select formControlName="rejectionReason" id="decision-rejection-reason">
              @for (reason of reasons; track reason) {
                <mat-option [value]="reason">{{ 'committee.reasons.' + reason | translate }}</mat-option>
              }
            </mat-select>
            @if (errors()['rejectionReason']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        }
        @if (form.controls.outcome.value !== 'retained' || form.controls.comment.value) {
          <mat-form-field class="full">
            <mat-label>{{ 'committee.dialog.comment' | translate }}</mat-label>
            <textarea matInput formControlName="comment" id="decision-comment" rows="3" [maxlength]="maxLength"></textarea>
            <mat-hint>{{ 'committee.dialog.commentHint' | translate }}</mat-hint>
            @if (errors()['comment']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        }
        @if (needsLineException()) {
          <mat-form-field class="full">
            <mat-label>{{ 'committee.dialog.lineException' | translate }}</mat-label>
            <textarea matInput formControlName="lineExceptionReason" id="decision-line-exception" rows="2" [maxlength]="maxLength"></textarea>
            <mat-hint>{{ 'committee.dialog.lineExceptionHint' | translate }}</mat-hint>
            @if (errors()['lineExceptionReason']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        }
        @if (failure(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ 'committee.dialog.confirm' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full { width: 100%; }
    .amount { width: 100%; max-width: 16rem; margin-inline-end: 1rem; }
    fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
    legend, .label { font-weight: 500; margin-block-end: .5rem; }
    .outcomes { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin-block-end: 1rem; }
    .error { color: var(--mat-sys-error); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecisionDialog {
  protected readonly data = inject<DecisionDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<DecisionDialog, boolean>>(MatDialogRef);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);
  protected readonly outcomes = DECISION_OUTCOMES;
  protected readonly reasons = REJECTION_REASONS;
  protected readonly maxLength = DECISION_TEXT_MAX_LENGTH;
  /** Field → message, from the domain rule or the server. */
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal<string | null>(null);
  protected readonly saving = signal(false);

  protected readonly form = new FormGroup({
    outcome: new FormControl<DecisionOutcome | null>(this.data.current?.outcome ?? null),
    amounts: new FormArray(this.data.years.map((y) => {
      const granted = this.data.current?.grants.find((g) => g.year === y.year)?.amountCents;
      return new FormControl(centsToInput(granted ?? y.requestedCents, this.language.lang()), { nonNullable: true });
    })),
    waitlistRank: new FormControl<number | null>(this.data.current?.waitlistRank ?? null),
    rejectionReason: new FormControl<RejectionReason | null>(this.data.current?.rejectionReason ?? null),
    comment: new FormControl(this.data.current?.comment ?? '', { nonNullable: true }),
    lineExceptionReason: new FormControl(this.data.current?.lineExceptionReason ?? '', { nonNullable: true }),
  });

  protected euros(cents: number): string {
    return formatEuros(cents, this.language.lang());
  }

  /** Asked when the outcome departs from the ranking, or when the place is unknown (the server decides then). */
  protected needsLineException(): boolean {
    const outcome = this.form.controls.outcome.value;
    if (!outcome || outcome === 'waitlisted') return false;
    return this.data.aboveCutLine === null || isLineException(outcome, this.data.aboveCutLine);
  }

  private input(): Omit<DecisionInput, 'version'> | null {
    const v = this.form.getRawValue();
    if (!v.outcome) return null;
    const grants = v.outcome === 'retained' && this.data.years.length
      ? this.data.years.map((y, i) => ({ year: y.year, amountCents: inputToCents(v.amounts[i] ?? '', 0) ?? Number.NaN }))
      : undefined;
    return {
      outcome: v.outcome,
      ...(grants ? { grants } : {}),
      ...(v.outcome === 'waitlisted' ? { waitlistRank: v.waitlistRank } : {}),
      ...(v.outcome === 'rejected' ? { rejectionReason: v.rejectionReason } : {}),
      comment: v.comment.trim(),
      ...(this.needsLineException() && v.lineExceptionReason.trim() ? { lineExceptionReason: v.lineExceptionReason.trim() } : {}),
    };
  }

  protected confirm(): void {
    this.failure.set(null);
    const input = this.input();
    if (!input) {
      this.errors.set({});
      this.failure.set(this.translate.instant('committee.dialog.errors.DECISION_OUTCOME_INVALID') as string);
      return;
    }
    // One application: the server's own rule first, on the amounts asked (a selection is checked by the server).
    if (this.data.years.length) {
      const { issues } = checkDecision(input, {
        requested: this.data.years.map((y) => ({ year: y.year, amountCents: y.requestedCents })),
        aboveCutLine: this.data.aboveCutLine ?? true,
      });
      const relevant = issues.filter((i) => this.data.aboveCutLine !== null || i.field !== 'lineExceptionReason');
      if (relevant.length) {
        this.showErrors(Object.fromEntries(relevant.map((i) => [i.field, this.message(i.code, i.params)])));
        this.failure.set(this.translate.instant('committee.dialog.fix') as string);
        return;
      }
    }
    this.errors.set({});
    this.saving.set(true);
    this.data.save(input).subscribe({
      next: () => this.ref.close(true),
      error: (error: unknown) => {
        this.saving.set(false);
        const details = errorDetails(error);
        this.showErrors(Object.fromEntries(details.map((d) => [d.field.replace(/^items\[\d+\]\./, ''), d.message])));
        this.failure.set(readApiError(error)?.message ?? (this.translate.instant('errors.unexpected') as string));
      },
    });
  }

  /** Marks each named field invalid (its next edit clears it), so that its mat-error shows and is announced. */
  private showErrors(errors: Record<string, string>): void {
    this.errors.set(errors);
    for (const field of Object.keys(errors)) {
      const grant = /^grants\[(\d+)\]\.amountCents$/.exec(field);
      const control = grant ? this.form.controls.amounts.at(Number(grant[1])) : this.form.get(field);
      control?.setErrors({ decision: true });
      control?.markAsTouched();
    }
  }

  private message(code: string, params?: Record<string, string | number>): string {
    const filled: Record<string, string | number> = { ...params };
    if (typeof params?.['requestedCents'] === 'number') filled['amount'] = this.euros(params['requestedCents']);
    return this.translate.instant(`committee.dialog.errors.${code}`, filled) as string;
  }
}
