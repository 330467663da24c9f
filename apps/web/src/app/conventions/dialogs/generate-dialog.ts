import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import type { CallSummaryView, ConventionSessionView } from '@tremplin/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { Notifier } from '../../core/http/notifier.service';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { ConventionsApi } from '../conventions-api';

export interface GenerateDialogData {
  calls: CallSummaryView[];
  /** The call already chosen in the list's filters, or ''. */
  callId: string;
}

/**
 * « Générer les conventions »: drafts for every published retained decision of one committee session that
 * has none yet. Shows how many were created; closes with that number.
 */
@Component({
  selector: 'tp-generate-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatSelectModule, TranslatePipe, ParisDatePipe],
  template: `
    @let lang = language.lang();
    <h2 mat-dialog-title>{{ 'conventions.generate.title' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>{{ 'conventions.generate.intro' | translate }}</p>
        <mat-form-field class="full">
          <mat-label>{{ 'conventions.generate.call' | translate }}</mat-label>
          <mat-select id="generate-call" [formControl]="callId">
            @for (call of data.calls; track call.id) {
              <mat-option [value]="call.id">{{ call.code }} — {{ call.title }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>{{ 'conventions.generate.session' | translate }}</mat-label>
          <mat-select id="generate-session" [formControl]="sessionId" required>
            @for (s of sessions(); track s.id) {
              <mat-option [value]="s.id">
                {{
                  'conventions.generate.sessionLabel'
                    | translate
                      : {
                          axis: lang === 'en' ? s.axisLabelEn : s.axisLabelFr,
                          date: (s.sitsOn | parisDate: lang : 'date'),
                          reference: s.deliberationReference,
                          retained: s.retainedCount,
                          pending: s.withoutConventionCount,
                        }
                }}
              </mat-option>
            }
          </mat-select>
          @if (callId.value && loaded() && !sessions().length) {
            <mat-hint>{{ 'conventions.generate.noSession' | translate }}</mat-hint>
          }
          @if (sessionId.touched && sessionId.invalid) {
            <mat-error>{{ 'forms.required' | translate }}</mat-error>
          }
        </mat-form-field>
        @if (result(); as r) {
          <p class="notice ok" role="status">{{ 'conventions.generate.created' | translate: { count: r.created, already: r.already } }}</p>
        }
        @if (failure(); as message) {
          <p class="notice error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="result()?.created ?? 0">{{ 'common.close' | translate }}</button>
        @if (!result()) {
          <button mat-flat-button type="submit" [disabled]="saving()">{{ 'conventions.generate.confirm' | translate }}</button>
        }
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full { width: 100%; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GenerateDialog {
  protected readonly data = inject<GenerateDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(ConventionsApi);
  private readonly notifier = inject(Notifier);
  protected readonly language = inject(LanguageService);

  protected readonly callId = new FormControl(this.data.callId, { nonNullable: true });
  protected readonly sessionId = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly form = new FormGroup({ callId: this.callId, sessionId: this.sessionId });
  protected readonly sessions = signal<ConventionSessionView[]>([]);
  /** The chosen call's sessions have arrived (the « none » hint waits for them). */
  protected readonly loaded = signal(false);
  protected readonly result = signal<{ created: number; already: number } | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly saving = signal(false);

  constructor() {
    if (this.callId.value) this.loadSessions(this.callId.value);
    this.callId.valueChanges.pipe(takeUntilDestroyed()).subscribe((callId) => {
      this.sessionId.setValue('');
      this.loadSessions(callId);
    });
  }

  private loadSessions(callId: string): void {
    this.sessions.set([]);
    this.loaded.set(false);
    if (!callId) return;
    // The API lists published sessions only: only their decisions can become conventions.
    this.api.sessions(callId).subscribe({
      next: (sessions) => {
        this.sessions.set(sessions);
        this.loaded.set(true);
      },
      error: (error: unknown) => this.failure.set(this.notifier.messageOf(error)),
    });
  }

  protected confirm(): void {
    this.sessionId.markAsTouched();
    if (this.sessionId.invalid || this.saving()) return;
    this.failure.set(null);
    this.saving.set(true);
    this.api.createForSession(this.sessionId.value).subscribe({
      next: (batch) => {
        this.saving.set(false);
        this.result.set({ created: batch.created.length, already: batch.alreadyCreated });
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.failure.set(this.notifier.messageOf(error));
      },
    });
  }
}
