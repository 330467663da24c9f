import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import { ADMISSIBILITY_COMMENT_MAX_LENGTH, INADMISSIBILITY_REASONS, type InadmissibilityReason } from '@tremplin/domain';

export interface AdmissibilityDialogData {
  admissible: boolean;
  /** How many applications the decision applies to (1 from the application page). */
  count: number;
}

/** What the dialog closes with when confirmed (the caller adds the version or the ids). */
export interface AdmissibilityChoice {
  admissible: boolean;
  reason?: InadmissibilityReason;
  comment?: string;
}

/**
 * Confirms an admissibility decision. Inadmissible needs a reason from the list and a comment (both go
 * into the letter to the association): the same rule as the server's, checked here first.
 */
@Component({
  selector: 'tp-admissibility-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>
      {{ (data.admissible ? 'admissibility.dialog.admissibleTitle' : 'admissibility.dialog.inadmissibleTitle') | translate: { count: data.count } }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>{{ (data.admissible ? 'admissibility.dialog.admissibleIntro' : 'admissibility.dialog.inadmissibleIntro') | translate: { count: data.count } }}</p>
        @if (!data.admissible) {
          <mat-form-field class="full">
            <mat-label>{{ 'admissibility.dialog.reason' | translate }}</mat-label>
            <mat-select formControlName="reason" id="admissibility-reason" required>
              @for (reason of reasons; track reason) {
                <mat-option [value]="reason">{{ 'admissibility.reasons.' + reason | translate }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ 'admissibility.dialog.reasonRequired' | translate }}</mat-error>
          </mat-form-field>
          <mat-form-field class="full">
            <mat-label>{{ 'admissibility.dialog.comment' | translate }}</mat-label>
            <textarea matInput formControlName="comment" id="admissibility-comment" rows="5" required [maxlength]="maxLength"></textarea>
            <mat-hint>{{ 'admissibility.dialog.commentHint' | translate }}</mat-hint>
            <mat-error>{{ 'admissibility.dialog.commentRequired' | translate }}</mat-error>
          </mat-form-field>
        }
        @if (invalid()) {
          <p class="error" role="alert">{{ 'admissibility.dialog.fix' | translate }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | translate }}</button>
        <button mat-flat-button type="submit">
          {{ (data.admissible ? 'admissibility.markAdmissible' : 'admissibility.markInadmissible') | translate }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full { width: 100%; }
    .error { color: var(--mat-sys-error); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdmissibilityDialog {
  protected readonly data = inject<AdmissibilityDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<AdmissibilityDialog, AdmissibilityChoice>>(MatDialogRef);
  protected readonly reasons = INADMISSIBILITY_REASONS;
  protected readonly maxLength = ADMISSIBILITY_COMMENT_MAX_LENGTH;
  protected readonly invalid = signal(false);

  protected readonly form = new FormGroup({
    reason: new FormControl<InadmissibilityReason | null>(null, this.data.admissible ? [] : [Validators.required]),
    comment: new FormControl('', {
      nonNullable: true,
      // A comment of spaces only says nothing: the server refuses it too.
      validators: this.data.admissible ? [] : [Validators.required, Validators.pattern(/\S/), Validators.maxLength(ADMISSIBILITY_COMMENT_MAX_LENGTH)],
    }),
  });

  protected confirm(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.invalid.set(true);
      return;
    }
    const { reason, comment } = this.form.getRawValue();
    this.ref.close(this.data.admissible ? { admissible: true } : { admissible: false, reason: reason ?? undefined, comment: comment.trim() });
  }
}
