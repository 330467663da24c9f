import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelect, MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import type { DeclareConflictResult } from '@tremplin/contracts';
import { TIE_COMMENT_MAX_LENGTH, TIE_KINDS, type TieKind } from '@tremplin/domain';
import { Notifier } from '../../core/http/notifier.service';
import { ReviewsApi } from '../reviews-api';

export interface LateConflictDialogData {
  assignmentId: string;
  title: string;
  organizationName: string;
  /** A submitted review leaves the consolidated score; a draft is simply dropped. */
  submitted: boolean;
}

/** Blank or spaces only: the reason must say something. */
function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value.trim() ? null : { required: true };
}

/**
 * A conflict of interest found on an accepted assignment (draft or submitted review): says what follows,
 * asks the kind and a written reason, and sends the declaration itself, so that a refusal (409 once the
 * axis's committee session is open) is read in the dialog, next to the choice it refuses.
 */
@Component({
  selector: 'tp-late-conflict-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ 'reviewForm.conflict.title' | translate }}</h2>
    <mat-dialog-content>
      <p>{{ 'reviewForm.conflict.intro' | translate: { title: data.title, organization: data.organizationName } }}</p>
      <ul class="consequences" data-testid="conflict-consequences">
        @if (data.submitted) {
          <li>{{ 'reviewForm.conflict.leavesScore' | translate }}</li>
        } @else {
          <li>{{ 'reviewForm.conflict.dropsDraft' | translate }}</li>
        }
        <li>{{ 'reviewForm.conflict.reassigned' | translate }}</li>
        <li>{{ 'reviewForm.conflict.loseAccess' | translate }}</li>
        <li>{{ 'reviewForm.conflict.tieRecorded' | translate }}</li>
      </ul>
      @if (error(); as message) {
        <p #errorBox class="notice error" role="alert" tabindex="-1" data-testid="conflict-error">{{ message }}</p>
      }
      <form [formGroup]="form" id="late-conflict-form" (ngSubmit)="declare()" novalidate>
        <mat-form-field class="full">
          <mat-label>{{ 'reviewForm.conflict.kind' | translate }}</mat-label>
          <mat-select formControlName="kind" id="late-conflict-kind" required>
            @for (kind of kinds; track kind) {
              <mat-option [value]="kind">{{ 'reviewQueue.kinds.' + kind | translate }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ 'reviewForm.conflict.kindRequired' | translate }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>{{ 'reviewForm.conflict.reason' | translate }}</mat-label>
          <textarea matInput #reason formControlName="comment" id="late-conflict-reason" rows="3" required [maxlength]="maxLength"></textarea>
          <mat-hint>{{ 'reviewForm.conflict.reasonHint' | translate }}</mat-hint>
          <mat-error>{{ 'reviewForm.conflict.reasonRequired' | translate }}</mat-error>
        </mat-form-field>
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <!-- Cancel first: the safe choice. -->
      <button mat-button type="button" [disabled]="busy()" [mat-dialog-close]="undefined">{{ 'reviewForm.cancel' | translate }}</button>
      <button mat-flat-button type="submit" form="late-conflict-form" [disabled]="busy()">{{ 'reviewForm.conflict.confirm' | translate }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .full { width: 100%; }
    .consequences { margin: 0 0 1rem; padding-left: 1.25rem; }
    .consequences li { margin-bottom: 0.25rem; }
    .notice.error { padding: 0.5rem 0.75rem; border: 1px solid #b3261e; border-radius: 8px; color: #8c1d18; background: #fdecea; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LateConflictDialog {
  protected readonly data = inject<LateConflictDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<LateConflictDialog, DeclareConflictResult>>(MatDialogRef);
  private readonly api = inject(ReviewsApi);
  private readonly notifier = inject(Notifier);
  private readonly kindSelect = viewChild.required(MatSelect);
  private readonly reasonInput = viewChild.required<ElementRef<HTMLTextAreaElement>>('reason');
  private readonly errorBox = viewChild<ElementRef<HTMLElement>>('errorBox');

  protected readonly kinds = TIE_KINDS;
  protected readonly maxLength = TIE_COMMENT_MAX_LENGTH;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    kind: new FormControl<TieKind | null>(null, [Validators.required]),
    comment: new FormControl('', { nonNullable: true, validators: [notBlank, Validators.maxLength(TIE_COMMENT_MAX_LENGTH)] }),
  });

  protected declare(): void {
    if (this.busy()) return;
    this.form.markAllAsTouched();
    const { kind, comment } = this.form.getRawValue();
    if (!kind) {
      this.kindSelect().focus();
      return;
    }
    if (this.form.invalid) {
      this.reasonInput().nativeElement.focus();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.ref.disableClose = true;
    this.api.declareConflict(this.data.assignmentId, { kind, comment: comment.trim() }).subscribe({
      next: (result) => this.ref.close(result),
      error: (error: unknown) => {
        this.busy.set(false);
        this.ref.disableClose = false;
        // The API's message, in the UI's language (409 CONFLICT_DECLARATION_CLOSED once the committee sits).
        this.error.set(this.notifier.messageOf(error));
        // Read at once, then the reviewer cancels or tries again.
        setTimeout(() => this.errorBox()?.nativeElement.focus());
      },
    });
  }
}
