import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import type { ApplicationReviewView, Lang, ReviewCriterionView } from '@tremplin/contracts';
import { Notifier } from '../../core/http/notifier.service';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { ReviewScoringApi } from '../review-scoring-api';

/**
 * The reviews of one application, read-only: for staff (every submitted review, consolidated and
 * normalised scores) and for a reviewer (their own, and the others' once theirs is submitted — the
 * server applies the blind rule and says how many it withholds). Bump `refresh` to reload.
 */
@Component({
  selector: 'tp-application-reviews',
  imports: [MatIconModule, MatProgressBarModule, TranslatePipe, EurosPipe, ParisDatePipe],
  template: `
    <section class="reviews" aria-labelledby="reviews-title">
      <h2 id="reviews-title">{{ 'reviewForm.reviews.title' | translate }}</h2>
      @if (reviews.isLoading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | translate" />
      }
      @if (error(); as message) {
        <p class="notice error" role="alert"><mat-icon svgIcon="error" aria-hidden="true" />{{ message }}</p>
      }
      @if (reviews.hasValue() && reviews.value(); as r) {
        <p>{{ 'reviewForm.reviews.progress' | translate: { submitted: r.submittedCount, expected: r.expectedCount } }}</p>
        @if (r.consolidated; as c) {
          <dl class="scores">
            <div><dt>{{ 'reviewForm.reviews.consolidated' | translate }}</dt><dd>{{ score(c.score) }}</dd></div>
            <div><dt>{{ 'reviewForm.reviews.normalized' | translate }}</dt><dd>{{ score(c.normalizedScore) }}</dd></div>
            @if (c.min !== null && c.max !== null) {
              <div><dt>{{ 'reviewForm.reviews.range' | translate: { min: score(c.min), max: score(c.max) } }}</dt><dd></dd></div>
            }
          </dl>
          @if (c.divergent) {
            <p class="notice warn"><mat-icon svgIcon="warning" aria-hidden="true" />{{ 'reviewForm.reviews.divergent' | translate }}</p>
          }
        }
        @if (r.hiddenCount > 0) {
          <p class="notice"><mat-icon svgIcon="visibility_off" aria-hidden="true" />{{ 'reviewForm.reviews.hidden' | translate: { count: r.hiddenCount } }}</p>
        }
        @for (review of r.reviews; track review.assignmentId) {
          <article class="review" [attr.aria-labelledby]="'review-' + review.assignmentId">
            <h3 [id]="'review-' + review.assignmentId">
              {{ review.mine ? ('reviewForm.reviews.mine' | translate) : ('reviewForm.reviews.reviewer' | translate: { name: review.reviewerName }) }}
            </h3>
            <p class="meta">
              @if (review.status === 'submitted') {
                <span>{{ 'reviewForm.reviews.submittedOn' | translate: { date: (review.submittedAt | parisDate: lang() : 'date') } }}</span>
                @if (review.revision > 0) {
                  <span>({{ 'reviewForm.reviews.revision' | translate: { count: review.revision } }})</span>
                }
              } @else {
                <span>{{ 'reviewForm.reviews.draft' | translate }}</span>
              }
              @if (review.total !== null) {
                <strong>{{ 'reviewForm.reviews.total' | translate }}{{ 'common.colon' | translate }} {{ score(review.total) }} / 100</strong>
              }
              @if (review.opinion) {
                <span>{{ 'reviewForm.reviews.opinion' | translate }}{{ 'common.colon' | translate }} {{ 'reviewForm.opinions.' + review.opinion | translate }}</span>
              }
            </p>
            <div class="table-scroll" tabindex="0" role="region" [attr.aria-label]="'reviewForm.reviews.scoresCaption' | translate">
              <table class="data">
                <caption>{{ 'reviewForm.reviews.scoresCaption' | translate }}</caption>
                <thead>
                  <tr>
                    <th scope="col">{{ 'reviewForm.reviews.criterion' | translate }}</th>
                    <th scope="col">{{ 'reviewForm.reviews.score' | translate }}</th>
                    <th scope="col">{{ 'reviewForm.reviews.comment' | translate }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (criterion of r.criteria; track criterion.code) {
                    <tr>
                      <th scope="row">{{ label(criterion) }}</th>
                      <td>{{ scoreOf(review, criterion) }}</td>
                      <td class="text">{{ review.comments[criterion.code] ?? '' }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
            @if (review.generalComment) {
              <p><strong>{{ 'reviewForm.reviews.generalComment' | translate }}{{ 'common.colon' | translate }}</strong></p>
              <p class="text">{{ review.generalComment }}</p>
            }
            @if (review.recommended.length > 0) {
              <p>
                <strong>{{ 'reviewForm.reviews.recommended' | translate }}{{ 'common.colon' | translate }}</strong>
                @for (amount of review.recommended; track amount.year; let last = $last) {
                  {{ amount.year }} : {{ amount.amountCents | euros: lang() }}{{ last ? '' : ' ; ' }}
                }
              </p>
            }
          </article>
        } @empty {
          <p>{{ 'reviewForm.reviews.none' | translate }}</p>
        }
      }
    </section>
  `,
  styles: `
    .scores { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 0 0 1rem; }
    .scores dt { font-weight: 500; }
    .scores dd { margin: 0; font-size: 1.25rem; }
    .review { border-top: 1px solid #c4c7c5; padding-top: 0.5rem; margin-top: 1rem; }
    .meta { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
    .text { white-space: pre-wrap; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApplicationReviews {
  readonly applicationId = input.required<string>();
  readonly lang = input.required<Lang>();
  /** Any change reloads the list (e.g. after the reviewer submits). */
  readonly refresh = input(0);

  private readonly api = inject(ReviewScoringApi);
  private readonly notifier = inject(Notifier);

  protected readonly reviews = rxResource({
    params: () => ({ id: this.applicationId(), refresh: this.refresh() }),
    stream: ({ params }) => this.api.forApplication(params.id),
  });
  protected readonly error = computed(() => {
    const error = this.reviews.error();
    return error ? this.notifier.messageOf(error) : null;
  });

  protected label(criterion: ReviewCriterionView): string {
    return this.lang() === 'en' ? criterion.labelEn : criterion.labelFr;
  }

  protected scoreOf(review: ApplicationReviewView, criterion: ReviewCriterionView): string {
    const value = review.scores[criterion.code];
    return value === undefined ? '—' : `${value} / ${criterion.maxScore}`;
  }

  /** A score out of 100 with two decimals in the UI language ("57,50"). */
  protected score(value: number | null): string {
    return value === null ? '—' : formatScore(value, this.lang());
  }
}

export function formatScore(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}
