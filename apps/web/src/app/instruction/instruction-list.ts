import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ApplicationSummaryView, Territory } from '@tremplin/contracts';
import { TERRITORIES, TERRITORY_LABELS } from '@tremplin/contracts/organizations';
import { APPLICATION_STATUSES } from '@tremplin/domain';
import { AuthService } from '../core/auth/auth.service';
import { Notifier } from '../core/http/notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { ApplicationStatusChip } from '../shared/application-status/application-status';
import { ApplicationsApi, type ApplicationQuery } from '../shared/applications/applications-api';
import { CallsApi } from '../shared/calls/calls-api';
import { EurosPipe } from '../shared/format/euros.pipe';
import { LabelPipe } from '../shared/format/label.pipe';
import { ParisDatePipe } from '../shared/format/paris-date.pipe';
import { PluralPipe } from '../shared/format/plural.pipe';
import { CountPipe } from '../shared/format/count.pipe';
import { bindFilter, pagedList, SEARCH_DEBOUNCE_MS, type PageQuery } from '../shared/paged-list/paged-list';
import { AdmissibilityDialog, type AdmissibilityChoice, type AdmissibilityDialogData } from './admissibility/admissibility-dialog';

export { SEARCH_DEBOUNCE_MS };

/** The list's query, kept in the URL: every filter has a value ('' for all). */
type StaffListQuery = PageQuery & Required<Pick<ApplicationQuery, 'callId' | 'axisCode' | 'status' | 'territory' | 'q'>>;
const DEFAULT_QUERY: StaffListQuery = {
  callId: '', axisCode: '', status: '', territory: '', q: '', page: 1, pageSize: 25, sort: 'submittedAt', direction: 'desc',
};

/** Staff « Candidatures »: server-side paging, sorting and filters (call, axis, status, territory, text). */
@Component({
  selector: 'tp-instruction-list',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    ApplicationStatusChip,
    EurosPipe,
    LabelPipe,
    ParisDatePipe,
    PluralPipe,
    CountPipe,
  ],
  templateUrl: './instruction-list.html',
  styleUrl: './instruction-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstructionList {
  private readonly api = inject(ApplicationsApi);
  private readonly callsApi = inject(CallsApi);
  private readonly notifier = inject(Notifier);
  protected readonly language = inject(LanguageService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);

  /** Batch admissibility: a selection column for whoever may decide it. */
  protected readonly canDecide = computed(() => this.auth.hasPermission('applications.decide-admissibility'));
  private readonly baseColumns = ['reference', 'organization', 'title', 'call', 'territories', 'status', 'requestedCents', 'submittedAt'];
  protected readonly columns = computed(() => (this.canDecide() ? ['select', ...this.baseColumns] : this.baseColumns));
  protected readonly list = pagedList<StaffListQuery, ApplicationSummaryView>(DEFAULT_QUERY, (query) => this.api.list(query));
  /** Ids selected on the current page (cleared when the page, sort or filters change). */
  protected readonly selected = linkedSignal<StaffListQuery, ReadonlySet<string>>({ source: this.list.query, computation: () => new Set() });
  protected readonly marking = signal(false);
  protected readonly statuses = APPLICATION_STATUSES;
  protected readonly territories = TERRITORIES.map((code) => ({ code, label: TERRITORY_LABELS[code] }));

  protected readonly filters = new FormGroup({
    callId: new FormControl('', { nonNullable: true }),
    axisCode: new FormControl('', { nonNullable: true }),
    status: new FormControl('', { nonNullable: true }),
    territory: new FormControl('', { nonNullable: true }),
  });
  protected readonly search = new FormControl('', { nonNullable: true });

  protected readonly calls = rxResource({ stream: () => this.callsApi.list() });

  protected readonly rows = this.list.rows;
  /** Only submitted applications can be declared admissible. */
  protected readonly selectable = computed(() => this.rows().filter((r) => r.status === 'submitted'));
  protected readonly allSelected = computed(() => this.selectable().length > 0 && this.selectable().every((r) => this.selected().has(r.id)));
  protected readonly callList = computed(() => (this.calls.hasValue() ? this.calls.value() : []));
  /** Axes of the chosen call, or of every call (codes are shared across calls). */
  protected readonly axes = computed(() => {
    const callId = this.list.query().callId;
    const calls = this.callList().filter((c) => !callId || c.id === callId);
    const seen = new Map<string, { code: string; labelFr: string; labelEn: string }>();
    for (const axis of calls.flatMap((c) => c.axes)) if (!seen.has(axis.code)) seen.set(axis.code, axis);
    return [...seen.values()];
  });

  constructor() {
    for (const field of ['callId', 'axisCode', 'status', 'territory'] as const) bindFilter(this.list, field, this.filters.controls[field]);
    bindFilter(this.list, 'q', this.search, SEARCH_DEBOUNCE_MS);
  }

  protected axisName(row: ApplicationSummaryView): string {
    const call = this.callList().find((c) => c.id === row.callId);
    const axis = call?.axes.find((a) => a.code === row.axisCode);
    return axis ? this.language.pick(axis) : row.axisCode;
  }

  protected territoryNames(codes: readonly Territory[]): string {
    return codes.map((c) => TERRITORY_LABELS[c] ?? c).join(', ');
  }

  protected toggle(id: string, checked: boolean): void {
    const next = new Set(this.selected());
    if (checked) next.add(id);
    else next.delete(id);
    this.selected.set(next);
  }

  protected toggleAll(checked: boolean): void {
    this.selected.set(checked ? new Set(this.selectable().map((r) => r.id)) : new Set());
  }

  /** All or nothing on the server: on a refusal nothing changed, and the message says why. */
  protected markAdmissible(): void {
    const ids = this.rows().filter((r) => this.selected().has(r.id)).map((r) => r.id);
    if (ids.length === 0) return;
    this.dialog
      .open<AdmissibilityDialog, AdmissibilityDialogData, AdmissibilityChoice>(AdmissibilityDialog, {
        data: { admissible: true, count: ids.length }, width: '36rem', maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((choice) => {
        if (!choice) return;
        this.marking.set(true);
        this.api.decideAdmissibilityMany({ ids, admissible: true }).subscribe({
          next: (result) => {
            this.marking.set(false);
            this.selected.set(new Set());
            this.notifier.success(this.translate.instant('admissibility.batchDone', { count: result.items.length }) as string);
            this.list.reload();
          },
          error: (error: unknown) => {
            this.marking.set(false);
            this.notifier.error(error);
          },
        });
      });
  }

  protected reset(): void {
    this.list.filter({ callId: '', axisCode: '', status: '', territory: '', q: '' });
  }
}
