import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { Notifier } from '../../core/http/notifier.service';
import { CallsApi } from '../../shared/calls/calls-api';
import { injectNow } from '../../shared/format/now';
import { CallCard } from '../call-card/call-card';

/** Home page: every call for projects, newest first as the API sends them. */
@Component({
  selector: 'tp-call-list',
  imports: [CallCard, RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe],
  template: `
    <div class="page">
      <h1>{{ 'home.title' | translate }}</h1>
      <p class="lead">{{ 'home.intro' | translate }}</p>
      @if (!auth.isAuthenticated()) {
        <p class="notice signup">
          <mat-icon svgIcon="group_add" aria-hidden="true" />
          <span>
            {{ 'home.signupIntro' | translate }}
            <a routerLink="/inscription">{{ 'signup.cta' | translate }}</a>
          </span>
        </p>
      }

      @if (calls.isLoading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | translate" />
      }
      @if (errorMessage(); as message) {
        <div class="notice error" role="alert">
          <mat-icon svgIcon="error" aria-hidden="true" />
          <p>{{ message }}</p>
          <button mat-stroked-button type="button" (click)="calls.reload()">{{ 'common.retry' | translate }}</button>
        </div>
      }
      @if (calls.hasValue()) {
        <div class="cards">
          @for (call of calls.value(); track call.id) {
            <tp-call-card [call]="call" [lang]="language.lang()" [now]="now()" />
          } @empty {
            <p>{{ 'home.empty' | translate }}</p>
          }
        </div>
      }
    </div>
  `,
  styles: `
    .lead {
      font-size: 1.1rem;
      max-width: 60rem;
    }
    .cards {
      display: grid;
      gap: 1.5rem;
      margin-top: 1.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallList {
  private readonly api = inject(CallsApi);
  private readonly notifier = inject(Notifier);
  protected readonly language = inject(LanguageService);
  protected readonly auth = inject(AuthService);
  protected readonly now = injectNow();

  protected readonly calls = rxResource({ stream: () => this.api.list() });
  protected readonly errorMessage = computed(() => {
    const error = this.calls.error();
    return error ? this.notifier.messageOf(error) : null;
  });
}
