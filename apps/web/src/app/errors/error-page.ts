import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** "Page not found" and "access denied" pages; the kind comes from the route's data. */
@Component({
  selector: 'tp-error-page',
  imports: [RouterLink, MatIconModule, TranslatePipe],
  template: `
    <div class="page">
      <h1>{{ 'errorPage.' + kind() + '.title' | translate }}</h1>
      <p>{{ 'errorPage.' + kind() + '.text' | translate }}</p>
      <p>
        <a routerLink="/"><mat-icon svgIcon="home" aria-hidden="true" class="inline-icon" />{{ 'errorPage.home' | translate }}</a>
      </p>
    </div>
  `,
  styles: `
    a {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorPage {
  readonly kind = input<'notFound' | 'forbidden'>('notFound');
}
