import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  effect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';

export interface SummaryError {
  message: string;
  /** Id of the field to focus from the summary, when the error belongs to one. */
  targetId?: string;
  /** Field name shown before the message. */
  label?: string;
}

/**
 * Error summary at the top of a form: receives focus when it appears so keyboard and
 * screen-reader users land on it; each error links to its field.
 */
@Component({
  selector: 'tp-error-summary',
  imports: [MatIconModule, TranslatePipe],
  template: `
    <div #box class="summary" tabindex="-1" [hidden]="errors().length === 0" [attr.aria-labelledby]="titleId">
      @if (errors().length > 0) {
        <h2 class="summary-title" [id]="titleId">
          <mat-icon svgIcon="error" aria-hidden="true" />
          {{ title() }}
        </h2>
        <ul>
          @for (error of errors(); track $index) {
            <li>
              @if (error.targetId) {
                <a [href]="'#' + error.targetId" (click)="focusField($event, error.targetId)">
                  @if (error.label) {
                    {{ error.label }}{{ 'common.colon' | translate }}
                  }
                  {{ error.message }}
                </a>
              } @else {
                @if (error.label) {
                  {{ error.label }}{{ 'common.colon' | translate }}
                }
                {{ error.message }}
              }
            </li>
          }
        </ul>
      }
    </div>
  `,
  styles: `
    .summary {
      border: 3px solid var(--tp-error);
      background: var(--tp-error-bg);
      color: #601410;
      padding: 0.5rem 1rem 0.75rem;
      margin: 1rem 0;
      border-radius: 4px;
    }
    .summary:focus-visible,
    .summary:focus {
      outline: 3px solid var(--tp-focus);
      outline-offset: 2px;
    }
    .summary-title {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      font-size: 1.15rem;
      margin: 0.25rem 0 0.5rem;
      color: #601410;
    }
    ul {
      margin: 0;
      padding-left: 1.25rem;
    }
    a {
      color: #601410;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorSummary {
  readonly errors = input.required<readonly SummaryError[]>();
  readonly title = input.required<string>();
  /**
   * Shows a field that is not on screen yet (e.g. in another step of a wizard), then focuses it.
   * Without it, links focus fields that are already visible.
   */
  readonly reveal = input<((targetId: string) => void) | null>(null);

  private static nextId = 0;
  protected readonly titleId = `tp-error-summary-${ErrorSummary.nextId++}`;
  private readonly box = viewChild.required<ElementRef<HTMLElement>>('box');
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  constructor() {
    effect(() => {
      if (this.errors().length > 0) {
        afterNextRender(() => this.box().nativeElement.focus(), { injector: this.injector });
      }
    });
  }

  protected focusField(event: Event, id: string): void {
    const reveal = this.reveal();
    if (reveal) {
      event.preventDefault();
      reveal(id);
      return;
    }
    const target = this.document.getElementById(id);
    if (target) {
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: 'center' });
    }
  }
}
