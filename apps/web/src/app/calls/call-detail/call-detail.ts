import { CallTextPipe } from '../../shared/calls/call-text.pipe';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { CallView } from '@tremplin/contracts';
import { allocationTotals } from '@tremplin/domain';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { Notifier } from '../../core/http/notifier.service';
import { BudgetRevision } from '../../admin-calls/budget-revision/budget-revision';
import { BarChart, type BarDatum } from '../../shared/bar-chart/bar-chart';
import { CallsApi } from '../../shared/calls/calls-api';
import { CallStatus } from '../../shared/call-status/call-status';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { LabelPipe } from '../../shared/format/label.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { injectNow } from '../../shared/format/now';
import { timeLeftText } from '../../shared/format/time-left';

interface MatrixRow {
  code: string;
  labelFr: string;
  labelEn: string;
  cells: number[];
  total: number;
}

/** Public page of one call: axes, axis × year allocations, scoring grid, payment rule. */
@Component({
  selector: 'tp-call-detail',
  imports: [CallTextPipe, 
    BudgetRevision,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    CallStatus,
    BarChart,
    EurosPipe,
    LabelPipe,
    ParisDatePipe,
  ],
  templateUrl: './call-detail.html',
  styleUrl: './call-detail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallDetail {
  /** Route parameter (component input binding). */
  readonly id = input.required<string>();

  private readonly api = inject(CallsApi);
  private readonly notifier = inject(Notifier);
  protected readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService);
  private readonly now = injectNow();

  protected readonly call = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.get(params) });
  protected readonly errorMessage = computed(() => {
    const error = this.call.error();
    return error ? this.notifier.messageOf(error) : null;
  });

  protected readonly view = computed<CallView | undefined>(() => (this.call.hasValue() ? this.call.value() : undefined));

  /** Finance and admins revise a locked call's envelope here (the structure editor is admin-only). */
  protected readonly canRevise = computed(() => (this.view()?.structureLocked ?? false) && this.auth.hasPermission('calls.revise-budget'));

  protected onRevised(): void {
    this.call.reload();
  }

  protected readonly matrix = computed(() => {
    const call = this.view();
    if (!call) return null;
    const amount = (axisCode: string, year: number): number =>
      call.allocations.find((a) => a.axisCode === axisCode && a.year === year)?.amountCents ?? 0;
    const totals = allocationTotals(call.allocations);
    const rows: MatrixRow[] = call.axes.map((axis) => ({
      code: axis.code,
      labelFr: axis.labelFr,
      labelEn: axis.labelEn,
      cells: call.years.map((year) => amount(axis.code, year)),
      total: totals.byAxis[axis.code] ?? 0,
    }));
    return {
      rows,
      yearTotals: call.years.map((year) => totals.byYear[year] ?? 0),
      total: totals.total,
      balanced: totals.total === call.envelopeCents,
    };
  });

  protected readonly weightsTotal = computed(() => this.view()?.criteria.reduce((sum, c) => sum + c.weight, 0) ?? 0);

  protected readonly advancePercent = computed(() => {
    const bp = this.view()?.paymentRule.advanceBasisPoints ?? 0;
    return new Intl.NumberFormat(this.language.lang() === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(bp / 100);
  });

  protected readonly paymentKey = computed(() => {
    const bp = this.view()?.paymentRule.advanceBasisPoints ?? 0;
    return bp === 0 ? 'callDetail.payment.noAdvance' : bp === 10000 ? 'callDetail.payment.fullAdvance' : 'callDetail.payment.advance';
  });

  protected readonly axisBars = computed<BarDatum[]>(() =>
    (this.view()?.axes ?? []).map((axis) => ({ label: this.language.pick(axis), valueCents: axis.envelopeCents })),
  );

  protected readonly timeLeft = computed(() => {
    const call = this.view();
    return call?.status === 'open' ? timeLeftText(call.closesAt, this.now()) : null;
  });
}
