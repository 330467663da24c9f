import { CallTextPipe } from '../../shared/calls/call-text.pipe';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { CallSummaryView, Lang } from '@tremplin/contracts';
import { BarChart, type BarDatum } from '../../shared/bar-chart/bar-chart';
import { CallStatus } from '../../shared/call-status/call-status';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { timeLeftText } from '../../shared/format/time-left';

/** A call's real state for the public: upcoming, open for applications, closed and under review, or decided. */
export type CallPhase = 'upcoming' | 'open' | 'under_review' | 'decided';

export function callPhase(call: Pick<CallSummaryView, 'status' | 'decided'>): CallPhase {
  if (call.status !== 'closed') return call.status;
  return call.decided ? 'decided' : 'under_review';
}

const PHASE_ICONS: Record<CallPhase, string> = { upcoming: 'hourglass_top', open: 'science', under_review: 'hourglass_top', decided: 'history' };

/** One call on the home page: status, dates, countdown, envelope and its split by axis. */
@Component({
  selector: 'tp-call-card',
  imports: [CallTextPipe, MatCardModule, MatButtonModule, MatIconModule, RouterLink, TranslatePipe, CallStatus, BarChart, EurosPipe, ParisDatePipe],
  templateUrl: './call-card.html',
  styleUrl: './call-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallCard {
  readonly call = input.required<CallSummaryView>();
  readonly lang = input.required<Lang>();
  readonly now = input.required<Date>();

  protected readonly firstYear = computed(() => Math.min(...this.call().years));
  protected readonly phase = computed(() => callPhase(this.call()));
  protected readonly phaseIcon = computed(() => PHASE_ICONS[this.phase()]);
  protected readonly lastYear = computed(() => Math.max(...this.call().years));
  protected readonly timeLeft = computed(() =>
    this.call().status === 'open' ? timeLeftText(this.call().closesAt, this.now()) : null,
  );
  protected readonly axisBars = computed<BarDatum[]>(() =>
    this.call().axes.map((axis) => ({
      label: this.lang() === 'en' ? axis.labelEn : axis.labelFr,
      valueCents: axis.envelopeCents,
    })),
  );
}
