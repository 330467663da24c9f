import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ASSIGNMENT_STATUSES, matchQuality, type MatchQuality } from '@tremplin/domain';
import type { AssignmentView, AutoAssignResult, ReviewerView } from '@tremplin/contracts';
import { firstValueFrom, of } from 'rxjs';
import { Notifier } from '../core/http/notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { CountPipe } from '../shared/format/count.pipe';
import { ParisDatePipe } from '../shared/format/paris-date.pipe';
import { DueDateDialog } from './due-date-dialog';
import { ReassignDialog, type ReassignDialogData } from './reassign-dialog';
import { ReviewAdminApi, type AssignmentFilters } from './review-admin-api';

const QUALITIES: readonly MatchQuality[] = ['axisAndTerritory', 'axis', 'territory', 'none'];

/**
 * « Affectation des évaluateurs » of one call: the automatic run (progress while solving), loads and
 * match quality as figures and bars, and the assignment list with manual reassignment and due dates.
 */
@Component({
  selector: 'tp-assignment-page',
  imports: [
    CountPipe, FormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatPaginatorModule,
    MatProgressBarModule, MatSelectModule, MatTableModule, ParisDatePipe, RouterLink, TranslatePipe,
  ],
  templateUrl: './assignment-page.html',
  styleUrl: './assignment-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignmentPage {
  private readonly api = inject(ReviewAdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly language = inject(LanguageService);

  protected readonly statuses = ASSIGNMENT_STATUSES;
  protected readonly columns = ['due', 'application', 'reviewer', 'status', 'match', 'actions'];
  protected readonly callId = signal<string>(this.route.snapshot.queryParamMap.get('appel') ?? '');
  protected readonly axisCode = signal<string>(this.route.snapshot.queryParamMap.get('axe') ?? '');
  protected readonly filters = signal<AssignmentFilters>({ reviewerId: '', status: '', overdue: false, page: 1, pageSize: 20 });
  protected readonly solving = signal(false);
  protected readonly lastRun = signal<AutoAssignResult | null>(null);

  protected readonly calls = rxResource({ stream: () => this.api.calls() });
  protected readonly call = computed(() => (this.calls.hasValue() ? this.calls.value().find((c) => c.id === this.callId()) : undefined));
  protected readonly summary = rxResource({
    params: () => this.callId(),
    stream: ({ params }) => (params ? this.api.summary(params) : of(null)),
  });
  protected readonly reviewers = rxResource({
    params: () => this.callId(),
    stream: ({ params }) => (params ? this.api.reviewers(params) : of([] as ReviewerView[])),
  });
  protected readonly assignments = rxResource({
    params: () => ({ callId: this.callId(), axisCode: this.axisCode(), filters: this.filters() }),
    stream: ({ params }) => (params.callId ? this.api.assignments(params.callId, params.axisCode, params.filters) : of(null)),
  });
  protected readonly rows = computed(() => this.assignments.value()?.items ?? []);
  protected readonly total = computed(() => this.assignments.value()?.total ?? 0);
  protected readonly loads = computed(() =>
    (this.summary.value()?.loads ?? []).map((l) => ({
      ...l,
      percent: l.capacity > 0 ? Math.min(100, Math.round((l.load / l.capacity) * 100)) : 0,
    })),
  );
  protected readonly qualities = computed(() => {
    const counts = this.summary.value()?.matchQuality;
    const max = Math.max(1, ...QUALITIES.map((q) => counts?.[q] ?? 0));
    return QUALITIES.map((q) => ({ key: q, count: counts?.[q] ?? 0, percent: Math.round(((counts?.[q] ?? 0) / max) * 100) }));
  });
  protected readonly errorMessage = computed(() => {
    const error = this.summary.error() ?? this.assignments.error() ?? this.calls.error();
    return error ? this.notifier.messageOf(error) : null;
  });

  constructor() {
    // The chosen call and axis live in the URL (shareable, back button).
    effect(() => {
      const queryParams = { appel: this.callId() || null, axe: this.axisCode() || null };
      void this.router.navigate([], { relativeTo: this.route, queryParams, replaceUrl: true });
    });
  }

  protected chooseCall(id: string): void {
    this.callId.set(id);
    this.axisCode.set('');
    this.lastRun.set(null);
    this.filters.update((f) => ({ ...f, reviewerId: '', page: 1 }));
  }

  protected chooseAxis(code: string): void {
    this.axisCode.set(code);
    this.filters.update((f) => ({ ...f, page: 1 }));
  }

  protected filter(patch: Partial<AssignmentFilters>): void {
    this.filters.update((f) => ({ ...f, ...patch, page: 1 }));
  }

  protected onPage(event: PageEvent): void {
    this.filters.update((f) => ({ ...f, page: event.pageIndex + 1, pageSize: event.pageSize }));
  }

  protected async autoAssign(): Promise<void> {
    const callId = this.callId();
    if (!callId || this.solving()) return;
    this.solving.set(true);
    try {
      const result = await firstValueFrom(this.api.auto(callId, this.axisCode()));
      this.lastRun.set(result);
      this.notifier.success(this.translate.instant('reviewAdmin.autoDone', { count: result.assigned, ms: result.solveMs }) as string);
      this.reload();
    } catch (error) {
      this.notifier.error(error);
    } finally {
      this.solving.set(false);
    }
  }

  protected async reassign(assignment: AssignmentView): Promise<void> {
    const reviewerId = await firstValueFrom(
      this.dialog.open<ReassignDialog, ReassignDialogData, string>(ReassignDialog, { data: { assignment, reviewers: this.reviewers.value() ?? [] }, width: '32rem', maxWidth: '95vw' }).afterClosed(),
    );
    if (!reviewerId) return;
    try {
      const result = await firstValueFrom(this.api.reassign(assignment.id, reviewerId));
      this.notifier.success(this.translate.instant('reviewAdmin.reassignDialog.done', { reviewer: result.assignment.reviewerName }) as string);
      this.reload();
    } catch (error) {
      this.notifier.error(error);
    }
  }

  protected async changeDue(assignment: AssignmentView): Promise<void> {
    const dueOn = await firstValueFrom(this.dialog.open<DueDateDialog, AssignmentView, string>(DueDateDialog, { data: assignment, width: '24rem', maxWidth: '95vw' }).afterClosed());
    if (!dueOn) return;
    try {
      await firstValueFrom(this.api.changeDue(assignment.id, dueOn));
      this.notifier.success(this.translate.instant('reviewAdmin.dueDialog.done') as string);
      this.reload();
    } catch (error) {
      this.notifier.error(error);
    }
  }

  protected isActive(a: AssignmentView): boolean {
    return (a.status === 'assigned' || a.status === 'accepted') && a.reviewStatus !== 'submitted';
  }

  protected qualityKey(points: number): string {
    return `reviewAdmin.quality.${matchQuality(points)}`;
  }

  private reload(): void {
    this.summary.reload();
    this.reviewers.reload();
    this.assignments.reload();
  }
}
