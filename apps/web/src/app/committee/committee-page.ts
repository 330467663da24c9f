import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import { Notifier } from '../core/http/notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { CallsApi } from '../shared/calls/calls-api';
import { CallTextPipe } from '../shared/calls/call-text.pipe';
import { EnvelopeLines } from './envelope-lines/envelope-lines';
import { RankingTable } from './ranking/ranking-table';

/**
 * The committee's page of a call: an axis selector, the ranking against the envelope and the two
 * lines. Kept simple on purpose: the sessions and decisions work extends it.
 */
@Component({
  selector: 'tp-committee-page',
  imports: [MatFormFieldModule, MatSelectModule, TranslatePipe, CallTextPipe, RankingTable, EnvelopeLines],
  template: `
    @let lang = this.lang();
    <div class="page">
      @if (call.hasValue()) {
        @let c = call.value();
        <h1>{{ 'ranking.heading' | translate: { call: c | callText: 'title' : lang } }}</h1>
        <mat-form-field class="axis">
          <mat-label>{{ 'ranking.axis' | translate }}</mat-label>
          <mat-select [value]="axis()" (selectionChange)="axis.set($event.value)" data-testid="axis-select">
            @for (a of c.axes; track a.code) {
              <mat-option [value]="a.code">{{ a.code }} — {{ lang === 'en' ? a.labelEn : a.labelFr }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (axis(); as code) {
          <tp-ranking-table [callId]="callId()" [axis]="code" />
          <tp-envelope-lines [callId]="callId()" [axis]="code" />
        }
      } @else if (errorMessage(); as message) {
        <p class="notice error" role="alert">{{ message }}</p>
      }
    </div>
  `,
  styles: `
    .axis {
      width: min(100%, 28rem);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommitteePage {
  private readonly calls = inject(CallsApi);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).lang;

  /** Route parameter (component input binding). */
  readonly callId = input.required<string>();

  protected readonly call = rxResource({ params: () => this.callId(), stream: ({ params }) => this.calls.get(params) });
  /** The first axis until the committee picks another. */
  protected readonly axis = linkedSignal<string | null>(() => (this.call.hasValue() ? (this.call.value().axes[0]?.code ?? null) : null));
  protected readonly errorMessage = computed(() => {
    const error = this.call.error();
    return error ? this.notifier.messageOf(error) : null;
  });
}
