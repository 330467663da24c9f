import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import type { CallSummaryView } from '@tremplin/contracts';
import type { IconName } from '../../core/icons/icons';

const ICONS: Record<CallSummaryView['status'], IconName> = {
  open: 'lock_open',
  upcoming: 'schedule',
  closed: 'lock',
};

/** Status chip of a call: icon + word, the colour only repeats what the text says. */
@Component({
  selector: 'tp-call-status',
  imports: [MatIconModule, TranslatePipe],
  template: `<span class="chip" [class]="'chip status-' + status()">
    <mat-icon [svgIcon]="icon()" aria-hidden="true" />
    <span>{{ 'calls.status.' + status() | translate }}</span>
  </span>`,
  styles: `
    :host {
      display: inline-flex;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.15rem 0.65rem 0.15rem 0.45rem;
      border-radius: 1rem;
      font-size: 0.875rem;
      font-weight: 500;
      border: 1px solid currentColor;
    }
    mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .status-open {
      color: #0d5016;
      background: #e8f5e9;
    }
    .status-upcoming {
      color: #0b4a6f;
      background: #e3f2fd;
    }
    .status-closed {
      color: #3c3f44;
      background: #eeeff1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallStatus {
  readonly status = input.required<CallSummaryView['status']>();
  protected readonly icon = computed(() => ICONS[this.status()]);
}
