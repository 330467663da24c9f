import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule, type FormArray, type FormControl } from '@angular/forms';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { Lang } from '@tremplin/contracts';
import { budgetYearState, budgetYearTotals, checkBudgetForSubmission, parseEurosToCents, sumCents, type BudgetYearState, type BudgetYearTotals } from '@tremplin/domain';
import { map, startWith, switchMap } from 'rxjs';
import { ACCOUNT_NUMBERS, CHARGE_ACCOUNTS, SUBSIDY_ACCOUNTS } from '../../shared/applications/application-constants';
import { BarChart, type BarDatum } from '../../shared/bar-chart/bar-chart';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { centsToInput } from '../../shared/forms/euros';
import { errorMessage } from '../../shared/forms/describe-errors';
import { issueMessage } from '../../shared/forms/issue-message';
import { budgetYearCents, LIMITS, type ApplicationFormValue, type BudgetYearGroup } from './application-form';

export interface YearFigures {
  year: number;
  totals: BudgetYearTotals;
  /** Empty, unbalanced, without a request, or complete: the submission rule, year by year. */
  state: BudgetYearState;
  /** Cells whose text is not an amount (left out of the totals). */
  unreadable: number;
}

const PRODUCTS_BEFORE_SUBSIDIES = ['p70'] as const;
const PRODUCTS_AFTER_SUBSIDIES = ['p75', 'p76', 'p77', 'p78', 'p87'] as const;

/** Percent with one decimal at most, in the UI language: 4550 basis points → « 45,5 % ». */
export function formatShare(basisPoints: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(basisPoints / 10_000);
}

/**
 * Step 3: the budget of each year of the call in the national chart of accounts (CERFA 12156), with
 * live totals, the balance in words (not colour alone, in a polite live region), the Département's
 * share, the co-funding and a chart of the amount requested per year.
 */
@Component({
  selector: 'tp-budget-step',
  imports: [ReactiveFormsModule, NgTemplateOutlet, MatIconModule, TranslatePipe, EurosPipe, BarChart],
  templateUrl: './budget-step.html',
  styleUrl: './budget-step.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BudgetStep {
  readonly budget = input.required<FormArray<BudgetYearGroup>>();
  readonly lang = input.required<Lang>();

  private readonly translate = inject(TranslateService);
  protected readonly charges = CHARGE_ACCOUNTS;
  protected readonly productsBefore = PRODUCTS_BEFORE_SUBSIDIES;
  protected readonly subsidies = SUBSIDY_ACCOUNTS;
  protected readonly productsAfter = PRODUCTS_AFTER_SUBSIDIES;
  protected readonly numbers = ACCOUNT_NUMBERS;
  protected readonly limits = LIMITS;

  /** Re-read on every form event (value, status, touched) so totals and cell errors stay live. */
  private readonly values = toSignal(
    toObservable(this.budget).pipe(
      switchMap((budget) =>
        budget.events.pipe(
          startWith(null),
          map(() => budget.getRawValue() as ApplicationFormValue['budget']),
        ),
      ),
    ),
    { initialValue: [] as ApplicationFormValue['budget'], equal: () => false },
  );

  private readonly cents = computed(() => this.values().map(budgetYearCents));

  protected readonly figures = computed<YearFigures[]>(() =>
    this.cents().map(({ year, unreadable }) => {
      const totals = budgetYearTotals(year);
      return { year: year.year, totals, state: budgetYearState(totals), unreadable };
    }),
  );

  protected readonly totalRequested = computed(() => sumCents(this.figures().map((f) => f.totals.requestedCents)));

  protected readonly requestedBars = computed<BarDatum[]>(() =>
    this.figures().map((f) => ({ label: String(f.year), valueCents: f.totals.requestedCents })),
  );

  /** What submission will still require, from the domain's rule (same as the server's). */
  protected readonly submissionIssues = computed(() => {
    const lang = this.lang();
    const years = this.cents().map((c) => c.year);
    return checkBudgetForSubmission(
      years,
      years.map((y) => y.year),
    ).map((issue) => issueMessage(issue, lang));
  });

  protected accountLabel(account: string): string {
    return `${this.numbers[account as keyof typeof ACCOUNT_NUMBERS]} ${this.translate.instant(`budgetAccounts.${account}`) as string}`;
  }

  protected cellLabel(account: string, year: number): string {
    return `${this.accountLabel(account)} — ${year}`;
  }

  protected cellId(index: number, side: 'charges' | 'products', account: string): string {
    return `f-budget-${index}-${side}-${account}`;
  }

  /** Message of an invalid cell once touched. */
  protected cellError(control: FormControl<string>): string | null {
    this.values(); // re-evaluate on form events
    if (!control.invalid || !(control.touched || control.dirty)) return null;
    return control.errors ? errorMessage(control.errors, this.translate) : null;
  }

  /** On leaving a cell, a readable amount is written the usual way (1234 → 1 234,00). */
  protected tidy(control: FormControl<string>): void {
    const text = control.value.trim();
    if (text === '') return;
    const cents = parseEurosToCents(text);
    if (cents === null || cents < 0) return;
    const tidy = cents === 0 ? '' : centsToInput(cents, this.lang());
    if (tidy !== control.value) control.setValue(tidy);
  }

  protected abs(value: number): number {
    return Math.abs(value);
  }

  protected share(basisPoints: number): string {
    return formatShare(basisPoints, this.lang());
  }
}
