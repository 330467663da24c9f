import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AuthService } from '../auth/auth.service';
import { Notifier } from '../http/notifier.service';

/** « Vérifiez votre adresse e-mail », for any signed-in user whose address is not confirmed yet. */
@Component({
  selector: 'tp-verify-banner',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  template: `
    @if (auth.user()?.emailVerified === false) {
      <section class="banner" aria-labelledby="verify-banner-title" data-testid="verify-banner">
        <div class="inner">
          <mat-icon svgIcon="mark_email_unread" aria-hidden="true" />
          <div class="text">
            <h2 id="verify-banner-title">{{ 'verifyBanner.title' | translate }}</h2>
            <p>{{ 'verifyBanner.text' | translate: { email: auth.user()?.email ?? '' } }}</p>
          </div>
          <button mat-stroked-button type="button" (click)="resend()" [disabled]="sending()">
            <mat-icon svgIcon="forward_to_inbox" aria-hidden="true" />{{ 'verifyBanner.resend' | translate }}
          </button>
        </div>
        <p class="status" role="status">{{ status() }}</p>
      </section>
    }
  `,
  styles: `
    .banner {
      background: var(--tp-warn-bg);
      border-bottom: 2px solid var(--tp-warn);
      color: #4a1f00;
    }
    .inner {
      max-width: 1200px;
      margin: 0 auto;
      padding: 0.5rem 1rem;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    .text {
      flex: 1 1 24rem;
    }
    h2 {
      font-size: 1.05rem;
      margin: 0;
      color: #4a1f00;
    }
    p {
      margin: 0;
    }
    button {
      color: #4a1f00;
    }
    .status {
      max-width: 1200px;
      margin: 0 auto;
      padding: 0 1rem;
    }
    .status:empty {
      display: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyBanner {
  protected readonly auth = inject(AuthService);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly sending = signal(false);
  protected readonly status = signal('');

  protected resend(): void {
    this.sending.set(true);
    this.status.set('');
    this.auth.resendVerification().subscribe({
      next: () => {
        this.sending.set(false);
        this.status.set(this.translate.instant('verifyBanner.sent') as string);
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.status.set(this.notifier.messageOf(error));
      },
    });
  }
}
