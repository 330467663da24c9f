import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ApplicationSummaryView, ApplicationView, CommitteeSessionDetailView, DecisionBatchItem, DecisionInput, DecisionView } from '@tremplin/contracts';
import { catchError, forkJoin, map, of, switchMap, type Observable } from 'rxjs';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { ApplicationsApi } from '../../shared/applications/applications-api';
import { CallsApi } from '../../shared/calls/calls-api';
import { ConfirmDialog, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { CommitteeApi } from '../committee-api';
import { DecisionDialog, type DecisionDialogData } from '../decision-dialog/decision-dialog';
import { EnvelopeLines } from '../envelope-lines/envelope-lines';
import { RankingTable } from '../ranking/ranking-table';

/** What each year of an application asks the Département (its budget's account 74, as submitted). */
export function requestedYears(app: Pick<ApplicationView, 'budget'>): Array<{ year: number; requestedCents: number }> {
  return app.budget.map((y) => ({ year: y.year, requestedCents: y.products.p74Departement ?? 0 }));
}

/**
 * The committee page of a call: per axis, open a session, decide one by one or on a selection, follow
 * the projected use of each year's allocation, publish. The ranking table (another part of the work)
 * takes the placeholder's place.
 */
@Component({
  selector: 'tp-committee-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe, EurosPipe, RankingTable, EnvelopeLines],
  templateUrl: './committee-page.html',
  styleUrl: './committee-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommitteePage {
  readonly callId = input.required<string>();
  private readonly committee = inject(CommitteeApi);
  private readonly applications = inject(ApplicationsApi);
  private readonly calls = inject(CallsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);
  protected readonly lang = this.language.lang;

  protected readonly call = rxResource({ params: () => this.callId(), stream: ({ params }) => this.calls.get(params) });
  protected readonly selectedAxis = signal<string | null>(null);
  protected readonly axisCode = computed(() => this.selectedAxis() ?? this.call.value()?.axes[0]?.code ?? null);
  private readonly reloads = signal(0);

  protected readonly sessions = rxResource({
    params: () => ({ callId: this.callId(), reload: this.reloads() }),
    stream: ({ params }) => this.committee.sessions(params.callId),
  });
  /** The axis's open session, else its last published one. */
  protected readonly sessionId = computed(() => {
    const axis = this.sessions.value()?.filter((s) => s.axisCode === this.axisCode()) ?? [];
    return (axis.find((s) => s.status === 'open') ?? axis[0])?.id ?? null;
  });
  protected readonly session = rxResource({
    params: () => {
      const id = this.sessionId();
      return id ? { id, reload: this.reloads() } : undefined;
    },
    stream: ({ params }) => this.committee.session(params.id),
  });

  /** The axis's applications the committee decides on, each with its decision so far. */
  protected readonly rows = rxResource({
    params: () => {
      const axisCode = this.axisCode();
      return axisCode ? { callId: this.callId(), axisCode, reload: this.reloads() } : undefined;
    },
    stream: ({ params }) =>
      this.applications.list({ callId: params.callId, axisCode: params.axisCode, status: 'reviewed,waitlisted', sort: 'reference', direction: 'asc', page: 1, pageSize: 100 }).pipe(
        switchMap((page) => (page.items.length ? forkJoin(page.items.map((app) => this.decisionOf(app))) : of([]))),
      ),
  });
  protected readonly selection = signal<ReadonlySet<string>>(new Set());
  protected readonly saving = signal(false);

  protected readonly openForm = new FormGroup({
    sitsOn: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)] }),
    deliberationReference: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(2), Validators.maxLength(100)] }),
  });

  private decisionOf(app: ApplicationSummaryView): Observable<{ app: ApplicationSummaryView; decision: DecisionView | null }> {
    return this.committee.decision(app.id).pipe(
      map((decision) => ({ app, decision })),
      catchError(() => of({ app, decision: null })),
    );
  }

  protected chooseAxis(code: string): void {
    this.selectedAxis.set(code);
    this.selection.set(new Set());
  }

  protected usagePercent(year: { allocationCents: number; grantedCents: number }): number {
    if (year.allocationCents <= 0) return year.grantedCents > 0 ? 100 : 0;
    return Math.round((year.grantedCents * 100) / year.allocationCents);
  }

  protected toggle(id: string, checked: boolean): void {
    const next = new Set(this.selection());
    if (checked) next.add(id);
    else next.delete(id);
    this.selection.set(next);
  }

  protected openSession(): void {
    const axisCode = this.axisCode();
    this.openForm.markAllAsTouched();
    if (!axisCode || this.openForm.invalid) return;
    this.saving.set(true);
    this.committee.openSession(this.callId(), { axisCode, ...this.openForm.getRawValue() }).subscribe({
      next: () => {
        this.saving.set(false);
        this.notifier.success(this.translate.instant('committee.sessionOpened') as string);
        this.openForm.reset();
        this.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.notifier.error(error);
      },
    });
  }

  /** One application: its requested amounts and current decision prefill the dialog. */
  protected decide(row: { app: ApplicationSummaryView; decision: DecisionView | null }): void {
    this.applications.get(row.app.id).subscribe({
      next: (app) => {
        const data: DecisionDialogData = {
          reference: app.reference, count: 1, years: requestedYears(app), aboveCutLine: null, current: row.decision,
          save: (input) => this.committee.decide(app.id, { ...input, version: row.decision?.version ?? 0 }),
        };
        this.afterDialog(this.dialog.open(DecisionDialog, { data, width: '40rem', maxWidth: '95vw' }).afterClosed(), 'committee.decided', 1);
      },
      error: (error: unknown) => this.notifier.error(error),
    });
  }

  /** A selection: retained ones get what each asked; all or nothing on the server. */
  protected decideSelection(): void {
    const sessionId = this.session.value()?.status === 'open' ? this.session.value()?.id : null;
    const chosen = (this.rows.value() ?? []).filter((r) => this.selection().has(r.app.id));
    if (!sessionId || !chosen.length) return;
    const data: DecisionDialogData = {
      reference: null, count: chosen.length, years: [], aboveCutLine: null, current: null,
      save: (input) => this.batch(sessionId, chosen, input),
    };
    this.afterDialog(this.dialog.open(DecisionDialog, { data, width: '40rem', maxWidth: '95vw' }).afterClosed(), 'committee.batchDone', chosen.length);
  }

  private batch(sessionId: string, chosen: Array<{ app: ApplicationSummaryView; decision: DecisionView | null }>, input: Omit<DecisionInput, 'version'>) {
    const apps: Observable<ApplicationView[] | null> = input.outcome === 'retained' ? forkJoin(chosen.map((r) => this.applications.get(r.app.id))) : of(null);
    return apps.pipe(switchMap((full: ApplicationView[] | null) => {
      const items: DecisionBatchItem[] = chosen.map((r, i) => ({
        ...input, applicationId: r.app.id, version: r.decision?.version ?? 0,
        ...(full ? { grants: requestedYears(full[i] as ApplicationView).map((y) => ({ year: y.year, amountCents: y.requestedCents })) } : {}),
      }));
      return this.committee.decideMany(sessionId, items);
    }));
  }

  private afterDialog(closed: Observable<boolean | undefined>, messageKey: string, count: number): void {
    closed.subscribe((saved) => {
      if (!saved) return;
      this.notifier.success(this.translate.instant(messageKey, { count }) as string);
      this.selection.set(new Set());
      this.reload();
    });
  }

  protected publish(): void {
    const session = this.session.value();
    if (!session || session.status !== 'open') return;
    const data: ConfirmDialogData = {
      title: this.translate.instant('committee.publishTitle') as string,
      message: this.translate.instant('committee.publishMessage', { ...session.counts, amount: this.euros(simulatedCents(session)) }) as string,
      confirm: this.translate.instant('committee.publish') as string,
      cancel: this.translate.instant('common.cancel') as string,
    };
    this.dialog.open(ConfirmDialog, { data }).afterClosed().subscribe((confirmed) => {
      if (!confirmed) return;
      this.saving.set(true);
      this.committee.publish(this.callId(), session.id).subscribe({
        next: () => {
          this.saving.set(false);
          this.notifier.success(this.translate.instant('committee.published') as string);
          this.reload();
        },
        error: (error: unknown) => {
          this.saving.set(false);
          // A 409 names the cells over their allocation and by how much.
          this.notifier.error(error);
        },
      });
    });
  }

  protected euros(cents: number): string {
    return new EurosPipe().transform(cents, this.lang());
  }

  private reload(): void {
    this.reloads.update((n) => n + 1);
  }
}

/** What the session's decisions grant beyond what was already published in the axis. */
export function simulatedCents(session: CommitteeSessionDetailView): number {
  return session.projected.reduce((sum, y) => sum + y.grantedCents - y.publishedCents, 0);
}
