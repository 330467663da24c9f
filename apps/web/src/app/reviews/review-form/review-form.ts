import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { DeclareConflictResult, Lang, ReviewCriterionView, ReviewView, SaveReviewRequest } from '@tremplin/contracts';
import {
  REVIEW_COMMENT_MAX_LENGTH, REVIEW_OPINIONS, checkReviewDraft, checkReviewForSubmission, formatEuros, needsComment, reviewTotal,
  type AllocationIssue, type ReviewOpinion,
} from '@tremplin/domain';
import { of } from 'rxjs';
import { readApiError } from '../../core/http/api-error';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { ApplicationContent } from '../../shared/applications/application-content';
import { ApplicationsApi } from '../../shared/applications/applications-api';
import { ConfirmDialog, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog';
import { ErrorSummary, type SummaryError } from '../../shared/error-summary/error-summary';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { errorMessage } from '../../shared/forms/describe-errors';
import { centsToInput, eurosValidator, inputToCents } from '../../shared/forms/euros';
import { VersionDiff } from '../../instruction/version-diff';
import { ApplicationReviews, formatScore } from '../application-reviews/application-reviews';
import { ReviewScoringApi } from '../review-scoring-api';
import { LateConflictDialog, type LateConflictDialogData } from './late-conflict-dialog';

type CriterionForm = FormGroup<{ score: FormControl<number | null>; comment: FormControl<string> }>;

/** The form's content as the domain rules and the API read it. */
export interface ReviewDraft {
  scores: Record<string, number | null>;
  comments: Record<string, string>;
  opinion: ReviewOpinion | null;
  generalComment: string;
  recommended: Array<{ year: number; amountCents: number | null }>;
}

/**
 * The reviewer's scoring page: the submitted application (content, documents, history) beside the form —
 * one score per criterion on its scale, a comment where a score is in the bottom quarter, an opinion, an
 * amount per year never above the request, the live weighted total from the same `reviewTotal` as the
 * API; save as draft, submit with a confirmation, then a change only with a reason. After submission
 * the others' reviews appear (the server applies the blind rule).
 */
@Component({
  selector: 'tp-review-form',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    TranslatePipe,
    ParisDatePipe,
    ApplicationContent,
    ApplicationReviews,
    ErrorSummary,
    VersionDiff,
  ],
  templateUrl: './review-form.html',
  styleUrl: './review-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewForm {
  readonly assignmentId = input.required<string>();

  private readonly api = inject(ReviewScoringApi);
  private readonly applications = inject(ApplicationsApi);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly router = inject(Router);
  protected readonly language = inject(LanguageService);

  protected readonly opinions = REVIEW_OPINIONS;
  protected readonly commentMax = REVIEW_COMMENT_MAX_LENGTH;
  protected readonly review = signal<ReviewView | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly summary = signal<SummaryError[]>([]);
  /** Bumped after a submission or revision so that the reviews panel reloads. */
  protected readonly reviewsRefresh = signal(0);

  protected readonly form = new FormGroup({
    criteria: new FormArray<CriterionForm>([]),
    opinion: new FormControl<ReviewOpinion | null>(null),
    generalComment: new FormControl('', { nonNullable: true }),
    recommended: new FormArray<FormControl<string>>([]),
    reason: new FormControl('', { nonNullable: true }),
  });
  /** Counts form changes: computed values below read the form through it. */
  private readonly changes = signal(0);

  /** Its own signal, so that saving the review (a new view, the same application) does not reload the application. */
  private readonly applicationId = computed(() => this.review()?.applicationId ?? null);
  protected readonly application = rxResource({
    params: () => this.applicationId(),
    stream: ({ params }) => (params ? this.applications.get(params) : of(null)),
  });
  protected readonly versions = rxResource({
    params: () => this.applicationId(),
    stream: ({ params }) => (params ? this.applications.versions(params) : of([])),
  });
  protected readonly sortedVersions = computed(() => (this.versions.hasValue() ? [...this.versions.value()].sort((a, b) => b.versionNo - a.versionNo) : []));

  protected readonly submitted = computed(() => this.review()?.status === 'submitted');
  protected readonly locked = computed(() => this.review()?.locked ?? false);
  /** A conflict is declarable on a draft at any time, on a submitted review until the axis's committee sits. */
  protected readonly conflictClosed = computed(() => this.submitted() && this.locked());
  protected readonly axisLabel = computed(() => {
    const r = this.review();
    return r ? this.language.pick({ labelFr: r.axisLabelFr, labelEn: r.axisLabelEn }) : '';
  });

  /** The weighted total out of 100 while typing: the domain's `reviewTotal`, once every criterion has a valid score. */
  protected readonly total = computed<number | null>(() => {
    this.changes();
    const review = this.review();
    if (!review) return null;
    const scores = this.draft().scores;
    const complete = review.criteria.every((c) => {
      const score = scores[c.code];
      return typeof score === 'number' && Number.isInteger(score) && score >= 0 && score <= c.maxScore;
    });
    return complete ? reviewTotal(review.criteria, scores) : null;
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.changes.update((n) => n + 1));
    effect(() => {
      const id = this.assignmentId();
      untracked(() => this.load(id));
    });
  }

  protected load(id: string): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api.get(id).subscribe({
      next: (review) => {
        this.loading.set(false);
        this.review.set(review);
        this.fill(review);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.loadError.set(this.notifier.messageOf(error));
      },
    });
  }

  protected get criteriaControls(): CriterionForm[] {
    return this.form.controls.criteria.controls;
  }

  protected get recommendedControls(): Array<FormControl<string>> {
    return this.form.controls.recommended.controls;
  }

  protected criterionLabel(criterion: ReviewCriterionView): string {
    return this.language.pick(criterion);
  }

  /** Whether the score typed for criterion `i` needs a comment (the domain's bottom-quarter rule). */
  protected commentNeeded(i: number): boolean {
    this.changes();
    const criterion = this.review()?.criteria[i];
    const score = this.criteriaControls[i]?.controls.score.value;
    return criterion !== undefined && typeof score === 'number' && Number.isInteger(score) && needsComment(score, criterion.maxScore);
  }

  protected euros(cents: number, lang: Lang): string {
    return formatEuros(cents, lang);
  }

  protected totalText(total: number, lang: Lang): string {
    return formatScore(total, lang);
  }

  protected msg(control: AbstractControl): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }

  /** The form as the API's request (every requested year, empty ones as null). */
  protected draft(): ReviewDraft {
    const review = this.review();
    const value = this.form.getRawValue();
    const scores: Record<string, number | null> = {};
    const comments: Record<string, string> = {};
    (review?.criteria ?? []).forEach((criterion, i) => {
      const row = value.criteria[i];
      scores[criterion.code] = row?.score ?? null;
      if (row?.comment.trim()) comments[criterion.code] = row.comment;
    });
    return {
      scores,
      comments,
      opinion: value.opinion,
      generalComment: value.generalComment,
      recommended: (review?.years ?? []).map((year, i) => ({ year: year.year, amountCents: inputToCents(value.recommended[i] ?? '') })),
    };
  }

  protected saveDraft(): void {
    if (!this.check('draft')) return;
    this.save(null, 'reviewForm.saved');
  }

  protected submit(): void {
    const review = this.review();
    if (!review || !this.check('submit')) return;
    const data: ConfirmDialogData = {
      title: this.t('reviewForm.confirmTitle'), message: this.t('reviewForm.confirmMessage'),
      confirm: this.t('reviewForm.confirm'), cancel: this.t('reviewForm.cancel'),
    };
    this.dialog.open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { data, width: '32rem', maxWidth: '95vw' }).afterClosed().subscribe((ok) => {
      if (!ok) return;
      this.busy.set(true);
      // What is on screen is saved first, then submitted.
      this.api.save(review.assignmentId, this.request(review.version, null)).subscribe({
        next: (saved) => {
          this.review.set(saved);
          this.api.submit(saved.assignmentId, saved.version).subscribe({
            next: (done) => this.done(done, 'reviewForm.submitted'),
            error: (error: unknown) => this.failed(error),
          });
        },
        error: (error: unknown) => this.failed(error),
      });
    });
  }

  /**
   * A conflict of interest found while reviewing or after submitting: the dialog says what follows and
   * sends the declaration; then the reviewer no longer has access, so back to the queue.
   */
  protected declareConflict(): void {
    const review = this.review();
    if (!review) return;
    const data: LateConflictDialogData = {
      assignmentId: review.assignmentId, title: review.title, organizationName: review.organizationName, submitted: review.status === 'submitted',
    };
    this.dialog.open<LateConflictDialog, LateConflictDialogData, DeclareConflictResult>(LateConflictDialog, {
      data, width: '36rem', maxWidth: '95vw', autoFocus: 'first-heading',
    }).afterClosed().subscribe((result) => {
      if (!result) return;
      this.notifier.success(this.t(result.reassigned ? 'reviewForm.conflict.doneReassigned' : 'reviewForm.conflict.doneShort'));
      void this.router.navigate(['/evaluations']);
    });
  }

  /** A change after submission: complete, with a reason. */
  protected revise(): void {
    if (!this.check('revise')) return;
    this.save(this.form.controls.reason.value.trim(), 'reviewForm.revised');
  }

  private save(reason: string | null, successKey: string): void {
    const review = this.review();
    if (!review) return;
    this.busy.set(true);
    this.api.save(review.assignmentId, this.request(review.version, reason)).subscribe({
      next: (saved) => this.done(saved, successKey),
      error: (error: unknown) => this.failed(error),
    });
  }

  private request(version: number, reason: string | null): SaveReviewRequest {
    const d = this.draft();
    return {
      version, scores: d.scores, comments: d.comments, opinion: d.opinion, generalComment: d.generalComment,
      recommended: d.recommended, ...(reason ? { reason } : {}),
    };
  }

  private done(view: ReviewView, successKey: string): void {
    this.busy.set(false);
    this.summary.set([]);
    this.review.set(view);
    if (successKey !== 'reviewForm.saved') {
      this.form.controls.reason.reset('');
      this.reviewsRefresh.update((n) => n + 1);
    }
    this.notifier.success(this.t(successKey));
  }

  private failed(error: unknown): void {
    this.busy.set(false);
    const api = readApiError(error);
    const unmatched = this.showIssues((api?.details ?? []).map((d) => ({ field: d.field, code: d.code ?? '', message: d.message })));
    const summary = [...this.summary()];
    if (unmatched.length > 0 || summary.length === 0) summary.unshift({ message: api?.message ?? this.notifier.messageOf(error) });
    this.summary.set(summary);
  }

  /** Runs the domain's rule for the action on what is typed; shows every issue on its field and in the summary. */
  private check(action: 'draft' | 'submit' | 'revise'): boolean {
    const review = this.review();
    if (!review) return false;
    this.form.markAllAsTouched();
    // Euros first: an unreadable amount cannot be checked against the request.
    const unreadable = this.recommendedControls.some((c) => c.invalid);
    const d = this.draft();
    const requested = review.years.map((y) => ({ year: y.year, amountCents: y.requestedCents }));
    const input = { scores: d.scores, comments: d.comments, opinion: d.opinion, recommended: unreadable ? [] : d.recommended };
    const issues: AllocationIssue[] = action === 'draft' ? checkReviewDraft(review.criteria, input, requested) : checkReviewForSubmission(review.criteria, input, requested);
    this.clearIssues();
    this.showIssues(issues);
    if (action === 'revise' && !this.form.controls.reason.value.trim()) {
      this.form.controls.reason.setErrors({ domain: this.t('reviewForm.reasonRequired') });
    }
    const summary = this.summaryEntries();
    this.summary.set(summary);
    return summary.length === 0;
  }

  private clearIssues(): void {
    for (const row of this.criteriaControls) {
      row.controls.score.setErrors(null);
      row.controls.comment.setErrors(null);
    }
    this.form.controls.opinion.setErrors(null);
    this.form.controls.reason.setErrors(null);
    // Recommended amounts keep their euros validator: re-run it.
    for (const c of this.recommendedControls) c.updateValueAndValidity({ emitEvent: false });
  }

  /** Puts each issue on its control (`scores.CODE`, `comments.CODE`, `opinion`, `recommended[i].amountCents`…); returns those with no control. */
  private showIssues(issues: ReadonlyArray<{ field: string; code: string; params?: Record<string, string | number>; message?: string }>): string[] {
    const review = this.review();
    const unmatched: string[] = [];
    for (const issue of issues) {
      const control = review ? this.controlFor(review, issue.field, issue.params) : null;
      if (!control) {
        unmatched.push(issue.field);
        continue;
      }
      const error = issue.code && issue.code === issue.code.toUpperCase() ? { issue: { code: issue.code, params: issue.params } } : { server: issue.message ?? issue.code };
      control.setErrors({ ...(control.errors ?? {}), ...error });
      control.markAsTouched();
    }
    return unmatched;
  }

  private controlFor(review: ReviewView, field: string, params?: Record<string, string | number>): AbstractControl | null {
    const [head, code] = field.split('.');
    const criterionIndex = review.criteria.findIndex((c) => c.code === code);
    if (head === 'scores' && criterionIndex >= 0) return this.criteriaControls[criterionIndex]?.controls.score ?? null;
    if (head === 'comments' && criterionIndex >= 0) return this.criteriaControls[criterionIndex]?.controls.comment ?? null;
    if (field === 'opinion') return this.form.controls.opinion;
    if (field === 'reason') return this.form.controls.reason;
    if (field === 'generalComment') return this.form.controls.generalComment;
    const indexed = /^recommended\[(\d+)\]/.exec(field);
    if (indexed) return this.recommendedControls[Number(indexed[1])] ?? null;
    if (field === 'recommended' && params?.['year'] !== undefined) {
      const i = review.years.findIndex((y) => y.year === Number(params['year']));
      return this.recommendedControls[i] ?? null;
    }
    return null;
  }

  private summaryEntries(): SummaryError[] {
    const review = this.review();
    if (!review) return [];
    const entries: SummaryError[] = [];
    const add = (control: AbstractControl, targetId: string, label: string) => {
      if (control.errors) entries.push({ message: this.msg(control), targetId, label });
    };
    review.criteria.forEach((criterion, i) => {
      const row = this.criteriaControls[i];
      if (!row) return;
      add(row.controls.score, `score-${criterion.code}`, this.criterionLabel(criterion));
      add(row.controls.comment, `comment-${criterion.code}`, `${this.t('reviewForm.comment')} — ${this.criterionLabel(criterion)}`);
    });
    add(this.form.controls.opinion, 'opinion-favourable', this.t('reviewForm.opinion'));
    review.years.forEach((year, i) => {
      const control = this.recommendedControls[i];
      if (control) add(control, `recommended-${year.year}`, this.t('reviewForm.recommended', { year: year.year }));
    });
    add(this.form.controls.reason, 'reason', this.t('reviewForm.reason'));
    return entries;
  }

  private fill(review: ReviewView): void {
    const lang = this.language.lang();
    const criteria = this.form.controls.criteria;
    criteria.clear({ emitEvent: false });
    for (const criterion of review.criteria) {
      criteria.push(new FormGroup({
        score: new FormControl<number | null>(review.scores[criterion.code] ?? null),
        comment: new FormControl(review.comments[criterion.code] ?? '', { nonNullable: true }),
      }), { emitEvent: false });
    }
    const recommended = this.form.controls.recommended;
    recommended.clear({ emitEvent: false });
    for (const year of review.years) {
      recommended.push(new FormControl(year.recommendedCents === null ? '' : centsToInput(year.recommendedCents, lang), {
        nonNullable: true, validators: [eurosValidator({ allowEmpty: true })],
      }), { emitEvent: false });
    }
    this.form.patchValue({ opinion: review.opinion, generalComment: review.generalComment, reason: '' });
    if (review.locked) this.form.disable({ emitEvent: false });
    else this.form.enable({ emitEvent: false });
    this.changes.update((n) => n + 1);
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return this.translate.instant(key, params) as string;
  }
}
