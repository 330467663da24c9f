import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type FormGroupDirective } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { DocumentView, Lang, MessageView } from '@tremplin/contracts';
import { TEXT_LIMITS } from '@tremplin/contracts/limits';
import { Notifier } from '../../core/http/notifier.service';
import { ApplicationsApi } from '../applications/applications-api';
import { FileDownloader } from '../files/file-download';
import { ACCEPT_ATTRIBUTE, MAX_UPLOAD_BYTES, checkFile, formatFileSize, withProgress } from '../files/files';
import { UploadProgressBar } from '../files/upload-progress';
import { ParisDatePipe } from '../format/paris-date.pipe';
import { PluralPipe } from '../format/plural.pipe';

const MAX_ATTACHMENTS = 5;

/**
 * The message thread of an application, shared by the association and staff pages: oldest first,
 * each message with its author, role, date and attachments; a composer with optional attachments
 * (uploaded first, with a progress bar, then sent with the message).
 */
@Component({
  selector: 'tp-message-thread',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    ParisDatePipe,
    PluralPipe,
    UploadProgressBar,
  ],
  templateUrl: './message-thread.html',
  styleUrl: './message-thread.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageThread {
  readonly applicationId = input.required<string>();
  /** Unread count as listed before opening (the thread marks them read when it loads). */
  readonly unread = input(0);
  readonly canWrite = input(true);
  readonly lang = input.required<Lang>();
  /** A message was sent (the page may refresh counters). */
  readonly sent = output<MessageView>();

  private readonly api = inject(ApplicationsApi);
  private readonly downloader = inject(FileDownloader);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);

  protected readonly accept = ACCEPT_ATTRIBUTE;
  protected readonly maxBodyLength = TEXT_LIMITS.longText;
  protected readonly body = new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(TEXT_LIMITS.longText)] });
  protected readonly composer = new FormGroup({ body: this.body });
  protected readonly attachments = signal<DocumentView[]>([]);
  protected readonly upload = signal<{ fileName: string; percent: number } | null>(null);
  protected readonly uploadError = signal<string | null>(null);
  protected readonly sending = signal(false);
  protected readonly sendError = signal<string | null>(null);
  private readonly added = signal<MessageView[]>([]);

  protected readonly messages = rxResource({ params: () => this.applicationId(), stream: ({ params }) => this.api.messages(params) });
  protected readonly list = computed(() => {
    const loaded = this.messages.hasValue() ? this.messages.value() : [];
    const all = [...loaded, ...this.added().filter((m) => !loaded.some((l) => l.id === m.id))];
    return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  });
  protected readonly loadError = computed(() => {
    const error = this.messages.error();
    return error ? this.notifier.messageOf(error) : null;
  });

  protected size(bytes: number): string {
    return formatFileSize(bytes, this.lang());
  }

  protected roleLabel(role: string): string {
    const key = `roles.${role}`;
    const label = this.translate.instant(key) as string;
    return label === key ? role : label;
  }

  protected downloadUrl(document: DocumentView): string {
    return this.api.documentUrl(this.applicationId(), document.id);
  }

  protected download(event: Event, document: DocumentView): void {
    event.preventDefault();
    this.downloader.download(this.downloadUrl(document), document.fileName);
  }

  protected onFile(event: Event): void {
    const inputElement = event.target as HTMLInputElement;
    const file = inputElement.files?.[0];
    inputElement.value = '';
    if (!file) return;
    this.attach(file);
  }

  /** Uploads one attachment for the next message (public for tests). */
  attach(file: File): void {
    this.uploadError.set(null);
    if (this.attachments().length >= MAX_ATTACHMENTS) {
      this.uploadError.set(this.translate.instant('messages.tooManyAttachments', { max: MAX_ATTACHMENTS }) as string);
      return;
    }
    const refused = checkFile(file);
    if (refused) {
      this.uploadError.set(this.translate.instant(`documents.refused.${refused}`, { name: file.name, max: this.size(MAX_UPLOAD_BYTES) }) as string);
      return;
    }
    this.upload.set({ fileName: file.name, percent: 0 });
    withProgress(this.api.uploadAttachment(this.applicationId(), file)).subscribe({
      next: (progress) => {
        if (!progress.done) {
          this.upload.set({ fileName: file.name, percent: progress.percent });
          return;
        }
        this.upload.set(null);
        this.attachments.update((list) => [...list, progress.result]);
      },
      error: (error: unknown) => {
        this.upload.set(null);
        this.uploadError.set(this.notifier.messageOf(error));
      },
    });
  }

  protected detach(document: DocumentView): void {
    this.attachments.update((list) => list.filter((d) => d.id !== document.id));
  }

  protected send(directive?: FormGroupDirective): void {
    if (this.body.invalid || this.sending() || this.upload()) {
      this.body.markAsTouched();
      return;
    }
    this.sending.set(true);
    this.sendError.set(null);
    const documentIds = this.attachments().map((d) => d.id);
    this.api.postMessage(this.applicationId(), { body: this.body.value, ...(documentIds.length ? { documentIds } : {}) }).subscribe({
      next: (message) => {
        this.sending.set(false);
        this.added.update((list) => [...list, message]);
        if (directive) directive.resetForm({ body: '' });
        else this.body.reset('');
        this.attachments.set([]);
        this.sent.emit(message);
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.sendError.set(this.notifier.messageOf(error));
      },
    });
  }
}
