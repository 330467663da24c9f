import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import type { AssignmentView } from '@tremplin/contracts';

/** A new due date (after today, checked again by the server). */
@Component({
  selector: 'tp-due-date-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ 'reviewAdmin.dueDialog.title' | translate: { reference: data.reference ?? data.title } }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="full">
          <mat-label>{{ 'reviewAdmin.dueDialog.dueOn' | translate }}</mat-label>
          <input matInput id="due-on" type="date" formControlName="dueOn" required />
          <mat-error>{{ 'reviewAdmin.dueDialog.required' | translate }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | translate }}</button>
        <button mat-flat-button type="submit">{{ 'reviewAdmin.dueDialog.confirm' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `.full { width: 100%; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DueDateDialog {
  protected readonly data = inject<AssignmentView>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<DueDateDialog, string>>(MatDialogRef);
  protected readonly form = new FormGroup({
    dueOn: new FormControl(this.data.dueOn, { nonNullable: true, validators: [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)] }),
  });

  protected confirm(): void {
    this.form.markAllAsTouched();
    if (this.form.valid) this.ref.close(this.form.controls.dueOn.value);
  }
}
