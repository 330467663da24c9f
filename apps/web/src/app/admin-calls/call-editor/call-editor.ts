import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { CallView } from '@tremplin/contracts';
import { MAX_CALL_YEARS } from '@tremplin/domain';
import { readApiError } from '../../core/http/api-error';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { CallsApi } from '../../shared/calls/calls-api';
import { ErrorSummary, type SummaryError } from '../../shared/error-summary/error-summary';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { collectErrors } from '../../shared/forms/collect-errors';
import { describeErrors, errorMessage } from '../../shared/forms/describe-errors';
import { inputToCents } from '../../shared/forms/euros';
import { issueMessage } from '../../shared/forms/issue-message';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { AllocationMatrix } from '../allocation-matrix/allocation-matrix';
import { BudgetRevision } from '../budget-revision/budget-revision';
import { LockedCall } from '../locked-call/locked-call';
import {
  addAxis,
  createCallForm,
  criterionGroup,
  domainIssues,
  formPathOf,
  patchCallForm,
  removeAxis,
  resizeAllocations,
  toCallInput,
  yearsOf,
} from '../call-form';

const sameYears = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((y, i) => y === b[i]);

/** Create or edit a call: general data, dates, years, envelope, axes, allocations, grid, rules. */
@Component({
  selector: 'tp-call-editor',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    EurosPipe,
    ErrorSummary,
    AllocationMatrix,
    BudgetRevision,
    LockedCall,
  ],
  templateUrl: './call-editor.html',
  styleUrl: './call-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallEditor {
  /** Route parameter; absent on /admin/appels/nouveau. */
  readonly id = input<string | undefined>();

  private readonly api = inject(CallsApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageService);
  private readonly conflictBox = viewChild<ElementRef<HTMLElement>>('conflictBox');

  protected readonly form = createCallForm();
  protected readonly yearCounts = Array.from({ length: MAX_CALL_YEARS }, (_, i) => i + 1);

  protected readonly call = signal<CallView | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly summary = signal<SummaryError[]>([]);
  protected readonly conflict = signal(false);
  protected readonly gridError = signal<string | null>(null);
  protected readonly criteriaError = signal<string | null>(null);

  private lastYears: number[] = yearsOf(this.form.controls.firstYear.value, this.form.controls.yearCount.value);
  protected readonly years = signal<number[]>(this.lastYears);
  /** Bumped on every form value change: the live figures below derive from it. */
  private readonly formTick = signal(0);

  protected readonly locked = computed(() => this.call()?.structureLocked ?? false);
  protected readonly isNew = computed(() => this.id() === undefined);

  protected readonly axisLabels = computed(() => {
    this.formTick();
    const lang = this.language.lang();
    return this.form.controls.axes.getRawValue().map((axis, i) => {
      const label = (lang === 'en' ? axis.labelEn : axis.labelFr).trim();
      const code = axis.code.trim();
      const name = label || (this.translate.instant('callEditor.axisN', { n: i + 1 }) as string);
      return code ? `${name} (${code})` : name;
    });
  });
  protected readonly envelopeCents = computed(() => {
    this.formTick();
    return inputToCents(this.form.controls.envelope.value);
  });
  protected readonly weightsTotal = computed(() => {
    this.formTick();
    return this.form.controls.criteria.getRawValue().reduce((sum, c) => sum + (Number(c.weight) || 0), 0);
  });
  protected readonly advancePreview = computed(() => {
    this.formTick();
    const percent = this.form.controls.advancePercent.value;
    if (percent === null || percent < 0 || percent > 100) return null;
    const key = percent === 0 ? 'callDetail.payment.noAdvance' : percent === 100 ? 'callDetail.payment.fullAdvance' : 'callDetail.payment.advance';
    const formatted = new Intl.NumberFormat(this.language.lang() === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(percent);
    return { key, percent: formatted };
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.onYearsMaybeChanged();
      this.formTick.update((n) => n + 1);
    });
    effect(() => {
      const id = this.id();
      if (id !== undefined) untracked(() => this.load(id));
    });
  }

  private onYearsMaybeChanged(): void {
    const next = yearsOf(this.form.controls.firstYear.value, this.form.controls.yearCount.value);
    if (next.length === 0 || sameYears(next, this.lastYears)) return;
    resizeAllocations(this.form.controls.allocations, this.lastYears, next);
    this.lastYears = next;
    this.years.set(next);
  }

  protected load(id: string): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.conflict.set(false);
    this.api.get(id).subscribe({
      next: (call) => {
        this.loading.set(false);
        this.show(call);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.loadError.set(this.notifier.messageOf(error));
      },
    });
  }

  private show(call: CallView): void {
    const years = [...call.years].sort((a, b) => a - b);
    this.lastYears = years;
    this.years.set(years);
    this.call.set(call);
    patchCallForm(this.form, call, this.language.lang());
    if (call.structureLocked) this.form.disable({ emitEvent: false });
    else this.form.enable({ emitEvent: false });
    this.summary.set([]);
    this.gridError.set(null);
    this.criteriaError.set(null);
    this.formTick.update((n) => n + 1);
  }

  protected addAxis(): void {
    addAxis(this.form, this.years().length);
  }

  protected removeAxis(index: number): void {
    removeAxis(this.form, index);
  }

  protected addCriterion(): void {
    this.form.controls.criteria.push(criterionGroup());
  }

  protected removeCriterion(index: number): void {
    this.form.controls.criteria.removeAt(index);
  }

  /** Message for a field's mat-error. */
  protected msg(control: AbstractControl): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }

  protected save(): void {
    this.conflict.set(false);
    this.gridError.set(null);
    this.criteriaError.set(null);
    this.form.markAllAsTouched();
    if (this.form.valid) {
      const body = toCallInput(this.form);
      const lang = this.language.lang();
      this.applyIssues(domainIssues(body).map((issue) => ({ field: issue.field, message: issueMessage(issue, lang) })));
    }
    if (this.form.invalid || this.gridError() || this.criteriaError()) {
      this.summary.set(this.buildSummary());
      return;
    }
    this.summary.set([]);
    const body = toCallInput(this.form);
    const current = this.call();
    const request = current ? this.api.update(current.id, { ...body, version: current.version }) : this.api.create(body);
    this.saving.set(true);
    request.subscribe({
      next: (saved) => {
        this.saving.set(false);
        if (current) {
          this.show(saved);
          this.notifier.success(this.translate.instant('callEditor.saved') as string);
        } else {
          this.notifier.success(this.translate.instant('callEditor.created', { code: saved.code }) as string);
          void this.router.navigate(['/admin/appels', saved.id], { replaceUrl: true });
        }
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.onSaveError(error);
      },
    });
  }

  private onSaveError(error: unknown): void {
    const api = readApiError(error);
    if (api?.code === 'STALE_VERSION') {
      this.showConflict();
      return;
    }
    if (api?.code === 'CALL_STRUCTURE_LOCKED') {
      this.notifier.error(api.message);
      const id = this.id();
      if (id) this.load(id);
      return;
    }
    this.applyIssues(api?.details ?? []);
    const summary = this.buildSummary();
    summary.unshift({ message: api?.message ?? this.notifier.messageOf(error) });
    this.summary.set(summary);
  }

  protected showConflict(): void {
    this.summary.set([]);
    this.conflict.set(true);
    afterNextRender(() => this.conflictBox()?.nativeElement.focus(), { injector: this.injector });
  }

  protected reload(): void {
    const id = this.id();
    if (id) this.load(id);
  }

  protected onRevised(call: CallView): void {
    this.show(call);
  }

  /** Field messages go on their controls; grid-level ones under the matrix or the criteria. */
  private applyIssues(details: ReadonlyArray<{ field: string; message: string }>): void {
    const yearCount = this.years().length;
    const unmatched = applyServerErrors(this.form, details, (field) => formPathOf(field, yearCount));
    const grid = unmatched.filter((d) => d.field.startsWith('allocations') || d.field === 'envelopeCents');
    const criteria = unmatched.filter((d) => d.field.startsWith('criteria'));
    const rest = unmatched.filter((d) => !grid.includes(d) && !criteria.includes(d));
    if (grid.length > 0) this.gridError.set(grid.map((d) => d.message).join(' '));
    if (criteria.length > 0) this.criteriaError.set(criteria.map((d) => d.message).join(' '));
    if (rest.length > 0) this.gridError.update((g) => [g, ...rest.map((d) => `${d.field} : ${d.message}`)].filter(Boolean).join(' '));
  }

  private buildSummary(): SummaryError[] {
    const errors = describeErrors(collectErrors(this.form), this.translate, (path) => this.labelOf(path));
    const grid = this.gridError();
    if (grid) errors.push({ label: this.t('callEditor.sections.allocations'), message: grid, targetId: 'f-allocations-0-0' });
    const criteria = this.criteriaError();
    if (criteria) errors.push({ label: this.t('callEditor.sections.grid'), message: criteria, targetId: 'f-criteria-0-weight' });
    return errors;
  }

  private labelOf(path: ReadonlyArray<string | number>): string {
    const [head, index, name] = path;
    if (head === 'allocations' && typeof index === 'number' && typeof name === 'number') {
      return `${this.axisLabels()[index] ?? ''} — ${this.years()[name] ?? ''}`;
    }
    if ((head === 'axes' || head === 'criteria') && typeof index === 'number') {
      const item = this.t(head === 'axes' ? 'callEditor.axisN' : 'callEditor.criterionN', { n: index + 1 });
      return `${item} — ${this.t(`callEditor.fields.${String(name)}`)}`;
    }
    return this.t(`callEditor.fields.${String(head)}`);
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return this.translate.instant(key, params) as string;
  }
}
