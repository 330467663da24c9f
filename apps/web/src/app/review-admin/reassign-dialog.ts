import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import type { AssignmentView, ReviewerView } from '@tremplin/contracts';

export interface ReassignDialogData {
  assignment: AssignmentView;
  /** Active reviewers with their load in the call. */
  reviewers: ReviewerView[];
}

/** Picks the new reviewer of an assignment; the server checks ties, capacity and duplicates (400 naming the field). */
@Component({
  selector: 'tp-reassign-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatSelectModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ 'reviewAdmin.reassignDialog.title' | translate: { reference: data.assignment.reference ?? data.assignment.title } }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>{{ 'reviewAdmin.reassignDialog.intro' | translate: { reviewer: data.assignment.reviewerName } }}</p>
        <mat-form-field class="full">
          <mat-label>{{ 'reviewAdmin.reassignDialog.reviewer' | translate }}</mat-label>
          <mat-select id="reassign-reviewer" formControlName="reviewer" required>
            @for (r of candidates; track r.userId) {
              <mat-option [value]="r.userId">{{ r.fullName }} ({{ 'reviewAdmin.loads.value' | translate: { load: r.load ?? 0, capacity: r.profile.capacity } }})</mat-option>
            }
          </mat-select>
          <mat-error>{{ 'reviewAdmin.reassignDialog.required' | translate }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | translate }}</button>
        <button mat-flat-button type="submit">{{ 'reviewAdmin.reassignDialog.confirm' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `.full { width: 100%; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReassignDialog {
  protected readonly data = inject<ReassignDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ReassignDialog, string>>(MatDialogRef);
  protected readonly candidates = this.data.reviewers.filter((r) => r.userId !== this.data.assignment.reviewerId && r.profile.active && r.accountActive);
  protected readonly form = new FormGroup({ reviewer: new FormControl<string | null>(null, [Validators.required]) });

  protected confirm(): void {
    this.form.markAllAsTouched();
    const reviewer = this.form.controls.reviewer.value;
    if (reviewer) this.ref.close(reviewer);
  }
}
