import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ApplicationView } from '@tremplin/contracts';
import { filter } from 'rxjs';
import { Notifier } from '../core/http/notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { ApplicationStatusChip } from '../shared/application-status/application-status';
import { ApplicationContent } from '../shared/applications/application-content';
import { loadedApplication } from '../shared/applications/loaded-application';
import { ApplicationsApi } from '../shared/applications/applications-api';
import { ConfirmDialog, type ConfirmDialogData } from '../shared/confirm-dialog/confirm-dialog';
import { FileDownloader } from '../shared/files/file-download';
import { ParisDatePipe } from '../shared/format/paris-date.pipe';
import { MessageThread } from '../shared/messages/message-thread';
import { ApplicationWizard } from './wizard/application-wizard';

/**
 * One application of the association: the wizard while it can be edited (a draft, or answering an
 * information request), otherwise the read-only view with its reference, receipt and messages.
 */
import { DecisionSummary } from '../committee/decision-summary/decision-summary';

@Component({
  selector: 'tp-application-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    ParisDatePipe,
    ApplicationStatusChip,
    ApplicationContent,
    ApplicationWizard,
    MessageThread,
    DecisionSummary,
  ],
  templateUrl: './application-page.html',
  styleUrl: './application-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApplicationPage {
  /** Route parameter. */
  readonly id = input.required<string>();

  private readonly api = inject(ApplicationsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly downloader = inject(FileDownloader);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageService);
  private readonly wizard = viewChild(ApplicationWizard);
  private readonly successBox = viewChild<ElementRef<HTMLElement>>('successBox');

  private readonly application = loadedApplication(this.id);
  protected readonly view = this.application.view;
  protected readonly axes = this.application.axes;
  protected readonly loading = this.application.loading;
  protected readonly loadError = this.application.loadError;
  protected readonly axisLabel = this.application.axisLabel;
  protected readonly justSubmitted = signal(false);
  protected readonly withdrawing = signal(false);

  protected readonly editable = computed(() => this.view()?.allowedActions.includes('edit') ?? false);
  protected readonly canWithdraw = computed(() => this.view()?.allowedActions.includes('withdraw') ?? false);

  protected load(id: string): void {
    this.application.load(id);
  }

  protected onSubmitted(view: ApplicationView): void {
    this.view.set(view);
    this.justSubmitted.set(true);
    afterNextRender(() => this.successBox()?.nativeElement.focus(), { injector: this.injector });
  }

  protected downloadReceipt(event: Event): void {
    event.preventDefault();
    const view = this.view();
    if (view) this.downloader.download(this.api.receiptUrl(view.id), `accuse-reception-${view.reference ?? view.id}.pdf`);
  }

  protected downloadLetter(event: Event): void {
    event.preventDefault();
    const view = this.view();
    if (view) this.downloader.download(this.api.inadmissibilityLetterUrl(view.id), `irrecevabilite-${view.reference ?? view.id}.pdf`);
  }

  protected letterUrl(view: ApplicationView): string {
    return this.api.inadmissibilityLetterUrl(view.id);
  }

  protected receiptUrl(view: ApplicationView): string {
    return this.api.receiptUrl(view.id);
  }

  protected withdraw(): void {
    const view = this.view();
    if (!view) return;
    const data: ConfirmDialogData = {
      title: this.t('applicationPage.withdrawDialog.title'),
      message: this.t('applicationPage.withdrawDialog.message', { title: view.title }),
      confirm: this.t('applicationPage.withdraw'),
      cancel: this.t('common.cancel'),
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { data, width: '32rem' })
      .afterClosed()
      .pipe(filter((confirmed) => confirmed === true))
      .subscribe(() => void this.doWithdraw(view));
  }

  private async doWithdraw(view: ApplicationView): Promise<void> {
    this.withdrawing.set(true);
    // While editing, pending input is saved first and the autosave's version is the current one.
    const wizard = this.wizard();
    const version = wizard ? await wizard.flushForAction() : view.version;
    this.api.withdraw(view.id, version).subscribe({
      next: (withdrawn) => {
        this.withdrawing.set(false);
        this.view.set(withdrawn);
        this.notifier.success(this.t('applicationPage.withdrawn'));
      },
      error: (error: unknown) => {
        this.withdrawing.set(false);
        this.notifier.error(error);
      },
    });
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return this.translate.instant(key, params) as string;
  }
}
