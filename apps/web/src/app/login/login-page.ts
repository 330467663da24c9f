import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { Role } from '@tremplin/contracts';
import { AuthService } from '../core/auth/auth.service';
import { Notifier } from '../core/http/notifier.service';
import { safeReturnUrl } from '../core/auth/return-url';

export const DEMO_PASSWORD = 'Tremplin-2016!';
export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; role: Role }> = [
  { email: 'admin@demo.tremplin.fr', role: 'admin' },
  { email: 'evaluateur@demo.tremplin.fr', role: 'reviewer' },
  { email: 'evaluatrice@demo.tremplin.fr', role: 'reviewer' },
  { email: 'finances@demo.tremplin.fr', role: 'finance' },
  { email: 'association1@demo.tremplin.fr', role: 'association' },
  { email: 'association2@demo.tremplin.fr', role: 'association' },
];

/**
 * Where each role lands after login when no page was asked for: its work. Associations their
 * applications, staff who read every application (the permission of the /instruction route) the applications list,
 * others the calls.
 */
export function landingUrl(auth: Pick<AuthService, 'hasPermission'>): string {
  if (auth.hasPermission('applications.own')) return '/candidatures';
  if (auth.hasPermission('applications.read-all')) return '/instruction';
  return '/';
}

export { safeReturnUrl } from '../core/auth/return-url';

@Component({
  selector: 'tp-login-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatExpansionModule, TranslatePipe],
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  /** `?returnUrl=` query parameter (component input binding). */
  readonly returnUrl = input<string | undefined>();

  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);

  protected readonly demoAccounts = DEMO_ACCOUNTS;
  protected readonly demoPassword = DEMO_PASSWORD;
  protected readonly error = signal<string | null>(null);
  protected readonly submitting = signal(false);
  protected readonly showPassword = signal(false);

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected useDemo(email: string): void {
    this.form.setValue({ email, password: DEMO_PASSWORD });
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set(null);
    this.auth.login(email.trim(), password).subscribe({
      next: () => {
        this.submitting.set(false);
        const asked = this.returnUrl();
        void this.router.navigateByUrl(asked ? safeReturnUrl(asked) : landingUrl(this.auth));
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.error.set(this.notifier.messageOf(error));
      },
    });
  }
}
