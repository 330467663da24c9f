import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, input, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AuthService } from '../core/auth/auth.service';
import { safeReturnUrl } from '../core/auth/return-url';
import { readApiError } from '../core/http/api-error';
import { Notifier } from '../core/http/notifier.service';
import { ErrorSummary, type SummaryError } from '../shared/error-summary/error-summary';
import { collectErrors } from '../shared/forms/collect-errors';
import { describeErrors, errorMessage } from '../shared/forms/describe-errors';
import { PasswordField } from '../shared/forms/password-field';
import { PASSWORD_MIN_LENGTH } from '../shared/forms/password-strength';
import { applyServerErrors } from '../shared/forms/server-errors';
import { OrganizationProfileFields } from '../shared/organization/organization-profile-fields';
import { createOrganizationProfileGroup, toOrganizationProfileInput } from '../shared/organization/organization-profile-form';

export function createSignupForm() {
  return new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email, Validators.maxLength(254)] }),
    fullName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(2), Validators.maxLength(120)] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(200)] }),
    organization: createOrganizationProfileGroup(),
  });
}

/** Public sign-up of an association: the account and the organisation profile, in one go. */
@Component({
  selector: 'tp-signup-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    TranslatePipe,
    ErrorSummary,
    OrganizationProfileFields,
    PasswordField,
  ],
  templateUrl: './signup-page.html',
  styleUrl: './registration.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignupPage {
  /** `?returnUrl=`: the page to go back to once the account exists (component input binding). */
  readonly returnUrl = input<string | undefined>();

  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly injector = inject(Injector);
  private readonly conflictBox = viewChild<ElementRef<HTMLElement>>('conflictBox');

  protected readonly form = createSignupForm();
  protected readonly summary = signal<SummaryError[]>([]);
  /** 409 SIRET_TAKEN / EMAIL_TAKEN: shown prominently, above the form. */
  protected readonly conflict = signal<{ code: string; message: string } | null>(null);
  protected readonly submitting = signal(false);

  protected msg(control: FormControl<string>): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }

  protected submit(): void {
    this.conflict.set(null);
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.summary.set(this.buildSummary());
      return;
    }
    this.summary.set([]);
    this.submitting.set(true);
    const { email, fullName, password } = this.form.getRawValue();
    this.auth
      .register({ email: email.trim(), fullName: fullName.trim(), password, organization: toOrganizationProfileInput(this.form.controls.organization) })
      .subscribe({
        next: () => {
          this.submitting.set(false);
          this.notifier.success(this.translate.instant('signup.welcome') as string);
          // Back to the page that sent here (a call's « Déposer une candidature »), else the applications.
          const asked = this.returnUrl();
          void this.router.navigateByUrl(asked ? safeReturnUrl(asked) : '/candidatures');
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          this.onError(error);
        },
      });
  }

  private onError(error: unknown): void {
    const api = readApiError(error);
    if (api?.code === 'SIRET_TAKEN' || api?.code === 'EMAIL_TAKEN') {
      const control = api.code === 'SIRET_TAKEN' ? this.form.controls.organization.controls.siret : this.form.controls.email;
      control.setErrors({ server: api.message });
      this.conflict.set({ code: api.code, message: api.message });
      afterNextRender(() => this.conflictBox()?.nativeElement.focus(), { injector: this.injector });
      return;
    }
    const unmatched = applyServerErrors(this.form, api?.details ?? []);
    const summary = this.buildSummary();
    for (const detail of unmatched) summary.push({ label: detail.field, message: detail.message });
    if (summary.length === 0) summary.push({ message: api?.message ?? this.notifier.messageOf(error) });
    this.summary.set(summary);
  }

  private buildSummary(): SummaryError[] {
    return describeErrors(collectErrors(this.form), this.translate, (path) => this.labelOf(path));
  }

  private labelOf(path: ReadonlyArray<string | number>): string {
    const [head, name] = path;
    if (head === 'organization') return this.translate.instant(`organizationFields.${String(name)}`) as string;
    return this.translate.instant(`signup.${String(head)}`) as string;
  }
}
