import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import { catchError, of } from 'rxjs';
import { LanguageService } from '../../core/i18n/language.service';
import { FileDownloader } from '../../shared/files/file-download';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { CommitteeApi } from '../committee-api';

/** Statuses a published decision leaves an application in. */
const DECIDED = ['retained', 'waitlisted', 'rejected'];

/** The association's view of the committee's published decision: outcome, amounts per year, reason, letter. */
@Component({
  selector: 'tp-decision-summary',
  imports: [MatIconModule, TranslatePipe, EurosPipe, ParisDatePipe],
  template: `
    @if (decision.value(); as d) {
      <section class="notice decision" aria-labelledby="decision-title" data-testid="decision">
        <h2 id="decision-title">{{ 'committee.association.title' | translate }}</h2>
        <p>
          @switch (d.outcome) {
            @case ('retained') { {{ 'committee.association.retained' | translate: { amount: (d.totalCents | euros: lang()) } }} }
            @case ('waitlisted') { {{ 'committee.association.waitlisted' | translate: { rank: d.waitlistRank } }} }
            @case ('rejected') { {{ 'committee.association.rejected' | translate: { reason: ('committee.reasons.' + d.rejectionReason | translate) } }} }
          }
        </p>
        @if (d.outcome === 'retained') {
          <ul>
            @for (g of d.grants; track g.year) {
              <li>{{ g.year }} : {{ g.amountCents | euros: lang() }}</li>
            }
          </ul>
        }
        @if (d.comment) {
          <p class="comment">{{ d.comment }}</p>
        }
        @if (d.publishedAt) {
          <p>{{ 'committee.association.publishedOn' | translate: { date: (d.publishedAt | parisDate: lang() : 'date') } }}</p>
        }
        <p>
          <a [href]="letterUrl()" (click)="download($event)" data-testid="decision-letter">
            <mat-icon svgIcon="picture_as_pdf" aria-hidden="true" class="inline-icon" />{{ 'committee.association.letter' | translate }}
          </a>
        </p>
      </section>
    }
  `,
  styles: `
    /* One column: the shared .notice is a row (icon + text), which squeezes a heading, paragraphs and a list side by side. */
    .decision { display: block; }
    .comment { white-space: pre-line; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecisionSummary {
  readonly applicationId = input.required<string>();
  readonly status = input.required<string>();
  readonly reference = input<string | null>(null);
  private readonly api = inject(CommitteeApi);
  private readonly downloader = inject(FileDownloader);
  protected readonly lang = inject(LanguageService).lang;

  /** Only a published decision exists for the association: asked once the status says so (404 otherwise). */
  protected readonly decision = rxResource({
    params: () => (DECIDED.includes(this.status()) ? this.applicationId() : undefined),
    stream: ({ params }) => this.api.decision(params).pipe(catchError(() => of(null))),
  });
  protected readonly letterUrl = computed(() => this.api.letterUrl(this.applicationId()));

  protected download(event: Event): void {
    event.preventDefault();
    this.downloader.download(this.letterUrl(), `decision-${this.reference() ?? this.applicationId()}.pdf`);
  }
}
