import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ConventionView, InstallmentView } from '@tremplin/contracts';
import type { ConventionAction } from '@tremplin/domain';
import type { Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { ConfirmDialog, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog';
import { FileDownloader } from '../../shared/files/file-download';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { ConventionsApi } from '../conventions-api';
import { AmendmentDialog, type AmendmentDialogData } from '../dialogs/amendment-dialog';
import { PaymentDialog, type PaymentDialogData } from '../dialogs/payment-dialog';
import { SignedEurosPipe } from '../dialogs/signed-euros.pipe';
import { SignDialog, type SignDialogData } from '../dialogs/sign-dialog';
import { TransitionDialog, type TransitionDialogData } from '../dialogs/transition-dialog';

/** Statuses in which an amendment (avenant) can be made: the convention is signed by both parties. */
const AMENDABLE = new Set(['signed_by_department', 'active']);
/** A year's report is approved on an active convention only (the API refuses otherwise); its balance then falls due. */
const REPORTABLE = new Set(['active']);
/** Staff actions in the order they are shown (the association's signature has its own dialog). */
const STAFF_ACTIONS: ReadonlyArray<Exclude<ConventionAction, 'sign_by_association'>> = [
  'send', 'sign_by_department', 'activate', 'suspend', 'resume', 'close', 'terminate',
];

interface TimelineEvent {
  at: string;
  key: string;
  params: Record<string, string>;
}

/**
 * One convention: parties, yearly amounts (committed, paid, report), documents, signatures, amendments,
 * installments and payments, and what the actor may do now (`allowedActions`, from the server). Finance and
 * admin at `/conventions/:id`, the association at `/mes-conventions/:id` (route data `own`).
 */
@Component({
  selector: 'tp-convention-detail-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe, EurosPipe, ParisDatePipe, SignedEurosPipe],
  templateUrl: './convention-detail-page.html',
  styleUrl: './convention-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConventionDetailPage {
  /** The route's `:id` (component input binding). */
  readonly id = input.required<string>();

  private readonly api = inject(ConventionsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly downloader = inject(FileDownloader);
  private readonly injector = inject(Injector);
  private readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService);
  protected readonly own = inject(ActivatedRoute).snapshot.data['own'] === true;
  protected readonly listPath = this.own ? '/mes-conventions' : '/conventions';
  protected readonly canManage = !this.own && this.auth.hasPermission('conventions.manage');
  protected readonly canPay = !this.own && this.auth.hasPermission('payments.record');
  protected readonly canApproveReports = !this.own && this.auth.hasPermission('reports.approve');
  private readonly statusLine = viewChild<ElementRef<HTMLElement>>('statusLine');

  protected readonly convention = signal<ConventionView | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly installments = signal<InstallmentView[]>([]);
  protected readonly installmentsError = signal<string | null>(null);

  protected readonly staffActions = computed(() => {
    const allowed = this.convention()?.allowedActions ?? [];
    return STAFF_ACTIONS.filter((action) => allowed.includes(action));
  });
  protected readonly canSign = computed(() => this.own && (this.convention()?.allowedActions ?? []).includes('sign_by_association'));
  protected readonly canAmend = computed(() => this.canManage && AMENDABLE.has(this.convention()?.status ?? ''));
  protected readonly canApprove = computed(() => this.canApproveReports && REPORTABLE.has(this.convention()?.status ?? ''));
  protected readonly totals = computed(() => {
    const years = this.convention()?.years ?? [];
    return {
      amountCents: years.reduce((sum, y) => sum + y.amountCents, 0),
      committedCents: years.reduce((sum, y) => sum + y.committedCents, 0),
      paidCents: years.reduce((sum, y) => sum + y.paidCents, 0),
    };
  });

  /** Signatures and state changes, oldest first. */
  protected readonly timeline = computed<TimelineEvent[]>(() => {
    const c = this.convention();
    if (!c) return [];
    const events: TimelineEvent[] = [];
    if (c.sentAt) events.push({ at: c.sentAt, key: 'conventions.timeline.sent', params: {} });
    if (c.associationSignature) {
      const method = this.translate.instant(`conventions.sign.methods.${c.associationSignature.method}`) as string;
      events.push({ at: c.associationSignature.signedAt, key: 'conventions.timeline.associationSigned', params: { name: c.associationSignature.signerName, method } });
    }
    if (c.departmentSignature) {
      events.push({
        at: c.departmentSignature.signedAt,
        key: 'conventions.timeline.departmentSigned',
        params: { name: c.departmentSignature.signerName, reference: c.departmentSignature.deliberationReference },
      });
    }
    if (c.activatedAt) events.push({ at: c.activatedAt, key: 'conventions.timeline.activated', params: {} });
    if (c.closedAt) events.push({ at: c.closedAt, key: 'conventions.timeline.closed', params: {} });
    if (c.terminatedAt) events.push({ at: c.terminatedAt, key: 'conventions.timeline.terminated', params: { reason: c.terminationReason ?? '' } });
    return events.sort((a, b) => a.at.localeCompare(b.at));
  });

  constructor() {
    effect(() => {
      const current = this.id();
      untracked(() => this.load(current));
    });
  }

  private load(conventionId: string): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api.get(conventionId).subscribe({
      next: (view) => {
        this.loading.set(false);
        this.convention.set(view);
        this.loadInstallments(view.id);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.loadError.set(this.notifier.messageOf(error));
      },
    });
  }

  private loadInstallments(conventionId: string): void {
    this.installmentsError.set(null);
    this.api.installments(conventionId).subscribe({
      next: (rows) => this.installments.set(rows),
      error: (error: unknown) => this.installmentsError.set(this.notifier.messageOf(error)),
    });
  }

  protected reload(): void {
    this.load(this.id());
  }

  /** After a change: the new state, a message, and the focus on the status line (the button that opened the dialog may be gone). */
  private changed(view: ConventionView, messageKey: string): void {
    this.convention.set(view);
    this.loadInstallments(view.id);
    this.notifier.success(this.translate.instant(messageKey, { number: view.number }) as string);
    afterNextRender(() => this.statusLine()?.nativeElement.focus(), { injector: this.injector });
  }

  private afterDialog(closed: Observable<ConventionView | undefined>, messageKey: string): void {
    closed.subscribe((view) => {
      if (view) this.changed(view, messageKey);
    });
  }

  protected act(action: Exclude<ConventionAction, 'sign_by_association'>): void {
    const c = this.convention();
    if (!c) return;
    const data: TransitionDialogData = {
      action,
      number: c.number,
      paidCents: this.totals().paidCents,
      save: (body) => this.api.transition(c.id, { ...body, version: c.version }),
    };
    this.afterDialog(
      this.dialog.open<TransitionDialog, TransitionDialogData, ConventionView>(TransitionDialog, { data, width: '36rem', maxWidth: '95vw' }).afterClosed(),
      `conventions.done.${action}`,
    );
  }

  protected sign(): void {
    const c = this.convention();
    if (!c) return;
    const data: SignDialogData = {
      convention: c,
      accept: (body) => this.api.transition(c.id, body),
      upload: (file, signerName) => this.api.uploadSignedScan(c.id, file, c.version, signerName),
    };
    this.afterDialog(
      this.dialog.open<SignDialog, SignDialogData, ConventionView>(SignDialog, { data, width: '38rem', maxWidth: '95vw' }).afterClosed(),
      'conventions.done.sign_by_association',
    );
  }

  protected amend(): void {
    const c = this.convention();
    if (!c) return;
    const data: AmendmentDialogData = { convention: c, installments: this.installments(), save: (body) => this.api.amend(c.id, body) };
    this.afterDialog(
      this.dialog.open<AmendmentDialog, AmendmentDialogData, ConventionView>(AmendmentDialog, { data, width: '40rem', maxWidth: '95vw' }).afterClosed(),
      'conventions.done.amend',
    );
  }

  protected approveReport(year: number): void {
    const c = this.convention();
    if (!c) return;
    const data: ConfirmDialogData = {
      title: this.translate.instant('conventions.report.title', { year }) as string,
      message: this.translate.instant('conventions.report.message', { year, number: c.number }) as string,
      confirm: this.translate.instant('conventions.report.approve') as string,
      cancel: this.translate.instant('common.cancel') as string,
    };
    this.dialog.open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { data, width: '32rem', maxWidth: '95vw' }).afterClosed().subscribe((ok) => {
      if (!ok) return;
      this.api.approveReport(c.id, year).subscribe({
        next: (view) => this.changed(view, 'conventions.done.report'),
        error: (error: unknown) => this.notifier.error(error),
      });
    });
  }

  protected pay(installment: InstallmentView): void {
    const data: PaymentDialogData = { installment, pay: (body, key) => this.api.pay(installment.id, body, key) };
    this.dialog
      .open(PaymentDialog, { data, width: '34rem', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((recorded) => {
        if (!recorded) return;
        this.notifier.success(this.translate.instant(recorded.replayed ? 'conventions.payment.replayed' : 'conventions.payment.done') as string);
        this.reload();
        afterNextRender(() => this.statusLine()?.nativeElement.focus(), { injector: this.injector });
      });
  }

  protected download(which: { signed?: boolean; version?: number }, name: string): void {
    const c = this.convention();
    if (!c) return;
    this.downloader.download(this.api.documentUrl(c.id, which), name);
  }

  protected remaining(installment: InstallmentView): number {
    return Math.max(0, installment.amountCents - installment.paidCents);
  }
}
