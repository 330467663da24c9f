import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { AuditEventView, Lang } from '@tremplin/contracts';
// Deep import: the contracts barrel would bundle class-validator (decorated request classes).
import { AUDIT_FIELD_LABELS, auditLabel } from '@tremplin/contracts/audit-labels';
import { formatEuros } from '@tremplin/domain';
import { formatParisDate } from '../core/i18n/paris-time';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** Amounts in cents: fields named …Cents and the budget's accounts (budget[0].charges.c64). */
const CENTS_PATH = /(Cents$|^budget\[\d+\]\.(charges|products)\.)/;

/** A diff path in words: `title` → « Titre », `project.objectives` → « Projet — objectives ». */
export function fieldLabel(path: string, lang: Lang): string {
  if (path in AUDIT_FIELD_LABELS) return auditLabel(AUDIT_FIELD_LABELS, path, lang);
  const match = /^([A-Za-z]+)(.*)$/.exec(path);
  if (!match?.[1] || !(match[1] in AUDIT_FIELD_LABELS)) return path;
  const rest = (match[2] ?? '').replace(/^\./, '');
  return rest ? `${auditLabel(AUDIT_FIELD_LABELS, match[1], lang)} — ${rest}` : auditLabel(AUDIT_FIELD_LABELS, match[1], lang);
}

/** Readable text for one diff value: euros for amounts, Paris dates, yes/no, lists and records in lines. */
export function diffValue(value: unknown, lang: Lang = 'fr', path = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no';
  if (typeof value === 'number') {
    if (CENTS_PATH.test(path) && Number.isSafeInteger(value)) return formatEuros(value, lang);
    return String(value); // years, versions, counts: no grouping (« 2016 », not « 2 016 »)
  }
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatParisDate(value, lang, 'dateTime') : value;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return value.map((v) => diffValue(v, lang)).join(', ');
    return value.map((v) => diffValue(v, lang)).join('\n');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => `${fieldLabel(key, lang)}${lang === 'fr' ? ' : ' : ': '}${diffValue(v, lang, key)}`)
      .join(' ; ');
  }
  return String(value);
}

/** Before / after table of one audit event. */
@Component({
  selector: 'tp-audit-diff',
  imports: [TranslatePipe],
  template: `
    @if (rows().length > 0) {
      <table class="data diff">
        <caption>{{ 'audit.diffCaption' | translate: { seq: event().seq } }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ 'audit.field' | translate }}</th>
            <th scope="col">{{ 'audit.before' | translate }}</th>
            <th scope="col">{{ 'audit.after' | translate }}</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.field) {
            <tr>
              <th scope="row">{{ row.field }}</th>
              <td><pre class="before">{{ row.before }}</pre></td>
              <td><pre class="after">{{ row.after }}</pre></td>
            </tr>
          }
        </tbody>
      </table>
    } @else {
      <p>{{ 'audit.noDiff' | translate }}</p>
    }
    <p class="meta">
      {{ 'audit.hash' | translate }}{{ 'common.colon' | translate }} <code>{{ event().hash }}</code>
      @if (event().requestId) {
        — {{ 'audit.requestId' | translate }}{{ 'common.colon' | translate }} <code>{{ event().requestId }}</code>
      }
    </p>
  `,
  styles: `
    pre {
      margin: 0;
      white-space: pre-wrap;
      word-break: break-word;
      font-size: 0.85rem;
      max-height: 16rem;
      overflow: auto;
    }
    .before {
      color: #601410;
    }
    .after {
      color: #0d3b10;
    }
    .meta {
      font-size: 0.85rem;
      color: var(--tp-text-muted);
      word-break: break-all;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditDiff {
  readonly event = input.required<AuditEventView>();
  readonly lang = input<Lang>('fr');
  protected readonly rows = computed(() => {
    const lang = this.lang();
    return Object.entries(this.event().diff ?? {}).map(([field, change]) => ({
      field: fieldLabel(field, lang),
      before: diffValue(change.before, lang, field),
      after: diffValue(change.after, lang, field),
    }));
  });
}
