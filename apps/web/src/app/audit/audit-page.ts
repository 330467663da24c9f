import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe } from '@ngx-translate/core';
import type { AuditEventView, AuditVerification } from '@tremplin/contracts';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditLabel } from '@tremplin/contracts/audit-labels';
import { LanguageService } from '../core/i18n/language.service';
import { CountPipe } from '../shared/format/count.pipe';
import { Notifier } from '../core/http/notifier.service';
import { ParisDatePipe } from '../shared/format/paris-date.pipe';
import { pagedList } from '../shared/paged-list/paged-list';
import { AuditApi, type AuditQuery } from './audit-api';
import { AuditDiff } from './audit-diff';

const DEFAULT_QUERY: AuditQuery = { action: '', entityType: '', entityId: '', actor: '', from: '', to: '', page: 1, pageSize: 25 };

@Component({
  selector: 'tp-audit-page',
  imports: [
    CountPipe,
    ReactiveFormsModule,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    ParisDatePipe,
    AuditDiff,
  ],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  private readonly api = inject(AuditApi);
  private readonly notifier = inject(Notifier);
  protected readonly language = inject(LanguageService);

  protected readonly columns = ['expand', 'seq', 'occurredAt', 'actor', 'action', 'entity'];
  protected readonly filters = new FormGroup({
    action: new FormControl('', { nonNullable: true }),
    entityType: new FormControl('', { nonNullable: true }),
    actor: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  /** Filters by label: the codes stay the values sent, people pick words (sorted in the UI language). */
  protected readonly actionOptions = computed(() => options(AUDIT_ACTION_LABELS, this.language.lang()));
  protected readonly entityOptions = computed(() => options(AUDIT_ENTITY_LABELS, this.language.lang()));
  protected readonly expandedId = signal<string | null>(null);

  protected readonly list = pagedList<AuditQuery, AuditEventView>(DEFAULT_QUERY, (query) => this.api.list(query));
  /** The applied filters, as the URL says them (a change of page leaves typed, unapplied filters alone). */
  private readonly applied = computed(
    () => {
      const { action, entityType, actor, from, to } = this.list.query();
      return { action, entityType, actor, from, to };
    },
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  protected readonly verifying = signal(false);
  protected readonly verification = signal<AuditVerification | null>(null);

  constructor() {
    // A shared link or back/forward fills the form with the filters in use.
    effect(() => this.filters.setValue(this.applied(), { emitEvent: false }));
  }

  protected applyFilters(): void {
    const v = this.filters.getRawValue();
    const next = { action: v.action.trim(), entityType: v.entityType.trim(), actor: v.actor.trim(), from: v.from, to: v.to };
    this.expandedId.set(null);
    // « Appliquer » with the filters already in use still refreshes the list.
    if (JSON.stringify(next) === JSON.stringify(this.applied())) this.list.reload();
    else this.list.filter(next);
  }

  /** Clears the form and every filter, including an object named by a link (entityId). */
  protected resetFilters(): void {
    this.filters.reset();
    this.expandedId.set(null);
    this.list.filter({ action: '', entityType: '', entityId: '', actor: '', from: '', to: '' });
  }

  protected onPage(event: PageEvent): void {
    this.expandedId.set(null);
    this.list.onPage(event);
  }

  protected actionLabel(code: string): string {
    return auditLabel(AUDIT_ACTION_LABELS, code, this.language.lang());
  }

  protected entityLabel(code: string): string {
    return auditLabel(AUDIT_ENTITY_LABELS, code, this.language.lang());
  }

  protected toggle(event: AuditEventView): void {
    this.expandedId.update((id) => (id === event.id ? null : event.id));
  }

  protected verify(): void {
    this.verifying.set(true);
    this.verification.set(null);
    this.api.verify().subscribe({
      next: (result) => {
        this.verifying.set(false);
        this.verification.set(result);
      },
      error: (error: unknown) => {
        this.verifying.set(false);
        this.notifier.error(error);
      },
    });
  }
}

function options(labels: Record<string, Record<'fr' | 'en', string>>, lang: 'fr' | 'en'): Array<{ code: string; label: string }> {
  return Object.keys(labels)
    .map((code) => ({ code, label: auditLabel(labels, code, lang) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
}
