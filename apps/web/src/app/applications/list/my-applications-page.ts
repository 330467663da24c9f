import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ApplicationSummaryView, CallSummaryView } from '@tremplin/contracts';
import { readApiError } from '../../core/http/api-error';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { ApplicationStatusChip } from '../../shared/application-status/application-status';
import { ApplicationsApi } from '../../shared/applications/applications-api';
import { CallsApi } from '../../shared/calls/calls-api';
import { ErrorSummary, type SummaryError } from '../../shared/error-summary/error-summary';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { LabelPipe } from '../../shared/format/label.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { PluralPipe } from '../../shared/format/plural.pipe';
import { describeErrors, errorMessage } from '../../shared/forms/describe-errors';
import { collectErrors } from '../../shared/forms/collect-errors';
import { applyServerErrors } from '../../shared/forms/server-errors';

/** « Mes candidatures »: the organisation's applications, and a new one for an open call. */
@Component({
  selector: 'tp-my-applications-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    ApplicationStatusChip,
    ErrorSummary,
    EurosPipe,
    LabelPipe,
    ParisDatePipe,
    PluralPipe,
  ],
  templateUrl: './my-applications-page.html',
  styleUrl: './my-applications-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyApplicationsPage {
  /** `?appel=` from a call's page: preselects that call in the new application form. */
  readonly appel = input<string | undefined>();

  private readonly api = inject(ApplicationsApi);
  private readonly callsApi = inject(CallsApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);

  protected readonly query = signal({ page: 1, pageSize: 25 });
  protected readonly applications = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.api.list({ ...params, sort: 'updatedAt', direction: 'desc' }),
  });
  protected readonly calls = rxResource({ stream: () => this.callsApi.list() });

  protected readonly rows = computed<ApplicationSummaryView[]>(() => (this.applications.hasValue() ? this.applications.value().items : []));
  protected readonly total = computed(() => (this.applications.hasValue() ? this.applications.value().total : 0));
  protected readonly errorMessage = computed(() => {
    const error = this.applications.error();
    return error ? this.notifier.messageOf(error) : null;
  });
  protected readonly openCalls = computed<CallSummaryView[]>(() => (this.calls.hasValue() ? this.calls.value().filter((c) => c.status === 'open') : []));

  protected readonly form = new FormGroup({
    callId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    axisCode: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(300)] }),
  });
  private readonly callId = signal('');
  protected readonly axes = computed(() => this.openCalls().find((c) => c.id === this.callId())?.axes ?? []);
  protected readonly creating = signal(false);
  protected readonly summary = signal<SummaryError[]>([]);

  constructor() {
    this.form.controls.callId.valueChanges.subscribe((id) => {
      this.callId.set(id);
      this.form.controls.axisCode.setValue('');
    });
    // The only open call (or the one asked for in the address) is chosen already.
    effect(() => {
      const open = this.openCalls();
      const wanted = this.appel();
      untracked(() => {
        if (this.form.controls.callId.value) return;
        const call = open.find((c) => c.id === wanted) ?? (open.length === 1 ? open[0] : undefined);
        if (call) this.form.controls.callId.setValue(call.id);
      });
    });
  }

  protected axisName(row: ApplicationSummaryView): string {
    const call = (this.calls.hasValue() ? this.calls.value() : []).find((c) => c.id === row.callId);
    const axis = call?.axes.find((a) => a.code === row.axisCode);
    return axis ? this.language.pick(axis) : row.axisCode;
  }

  protected onPage(event: PageEvent): void {
    this.query.set({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected msg(control: FormControl<string>): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }

  protected create(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.summary.set(describeErrors(collectErrors(this.form), this.translate, (path) => this.t(`newApplication.${String(path[0])}`), (path) => `new-${String(path[0])}`));
      return;
    }
    this.summary.set([]);
    this.creating.set(true);
    const { callId, axisCode, title } = this.form.getRawValue();
    this.api.create({ callId, axisCode, title: title.trim() }).subscribe({
      next: (created) => {
        this.creating.set(false);
        void this.router.navigate(['/candidatures', created.id]);
      },
      error: (error: unknown) => {
        this.creating.set(false);
        const api = readApiError(error);
        const unmatched = applyServerErrors(this.form, api?.details ?? []);
        const summary = describeErrors(collectErrors(this.form), this.translate, (path) => this.t(`newApplication.${String(path[0])}`), (path) => `new-${String(path[0])}`);
        if (unmatched.length > 0 || summary.length === 0) summary.unshift({ message: api?.message ?? this.notifier.messageOf(error) });
        this.summary.set(summary);
      },
    });
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return this.translate.instant(key, params) as string;
  }
}
