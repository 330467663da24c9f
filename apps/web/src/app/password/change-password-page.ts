import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AuthService } from '../core/auth/auth.service';
import { readApiError } from '../core/http/api-error';
import { Notifier } from '../core/http/notifier.service';
import { ErrorSummary, type SummaryError } from '../shared/error-summary/error-summary';
import { collectErrors } from '../shared/forms/collect-errors';
import { describeErrors, errorMessage } from '../shared/forms/describe-errors';
import { PasswordField } from '../shared/forms/password-field';
import { PASSWORD_MIN_LENGTH } from '../shared/forms/password-strength';
import { applyServerErrors } from '../shared/forms/server-errors';

/** `/mon-compte/mot-de-passe`: the current password, then the new one. Every other session of the account ends. */
@Component({
  selector: 'tp-change-password-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, TranslatePipe, ErrorSummary, PasswordField],
  template: `
    <div class="page narrow">
      <h1>{{ 'passwordReset.changeTitle' | translate }}</h1>
      <p>{{ 'passwordReset.changeIntro' | translate }}</p>
      <tp-error-summary [errors]="summary()" [title]="'forms.summaryTitle' | translate" />
      <div role="status" aria-live="polite">
        @if (changed()) {
          <div class="notice ok" data-testid="password-changed">
            <mat-icon svgIcon="check_circle" aria-hidden="true" />
            <p>{{ 'passwordReset.changed' | translate }}</p>
          </div>
        }
      </div>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <p class="muted">{{ 'common.requiredHint' | translate }}</p>
        <mat-form-field class="full">
          <mat-label>{{ 'passwordReset.currentPassword' | translate }}</mat-label>
          <input
            matInput
            id="f-currentPassword"
            [type]="showCurrent() ? 'text' : 'password'"
            formControlName="currentPassword"
            autocomplete="current-password"
            required
          />
          <button
            mat-icon-button
            matSuffix
            type="button"
            (click)="showCurrent.set(!showCurrent())"
            [attr.aria-pressed]="showCurrent()"
            [attr.aria-label]="'login.showPassword' | translate"
          >
            <mat-icon [svgIcon]="showCurrent() ? 'visibility_off' : 'visibility'" aria-hidden="true" />
          </button>
          <mat-error>{{ currentMessage() }}</mat-error>
        </mat-form-field>
        <tp-password-field [control]="form.controls.newPassword" fieldId="f-newPassword" label="passwordReset.newPassword" />
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="submitting()">
            <mat-icon svgIcon="key" aria-hidden="true" />{{ 'passwordReset.save' | translate }}
          </button>
        </div>
      </form>
    </div>
  `,
  styleUrl: './password-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordPage {
  private readonly auth = inject(AuthService);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);

  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    newPassword: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(200)] }),
  });
  protected readonly summary = signal<SummaryError[]>([]);
  protected readonly submitting = signal(false);
  protected readonly changed = signal(false);
  protected readonly showCurrent = signal(false);

  private readonly labelOf = (path: ReadonlyArray<string | number>): string => this.translate.instant(`passwordReset.${String(path[0])}`) as string;

  protected currentMessage(): string {
    const errors = this.form.controls.currentPassword.errors;
    return errors ? errorMessage(errors, this.translate) : '';
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    this.changed.set(false);
    if (this.form.invalid) {
      this.summary.set(describeErrors(collectErrors(this.form), this.translate, this.labelOf));
      return;
    }
    this.summary.set([]);
    this.submitting.set(true);
    this.auth.changePassword(this.form.getRawValue()).subscribe({
      next: () => {
        this.submitting.set(false);
        this.form.reset();
        this.changed.set(true);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const api = readApiError(error);
        const unmatched = applyServerErrors(this.form, api?.details ?? []);
        const summary = describeErrors(collectErrors(this.form), this.translate, this.labelOf);
        if (unmatched.length > 0 || summary.length === 0) summary.unshift({ message: api?.message ?? this.notifier.messageOf(error) });
        this.summary.set(summary);
      },
    });
  }
}
