import { HttpClient, HttpParams } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { OutboxMailView, Page } from '@tremplin/contracts';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { Notifier } from '../core/http/notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { CountPipe } from '../shared/format/count.pipe';
import { linkify, type TextPart } from '../shared/format/linkify';
import { ParisDatePipe } from '../shared/format/paris-date.pipe';
import { MAIL_KINDS } from '@tremplin/contracts/kinds';

interface MailQuery {
  to: string;
  kind: string;
  page: number;
  pageSize: number;
}

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
  private readonly http = inject(HttpClient);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);

  protected readonly kinds = MAIL_KINDS;
  protected readonly columns = ['expand', 'createdAt', 'to', 'subject', 'kind', 'state', 'attempts'];
  protected readonly to = new FormControl('', { nonNullable: true });
  protected readonly kind = new FormControl('', { nonNullable: true });
  protected readonly query = signal<MailQuery>({ to: '', kind: '', page: 1, pageSize: 25 });
  protected readonly expandedId = signal<string | null>(null);

  protected readonly mails = rxResource({
    params: () => this.query(),
    stream: ({ params }) => {
      let httpParams = new HttpParams().set('page', params.page).set('pageSize', params.pageSize);
      if (params.to) httpParams = httpParams.set('to', params.to);
      if (params.kind) httpParams = httpParams.set('kind', params.kind);
      return this.http.get<Page<OutboxMailView>>('/api/admin/mails', { params: httpParams });
    },
  });
  protected readonly rows = computed(() => (this.mails.hasValue() ? this.mails.value().items : []));
  protected readonly total = computed(() => (this.mails.hasValue() ? this.mails.value().total : 0));
  protected readonly errorMessage = computed(() => {
    const error = this.mails.error();
    return error ? this.notifier.messageOf(error) : null;
  });

  constructor() {
    this.to.valueChanges
      .pipe(
        map((to) => to.trim()),
        debounceTime(300),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((to) => this.query.update((q) => ({ ...q, to, page: 1 })));
    this.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe((kind) => this.query.update((q) => ({ ...q, kind, page: 1 })));
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

  protected onPage(event: PageEvent): void {
    this.query.update((q) => ({ ...q, page: event.pageIndex + 1, pageSize: event.pageSize }));
  }
}
