import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslatePipe } from '@ngx-translate/core';
import type { ReviewerProfileRequest, ReviewerView } from '@tremplin/contracts';
import { TERRITORIES, TERRITORY_LABELS, type Territory } from '@tremplin/contracts/organizations';
import { REVIEWER_CAPACITY_MAX } from '@tremplin/domain';

export interface ReviewerProfileDialogData {
  reviewer: ReviewerView;
  /** Axis codes of the calls, with a label. */
  axes: Array<{ code: string; label: string }>;
}

/** Edits a reviewer's expertise, capacity and availability; closes with the request (version included). */
@Component({
  selector: 'tp-reviewer-profile-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ 'reviewAdmin.reviewers.dialogTitle' | translate: { name: data.reviewer.fullName } }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="full">
          <mat-label>{{ 'reviewAdmin.reviewers.axes' | translate }}</mat-label>
          <mat-select id="profile-axes" formControlName="axisCodes" multiple>
            @for (axis of data.axes; track axis.code) {
              <mat-option [value]="axis.code">{{ axis.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>{{ 'reviewAdmin.reviewers.territories' | translate }}</mat-label>
          <mat-select id="profile-territories" formControlName="territories" multiple>
            @for (t of territories; track t) {
              <mat-option [value]="t">{{ territoryLabels[t] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>{{ 'reviewAdmin.reviewers.capacity' | translate }}</mat-label>
          <input matInput id="profile-capacity" type="number" inputmode="numeric" min="0" [max]="maxCapacity" formControlName="capacity" required />
          <mat-hint>{{ 'reviewAdmin.reviewers.capacityHint' | translate }}</mat-hint>
          <mat-error>{{ 'reviewAdmin.reviewers.capacityInvalid' | translate }}</mat-error>
        </mat-form-field>
        <mat-slide-toggle id="profile-active" formControlName="active">{{ 'reviewAdmin.reviewers.active' | translate }}</mat-slide-toggle>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | translate }}</button>
        <button mat-flat-button type="submit">{{ 'reviewAdmin.reviewers.save' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `.full { width: 100%; } mat-slide-toggle { display: block; margin: 0.5rem 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewerProfileDialog {
  protected readonly data = inject<ReviewerProfileDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ReviewerProfileDialog, ReviewerProfileRequest>>(MatDialogRef);
  protected readonly territories = TERRITORIES;
  protected readonly territoryLabels = TERRITORY_LABELS;
  protected readonly maxCapacity = REVIEWER_CAPACITY_MAX;
  protected readonly form = new FormGroup({
    axisCodes: new FormControl<string[]>([...this.data.reviewer.profile.axisCodes], { nonNullable: true }),
    territories: new FormControl<Territory[]>([...this.data.reviewer.profile.territories], { nonNullable: true }),
    capacity: new FormControl<number>(this.data.reviewer.profile.capacity, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(0), Validators.max(REVIEWER_CAPACITY_MAX), Validators.pattern(/^\d+$/)],
    }),
    active: new FormControl<boolean>(this.data.reviewer.profile.active, { nonNullable: true }),
  });

  protected save(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const value = this.form.getRawValue();
    this.ref.close({ ...value, capacity: Number(value.capacity), version: this.data.reviewer.profile.version });
  }
}
