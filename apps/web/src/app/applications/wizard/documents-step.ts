import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal, type WritableSignal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { DocumentKind, DocumentView, Lang } from '@tremplin/contracts';
import { filter } from 'rxjs';
import { Notifier } from '../../core/http/notifier.service';
import { FORM_DOCUMENT_KINDS, REQUIRED_DOCUMENT_KINDS } from '../../shared/applications/application-constants';
import { ApplicationsApi } from '../../shared/applications/applications-api';
import { ConfirmDialog, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog';
import { FileDownloader } from '../../shared/files/file-download';
import { ACCEPT_ATTRIBUTE, MAX_UPLOAD_BYTES, checkFile, formatFileSize, withProgress } from '../../shared/files/files';
import { UploadProgressBar } from '../../shared/files/upload-progress';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';

interface Upload {
  fileName: string;
  percent: number;
}

/**
 * Step 4: one row per document the call requires, plus « autre ». Each row has a real file input
 * (keyboard reachable), a size check before sending, a progress bar while sending, and the API's
 * refusal (413 too large, 415 wrong type) on the row itself.
 */
@Component({
  selector: 'tp-documents-step',
  imports: [MatButtonModule, MatIconModule, TranslatePipe, ParisDatePipe, UploadProgressBar],
  templateUrl: './documents-step.html',
  styleUrl: './documents-step.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentsStep {
  readonly applicationId = input.required<string>();
  readonly documents = input.required<readonly DocumentView[]>();
  readonly editable = input(true);
  readonly lang = input.required<Lang>();
  /** The list after an upload or a removal. */
  readonly documentsChange = output<DocumentView[]>();

  private readonly api = inject(ApplicationsApi);
  private readonly downloader = inject(FileDownloader);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);

  protected readonly accept = ACCEPT_ATTRIBUTE;
  protected readonly uploads = signal<Partial<Record<DocumentKind, Upload>>>({});
  protected readonly errors = signal<Partial<Record<DocumentKind, string>>>({});
  protected readonly done = signal<Partial<Record<DocumentKind, string>>>({});

  protected readonly rows = computed(() =>
    FORM_DOCUMENT_KINDS.map((kind) => ({
      kind,
      required: (REQUIRED_DOCUMENT_KINDS as readonly DocumentKind[]).includes(kind),
      files: this.documents().filter((d) => d.kind === kind),
    })),
  );

  protected size(bytes: number): string {
    return formatFileSize(bytes, this.lang());
  }

  protected onFile(kind: DocumentKind, event: Event): void {
    const inputElement = event.target as HTMLInputElement;
    const file = inputElement.files?.[0];
    if (!file) return;
    this.upload(kind, file, () => (inputElement.value = ''));
  }

  /** Sends one file for `kind` (public for tests). */
  upload(kind: DocumentKind, file: File, reset: () => void = () => undefined): void {
    this.set(this.done, kind, undefined);
    const refused = checkFile(file);
    if (refused) {
      this.set(this.errors, kind, this.t(`documents.refused.${refused}`, { name: file.name, max: this.size(MAX_UPLOAD_BYTES) }));
      reset();
      return;
    }
    this.set(this.errors, kind, undefined);
    this.set(this.uploads, kind, { fileName: file.name, percent: 0 });
    withProgress(this.api.uploadDocument(this.applicationId(), kind, file)).subscribe({
      next: (progress) => {
        if (!progress.done) {
          this.set(this.uploads, kind, { fileName: file.name, percent: progress.percent });
          return;
        }
        this.set(this.uploads, kind, undefined);
        this.set(this.done, kind, this.t('documents.uploaded', { name: progress.result.fileName }));
        reset();
        this.documentsChange.emit([...this.documents(), progress.result]);
      },
      error: (error: unknown) => {
        this.set(this.uploads, kind, undefined);
        this.set(this.errors, kind, this.notifier.messageOf(error));
        reset();
      },
    });
  }

  protected download(event: Event, document: DocumentView): void {
    event.preventDefault();
    this.downloader.download(this.api.documentUrl(this.applicationId(), document.id), document.fileName);
  }

  protected downloadUrl(document: DocumentView): string {
    return this.api.documentUrl(this.applicationId(), document.id);
  }

  protected remove(document: DocumentView): void {
    const data: ConfirmDialogData = {
      title: this.t('documents.removeDialog.title'),
      message: this.t('documents.removeDialog.message', { name: document.fileName }),
      confirm: this.t('documents.remove'),
      cancel: this.t('common.cancel'),
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { data, width: '32rem' })
      .afterClosed()
      .pipe(filter((confirmed) => confirmed === true))
      .subscribe(() => {
        this.api.deleteDocument(this.applicationId(), document.id).subscribe({
          next: () => {
            this.set(this.done, document.kind, this.t('documents.removed', { name: document.fileName }));
            this.documentsChange.emit(this.documents().filter((d) => d.id !== document.id));
          },
          error: (error: unknown) => this.set(this.errors, document.kind, this.notifier.messageOf(error)),
        });
      });
  }

  private set<T>(target: WritableSignal<Partial<Record<DocumentKind, T>>>, kind: DocumentKind, value: T | undefined): void {
    target.update((current) => ({ ...current, [kind]: value }));
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return this.translate.instant(key, params) as string;
  }
}
