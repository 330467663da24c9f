import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { Lang } from '@tremplin/contracts';
import { EurosPipe } from '../format/euros.pipe';

export interface BarDatum {
  label: string;
  /** Integer cents. */
  valueCents: number;
}

let nextId = 0;

/**
 * Horizontal bar chart for amounts, in plain HTML/CSS: every bar carries its label and value as
 * text (read as a list), and the same figures are offered as a data table.
 */
@Component({
  selector: 'tp-bar-chart',
  imports: [EurosPipe, TranslatePipe],
  templateUrl: './bar-chart.html',
  styleUrl: './bar-chart.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BarChart {
  readonly caption = input.required<string>();
  readonly data = input.required<readonly BarDatum[]>();
  readonly lang = input.required<Lang>();
  /** `'whole'` rounds amounts to the euro (public figures). */
  readonly precision = input<'cents' | 'whole'>('cents');
  /** Header of the label column in the table alternative. */
  readonly labelHeader = input<string>('');

  protected readonly id = `tp-bar-chart-${nextId++}`;
  protected readonly total = computed(() => this.data().reduce((sum, d) => sum + d.valueCents, 0));
  protected readonly bars = computed(() => {
    const max = Math.max(0, ...this.data().map((d) => d.valueCents));
    const total = this.total();
    return this.data().map((d) => ({
      ...d,
      widthPercent: max > 0 ? Math.max(0.5, (d.valueCents / max) * 100) : 0,
      share: total > 0 ? new Intl.NumberFormat(this.lang() === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(d.valueCents / total) : '',
    }));
  });
}
