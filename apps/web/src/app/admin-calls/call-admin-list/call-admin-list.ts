import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../../core/i18n/language.service';
import { Notifier } from '../../core/http/notifier.service';
import { CallsApi } from '../../shared/calls/calls-api';
import { CallStatus } from '../../shared/call-status/call-status';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';

/** Calls as administrators see them: a table with links to the editor. */
@Component({
  selector: 'tp-call-admin-list',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe, CallStatus, EurosPipe, ParisDatePipe],
  template: `
    @let lang = language.lang();
    <div class="page">
      <h1>{{ 'adminCalls.title' | translate }}</h1>
      <div class="actions">
        <a mat-flat-button routerLink="/admin/appels/nouveau"><mat-icon svgIcon="add" aria-hidden="true" />{{ 'adminCalls.new' | translate }}</a>
      </div>
      @if (calls.isLoading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | translate" />
      }
      @if (errorMessage(); as message) {
        <div class="notice error" role="alert">
          <mat-icon svgIcon="error" aria-hidden="true" />
          <p>{{ message }}</p>
          <button mat-stroked-button type="button" (click)="calls.reload()">{{ 'common.retry' | translate }}</button>
        </div>
      }
      @if (calls.hasValue()) {
        <div class="table-scroll">
          <table class="data">
            <caption>{{ 'adminCalls.caption' | translate }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'calls.code' | translate }}</th>
                <th scope="col">{{ 'callEditor.fields.title' | translate }}</th>
                <th scope="col">{{ 'adminCalls.status' | translate }}</th>
                <th scope="col">{{ 'calls.closesAt' | translate }}</th>
                <th scope="col" class="num">{{ 'calls.envelope' | translate }}</th>
                <th scope="col">{{ 'common.actions' | translate }}</th>
              </tr>
            </thead>
            <tbody>
              @for (call of calls.value(); track call.id) {
                <tr>
                  <td><code>{{ call.code }}</code></td>
                  <th scope="row">{{ call.title }}</th>
                  <td><tp-call-status [status]="call.status" /></td>
                  <td>{{ call.closesAt | parisDate: lang }}</td>
                  <td class="num">{{ call.envelopeCents | euros: lang }}</td>
                  <td class="row-actions">
                    <a mat-stroked-button [routerLink]="['/admin/appels', call.id]">
                      <mat-icon svgIcon="edit" aria-hidden="true" />{{ 'adminCalls.edit' | translate }}<span class="visually-hidden"> : {{ call.title }}</span>
                    </a>
                    <a mat-button [routerLink]="['/appels', call.id]">
                      {{ 'adminCalls.view' | translate }}<span class="visually-hidden"> : {{ call.title }}</span>
                    </a>
                  </td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="6">{{ 'home.empty' | translate }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </div>
  `,
  styles: `
    .row-actions {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallAdminList {
  private readonly api = inject(CallsApi);
  private readonly notifier = inject(Notifier);
  protected readonly language = inject(LanguageService);
  protected readonly calls = rxResource({ stream: () => this.api.list() });
  protected readonly errorMessage = computed(() => {
    const error = this.calls.error();
    return error ? this.notifier.messageOf(error) : null;
  });
}
