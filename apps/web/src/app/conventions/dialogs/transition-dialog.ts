import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ConventionTransitionRequest, ConventionView } from '@tremplin/contracts';
import type { ConventionAction, ConventionStatus } from '@tremplin/domain';
import type { Observable } from 'rxjs';
import { errorDetails } from '../../core/http/api-error';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { eurosValidator, inputToCents } from '../../shared/forms/euros';

/** The status each staff action leads to (the lifecycle in libs/domain; the server checks it again). */
export const ACTION_TARGET: Record<ConventionAction, ConventionStatus> = {
  send: 'sent',
  sign_by_association: 'signed_by_association',
  sign_by_department: 'signed_by_department',
  activate: 'active',
  suspend: 'suspended',
  resume: 'active',
  close: 'closed',
  terminate: 'terminated',
};

export interface TransitionDialogData {
  action: Exclude<ConventionAction, 'sign_by_association'>;
  number: string;
  /** What was paid so far: the most a termination can recover. */
  paidCents: number;
  save: (body: ConventionTransitionRequest) => Observable<ConventionView>;
}

/**
 * Confirms a staff transition, asking what it needs: the deliberation reference (the Département's
 * signature), a reason (suspension), a reason and the recovery amount (termination). A refusal from the
 * server (409 illegal or stale, 400 naming a field) is shown in the dialog, which stays open.
 */
@Component({
  selector: 'tp-transition-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, EurosPipe],
  template: `
    <h2 mat-dialog-title>{{ 'conventions.transition.titles.' + data.action | translate: { number: data.number } }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>{{ 'conventions.transition.texts.' + data.action | translate }}</p>
        @if (data.action === 'sign_by_department') {
          <mat-form-field class="full">
            <mat-label>{{ 'conventions.transition.deliberation' | translate }}</mat-label>
            <input matInput id="transition-deliberation" formControlName="deliberationReference" required autocomplete="off" />
            <mat-hint>{{ 'conventions.transition.deliberationHint' | translate }}</mat-hint>
            @if (fieldError('deliberationReference'); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        }
        @if (data.action === 'suspend' || data.action === 'terminate') {
          <mat-form-field class="full">
            <mat-label>{{ 'conventions.transition.reason' | translate }}</mat-label>
            <textarea matInput id="transition-reason" formControlName="reason" rows="3" required maxlength="2000"></textarea>
            <mat-hint>{{ 'conventions.transition.reasonHint' | translate }}</mat-hint>
            @if (fieldError('reason'); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        }
        @if (data.action === 'terminate') {
          <mat-form-field class="full">
            <mat-label>{{ 'conventions.transition.recovery' | translate }}</mat-label>
            <input matInput id="transition-recovery" formControlName="recovery" inputmode="decimal" required />
            <span matTextSuffix>€</span>
            <mat-hint>{{ 'conventions.transition.recoveryHint' | translate: { paid: (data.paidCents | euros: language.lang()) } }}</mat-hint>
            @if (fieldError('recovery'); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        }
        @if (failure(); as message) {
          <p class="notice error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ 'conventions.actions.' + data.action | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full { width: 100%; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransitionDialog {
  protected readonly data = inject<TransitionDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<TransitionDialog, ConventionView>>(MatDialogRef);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);
  protected readonly failure = signal<string | null>(null);
  protected readonly saving = signal(false);
  private readonly serverErrors = signal<Record<string, string>>({});

  protected readonly form = new FormGroup({
    deliberationReference: new FormControl('', { nonNullable: true, validators: this.data.action === 'sign_by_department' ? [Validators.required, Validators.minLength(2), Validators.maxLength(100)] : [] }),
    reason: new FormControl('', { nonNullable: true, validators: ['suspend', 'terminate'].includes(this.data.action) ? [Validators.required, Validators.minLength(5), Validators.maxLength(2000)] : [] }),
    recovery: new FormControl('0,00', { nonNullable: true, validators: this.data.action === 'terminate' ? [eurosValidator()] : [] }),
  });

  protected fieldError(field: 'deliberationReference' | 'reason' | 'recovery'): string | null {
    const control = this.form.controls[field];
    if (!control.touched) return null;
    const server = this.serverErrors()[field];
    if (server) return server;
    const errors = control.errors;
    if (!errors) return null;
    if (errors['required']) return this.translate.instant('forms.required') as string;
    if (errors['minlength']) return this.translate.instant('forms.minLength', { min: (errors['minlength'] as { requiredLength: number }).requiredLength }) as string;
    if (errors['euros'] || errors['negative']) return this.translate.instant('forms.euros') as string;
    if (errors['above']) return this.translate.instant('conventions.transition.recoveryAbove') as string;
    return this.translate.instant('forms.invalid') as string;
  }

  private body(): ConventionTransitionRequest {
    const v = this.form.getRawValue();
    const body: ConventionTransitionRequest = { to: ACTION_TARGET[this.data.action] };
    if (this.data.action === 'sign_by_department') body.deliberationReference = v.deliberationReference.trim();
    if (this.data.action === 'suspend' || this.data.action === 'terminate') body.reason = v.reason.trim();
    if (this.data.action === 'terminate') body.recoveryCents = inputToCents(v.recovery, 0) ?? 0;
    return body;
  }

  protected confirm(): void {
    this.serverErrors.set({});
    this.form.markAllAsTouched();
    if (this.data.action === 'terminate' && this.form.controls.recovery.valid) {
      const cents = inputToCents(this.form.controls.recovery.value, 0) ?? 0;
      // Nothing beyond what was paid can be recovered (checkTermination, checked again by the server).
      if (cents > this.data.paidCents) this.form.controls.recovery.setErrors({ above: true });
    }
    if (this.form.invalid || this.saving()) return;
    this.failure.set(null);
    this.saving.set(true);
    this.data.save(this.body()).subscribe({
      next: (view) => this.ref.close(view),
      error: (error: unknown) => {
        this.saving.set(false);
        const details = errorDetails(error);
        const named = Object.fromEntries(details.map((d) => [d.field === 'recoveryCents' ? 'recovery' : d.field, d.message]));
        this.serverErrors.set(named);
        for (const field of Object.keys(named)) {
          const control = this.form.get(field);
          control?.setErrors({ server: true });
          control?.markAsTouched();
        }
        this.failure.set(this.notifier.messageOf(error));
      },
    });
  }
}
