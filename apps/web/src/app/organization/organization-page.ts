import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import type { OrganizationView, Territory } from '@tremplin/contracts';
import { TERRITORY_LABELS } from '@tremplin/contracts/organizations';
import { Notifier } from '../core/http/notifier.service';

/** "123 456 789 00012": SIREN then NIC, as printed on official documents. */
export function formatSiret(siret: string | null): string {
  if (!siret) return '';
  const digits = siret.replace(/\s+/g, '');
  if (!/^\d{14}$/.test(digits)) return siret;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}`;
}

@Component({
  selector: 'tp-organization-page',
  imports: [MatProgressBarModule, MatIconModule, MatButtonModule, TranslatePipe],
  template: `
    <div class="page">
      <h1>{{ 'organization.title' | translate }}</h1>
      @if (org.isLoading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | translate" />
      }
      @if (errorMessage(); as message) {
        <div class="notice error" role="alert">
          <mat-icon aria-hidden="true">error</mat-icon>
          <p>{{ message }}</p>
          <button mat-stroked-button type="button" (click)="org.reload()">{{ 'common.retry' | translate }}</button>
        </div>
      }
      @if (org.hasValue()) {
        @let o = org.value();
        <h2>{{ o.legalName }}</h2>
        <dl class="org">
          <div>
            <dt>{{ 'organization.legalName' | translate }}</dt>
            <dd>{{ o.legalName }}</dd>
          </div>
          <div>
            <dt>{{ 'organization.siret' | translate }}</dt>
            <dd class="mono">{{ siret() || ('common.notProvided' | translate) }}</dd>
          </div>
          <div>
            <dt>{{ 'organization.rna' | translate }}</dt>
            <dd class="mono">{{ o.rna || ('common.notProvided' | translate) }}</dd>
          </div>
          <div>
            <dt>{{ 'organization.territory' | translate }}</dt>
            <dd>{{ territory() }}</dd>
          </div>
          <div>
            <dt>{{ 'organization.address' | translate }}</dt>
            <dd>
              {{ o.addressLine }}<br />
              {{ o.postalCode }} {{ o.city }}
            </dd>
          </div>
        </dl>
        <p class="muted">{{ 'organization.help' | translate }}</p>
      }
    </div>
  `,
  styles: `
    .org {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
      gap: 1rem 2rem;
      margin: 1rem 0 1.5rem;
    }
    dt {
      font-size: 0.875rem;
      color: var(--tp-text-muted);
    }
    dd {
      margin: 0;
      font-weight: 500;
      font-size: 1.05rem;
    }
    .mono {
      font-variant-numeric: tabular-nums;
      letter-spacing: 0.02em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganizationPage {
  private readonly http = inject(HttpClient);
  private readonly notifier = inject(Notifier);

  protected readonly org = rxResource({ stream: () => this.http.get<OrganizationView>('/api/organizations/mine') });
  protected readonly errorMessage = computed(() => {
    const error = this.org.error();
    return error ? this.notifier.messageOf(error) : null;
  });
  protected readonly territory = computed(() => {
    if (!this.org.hasValue()) return '';
    const code = this.org.value().territory;
    return code in TERRITORY_LABELS ? TERRITORY_LABELS[code as Territory] : code;
  });
  protected readonly siret = computed(() => (this.org.hasValue() ? formatSiret(this.org.value().siret) : ''));
}
