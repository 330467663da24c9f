import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { ConventionSummaryView } from '@tremplin/contracts';
import { CONVENTION_STATUSES } from '@tremplin/domain';
import { catchError, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { CallsApi } from '../../shared/calls/calls-api';
import { CountPipe } from '../../shared/format/count.pipe';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { LabelPipe } from '../../shared/format/label.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { bindFilter, pagedList, SEARCH_DEBOUNCE_MS } from '../../shared/paged-list/paged-list';
import { ConventionsApi, type ConventionQuery } from '../conventions-api';
import { GenerateDialog, type GenerateDialogData } from '../dialogs/generate-dialog';

/**
 * The conventions list: every convention for finance and admin (`/conventions`), the association's own
 * (`/mes-conventions`, route data `own`). Filters live in the URL, so the finance dashboard drills down
 * to `?callId=…&axisCode=…&year=…`.
 */
@Component({
  selector: 'tp-convention-list-page',
  imports: [
    ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatPaginatorModule,
    MatProgressBarModule, MatSelectModule, TranslatePipe, CountPipe, EurosPipe, LabelPipe, ParisDatePipe,
  ],
  templateUrl: './convention-list-page.html',
  styleUrl: './convention-list-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConventionListPage {
  private readonly api = inject(ConventionsApi);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService);
  /** The association's own list (no generation, no call filters). */
  protected readonly own = inject(ActivatedRoute).snapshot.data['own'] === true;
  protected readonly detailBase = this.own ? '/mes-conventions' : '/conventions';
  protected readonly canManage = !this.own && this.auth.hasPermission('conventions.manage');
  protected readonly canSeeInstallments = !this.own && this.auth.hasPermission('finance.read');

  protected readonly statuses = CONVENTION_STATUSES;
  protected readonly calls = toSignal(
    this.own ? of([]) : inject(CallsApi).list().pipe(catchError(() => of([]))),
    { initialValue: [] },
  );

  protected readonly callId = new FormControl('', { nonNullable: true });
  protected readonly axisCode = new FormControl('', { nonNullable: true });
  protected readonly year = new FormControl('', { nonNullable: true });
  protected readonly status = new FormControl('', { nonNullable: true });
  protected readonly q = new FormControl('', { nonNullable: true });

  protected readonly list = pagedList<ConventionQuery, ConventionSummaryView>(
    { callId: '', axisCode: '', year: '', status: '', q: '', page: 1, pageSize: 25 },
    (query) => this.api.list(query),
  );

  /** Axes and years of the chosen call (all calls' when none is chosen). */
  private readonly chosenCalls = computed(() => {
    const callId = this.list.query().callId;
    const calls = this.calls();
    return callId ? calls.filter((c) => c.id === callId) : calls;
  });
  protected readonly axes = computed(() => {
    const seen = new Map<string, { code: string; labelFr: string; labelEn: string }>();
    for (const call of this.chosenCalls()) for (const axis of call.axes) if (!seen.has(axis.code)) seen.set(axis.code, axis);
    return [...seen.values()];
  });
  protected readonly years = computed(() => [...new Set(this.chosenCalls().flatMap((c) => c.years))].sort());

  constructor() {
    bindFilter(this.list, 'callId', this.callId);
    bindFilter(this.list, 'axisCode', this.axisCode);
    bindFilter(this.list, 'year', this.year);
    bindFilter(this.list, 'status', this.status);
    bindFilter(this.list, 'q', this.q, SEARCH_DEBOUNCE_MS);
  }

  protected resetFilters(): void {
    this.list.filter({ callId: '', axisCode: '', year: '', status: '', q: '' });
  }

  protected generate(): void {
    const data: GenerateDialogData = { calls: this.calls(), callId: this.list.query().callId };
    this.dialog
      .open(GenerateDialog, { data, width: '36rem', maxWidth: '95vw', autoFocus: 'first-tabbable', restoreFocus: true })
      .afterClosed()
      .subscribe((created?: number) => {
        if (created) this.list.reload();
      });
  }
}
