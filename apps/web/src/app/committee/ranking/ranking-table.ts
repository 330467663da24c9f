import { NgTemplateOutlet } from '@angular/common';
import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked, type TemplateRef } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import type { RankingAmount, RankingRowView, RankingScore } from '@tremplin/contracts';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { ApplicationStatusChip } from '../../shared/application-status/application-status';
import { FileDownloader } from '../../shared/files/file-download';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { RankingApi, type RankingParams } from './ranking-api';

/** Flags in display order, each with its icon (never colour alone: icon + text). */
export const RANKING_FLAGS = [
  { key: 'belowThreshold', icon: 'warning' },
  { key: 'divergent', icon: 'sync_problem' },
  { key: 'incompleteReviews', icon: 'hourglass_top' },
  { key: 'conflict', icon: 'block' },
] as const;

/** Context of the `rowActions` template: the row (`$implicit`) and whether it is above the line. */
export interface RankingRowContext {
  $implicit: RankingRowView;
  aboveCutLine: boolean;
  /**
   * Whether the table shows the order decisions are checked against (raw score, requested amounts): only
   * then does `aboveCutLine` say whether retaining or rejecting the row departs from the line.
   */
  decisionLine: boolean;
}

/** Rows checked or unchecked at once (one row, or the page's header box). */
export interface RankingSelectionChange {
  rows: RankingRowView[];
  checked: boolean;
}

/** Kilobytes received so far, for the export's progress (the streamed CSV has no known length). */
export const kilobytes = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1024))} ko`;

/**
 * The committee's ranking of one axis against its envelope: raw / normalised score and requested /
 * recommended amount toggles, both scores, running totals per year beside the allocation, a visible
 * cut-line row, flags as icons with text, pagination (running totals always count the whole order)
 * and a CSV export with progress. The decisions work plugs its own column in through `rowActions`.
 */
@Component({
  selector: 'tp-ranking-table',
  imports: [
    FormsModule, NgTemplateOutlet, MatButtonModule, MatButtonToggleModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatInputModule,
    MatPaginatorModule, MatProgressBarModule, TranslatePipe, EurosPipe, ApplicationStatusChip,
  ],
  templateUrl: './ranking-table.html',
  styleUrl: './ranking-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RankingTable {
  private readonly api = inject(RankingApi);
  private readonly notifier = inject(Notifier);
  private readonly downloader = inject(FileDownloader);
  protected readonly lang = inject(LanguageService).lang;

  readonly callId = input.required<string>();
  readonly axis = input.required<string>();
  /** Optional last column (e.g. the decisions engineer's buttons), given the row. */
  readonly rowActions = input<TemplateRef<RankingRowContext> | null>(null);
  /** Header of the `rowActions` column. */
  readonly rowActionsHeader = input('');
  /** A row was chosen (its reference link). */
  readonly rowSelected = output<RankingRowView>();
  /** Bumped by the parent to load the page again (e.g. after a decision), keeping the page and toggles. */
  readonly refresh = input(0);
  /** Which rows get a checkbox (none by default); the selection itself is the parent's, kept across pages. */
  readonly selectable = input<((row: RankingRowView) => boolean) | null>(null);
  /** Ids of the selected rows, on any page. */
  readonly selected = input<ReadonlySet<string>>(new Set());
  readonly selectionChange = output<RankingSelectionChange>();

  protected readonly score = signal<RankingScore>('raw');
  protected readonly amount = signal<RankingAmount>('requested');
  protected readonly minScoreText = signal('');
  protected readonly page = signal(1);
  protected readonly pageSize = signal(25);
  protected readonly flags = RANKING_FLAGS;

  protected readonly minScore = computed(() => {
    const text = this.minScoreText().trim().replace(',', '.');
    if (text === '') return null;
    const value = Number(text);
    return /^\d{1,3}(\.\d{1,2})?$/.test(text) && value <= 100 ? value : null;
  });
  protected readonly minScoreInvalid = computed(() => this.minScoreText().trim() !== '' && this.minScore() === null);

  protected readonly params = computed<RankingParams>(() => ({
    axis: this.axis(), score: this.score(), amount: this.amount(), minScore: this.minScore(), page: this.page(), pageSize: this.pageSize(),
  }));
  protected readonly ranking = rxResource({
    params: () => ({ callId: this.callId(), query: this.params() }),
    stream: ({ params }) => this.api.ranking(params.callId, params.query),
  });
  protected readonly view = computed(() => (this.ranking.hasValue() ? this.ranking.value() : null));
  protected readonly errorMessage = computed(() => {
    const error = this.ranking.error();
    return error ? this.notifier.messageOf(error) : null;
  });

  /** The `refresh` value last seen: a change reloads in place (the page stays shown while it loads). */
  private lastRefresh: number | null = null;
  private readonly refreshing = effect(() => {
    const value = this.refresh();
    if (this.lastRefresh !== null && value !== this.lastRefresh) untracked(() => this.ranking.reload());
    this.lastRefresh = value;
  });

  /** Bytes received by the running export; null when none runs. */
  protected readonly exportBytes = signal<number | null>(null);
  protected readonly exportDone = signal(false);

  protected setScore(value: RankingScore): void {
    this.score.set(value);
    this.page.set(1);
  }

  protected setAmount(value: RankingAmount): void {
    this.amount.set(value);
    this.page.set(1);
  }

  protected onPage(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
    this.pageSize.set(event.pageSize);
  }

  protected exportCsv(): void {
    if (this.exportBytes() !== null) return;
    this.exportBytes.set(0);
    this.exportDone.set(false);
    this.api.csv(this.callId(), this.params()).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.DownloadProgress) this.exportBytes.set(event.loaded);
        if (event.type === HttpEventType.Response && event.body) {
          this.downloader.saveBlob(event.body, `classement-${this.axis()}-${this.score()}.csv`, event.headers.get('Content-Disposition'));
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

  protected kilobytes = kilobytes;

  /** The rows of this page that may be selected. */
  protected readonly selectableRows = computed(() => {
    const can = this.selectable();
    return can ? (this.view()?.items ?? []).filter(can) : [];
  });
  /** Header box: all / some / none of this page's selectable rows are selected. */
  protected readonly pageSelection = computed<'all' | 'some' | 'none'>(() => {
    const rows = this.selectableRows();
    const count = rows.filter((r) => this.selected().has(r.applicationId)).length;
    return count === 0 ? 'none' : count === rows.length ? 'all' : 'some';
  });
  /** Decisions are checked against the raw-score, requested-amount order (see DecisionsService). */
  protected readonly decisionLine = computed(() => this.view()?.score === 'raw' && this.view()?.amount === 'requested');

  protected toggleRow(row: RankingRowView, checked: boolean): void {
    this.selectionChange.emit({ rows: [row], checked });
  }

  protected togglePage(checked: boolean): void {
    this.selectionChange.emit({ rows: this.selectableRows(), checked });
  }

  /** Columns of a row, for the cut-line and empty rows' colspan. */
  protected readonly columnCount = computed(() => 8 + 2 * (this.view()?.years.length ?? 0) + (this.rowActions() ? 1 : 0) + (this.selectable() ? 1 : 0));
}
