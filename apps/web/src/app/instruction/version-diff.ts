import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ApplicationVersionView, Lang } from '@tremplin/contracts';
import { TERRITORY_LABELS } from '@tremplin/contracts/organizations';
import { formatEuros } from '@tremplin/domain';
import { applicationFieldLabel } from '../shared/applications/field-labels';
import { diffValue } from '../audit/audit-diff';

/** A diff value for people: amounts of budget lines in euros, booleans in words, territories by name. */
export function readableValue(path: string, value: unknown, lang: Lang, t: (key: string) => string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && /^budget\[\d+\]\.(charges|products)\./.test(path) && Number.isSafeInteger(value)) return formatEuros(value, lang);
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'string' && value in TERRITORY_LABELS) return TERRITORY_LABELS[value as keyof typeof TERRITORY_LABELS];
  if (typeof value === 'object' && !Array.isArray(value) && value !== null && 'fileName' in value) {
    return String((value as { fileName: unknown }).fileName);
  }
  return diffValue(value);
}

/** What changed between a frozen version and the previous one: path (in words), before → after. */
@Component({
  selector: 'tp-version-diff',
  imports: [TranslatePipe],
  template: `
    @if (rows().length > 0) {
      <div class="table-scroll" tabindex="0" role="region" [attr.aria-label]="'instruction.versions.diffCaption' | translate: { n: version().versionNo, previous: version().versionNo - 1 }">
        <table class="data diff">
          <caption>{{ 'instruction.versions.diffCaption' | translate: { n: version().versionNo, previous: version().versionNo - 1 } }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'audit.field' | translate }}</th>
              <th scope="col">{{ 'audit.before' | translate }}</th>
              <th scope="col">{{ 'audit.after' | translate }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track row.path) {
              <tr>
                <th scope="row">
                  {{ row.label }}
                  @if (row.label !== row.path) {
                    <br /><code class="path">{{ row.path }}</code>
                  }
                </th>
                <td><pre class="before">{{ row.before }}</pre></td>
                <td><pre class="after">{{ row.after }}</pre></td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else if (version().versionNo > 1) {
      <p>{{ 'instruction.versions.noChange' | translate }}</p>
    } @else {
      <p>{{ 'instruction.versions.first' | translate }}</p>
    }
  `,
  styles: `
    pre {
      margin: 0;
      white-space: pre-wrap;
      word-break: break-word;
      font-family: inherit;
      max-height: 14rem;
      overflow: auto;
    }
    .before {
      color: #601410;
    }
    .after {
      color: #0d3b10;
    }
    .path {
      font-size: 0.75rem;
      color: var(--tp-text-muted);
    }
    th[scope='row'] {
      font-weight: 400;
      min-width: 14rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VersionDiff {
  readonly version = input.required<ApplicationVersionView>();
  readonly years = input.required<readonly number[]>();
  readonly lang = input.required<Lang>();

  private readonly translate = inject(TranslateService);

  protected readonly rows = computed(() => {
    const lang = this.lang();
    const t = (key: string, params?: Record<string, unknown>): string => this.translate.instant(key, params) as string;
    return Object.entries(this.version().changes).map(([path, change]) => ({
      path,
      label: applicationFieldLabel(path, t, this.years()),
      before: readableValue(path, change.before, lang, t),
      after: readableValue(path, change.after, lang, t),
    }));
  });
}
