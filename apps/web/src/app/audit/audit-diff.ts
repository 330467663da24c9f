import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { AuditEventView } from '@tremplin/contracts';

/** Readable text for one diff value. */
export function diffValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
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
              <th scope="row"><code>{{ row.field }}</code></th>
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
  protected readonly rows = computed(() =>
    Object.entries(this.event().diff ?? {}).map(([field, change]) => ({
      field,
      before: diffValue(change.before),
      after: diffValue(change.after),
    })),
  );
}
