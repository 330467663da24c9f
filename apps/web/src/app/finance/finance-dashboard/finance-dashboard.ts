import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { BudgetView, CallSummaryView } from '@tremplin/contracts';
import { concatMap, first, from, map, of, tap } from 'rxjs';
import { NgxEchartsDirective } from 'ngx-echarts';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { CallsApi } from '../../shared/calls/calls-api';
import { FileDownloader } from '../../shared/files/file-download';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { CountPipe } from '../../shared/format/count.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { PluralPipe } from '../../shared/format/plural.pipe';
import { FinanceApi, type FinanceExport } from '../finance-api';
import { axisChartOption, monthLabel, monthlyChartOption, monthlySeries } from '../finance-charts';
import { budgetYears, callsWithPossibleConventions, cellConventionsLink, dueLines, envelopeShare, fallbackCallId, groupByAxis } from '../finance-view';

/**
 * The finance dashboard of a call: totals against the envelope, installments falling due, the axis × year
 * cells (each leading to its conventions), two lazily loaded ECharts charts whose figures are also given
 * as tables, and the budget's CSV export. The call is in the URL (`?callId=`), else the most recent one.
 */
@Component({
  selector: 'tp-finance-dashboard',
  imports: [
    RouterLink, MatButtonModule, MatFormFieldModule, MatIconModule, MatProgressBarModule, MatSelectModule, TranslatePipe,
    NgxEchartsDirective, EurosPipe, CountPipe, ParisDatePipe, PluralPipe,
  ],
  templateUrl: './finance-dashboard.html',
  styleUrl: './finance-dashboard.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FinanceDashboard {
  /** `?callId=` (router input binding). */
  readonly callId = input<string>();

  private readonly api = inject(FinanceApi);
  private readonly callsApi = inject(CallsApi);
  private readonly router = inject(Router);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  private readonly downloader = inject(FileDownloader);
  protected readonly lang = inject(LanguageService).lang;

  protected readonly calls = rxResource({ stream: () => this.callsApi.list() });
  protected readonly sortedCalls = computed(() => [...(this.calls.value() ?? [])].sort((a, b) => b.opensAt.localeCompare(a.opensAt)));

  /** Budgets read while choosing the default call, so that the chosen one is not asked twice. */
  private readonly probed = new Map<string, BudgetView>();
  /** Without `?callId=`: the most recent closed call whose budget counts conventions (asked in turn). */
  protected readonly defaultCall = rxResource({
    params: () => (this.callId() ? undefined : this.calls.value()),
    stream: ({ params }) =>
      from(callsWithPossibleConventions(params)).pipe(
        concatMap((call) => this.api.budget(call.id).pipe(tap((budget) => this.probed.set(call.id, budget)))),
        first((budget) => budget.totals.conventionCount > 0, null),
        map((budget) => budget?.callId ?? fallbackCallId(params)),
      ),
  });
  protected readonly selectedCallId = computed(() => this.callId() || this.defaultCall.value() || null);

  protected readonly budget = rxResource({
    params: () => this.selectedCallId() ?? undefined,
    stream: ({ params }) => {
      const probed = this.probed.get(params);
      this.probed.clear(); // used once: choosing this call again later reads it afresh
      return probed ? of(probed) : this.api.budget(params);
    },
  });
  protected readonly outlook = rxResource({
    params: () => this.selectedCallId() ?? undefined,
    stream: ({ params }) => this.api.outlook(params),
  });

  protected readonly errorMessage = computed(() => {
    const error = this.calls.error() ?? this.defaultCall.error() ?? this.budget.error() ?? this.outlook.error();
    return error ? this.notifier.messageOf(error) : null;
  });

  protected readonly groups = computed(() => {
    const budget = this.budget.value();
    return budget ? groupByAxis(budget) : [];
  });
  protected readonly dueLines = computed(() => {
    const id = this.selectedCallId();
    const outlook = this.outlook.value();
    return id && outlook ? dueLines(id, outlook) : [];
  });
  protected readonly months = computed(() => {
    const outlook = this.outlook.value();
    const budget = this.budget.value();
    return outlook && budget ? monthlySeries(outlook, budgetYears(budget)) : [];
  });

  protected readonly axisChart = computed(() => {
    const budget = this.budget.value();
    const lang = this.lang();
    if (!budget) return null;
    const t = (key: string): string => this.translate.instant(`finance.${key}`) as string;
    return axisChartOption(budget, lang, { paid: t('paid'), committedUnpaid: t('committedUnpaid'), uncommitted: t('uncommitted'), description: t('axisChartDescription') });
  });
  protected readonly monthlyChart = computed(() => {
    const budget = this.budget.value();
    const outlook = this.outlook.value();
    const lang = this.lang();
    if (!budget || !outlook) return null;
    const t = (key: string): string => this.translate.instant(`finance.${key}`) as string;
    return monthlyChartOption(outlook, budget, lang, { payments: t('payments'), description: t('monthlyChartDescription') });
  });

  /** Bytes received by the running export; null when none runs. */
  protected readonly exportBytes = signal<number | null>(null);
  protected readonly exportDone = signal(false);

  protected readonly cellLink = cellConventionsLink;
  /** Kilobytes received so far (the CSV is streamed: its length is unknown). */
  protected readonly kilobytes = (bytes: number): number => Math.max(1, Math.round(bytes / 1024));
  protected readonly monthLabel = monthLabel;

  protected share(cents: number): string {
    const budget = this.budget.value();
    return budget ? envelopeShare(cents, budget.envelopeCents, this.lang()) : '';
  }

  /** The axis's label in the UI language, from the call (the budget carries the French one). */
  protected axisLabel(axisCode: string, fallback: string): string {
    const axis = this.calls.value()?.find((c) => c.id === this.selectedCallId())?.axes.find((a) => a.code === axisCode);
    return axis ? (this.lang() === 'en' ? axis.labelEn : axis.labelFr) : fallback;
  }

  protected callTitle(call: CallSummaryView): string {
    return `${call.code} — ${this.lang() === 'en' && call.titleEn ? call.titleEn : call.title}`;
  }

  protected chooseCall(callId: string): void {
    this.exportDone.set(false);
    void this.router.navigate([], { queryParams: { callId }, replaceUrl: true });
  }

  protected exportCsv(which: FinanceExport): void {
    const callId = this.selectedCallId();
    if (!callId || this.exportBytes() !== null) return;
    this.exportBytes.set(0);
    this.exportDone.set(false);
    this.api.csv(callId, which).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.DownloadProgress) this.exportBytes.set(event.loaded);
        if (event.type === HttpEventType.Response && event.body) {
          this.downloader.saveBlob(event.body, `${which === 'budget' ? 'budget' : 'paiements'}.csv`, event.headers.get('Content-Disposition'));
          this.exportBytes.set(null);
          this.exportDone.set(true);
        }
      },
      error: (error: unknown) => {
        this.exportBytes.set(null);
        this.notifier.error(error);
      },
    });
  }
}
