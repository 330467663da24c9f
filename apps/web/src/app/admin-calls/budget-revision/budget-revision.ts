import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { BudgetRevisionRequest, CallView, Lang } from '@tremplin/contracts';
import { checkAllocations } from '@tremplin/domain';
import { map, startWith } from 'rxjs';
import { readApiError } from '../../core/http/api-error';
import { Notifier } from '../../core/http/notifier.service';
import { CallsApi } from '../../shared/calls/calls-api';
import { ErrorSummary, type SummaryError } from '../../shared/error-summary/error-summary';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { collectErrors, fieldId } from '../../shared/forms/collect-errors';
import { centsToInput, eurosValidator, inputToCents } from '../../shared/forms/euros';
import { issueMessage } from '../../shared/forms/issue-message';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { AllocationMatrix } from '../allocation-matrix/allocation-matrix';
import { allocationCells, allocationRow, formPathOf, type AllocationRows } from '../call-form';
import { describeErrors } from '../../shared/forms/describe-errors';

export const MIN_REASON_LENGTH = 10;

/**
 * After the structure lock the envelope and its split change only through an audited budget
 * revision, with a reason (and usually the deliberation voting it). Also lists past revisions.
 */
@Component({
  selector: 'tp-budget-revision',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    TranslatePipe,
    EurosPipe,
    ParisDatePipe,
    ErrorSummary,
    AllocationMatrix,
  ],
  templateUrl: './budget-revision.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BudgetRevision {
  readonly call = input.required<CallView>();
  readonly lang = input.required<Lang>();
  readonly revised = output<CallView>();
  readonly conflict = output<void>();

  private readonly api = inject(CallsApi);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);

  protected readonly minReason = MIN_REASON_LENGTH;
  protected readonly form = new FormGroup({
    envelope: new FormControl('', { nonNullable: true, validators: [eurosValidator({ positive: true })] }),
    allocations: new FormArray<FormArray<FormControl<string>>>([]) as AllocationRows,
    reason: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(MIN_REASON_LENGTH), Validators.maxLength(2000)],
    }),
    deliberationReference: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
  });
  protected readonly summary = signal<SummaryError[]>([]);
  protected readonly gridError = signal<string | null>(null);
  protected readonly saving = signal(false);

  protected readonly years = computed(() => [...this.call().years].sort((a, b) => a - b));
  protected readonly axisLabels = computed(() =>
    [...this.call().axes].sort((a, b) => a.position - b.position).map((a) => `${this.lang() === 'en' ? a.labelEn : a.labelFr} (${a.code})`),
  );
  private readonly envelopeText = toSignal(this.form.controls.envelope.valueChanges.pipe(startWith(''), map(() => this.form.controls.envelope.value)), {
    initialValue: '',
  });
  protected readonly envelopeCents = computed(() => inputToCents(this.envelopeText()));

  protected readonly history = rxResource({
    params: () => ({ id: this.call().id, version: this.call().version }),
    stream: ({ params }) => this.api.budgetRevisions(params.id),
  });

  constructor() {
    effect(() => {
      const call = this.call();
      const lang = untracked(this.lang);
      untracked(() => this.reset(call, lang));
    });
  }

  private reset(call: CallView, lang: Lang): void {
    const years = [...call.years].sort((a, b) => a - b);
    const rows = this.form.controls.allocations;
    rows.clear({ emitEvent: false });
    for (const axis of [...call.axes].sort((a, b) => a.position - b.position)) {
      const values = years.map((year) => {
        const cell = call.allocations.find((a) => a.axisCode === axis.code && a.year === year);
        return cell ? centsToInput(cell.amountCents, lang) : '';
      });
      rows.push(allocationRow(years.length, values), { emitEvent: false });
    }
    this.form.controls.envelope.setValue(centsToInput(call.envelopeCents, lang));
    rows.updateValueAndValidity();
  }

  protected submit(directive: FormGroupDirective): void {
    this.gridError.set(null);
    const call = this.call();
    const years = this.years();
    const axisCodes = [...call.axes].sort((a, b) => a.position - b.position).map((a) => a.code);
    this.form.markAllAsTouched();
    if (this.form.valid) {
      const issues = checkAllocations({
        envelopeCents: inputToCents(this.form.controls.envelope.value) ?? 0,
        years,
        axisCodes,
        allocations: allocationCells(this.form.controls.allocations, axisCodes, years),
      });
      const grid = issues.filter((issue) => formPathOf(issue.field, years.length) === null);
      this.applyIssues(issues.map((issue) => ({ field: issue.field, message: issueMessage(issue, this.lang()) })));
      if (grid.length > 0) this.gridError.set(grid.map((issue) => issueMessage(issue, this.lang())).join(' '));
    }
    if (this.form.invalid || this.gridError()) {
      this.summary.set(this.buildSummary());
      return;
    }
    this.summary.set([]);
    const v = this.form.getRawValue();
    const body: BudgetRevisionRequest = {
      version: call.version,
      envelopeCents: inputToCents(v.envelope) ?? 0,
      allocations: allocationCells(this.form.controls.allocations, axisCodes, years),
      reason: v.reason.trim(),
      ...(v.deliberationReference.trim() ? { deliberationReference: v.deliberationReference.trim() } : {}),
    };
    this.saving.set(true);
    this.api.reviseBudget(call.id, body).subscribe({
      next: (updated) => {
        this.saving.set(false);
        directive.resetForm({ ...this.form.getRawValue(), reason: '', deliberationReference: '' });
        this.notifier.success(this.translate.instant('revision.saved') as string);
        this.revised.emit(updated);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const api = readApiError(error);
        if (api?.code === 'STALE_VERSION') {
          this.conflict.emit();
          return;
        }
        this.applyIssues(api?.details ?? []);
        const summary = this.buildSummary();
        summary.unshift({ message: api?.message ?? this.notifier.messageOf(error) });
        this.summary.set(summary);
      },
    });
  }

  /** Puts field messages on their controls; grid-level ones go under the matrix. */
  private applyIssues(details: ReadonlyArray<{ field: string; message: string }>): void {
    const yearCount = this.years().length;
    const unmatched = applyServerErrors(this.form, details, (field) => formPathOf(field, yearCount));
    if (unmatched.length > 0) this.gridError.set(unmatched.map((d) => d.message).join(' '));
  }

  private buildSummary(): SummaryError[] {
    const errors = describeErrors(collectErrors(this.form), this.translate, (path) => this.labelOf(path), (path) => `rev-${fieldId(path)}`);
    const grid = this.gridError();
    if (grid) errors.push({ message: grid, targetId: 'rev-f-allocations-0-0' });
    return errors;
  }

  private labelOf(path: ReadonlyArray<string | number>): string {
    const [head, row, column] = path;
    if (head === 'allocations' && typeof row === 'number' && typeof column === 'number') {
      return `${this.axisLabels()[row] ?? ''} — ${this.years()[column] ?? ''}`;
    }
    return this.translate.instant(`revision.fields.${String(head)}`) as string;
  }
}
