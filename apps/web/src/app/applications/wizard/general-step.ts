import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { AxisView, Lang } from '@tremplin/contracts';
import { LabelPipe } from '../../shared/format/label.pipe';
import { errorMessage } from '../../shared/forms/describe-errors';
import { LIMITS, type ApplicationForm } from './application-form';

/** Step 1: axis, title, summary. */
@Component({
  selector: 'tp-general-step',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe, LabelPipe],
  template: `
    <h2>{{ 'wizard.steps.general' | translate }}</h2>
    <p class="muted">{{ 'wizard.general.intro' | translate }}</p>
    <div [formGroup]="form()">
      <mat-form-field class="full">
        <mat-label>{{ 'applicationFields.axisCode' | translate }}</mat-label>
        <mat-select id="f-axisCode" formControlName="axisCode" required>
          @for (axis of axes(); track axis.code) {
            <mat-option [value]="axis.code">{{ axis | label: lang() }}</mat-option>
          }
        </mat-select>
        @if (axisLocked()) {
          <mat-hint>{{ 'wizard.general.axisLocked' | translate }}</mat-hint>
        }
        <mat-error>{{ msg(form().controls.axisCode) }}</mat-error>
      </mat-form-field>
      <mat-form-field class="full">
        <mat-label>{{ 'applicationFields.title' | translate }}</mat-label>
        <input matInput id="f-title" formControlName="title" required [maxlength]="limits.title" />
        <mat-error>{{ msg(form().controls.title) }}</mat-error>
      </mat-form-field>
      <mat-form-field class="full">
        <mat-label>{{ 'applicationFields.summary' | translate }}</mat-label>
        <textarea matInput id="f-summary" formControlName="summary" rows="6" [maxlength]="limits.text"></textarea>
        <mat-hint>{{ 'wizard.general.summaryHint' | translate }}</mat-hint>
        <mat-error>{{ msg(form().controls.summary) }}</mat-error>
      </mat-form-field>
    </div>
  `,
  styles: `
    .full {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GeneralStep {
  readonly form = input.required<ApplicationForm>();
  readonly axes = input.required<readonly AxisView[]>();
  readonly lang = input.required<Lang>();
  readonly axisLocked = input(false);

  private readonly translate = inject(TranslateService);
  protected readonly limits = LIMITS;

  protected msg(control: AbstractControl): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }
}
