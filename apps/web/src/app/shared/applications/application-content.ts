import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ApplicationView, DocumentView, Lang, Territory } from '@tremplin/contracts';
import { TERRITORY_LABELS } from '@tremplin/contracts/organizations';
import { budgetYearTotals, type ChargeAccount, type ProductAccount } from '@tremplin/domain';
import { FileDownloader } from '../files/file-download';
import { formatFileSize } from '../files/files';
import { EurosPipe } from '../format/euros.pipe';
import { ParisDatePipe } from '../format/paris-date.pipe';
import { ACCOUNT_NUMBERS, CHARGE_ACCOUNTS, PRODUCT_ACCOUNTS } from './application-constants';
import { ApplicationsApi } from './applications-api';

/** Read-only content of an application (submitted view for the association, instruction page for staff). */
@Component({
  selector: 'tp-application-content',
  imports: [MatIconModule, TranslatePipe, EurosPipe, ParisDatePipe],
  templateUrl: './application-content.html',
  styleUrl: './application-content.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApplicationContent {
  readonly view = input.required<ApplicationView>();
  readonly lang = input.required<Lang>();
  readonly axisLabel = input('');

  private readonly api = inject(ApplicationsApi);
  private readonly downloader = inject(FileDownloader);
  private readonly translate = inject(TranslateService);

  protected readonly charges = CHARGE_ACCOUNTS;
  protected readonly products = PRODUCT_ACCOUNTS;

  protected readonly years = computed(() => this.view().callYears);
  /** Budget columns in the call's years (a missing year shows as empty). */
  protected readonly budget = computed(() => {
    const view = this.view();
    return view.callYears.map((year) => {
      const entry = view.budget.find((b) => b.year === year) ?? null;
      return { year, entry, totals: entry ? budgetYearTotals(entry) : null };
    });
  });

  protected readonly territories = computed(() =>
    this.view()
      .project.territories.map((t: Territory) => TERRITORY_LABELS[t] ?? t)
      .join(', '),
  );

  protected accountLabel(account: ChargeAccount | ProductAccount): string {
    return `${ACCOUNT_NUMBERS[account]} ${this.translate.instant(`budgetAccounts.${account}`) as string}`;
  }

  protected charge(entry: { charges: Record<ChargeAccount, number> } | null, account: ChargeAccount): number | null {
    return entry ? entry.charges[account] : null;
  }

  protected product(entry: { products: Record<ProductAccount, number> } | null, account: ProductAccount): number | null {
    return entry ? entry.products[account] : null;
  }

  protected commitments(d: { accurate: boolean; obligationsMet: boolean; republicanCommitment: boolean }): Array<{ key: string; ticked: boolean }> {
    return (['accurate', 'obligationsMet', 'republicanCommitment'] as const).map((key) => ({ key, ticked: d[key] === true }));
  }

  protected share(basisPoints: number): string {
    return new Intl.NumberFormat(this.lang() === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(basisPoints / 10_000);
  }

  protected size(bytes: number): string {
    return formatFileSize(bytes, this.lang());
  }

  protected downloadUrl(document: DocumentView): string {
    return this.api.documentUrl(this.view().id, document.id);
  }

  protected download(event: Event, document: DocumentView): void {
    event.preventDefault();
    this.downloader.download(this.downloadUrl(document), document.fileName);
  }
}
