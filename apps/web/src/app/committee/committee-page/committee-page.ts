import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { CommitteeSessionDetailView, DecisionBatchItem, DecisionInput, DecisionView, RankingRowView } from '@tremplin/contracts';
import { of, type Observable } from 'rxjs';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { CallsApi } from '../../shared/calls/calls-api';
import { ConfirmDialog, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { CommitteeApi } from '../committee-api';
import { DecisionDialog, type DecisionDialogData } from '../decision-dialog/decision-dialog';
import { EnvelopeLines } from '../envelope-lines/envelope-lines';
import { RankingTable, type RankingSelectionChange } from '../ranking/ranking-table';

/** Statuses the committee decides on (the server refuses the others with 409 NOT_DECIDABLE). */
const DECIDABLE = new Set(['reviewed', 'waitlisted']);
export const isDecidable = (row: Pick<RankingRowView, 'status'>): boolean => DECIDABLE.has(row.status);

/**
 * The years a ranking row asks the Département for: a year without a request cannot be granted (the
 * server answers DECISION_YEAR_UNKNOWN), so only years with an amount are offered.
 */
export function requestedYears(row: Pick<RankingRowView, 'years'>): Array<{ year: number; requestedCents: number }> {
  return row.years.filter((y) => y.requestedCents > 0).map((y) => ({ year: y.year, requestedCents: y.requestedCents }));
}

/**
 * The committee page of a call: per axis, open a session, decide from the ranking itself — one row at a
 * time (the row's place against the line is known before saving) or on a selection kept across the
 * ranking's pages — follow the projected use of each year's allocation, publish.
 */
@Component({
  selector: 'tp-committee-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe, EurosPipe, RankingTable, EnvelopeLines],
  templateUrl: './committee-page.html',
  styleUrl: './committee-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommitteePage {
  readonly callId = input.required<string>();
  private readonly committee = inject(CommitteeApi);
  private readonly calls = inject(CallsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);
  protected readonly lang = this.language.lang;

  protected readonly call = rxResource({ params: () => this.callId(), stream: ({ params }) => this.calls.get(params) });
  protected readonly selectedAxis = signal<string | null>(null);
  protected readonly axisCode = computed(() => this.selectedAxis() ?? this.call.value()?.axes[0]?.code ?? null);
  protected readonly reloads = signal(0);

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
  protected readonly sessionOpen = computed(() => this.session.value()?.status === 'open');

  /** Selected ranking rows by application id, on any page of the ranking. */
  protected readonly selection = signal<ReadonlyMap<string, RankingRowView>>(new Map());
  protected readonly selectedIds = computed(() => new Set(this.selection().keys()));
  protected readonly isDecidable = isDecidable;
  protected readonly emptySelection: ReadonlyMap<string, RankingRowView> = new Map();
  protected readonly saving = signal(false);

  protected readonly openForm = new FormGroup({
    sitsOn: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)] }),
    deliberationReference: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(2), Validators.maxLength(100)] }),
  });

  protected chooseAxis(code: string): void {
    this.selectedAxis.set(code);
    this.selection.set(new Map());
  }

  protected usagePercent(year: { allocationCents: number; grantedCents: number }): number {
    if (year.allocationCents <= 0) return year.grantedCents > 0 ? 100 : 0;
    return Math.round((year.grantedCents * 100) / year.allocationCents);
  }

  protected onSelection(change: RankingSelectionChange): void {
    const next = new Map(this.selection());
    for (const row of change.rows) {
      if (change.checked) next.set(row.applicationId, row);
      else next.delete(row.applicationId);
    }
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

  /**
   * One ranking row: its amounts and its place against the line come with it; only a decision already
   * taken is read (to edit it). `aboveCutLine` is null when the table shows another order than the one
   * decisions are checked against: the dialog then asks for the justification and the server decides.
   */
  protected decide(row: RankingRowView, aboveCutLine: boolean | null): void {
    const current: Observable<DecisionView | null> = row.decision ? this.committee.decision(row.applicationId) : of(null);
    current.subscribe({
      next: (decision) => {
        const data: DecisionDialogData = {
          reference: row.reference, count: 1, years: requestedYears(row), aboveCutLine, current: decision,
          save: (input) => this.committee.decide(row.applicationId, { ...input, version: decision?.version ?? 0 }),
        };
        this.afterDialog(this.dialog.open(DecisionDialog, { data, width: '40rem', maxWidth: '95vw' }).afterClosed(), 'committee.decided', 1);
      },
      error: (error: unknown) => this.notifier.error(error),
    });
  }

  /** A selection: retained ones get what each asked; all or nothing on the server. */
  protected decideSelection(): void {
    const sessionId = this.sessionOpen() ? this.session.value()?.id : null;
    const chosen = [...this.selection().values()];
    if (!sessionId || !chosen.length) return;
    const data: DecisionDialogData = {
      reference: null, count: chosen.length, years: [], aboveCutLine: null, current: null,
      save: (input) => this.committee.decideMany(sessionId, batchItems(chosen, input)),
    };
    this.afterDialog(this.dialog.open(DecisionDialog, { data, width: '40rem', maxWidth: '95vw' }).afterClosed(), 'committee.batchDone', chosen.length);
  }

  private afterDialog(closed: Observable<boolean | undefined>, messageKey: string, count: number): void {
    closed.subscribe((saved) => {
      if (!saved) return;
      this.notifier.success(this.translate.instant(messageKey, { count }) as string);
      this.selection.set(new Map());
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

/** The batch sent for selected ranking rows: each at its decision's version; retained ones get what they asked. */
export function batchItems(rows: RankingRowView[], input: Omit<DecisionInput, 'version'>): DecisionBatchItem[] {
  return rows.map((row) => ({
    ...input, applicationId: row.applicationId, version: row.decision?.version ?? 0,
    ...(input.outcome === 'retained' ? { grants: requestedYears(row).map((y) => ({ year: y.year, amountCents: y.requestedCents })) } : {}),
  }));
}

/** What the session's decisions grant beyond what was already published in the axis. */
export function simulatedCents(session: CommitteeSessionDetailView): number {
  return session.projected.reduce((sum, y) => sum + y.grantedCents - y.publishedCents, 0);
}
