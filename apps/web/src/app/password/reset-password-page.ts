import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { readApiError } from '../core/http/api-error';
import { Notifier } from '../core/http/notifier.service';
import { ErrorSummary, type SummaryError } from '../shared/error-summary/error-summary';
import { collectErrors } from '../shared/forms/collect-errors';
import { describeErrors } from '../shared/forms/describe-errors';
import { PasswordField } from '../shared/forms/password-field';
import { PASSWORD_MIN_LENGTH } from '../shared/forms/password-strength';
import { applyServerErrors } from '../shared/forms/server-errors';
import { PasswordApi } from './password-api';

/** `/mot-de-passe/nouveau?token=`: the link of the reset mail. The new password follows the sign-up policy. */
@Component({
  selector: 'tp-reset-password-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatIconModule, TranslatePipe, ErrorSummary, PasswordField],
  template: `
    <div class="page narrow">
      <h1>{{ 'passwordReset.resetTitle' | translate }}</h1>
      @if (!token()) {
        <div class="notice error" role="alert">
          <mat-icon svgIcon="link_off" aria-hidden="true" />
          <p>{{ 'passwordReset.missingToken' | translate }}</p>
        </div>
        <p><a mat-flat-button routerLink="/mot-de-passe/oublie">{{ 'passwordReset.askAgain' | translate }}</a></p>
      } @else {
        <p>{{ 'passwordReset.resetIntro' | translate }}</p>
        <tp-error-summary [errors]="summary()" [title]="'forms.summaryTitle' | translate" />
        @if (linkInvalid()) {
          <p><a mat-stroked-button routerLink="/mot-de-passe/oublie">{{ 'passwordReset.askAgain' | translate }}</a></p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <p class="muted">{{ 'common.requiredHint' | translate }}</p>
          <tp-password-field [control]="form.controls.password" fieldId="f-password" label="passwordReset.newPassword" />
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="submitting()">
              <mat-icon svgIcon="key" aria-hidden="true" />{{ 'passwordReset.save' | translate }}
            </button>
          </div>
        </form>
      }
    </div>
  `,
  styleUrl: './password-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordPage {
  /** `?token=` (component input binding). */
  readonly token = input<string | undefined>();

  private readonly api = inject(PasswordApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);

  protected readonly form = new FormGroup({
    password: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(200)] }),
  });
  protected readonly summary = signal<SummaryError[]>([]);
  protected readonly submitting = signal(false);
  protected readonly linkInvalid = signal(false);

  private readonly labelOf = (): string => this.translate.instant('passwordReset.newPassword') as string;

  protected submit(): void {
    const token = this.token();
    if (!token) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.summary.set(describeErrors(collectErrors(this.form), this.translate, this.labelOf));
      return;
    }
    this.summary.set([]);
    this.linkInvalid.set(false);
    this.submitting.set(true);
    this.api.confirmReset({ token, password: this.form.controls.password.value }).subscribe({
      next: () => {
        this.submitting.set(false);
        this.notifier.success(this.translate.instant('passwordReset.done') as string);
        void this.router.navigateByUrl('/connexion');
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const api = readApiError(error);
        this.linkInvalid.set(api?.code === 'INVALID_TOKEN');
        const unmatched = applyServerErrors(this.form, api?.details ?? []);
        const summary = describeErrors(collectErrors(this.form), this.translate, this.labelOf);
        if (unmatched.length > 0 || summary.length === 0) summary.unshift({ message: api?.message ?? this.notifier.messageOf(error) });
        this.summary.set(summary);
      },
    });
  }
}
