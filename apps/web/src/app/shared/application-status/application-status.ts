import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import type { ApplicationStatus } from '@tremplin/domain';
import type { IconName } from '../../core/icons/icons';

const LOOK: Record<ApplicationStatus, { icon: IconName; tone: 'neutral' | 'info' | 'warn' | 'ok' | 'bad' }> = {
  draft: { icon: 'edit_note', tone: 'neutral' },
  submitted: { icon: 'outgoing_mail', tone: 'info' },
  information_requested: { icon: 'help', tone: 'warn' },
  admissible: { icon: 'task_alt', tone: 'info' },
  under_review: { icon: 'manage_search', tone: 'info' },
  reviewed: { icon: 'fact_check', tone: 'info' },
  retained: { icon: 'check_circle', tone: 'ok' },
  waitlisted: { icon: 'hourglass_top', tone: 'warn' },
  rejected: { icon: 'cancel', tone: 'bad' },
  withdrawn: { icon: 'undo', tone: 'neutral' },
  inadmissible: { icon: 'block', tone: 'bad' },
};

/** Status chip of an application: icon + word, the colour only repeats what the text says (like tp-call-status). */
@Component({
  selector: 'tp-application-status',
  imports: [MatIconModule, TranslatePipe],
  template: `<span class="chip" [class]="'chip tone-' + look().tone">
    <mat-icon [svgIcon]="look().icon" aria-hidden="true" />
    <span>{{ 'applicationStatus.' + status() | translate }}</span>
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
      white-space: nowrap;
    }
    mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .tone-neutral {
      color: #3c3f44;
      background: #eeeff1;
    }
    .tone-info {
      color: #0b4a6f;
      background: #e3f2fd;
    }
    .tone-warn {
      color: #6d2f00;
      background: #fff3e0;
    }
    .tone-ok {
      color: #0d5016;
      background: #e8f5e9;
    }
    .tone-bad {
      color: #8c1d18;
      background: #fdecea;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApplicationStatusChip {
  readonly status = input.required<ApplicationStatus>();
  protected readonly look = computed(() => LOOK[this.status()]);
}
