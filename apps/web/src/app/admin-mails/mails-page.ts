import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { OutboxMailView } from '@tremplin/contracts';
import { LanguageService } from '../core/i18n/language.service';
import { CountPipe } from '../shared/format/count.pipe';
import { linkify, type TextPart } from '../shared/format/linkify';
import { ParisDatePipe } from '../shared/format/paris-date.pipe';
import { bindFilter, pagedList, SEARCH_DEBOUNCE_MS } from '../shared/paged-list/paged-list';
import { AdminMailsApi, type MailQuery } from './admin-mails-api';
import { MAIL_KINDS } from '@tremplin/contracts/kinds';

/**
 * Admin « Courriels »: the mail outbox. Without SMTP (the demo) mails stay here, so a newcomer
 * follows the verification link from this page: links in the text are clickable.
 */
@Component({
  selector: 'tp-mails-page',
  imports: [
    CountPipe,
    ReactiveFormsModule,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    ParisDatePipe,
  ],
  templateUrl: './mails-page.html',
  styleUrl: './mails-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailsPage {
  private readonly api = inject(AdminMailsApi);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);

  protected readonly kinds = MAIL_KINDS;
  protected readonly columns = ['expand', 'createdAt', 'to', 'subject', 'kind', 'state', 'attempts'];
  protected readonly to = new FormControl('', { nonNullable: true });
  protected readonly kind = new FormControl('', { nonNullable: true });
  protected readonly expandedId = signal<string | null>(null);

  protected readonly list = pagedList<MailQuery, OutboxMailView>({ to: '', kind: '', page: 1, pageSize: 25 }, (query) => this.api.list(query));

  constructor() {
    bindFilter(this.list, 'to', this.to, SEARCH_DEBOUNCE_MS);
    bindFilter(this.list, 'kind', this.kind);
  }

  protected kindLabel(kind: string): string {
    const key = `mails.kinds.${kind}`;
    const label = this.translate.instant(key) as string;
    return label === key ? kind : label;
  }

  protected parts(text: string): TextPart[] {
    return linkify(text);
  }

  protected toggle(mail: OutboxMailView): void {
    this.expandedId.update((id) => (id === mail.id ? null : mail.id));
  }
}
