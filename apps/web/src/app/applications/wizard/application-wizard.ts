import { BreakpointObserver } from '@angular/cdk/layout';
import { STEPPER_GLOBAL_OPTIONS, type StepperSelectionEvent } from '@angular/cdk/stepper';
import { formatDate } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormGroup, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ApplicationView, AxisView, DocumentView } from '@tremplin/contracts';
import { map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { readApiError } from '../../core/http/api-error';
import { Notifier } from '../../core/http/notifier.service';
import { parisOffset } from '../../core/i18n/paris-time';
import { LanguageService } from '../../core/i18n/language.service';
import { applicationFieldLabel, missingMessage, stepOfField } from '../../shared/applications/field-labels';
import { ApplicationsApi } from '../../shared/applications/applications-api';
import { ErrorSummary, type SummaryError } from '../../shared/error-summary/error-summary';
import { errorMessage } from '../../shared/forms/describe-errors';
import { fieldId } from '../../shared/forms/collect-errors';
import { applyServerErrors, fieldPath } from '../../shared/forms/server-errors';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { PluralPipe, translatePlural } from '../../shared/format/plural.pipe';
import {
  createApplicationForm,
  formValueFromView,
  patchApplicationForm,
  toDraftUpdate,
} from './application-form';
import { BudgetStep } from './budget-step';
import { DeclarationStep } from './declaration-step';
import { DocumentsStep } from './documents-step';
import { DraftAutosave } from './draft-autosave';
import { DraftStorage, type LocalDraft } from './draft-storage';
import { GeneralStep } from './general-step';
import { ProjectStep } from './project-step';

export const STEP_KEYS = ['general', 'project', 'budget', 'documents', 'declaration'] as const;

/** DOM id to focus for an API field path (some paths name a list or a whole part). */
export function targetIdOf(field: string): string {
  const path = fieldPath(field);
  const [head, index] = path;
  if (head === 'budget' && path.length === 1) return 'f-budget-0-products-p74Departement';
  if (head === 'budget' && path.length === 2) return `f-budget-${String(index)}-charges-c60`;
  if (field === 'project.rsaBeneficiariesPerYear') return 'f-project-rsaBeneficiariesPerYear-0';
  if (/^project\.indicators\[\d+\]\.targets$/.test(field)) return `${fieldId(path)}-0`;
  if (field === 'declaration') return 'f-declaration-signatoryName';
  if (/^declaration\.(accurate|obligationsMet|republicanCommitment)$/.test(field)) return `${fieldId(path)}-input`;
  return fieldId(path);
}

interface Leaf {
  path: Array<string | number>;
  control: AbstractControl;
}

function leaves(control: AbstractControl, path: Array<string | number> = []): Leaf[] {
  if (control instanceof FormGroup) {
    return Object.entries(control.controls).flatMap(([name, child]) => leaves(child as AbstractControl, [...path, name]));
  }
  if (control instanceof FormArray) {
    const own = control.errors ? [{ path, control }] : [];
    return [...own, ...control.controls.flatMap((child, i) => leaves(child as AbstractControl, [...path, i]))];
  }
  return [{ path, control }];
}

/** "project.indicators[0].targets" from ['project', 'indicators', 0, 'targets']. */
const apiField = (path: ReadonlyArray<string | number>): string =>
  path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');

/**
 * The application wizard (association): five steps, autosaved drafts with optimistic locking,
 * a local copy of unsaved input, and the submission with every missing item listed.
 */
@Component({
  selector: 'tp-application-wizard',
  imports: [
    MatStepperModule,
    MatButtonModule,
    MatIconModule,
    TranslatePipe,
    ParisDatePipe,
    PluralPipe,
    ErrorSummary,
    GeneralStep,
    ProjectStep,
    BudgetStep,
    DocumentsStep,
    DeclarationStep,
  ],
  providers: [DraftAutosave, { provide: STEPPER_GLOBAL_OPTIONS, useValue: { showError: true, displayDefaultIndicatorType: false } }],
  templateUrl: './application-wizard.html',
  styleUrl: './application-wizard.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApplicationWizard implements OnInit {
  /** The application as loaded. */
  readonly initial = input.required<ApplicationView>();
  readonly axes = input.required<readonly AxisView[]>();
  /** Submitted (or resubmitted): the page switches to the read-only view. */
  readonly submitted = output<ApplicationView>();

  private readonly api = inject(ApplicationsApi);
  private readonly storage = inject(DraftStorage);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly autosave = inject(DraftAutosave);
  protected readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService);
  private readonly stepper = viewChild(MatStepper);
  private readonly missingBox = viewChild<ElementRef<HTMLElement>>('missingBox');

  protected readonly steps = STEP_KEYS;
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 760px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  protected form = createApplicationForm([]);
  /** The latest server view (missing items, documents, actions); the form is not rebuilt from it. */
  protected readonly view = signal<ApplicationView | null>(null);
  private readonly formTick = signal(0);
  protected readonly localCopy = signal<LocalDraft | null>(null);
  protected readonly submitAttempted = signal(false);
  protected readonly submitting = signal(false);
  protected readonly submitError = signal<string | null>(null);
  protected readonly summary = signal<SummaryError[]>([]);
  protected readonly selected = signal(0);

  protected readonly years = computed(() => this.view()?.callYears ?? []);
  protected readonly resubmission = computed(() => this.view()?.status === 'information_requested');
  protected readonly canSubmit = computed(() => {
    const actions = this.view()?.allowedActions ?? [];
    return actions.includes('submit') || actions.includes('resubmit');
  });
  protected readonly blockedSteps = computed(() => {
    const status = this.autosave.status();
    return status.kind === 'saved' ? status.blockedSteps : [];
  });
  protected readonly declarationIncomplete = computed(() => this.blockedSteps().includes(4));

  /** Client errors (touched fields) per step. */
  private readonly clientErrors = computed(() => {
    this.formTick();
    return leaves(this.form)
      .filter((leaf) => leaf.control.invalid && leaf.control.enabled && (leaf.control.touched || leaf.control.dirty))
      .map((leaf) => ({ ...leaf, field: apiField(leaf.path) }));
  });

  protected readonly missing = computed(() => {
    const view = this.view();
    if (!view) return [];
    const lang = this.language.lang();
    this.formTick(); // labels follow the language; cheap
    return view.missing.map((item) => ({
      ...item,
      step: stepOfField(item.field),
      label: applicationFieldLabel(item.field, (k, p) => this.t(k, p), view.callYears),
      message: missingMessage(item, view, lang, (k, p) => this.t(k, p)),
      targetId: targetIdOf(item.field),
    }));
  });

  /**
   * The error summary without the items the « missing » list already shows (a required field left
   * empty is both a client error and a missing item; the API's refusal names the missing items
   * too): each item is listed once.
   */
  protected readonly shownSummary = computed(() => {
    const listed = new Set(this.missing().map((m) => m.targetId));
    return this.summary().filter((error) => !error.targetId || !listed.has(error.targetId));
  });

  /** Steps with nothing missing and no error are marked done in the step bar. */
  protected readonly stepDone = computed(() => {
    if (!this.view()) return STEP_KEYS.map(() => false);
    const missing = this.missing();
    const errors = this.stepErrors();
    return STEP_KEYS.map((_, step) => errors[step] === null && !missing.some((m) => m.step === step));
  });

  protected readonly stepErrors = computed(() =>
    STEP_KEYS.map((_, step) => {
      const client = this.clientErrors().filter((e) => stepOfField(e.field) === step).length;
      const blocked = this.blockedSteps().includes(step);
      const missing = this.submitAttempted() ? this.missing().filter((m) => m.step === step).length : 0;
      if (client > 0 || blocked) return this.t('wizard.stepHasErrors');
      if (missing > 0) return translatePlural(this.translate, 'plurals.stepMissing', missing, this.language.lang());
      return null;
    }),
  );

  protected readonly statusText = computed(() => {
    const status = this.autosave.status();
    const lang = this.language.lang();
    switch (status.kind) {
      case 'pending':
        return this.t('autosave.pending');
      case 'saving':
        return this.t('autosave.saving');
      case 'saved': {
        const time = formatDate(status.at, 'HH:mm', lang, parisOffset(status.at));
        if (status.blockedSteps.length === 0) return this.t('autosave.saved', { time });
        const steps = status.blockedSteps.map((s) => this.t(`wizard.steps.${STEP_KEYS[s] ?? 'general'}`)).join(', ');
        return this.t('autosave.savedExcept', { time, steps });
      }
      case 'reloaded':
        return this.t('autosave.reloaded', { time: formatDate(status.at, 'HH:mm', lang, parisOffset(status.at)) });
      case 'error':
        return this.t('autosave.failed', { message: status.message });
      case 'conflict':
        return this.t('autosave.conflict.title');
      default:
        return this.t('autosave.idle');
    }
  });

  constructor() {
    this.translate.onLangChange.pipe(takeUntilDestroyed()).subscribe(() => this.formTick.update((n) => n + 1));
  }

  ngOnInit(): void {
    const view = this.initial();
    this.view.set(view);
    this.form = createApplicationForm(view.callYears);
    patchApplicationForm(this.form, formValueFromView(view, this.language.lang()), view.callYears);
    if (view.status !== 'draft') this.form.controls.axisCode.disable({ emitEvent: false });
    this.autosave.connect({
      id: view.id,
      version: view.version,
      value: () => this.form.getRawValue(),
      saved: (saved) => this.onSaved(saved),
      reloaded: (fresh) => this.showServerVersion(fresh),
      invalid: (error) => this.onInvalid(error),
    });
    this.form.events.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.formTick.update((n) => n + 1));
    this.form.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.autosave.changed());
    this.offerLocalCopy(view);
  }

  /** A local copy that differs from what the server holds is offered back (never silently applied). */
  private offerLocalCopy(view: ApplicationView): void {
    const local = this.storage.read(view.id);
    if (!local) return;
    const server = JSON.stringify(toDraftUpdate(formValueFromView(view, this.language.lang())).body);
    const mine = JSON.stringify(toDraftUpdate(local.value).body);
    if (server === mine && toDraftUpdate(local.value).blockedSteps.length === 0) {
      this.storage.remove(view.id);
      return;
    }
    this.localCopy.set(local);
  }

  protected restoreLocalCopy(): void {
    const local = this.localCopy();
    const view = this.view();
    if (!local || !view) return;
    this.localCopy.set(null);
    // Restored input counts as a change: it is saved on top of the server's current version.
    patchApplicationForm(this.form, local.value, view.callYears);
    this.form.markAllAsTouched();
    this.autosave.changed();
  }

  protected discardLocalCopy(): void {
    const view = this.view();
    this.localCopy.set(null);
    if (view) this.storage.remove(view.id);
  }

  private onSaved(saved: ApplicationView): void {
    this.view.update((current) => ({ ...saved, documents: saved.documents ?? current?.documents ?? [] }));
  }

  private showServerVersion(fresh: ApplicationView): void {
    this.view.set(fresh);
    patchApplicationForm(this.form, formValueFromView(fresh, this.language.lang()), fresh.callYears);
  }

  private onInvalid(error: unknown): void {
    const details = readApiError(error)?.details ?? [];
    applyServerErrors(this.form, details);
    this.formTick.update((n) => n + 1);
  }

  protected onDocuments(documents: DocumentView[]): void {
    this.view.update((current) => (current ? { ...current, documents } : current));
    // The missing items depend on the documents: read them again (the form and the version stay as they are).
    const id = this.view()?.id;
    if (!id) return;
    this.api.get(id).subscribe({
      next: (fresh) => this.view.update((current) => (current ? { ...current, documents: fresh.documents, missing: fresh.missing } : current)),
      error: () => undefined,
    });
  }

  protected onStep(event: StepperSelectionEvent): void {
    this.selected.set(event.selectedIndex);
    void this.autosave.flush();
  }

  /** Shows the step of a field, then focuses it (links of the missing items and the error summary). */
  readonly reveal = (targetId: string): void => {
    const field = this.missing().find((m) => m.targetId === targetId)?.field ?? this.fieldOfTarget(targetId);
    const step = stepOfField(field);
    const stepper = this.stepper();
    if (stepper) stepper.selectedIndex = step;
    this.selected.set(step);
    const focus = (): boolean => {
      const target = this.document.getElementById(targetId);
      target?.focus();
      target?.scrollIntoView?.({ block: 'center' });
      return this.document.activeElement === target;
    };
    // The step content becomes visible after its transition: try at once, then once more.
    afterNextRender(() => {
      if (!focus()) setTimeout(focus, 400);
    }, { injector: this.injector });
  };

  private fieldOfTarget(targetId: string): string {
    return targetId.replace(/^f-/, '').split('-')[0] ?? '';
  }

  protected goTo(event: Event, targetId: string): void {
    event.preventDefault();
    this.reveal(targetId);
  }

  protected msg(control: AbstractControl): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }

  async submit(): Promise<void> {
    const view = this.view();
    if (!view || this.submitting()) return;
    this.submitAttempted.set(true);
    this.submitError.set(null);
    this.form.markAllAsTouched();
    this.formTick.update((n) => n + 1);
    const client = this.clientErrors();
    if (client.length > 0) {
      this.summary.set(
        client.map((e) => ({
          label: applicationFieldLabel(e.field, (k, p) => this.t(k, p), view.callYears),
          message: this.msg(e.control),
          targetId: targetIdOf(e.field),
        })),
      );
      this.focusMissingUnlessSummary();
      return;
    }
    this.summary.set([]);
    this.submitting.set(true);
    const saved = await this.autosave.flush();
    if (!saved) {
      this.submitting.set(false);
      this.submitError.set(this.t('wizard.submit.notSaved'));
      return;
    }
    this.api.submit(view.id, this.autosave.currentVersion()).subscribe({
      next: (result) => {
        this.submitting.set(false);
        this.storage.remove(view.id);
        this.autosave.setVersion(result.version);
        this.submitted.emit(result);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const api = readApiError(error);
        if (api?.code === 'APPLICATION_INCOMPLETE' && api.details?.length) {
          this.summary.set(
            api.details.map((d) => ({
              label: applicationFieldLabel(d.field, (k, p) => this.t(k, p), view.callYears),
              message: d.message,
              targetId: targetIdOf(d.field),
            })),
          );
          // The missing list is read again; the summary keeps only what that list does not show.
          this.api.get(view.id).subscribe({
            next: (fresh) => {
              this.view.update((current) => (current ? { ...current, documents: fresh.documents, missing: fresh.missing } : current));
              this.focusMissingUnlessSummary();
            },
            error: () => undefined,
          });
          return;
        }
        this.submitError.set(api?.message ?? this.notifier.messageOf(error));
      },
    });
  }

  /** When every problem is in the « missing » list (the summary shows nothing), that list takes the focus. */
  private focusMissingUnlessSummary(): void {
    afterNextRender(
      () => {
        if (this.shownSummary().length === 0) this.missingBox()?.nativeElement.focus();
      },
      { injector: this.injector },
    );
  }

  /** Saves pending input, then gives the version another action (withdrawal) must carry. */
  async flushForAction(): Promise<number> {
    await this.autosave.flush();
    return this.autosave.currentVersion();
  }

  protected stepLabel(step: number): string {
    return this.t(`wizard.steps.${STEP_KEYS[step] ?? 'general'}`);
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return this.translate.instant(key, params) as string;
  }
}
