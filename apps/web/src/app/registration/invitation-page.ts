import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
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

/** `/invitation?token=`: joining an organisation from the invitation mail. */
@Component({
  selector: 'tp-invitation-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, TranslatePipe, ErrorSummary, PasswordField],
  template: `
    <div class="page narrow">
      <h1>{{ 'invitation.title' | translate }}</h1>
      @if (!token()) {
        <div class="notice error" role="alert">
          <mat-icon svgIcon="link_off" aria-hidden="true" />
          <p>{{ 'invitation.missing' | translate }}</p>
        </div>
      } @else {
        <p>{{ 'invitation.intro' | translate }}</p>
        <tp-error-summary [errors]="summary()" [title]="'forms.summaryTitle' | translate" />
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <p class="muted">{{ 'common.requiredHint' | translate }}</p>
          <mat-form-field class="full">
            <mat-label>{{ 'signup.fullName' | translate }}</mat-label>
            <input matInput id="f-fullName" formControlName="fullName" required autocomplete="name" />
            <mat-error>{{ msg(form.controls.fullName) }}</mat-error>
          </mat-form-field>
          <tp-password-field [control]="form.controls.password" fieldId="f-password" />
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="submitting()">
              <mat-icon svgIcon="group_add" aria-hidden="true" />{{ 'invitation.submit' | translate }}
            </button>
          </div>
        </form>
      }
      <p>
        {{ 'signup.haveAccount' | translate }} <a routerLink="/connexion">{{ 'signup.login' | translate }}</a>
      </p>
    </div>
  `,
  styleUrl: './registration.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitationPage {
  /** `?token=` (component input binding). */
  readonly token = input<string | undefined>();

  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);

  protected readonly form = new FormGroup({
    fullName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(2), Validators.maxLength(120)] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(200)] }),
  });
  protected readonly summary = signal<SummaryError[]>([]);
  protected readonly submitting = signal(false);

  protected msg(control: FormControl<string>): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }

  protected submit(): void {
    const token = this.token();
    if (!token) return;
    this.form.markAllAsTouched();
    const labelOf = (path: ReadonlyArray<string | number>): string => this.translate.instant(`signup.${String(path[0])}`) as string;
    if (this.form.invalid) {
      this.summary.set(describeErrors(collectErrors(this.form), this.translate, labelOf));
      return;
    }
    this.summary.set([]);
    this.submitting.set(true);
    const { fullName, password } = this.form.getRawValue();
    this.auth.acceptInvitation({ token, fullName: fullName.trim(), password }).subscribe({
      next: () => {
        this.submitting.set(false);
        this.notifier.success(this.translate.instant('invitation.welcome') as string);
        void this.router.navigateByUrl('/mon-organisation');
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const api = readApiError(error);
        const unmatched = applyServerErrors(this.form, api?.details ?? []);
        const summary = describeErrors(collectErrors(this.form), this.translate, labelOf);
        if (unmatched.length > 0 || summary.length === 0) summary.unshift({ message: api?.message ?? this.notifier.messageOf(error) });
        this.summary.set(summary);
      },
    });
  }
}
