import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { Notifier } from '../core/http/notifier.service';
import { PasswordApi } from './password-api';

/** `/mot-de-passe/oublie`: asks for a reset link by email. The page says the same whether the address has an account or not. */
@Component({
  selector: 'tp-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, TranslatePipe],
  template: `
    <div class="page narrow">
      <h1>{{ 'passwordReset.forgotTitle' | translate }}</h1>
      <p>{{ 'passwordReset.forgotIntro' | translate }}</p>
      <div role="status" aria-live="polite">
        @if (sentTo(); as address) {
          <div class="notice ok" data-testid="reset-sent">
            <mat-icon svgIcon="mark_email_unread" aria-hidden="true" />
            <p>{{ 'passwordReset.sent' | translate: { email: address } }}</p>
          </div>
        }
      </div>
      <div role="alert">
        @if (error(); as message) {
          <div class="notice error">
            <mat-icon svgIcon="error" aria-hidden="true" />
            <p>{{ message }}</p>
          </div>
        }
      </div>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <p class="muted">{{ 'common.requiredHint' | translate }}</p>
        <mat-form-field class="full">
          <mat-label>{{ 'login.email' | translate }}</mat-label>
          <input matInput id="reset-email" type="email" formControlName="email" autocomplete="username" required />
          @if (email.hasError('required')) {
            <mat-error>{{ 'login.emailRequired' | translate }}</mat-error>
          } @else if (email.hasError('email')) {
            <mat-error>{{ 'login.emailInvalid' | translate }}</mat-error>
          }
        </mat-form-field>
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="submitting()">
            <mat-icon svgIcon="send" aria-hidden="true" />{{ 'passwordReset.send' | translate }}
          </button>
          <a mat-button routerLink="/connexion">{{ 'passwordReset.backToLogin' | translate }}</a>
        </div>
      </form>
    </div>
  `,
  styleUrl: './password-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPasswordPage {
  private readonly api = inject(PasswordApi);
  private readonly notifier = inject(Notifier);

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email, Validators.maxLength(254)] }),
  });
  protected readonly email = this.form.controls.email;
  protected readonly submitting = signal(false);
  protected readonly sentTo = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    this.email.markAsTouched();
    if (this.email.invalid) return;
    const email = this.email.value.trim();
    this.submitting.set(true);
    this.error.set(null);
    this.sentTo.set(null);
    this.api.requestReset(email).subscribe({
      next: () => {
        this.submitting.set(false);
        this.sentTo.set(email);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.error.set(this.notifier.messageOf(error));
      },
    });
  }
}
