import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import type { EnvelopeFitView, RankingAmount, RankingScore } from '@tremplin/contracts';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { RankingApi } from '../ranking/ranking-api';

/** A decimal typed in French or English, within [0, max] with at most 2 decimals; null otherwise. */
export function decimalInput(text: string, max: number, inclusive = true): number | null {
  const normalized = text.trim().replace(',', '.');
  if (normalized === '') return 0;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(normalized)) return null;
  const value = Number(normalized);
  return (inclusive ? value <= max : value < max) ? value : null;
}

/** Width in percent of a bar of `used` against `allocation` (capped at 100 %, 0 without allocation). */
export const usePercent = (used: number, allocation: number): number => (allocation > 0 ? Math.min(100, (used / allocation) * 100) : 0);

/**
 * The strict rank-order line beside the integer program's suggestion: projects, score and euros of
 * each, what the suggestion adds and drops, and a light CSS bar chart of each year's allocation used
 * (hidden from assistive technologies: the table just before it gives the same figures).
 */
@Component({
  selector: 'tp-envelope-lines',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, TranslatePipe, EurosPipe],
  templateUrl: './envelope-lines.html',
  styleUrl: './envelope-lines.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvelopeLines {
  private readonly api = inject(RankingApi);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).lang;

  readonly callId = input.required<string>();
  readonly axis = input.required<string>();
  readonly score = input<RankingScore>('raw');
  readonly amount = input<RankingAmount>('requested');

  protected readonly reductionText = signal('0');
  protected readonly minScoreText = signal('0');
  protected readonly reduction = computed(() => decimalInput(this.reductionText(), 100, false));
  protected readonly minScore = computed(() => decimalInput(this.minScoreText(), 100));
  protected readonly busy = signal(false);
  protected readonly fit = signal<EnvelopeFitView | null>(null);
  protected readonly usePercent = usePercent;

  compute(): void {
    const reduction = this.reduction();
    const minScore = this.minScore();
    if (reduction === null || minScore === null || this.busy()) return;
    this.busy.set(true);
    this.api
      .envelopeFit(this.callId(), { axis: this.axis(), score: this.score(), amount: this.amount(), maxReductionPercent: reduction, minScore })
      .subscribe({
        next: (fit) => {
          this.fit.set(fit);
          this.busy.set(false);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.notifier.error(error);
        },
      });
  }
}
