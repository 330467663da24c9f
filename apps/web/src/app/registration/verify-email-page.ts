import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AuthService } from '../core/auth/auth.service';
import { Notifier } from '../core/http/notifier.service';

type State = { kind: 'checking' } | { kind: 'verified' } | { kind: 'failed'; message: string } | { kind: 'missing' };

/** `/verification?token=`: the link of the verification mail. */
@Component({
  selector: 'tp-verify-email-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe],
  template: `
    <div class="page narrow">
      <h1>{{ 'verify.title' | translate }}</h1>
      <div role="status" aria-live="polite">
        @switch (state().kind) {
          @case ('checking') {
            <p>{{ 'verify.checking' | translate }}</p>
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | translate" />
          }
          @case ('verified') {
            <div class="notice ok" data-testid="verified">
              <mat-icon svgIcon="mark_email_read" aria-hidden="true" />
              <p>{{ 'verify.done' | translate }}</p>
            </div>
          }
          @case ('missing') {
            <div class="notice error">
              <mat-icon svgIcon="link_off" aria-hidden="true" />
              <p>{{ 'verify.missing' | translate }}</p>
            </div>
          }
        }
      </div>
      @if (failure(); as message) {
        <div class="notice error" role="alert">
          <mat-icon svgIcon="link_off" aria-hidden="true" />
          <p>{{ message }}</p>
        </div>
      }
      <p class="actions">
        @if (auth.isAuthenticated()) {
          <a mat-flat-button routerLink="/candidatures">{{ 'verify.toApplications' | translate }}</a>
          @if (state().kind !== 'verified' && auth.user()?.emailVerified === false) {
            <button mat-stroked-button type="button" (click)="resend()" [disabled]="resending()">{{ 'verifyBanner.resend' | translate }}</button>
          }
        } @else {
          <a mat-flat-button routerLink="/connexion">{{ 'verify.toLogin' | translate }}</a>
        }
      </p>
    </div>
  `,
  styles: `
    .narrow {
      max-width: 48rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyEmailPage {
  /** `?token=` (component input binding). */
  readonly token = input<string | undefined>();

  protected readonly auth = inject(AuthService);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly state = signal<State>({ kind: 'checking' });
  protected readonly resending = signal(false);

  protected readonly failure = computed(() => {
    const state = this.state();
    return state.kind === 'failed' ? state.message : null;
  });

  constructor() {
    effect(() => {
      const token = this.token();
      untracked(() => this.verify(token));
    });
  }

  private verify(token: string | undefined): void {
    if (!token) {
      this.state.set({ kind: 'missing' });
      return;
    }
    this.state.set({ kind: 'checking' });
    this.auth.verifyEmail(token).subscribe({
      next: () => {
        this.state.set({ kind: 'verified' });
        // The banner goes away for a signed-in user.
        this.auth.reloadUser().subscribe({ error: () => undefined });
      },
      error: (error: unknown) => this.state.set({ kind: 'failed', message: this.notifier.messageOf(error) }),
    });
  }

  protected resend(): void {
    this.resending.set(true);
    this.auth.resendVerification().subscribe({
      next: () => {
        this.resending.set(false);
        this.notifier.success(this.translate.instant('verifyBanner.sent') as string);
      },
      error: (error: unknown) => {
        this.resending.set(false);
        this.notifier.error(error);
      },
    });
  }
}
