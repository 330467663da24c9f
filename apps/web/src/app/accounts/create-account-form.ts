import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { CreateStaffUserRequest, StaffRole, UserAdminView } from '@tremplin/contracts';
import { STAFF_ROLES } from '@tremplin/contracts/roles';
import { readApiError } from '../core/http/api-error';
import { Notifier } from '../core/http/notifier.service';
import { ErrorSummary, type SummaryError } from '../shared/error-summary/error-summary';
import { applyServerErrors } from '../shared/forms/server-errors';
import { AccountsApi } from './accounts-api';

export const MIN_PASSWORD_LENGTH = 12;

/** Staff account creation (reviewer, finance, admin); associations sign up elsewhere. */
@Component({
  selector: 'tp-create-account-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatIconModule, TranslatePipe, ErrorSummary],
  templateUrl: './create-account-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateAccountForm {
  readonly created = output<UserAdminView>();

  private readonly api = inject(AccountsApi);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);

  protected readonly roles = STAFF_ROLES;
  protected readonly minPassword = MIN_PASSWORD_LENGTH;
  protected readonly submitting = signal(false);
  protected readonly errors = signal<SummaryError[]>([]);

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email, Validators.maxLength(254)] }),
    fullName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(2), Validators.maxLength(120)] }),
    role: new FormControl<StaffRole>('reviewer', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH), Validators.maxLength(200)],
    }),
  });

  protected submit(directive: FormGroupDirective): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.errors.set(this.clientErrors());
      return;
    }
    this.errors.set([]);
    this.submitting.set(true);
    const body: CreateStaffUserRequest = { ...this.form.getRawValue(), email: this.form.controls.email.value.trim() };
    this.api.create(body).subscribe({
      next: (user) => {
        this.submitting.set(false);
        directive.resetForm({ email: '', fullName: '', role: 'reviewer', password: '' });
        this.notifier.success(this.translate.instant('accounts.created', { email: user.email }) as string);
        this.created.emit(user);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const api = readApiError(error);
        if (api?.code === 'EMAIL_TAKEN') {
          this.form.controls.email.setErrors({ server: api.message });
          this.errors.set([{ message: api.message, targetId: 'new-account-email' }]);
          return;
        }
        const unmatched = applyServerErrors(this.form, api?.details ?? []);
        const summary: SummaryError[] = this.clientErrors();
        if (summary.length === 0 || unmatched.length > 0 || !api?.details?.length) {
          summary.unshift({ message: this.notifier.messageOf(error) });
        }
        this.errors.set(summary);
      },
    });
  }

  private clientErrors(): SummaryError[] {
    const fields: Array<[keyof typeof this.form.controls, string, string]> = [
      ['email', 'new-account-email', 'accounts.email'],
      ['fullName', 'new-account-name', 'accounts.fullName'],
      ['role', 'new-account-role', 'accounts.role'],
      ['password', 'new-account-password', 'accounts.password'],
    ];
    return fields
      .filter(([name]) => this.form.controls[name].invalid)
      .map(([name, targetId, label]) => ({
        targetId,
        label: this.translate.instant(label) as string,
        message: this.describe(name),
      }));
  }

  private describe(name: keyof typeof this.form.controls): string {
    const control = this.form.controls[name];
    const server: unknown = control.getError('server');
    if (typeof server === 'string') return server;
    if (control.hasError('required')) return this.translate.instant('forms.required') as string;
    if (control.hasError('email')) return this.translate.instant('login.emailInvalid') as string;
    if (control.hasError('minlength')) {
      return this.translate.instant('forms.minLength', { min: (control.getError('minlength') as { requiredLength: number }).requiredLength }) as string;
    }
    return this.translate.instant('forms.invalid') as string;
  }
}
