import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type AbstractControl, type FormGroupDirective, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatDialog } from '@angular/material/dialog';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ApplicationView } from '@tremplin/contracts';
import { of } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { readApiError } from '../core/http/api-error';
import { Notifier } from '../core/http/notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { ApplicationStatusChip } from '../shared/application-status/application-status';
import { ApplicationContent } from '../shared/applications/application-content';
import { loadedApplication } from '../shared/applications/loaded-application';
import { ApplicationsApi } from '../shared/applications/applications-api';
import { ErrorSummary, type SummaryError } from '../shared/error-summary/error-summary';
import { FileDownloader } from '../shared/files/file-download';
import { ParisDatePipe } from '../shared/format/paris-date.pipe';
import { PluralPipe } from '../shared/format/plural.pipe';
import { describeErrors, errorMessage } from '../shared/forms/describe-errors';
import { collectErrors } from '../shared/forms/collect-errors';
import { applyServerErrors } from '../shared/forms/server-errors';
import { MessageThread } from '../shared/messages/message-thread';
import { ApplicationReviews } from '../reviews/application-reviews/application-reviews';
import { AdmissibilityDialog, type AdmissibilityChoice, type AdmissibilityDialogData } from './admissibility/admissibility-dialog';
import { VersionDiff } from './version-diff';

/** Today in Paris as yyyy-MM-dd (the due date must come after it). */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function afterToday(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value ?? '';
  return value && value <= parisToday() ? { issue: { code: 'DUE_DATE_PAST' } } : null;
}

/** Staff view of one application: content, documents, versions with their diff, messages, information request. */
@Component({
  selector: 'tp-instruction-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslatePipe,
    ParisDatePipe,
    PluralPipe,
    ApplicationStatusChip,
    ApplicationContent,
    ErrorSummary,
    MessageThread,
    VersionDiff,
    ApplicationReviews,
  ],
  templateUrl: './instruction-page.html',
  styleUrl: './instruction-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstructionPage {
  readonly id = input.required<string>();

  private readonly api = inject(ApplicationsApi);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly downloader = inject(FileDownloader);
  private readonly dialog = inject(MatDialog);
  protected readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService);

  private readonly application = loadedApplication(this.id);
  protected readonly view = this.application.view;
  protected readonly axes = this.application.axes;
  protected readonly loading = this.application.loading;
  protected readonly loadError = this.application.loadError;
  protected readonly axisLabel = this.application.axisLabel;

  protected readonly versions = rxResource({
    params: () => (this.view()?.reference ? this.id() : null),
    stream: ({ params }) => (params ? this.api.versions(params) : of([])),
  });
  protected readonly versionsError = computed(() => {
    const error = this.versions.error();
    return error ? this.notifier.messageOf(error) : null;
  });
  protected readonly sortedVersions = computed(() => (this.versions.hasValue() ? [...this.versions.value()].sort((a, b) => b.versionNo - a.versionNo) : []));

  protected readonly canRequest = computed(() => this.view()?.allowedActions.includes('request_information') ?? false);

  /** Both actions leave « submitted » together; the lifecycle offers them only to whoever may decide. */
  protected readonly canDecideAdmissibility = computed(() => this.view()?.allowedActions.includes('declare_admissible') ?? false);
  protected readonly deciding = signal(false);

  protected readonly requestForm = new FormGroup({
    message: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(5), Validators.maxLength(10_000)] }),
    dueDate: new FormControl('', { nonNullable: true, validators: [Validators.required, afterToday] }),
  });
  protected readonly minDueDate = parisToday();
  protected readonly requesting = signal(false);
  protected readonly requestSummary = signal<SummaryError[]>([]);

  protected load(id: string): void {
    this.application.load(id);
  }

  protected receiptUrl(view: ApplicationView): string {
    return this.api.receiptUrl(view.id);
  }

  protected downloadReceipt(event: Event, view: ApplicationView): void {
    event.preventDefault();
    this.downloader.download(this.api.receiptUrl(view.id), `accuse-reception-${view.reference ?? view.id}.pdf`);
  }

  protected downloadLetter(event: Event, view: ApplicationView): void {
    event.preventDefault();
    this.downloader.download(this.api.inadmissibilityLetterUrl(view.id), `irrecevabilite-${view.reference ?? view.id}.pdf`);
  }

  protected letterUrl(view: ApplicationView): string {
    return this.api.inadmissibilityLetterUrl(view.id);
  }

  protected decideAdmissibility(admissible: boolean): void {
    const view = this.view();
    if (!view) return;
    this.dialog
      .open<AdmissibilityDialog, AdmissibilityDialogData, AdmissibilityChoice>(AdmissibilityDialog, { data: { admissible, count: 1 }, width: '36rem', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((choice) => {
        if (!choice) return;
        this.deciding.set(true);
        this.api.decideAdmissibility(view.id, { ...choice, version: view.version }).subscribe({
          next: (updated) => {
            this.deciding.set(false);
            this.view.set(updated);
            this.notifier.success(this.t(admissible ? 'admissibility.admissibleDone' : 'admissibility.inadmissibleDone'));
          },
          error: (error: unknown) => {
            this.deciding.set(false);
            this.notifier.error(error);
          },
        });
      });
  }

  /** The submitter's name or address; an internal id says nothing to a person. */
  protected submitter(value: string | null): string | null {
    return value && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : null;
  }

  protected changeCount(version: { changes: Record<string, unknown> }): number {
    return Object.keys(version.changes).length;
  }

  protected msg(control: AbstractControl): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }

  protected requestInformation(directive?: FormGroupDirective): void {
    const view = this.view();
    if (!view) return;
    this.requestForm.markAllAsTouched();
    const labelOf = (path: ReadonlyArray<string | number>): string => this.t(`instruction.request.${String(path[0])}`);
    const idOf = (path: ReadonlyArray<string | number>): string => `request-${String(path[0])}`;
    if (this.requestForm.invalid) {
      this.requestSummary.set(describeErrors(collectErrors(this.requestForm), this.translate, labelOf, idOf));
      return;
    }
    this.requestSummary.set([]);
    this.requesting.set(true);
    const { message, dueDate } = this.requestForm.getRawValue();
    this.api.requestInformation(view.id, { message, dueDate }).subscribe({
      next: (updated) => {
        this.requesting.set(false);
        this.view.set(updated);
        if (directive) directive.resetForm({ message: '', dueDate: '' });
        else this.requestForm.reset();
        this.notifier.success(this.t('instruction.request.sent'));
      },
      error: (error: unknown) => {
        this.requesting.set(false);
        const api = readApiError(error);
        const unmatched = applyServerErrors(this.requestForm, api?.details ?? []);
        const summary = describeErrors(collectErrors(this.requestForm), this.translate, labelOf, idOf);
        if (unmatched.length > 0 || summary.length === 0) summary.unshift({ message: api?.message ?? this.notifier.messageOf(error) });
        this.requestSummary.set(summary);
      },
    });
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return this.translate.instant(key, params) as string;
  }
}
