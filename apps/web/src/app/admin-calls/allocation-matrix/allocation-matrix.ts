import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import type { Lang } from '@tremplin/contracts';
import { sumCents } from '@tremplin/domain';
import { map, startWith, switchMap } from 'rxjs';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { inputToCents } from '../../shared/forms/euros';
import type { AllocationRows } from '../call-form';

export interface MatrixTotals {
  /** Per axis (row), unreadable cells left out. */
  rows: number[];
  /** Per year (column). */
  columns: number[];
  total: number;
  /** Cells whose text is not an amount. */
  unreadable: number;
}

/** Totals of a matrix of euro texts (empty = 0, unreadable cells are counted apart). */
export function matrixTotals(values: ReadonlyArray<ReadonlyArray<string>>, yearCount: number): MatrixTotals {
  let unreadable = 0;
  const cents = values.map((row) =>
    Array.from({ length: yearCount }, (_, c) => {
      const amount = inputToCents(row[c] ?? '', 0);
      if (amount === null || amount < 0) {
        unreadable++;
        return 0;
      }
      return amount;
    }),
  );
  const rows = cents.map((row) => sumCents(row));
  const columns = Array.from({ length: yearCount }, (_, c) => sumCents(cents.map((row) => row[c] ?? 0)));
  return { rows, columns, total: sumCents(rows), unreadable };
}

/**
 * Axis × year allocation grid with live totals per axis, per year, overall, and the difference
 * to the envelope, announced politely to screen readers and written out (not colour alone).
 */
@Component({
  selector: 'tp-allocation-matrix',
  imports: [ReactiveFormsModule, MatIconModule, TranslatePipe, EurosPipe],
  templateUrl: './allocation-matrix.html',
  styleUrl: './allocation-matrix.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AllocationMatrix {
  readonly rows = input.required<AllocationRows>();
  readonly years = input.required<readonly number[]>();
  readonly axisLabels = input.required<readonly string[]>();
  readonly envelopeCents = input<number | null>(null);
  readonly lang = input.required<Lang>();
  readonly caption = input.required<string>();
  /** Cell ids are `${idPrefix}-${row}-${column}` (the error summary links to them). */
  readonly idPrefix = input('f-allocations');
  /** Error about the whole grid (e.g. from the API), shown under the totals. */
  readonly gridError = input<string | null>(null);

  /** Re-read on every form event (value, status, touched) so totals and cell errors stay live. */
  private readonly values = toSignal(
    toObservable(this.rows).pipe(
      switchMap((rows) =>
        rows.events.pipe(
          startWith(null),
          map(() => rows.getRawValue()),
        ),
      ),
    ),
    { initialValue: [] as string[][], equal: () => false },
  );

  protected readonly totals = computed(() => matrixTotals(this.values(), this.years().length));
  /** Envelope minus allocated: > 0 left to allocate, < 0 over the envelope. */
  protected readonly difference = computed(() => {
    const envelope = this.envelopeCents();
    return envelope === null ? null : envelope - this.totals().total;
  });
  protected readonly absDifference = computed(() => Math.abs(this.difference() ?? 0));

  protected cellId(row: number, column: number): string {
    return `${this.idPrefix()}-${row}-${column}`;
  }

  /** Message of an invalid cell once touched: the API's / domain's text, or a translation key. */
  protected cellError(control: FormControl<string>): { text: string } | { key: string } | null {
    this.values(); // re-evaluate on form events
    if (!control.invalid || !(control.touched || control.dirty)) return null;
    const message: unknown = control.getError('server') ?? control.getError('domain');
    if (typeof message === 'string') return { text: message };
    return { key: control.hasError('negative') ? 'forms.negative' : 'forms.euros' };
  }

  protected errorText(error: { text: string } | { key: string }): string | null {
    return 'text' in error ? error.text : null;
  }

  protected errorKey(error: { text: string } | { key: string }): string {
    return 'key' in error ? error.key : '';
  }
}
