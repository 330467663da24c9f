import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import type { ReviewQueueItemView } from '@tremplin/contracts';
import { TIE_COMMENT_MAX_LENGTH, TIE_KINDS, type TieKind } from '@tremplin/domain';

/** What the reviewer chose: no conflict (accept), or a conflict with its kind. */
export type AssignmentOpenChoice = { accept: true } | { accept: false; kind: TieKind; comment: string };

/**
 * The screen before an assignment opens: only the organisation's name, the axis and the title, then
 * « no tie: I accept » or « I declare a conflict » (kind + optional comment).
 */
@Component({
  selector: 'tp-assignment-open-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ 'reviewQueue.dialog.title' | translate }}</h2>
    <mat-dialog-content>
      <p>{{ 'reviewQueue.dialog.intro' | translate }}</p>
      <dl class="facts">
        <dt>{{ 'reviewQueue.dialog.organization' | translate }}</dt>
        <dd data-testid="open-organization">{{ item.organizationName }}</dd>
        <dt>{{ 'reviewQueue.dialog.project' | translate }}</dt>
        <dd>{{ item.title }}</dd>
        <dt>{{ 'reviewQueue.dialog.axis' | translate }}</dt>
        <dd>{{ item.axisLabel }}</dd>
        <dt>{{ 'reviewQueue.dialog.call' | translate }}</dt>
        <dd>{{ item.callTitle }}</dd>
      </dl>
      @if (declaring()) {
        <form [formGroup]="form" id="conflict-form" (ngSubmit)="declare()" novalidate>
          <p>{{ 'reviewQueue.dialog.conflictHint' | translate }}</p>
          <mat-form-field class="full">
            <mat-label>{{ 'reviewQueue.dialog.kind' | translate }}</mat-label>
            <mat-select formControlName="kind" id="conflict-kind" required>
              @for (kind of kinds; track kind) {
                <mat-option [value]="kind">{{ 'reviewQueue.kinds.' + kind | translate }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ 'reviewQueue.dialog.kindRequired' | translate }}</mat-error>
          </mat-form-field>
          <mat-form-field class="full">
            <mat-label>{{ 'reviewQueue.dialog.comment' | translate }}</mat-label>
            <textarea matInput formControlName="comment" id="conflict-comment" rows="3" [maxlength]="maxLength"></textarea>
          </mat-form-field>
        </form>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | translate }}</button>
      @if (declaring()) {
        <button mat-flat-button type="submit" form="conflict-form">{{ 'reviewQueue.dialog.confirmConflict' | translate }}</button>
      } @else {
        <button mat-stroked-button type="button" (click)="declaring.set(true)">{{ 'reviewQueue.dialog.declare' | translate }}</button>
        <button mat-flat-button type="button" (click)="accept()">{{ 'reviewQueue.dialog.noConflict' | translate }}</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .full { width: 100%; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
    .facts dt { font-weight: 600; }
    .facts dd { margin: 0; }
    @media (max-width: 480px) { .facts { grid-template-columns: 1fr; } .facts dd { margin-bottom: 0.5rem; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignmentOpenDialog {
  protected readonly item = inject<ReviewQueueItemView>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<AssignmentOpenDialog, AssignmentOpenChoice>>(MatDialogRef);
  protected readonly kinds = TIE_KINDS;
  protected readonly maxLength = TIE_COMMENT_MAX_LENGTH;
  protected readonly declaring = signal(false);
  protected readonly form = new FormGroup({
    kind: new FormControl<TieKind | null>(null, [Validators.required]),
    comment: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(TIE_COMMENT_MAX_LENGTH)] }),
  });

  protected accept(): void {
    this.ref.close({ accept: true });
  }

  protected declare(): void {
    this.form.markAllAsTouched();
    const { kind, comment } = this.form.getRawValue();
    if (this.form.invalid || !kind) return;
    this.ref.close({ accept: false, kind, comment: comment.trim() });
  }
}
