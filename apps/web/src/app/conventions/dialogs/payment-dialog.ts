import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { InstallmentView, RecordedPaymentView, RecordPaymentRequest } from '@tremplin/contracts';
import type { Observable } from 'rxjs';
import { errorDetails } from '../../core/http/api-error';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { isoToParisLocalInput } from '../../core/i18n/paris-time';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { centsToInput, eurosValidator, inputToCents } from '../../shared/forms/euros';

export interface PaymentDialogData {
  installment: InstallmentView;
  pay: (body: RecordPaymentRequest, idempotencyKey: string) => Observable<RecordedPaymentView>;
}

/** A fresh random key (UUID v4 shape), from the Web Crypto API. */
export function newIdempotencyKey(): string {
  const webCrypto = globalThis.crypto;
  if (typeof webCrypto.randomUUID === 'function') return webCrypto.randomUUID();
  const bytes = webCrypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * « Enregistrer un paiement » on one installment: the amount is prefilled with what remains to pay. One
 * Idempotency-Key is drawn when the dialog opens and sent with every attempt from it, so a double click or
 * a retry after a lost answer pays once. The server's refusals (409 above what remains, installment not
 * due…) are shown in the dialog, in the UI language.
 */
@Component({
  selector: 'tp-payment-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, EurosPipe],
  template: `
    @let lang = language.lang();
    @let i = data.installment;
    <h2 mat-dialog-title>{{ 'conventions.payment.title' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>
          {{ 'conventions.payment.installment' | translate: { number: i.conventionNumber, kind: ('conventions.kinds.' + i.kind | translate), year: i.year } }}
          <br />
          {{ 'conventions.payment.amounts' | translate: { amount: (i.amountCents | euros: lang), paid: (i.paidCents | euros: lang), remaining: (remaining | euros: lang) } }}
        </p>
        <mat-form-field class="full">
          <mat-label>{{ 'conventions.payment.amount' | translate }}</mat-label>
          <input matInput id="payment-amount" formControlName="amount" inputmode="decimal" required />
          <span matTextSuffix>€</span>
          <mat-hint>{{ 'conventions.payment.amountHint' | translate: { remaining: (remaining | euros: lang) } }}</mat-hint>
          @if (fieldError('amount'); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>{{ 'conventions.payment.paidOn' | translate }}</mat-label>
          <input matInput id="payment-date" type="date" formControlName="paidOn" required />
          @if (fieldError('paidOn'); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>{{ 'conventions.payment.mandate' | translate }}</mat-label>
          <input matInput id="payment-mandate" formControlName="mandateNumber" required maxlength="50" autocomplete="off" />
          @if (fieldError('mandateNumber'); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>{{ 'conventions.payment.accounting' | translate }}</mat-label>
          <input matInput id="payment-accounting" formControlName="accountingReference" required maxlength="100" autocomplete="off" />
          @if (fieldError('accountingReference'); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        @if (failure(); as message) {
          <p class="notice error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ 'conventions.payment.confirm' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full { width: 100%; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaymentDialog {
  protected readonly data = inject<PaymentDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<PaymentDialog, RecordedPaymentView>>(MatDialogRef);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);
  /** One key per opening of the dialog: every submit from it is the same payment. */
  private readonly idempotencyKey = newIdempotencyKey();
  protected readonly remaining = Math.max(0, this.data.installment.amountCents - this.data.installment.paidCents);
  protected readonly failure = signal<string | null>(null);
  protected readonly saving = signal(false);
  private readonly serverErrors = signal<Record<string, string>>({});

  protected readonly form = new FormGroup({
    amount: new FormControl(centsToInput(this.remaining, this.language.lang()), { nonNullable: true, validators: [eurosValidator({ positive: true })] }),
    paidOn: new FormControl(isoToParisLocalInput(new Date().toISOString()).slice(0, 10), { nonNullable: true, validators: [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)] }),
    mandateNumber: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(50)] }),
    accountingReference: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
  });

  protected fieldError(field: keyof typeof this.form.controls): string | null {
    const control = this.form.controls[field];
    if (!control.touched) return null;
    const server = this.serverErrors()[field];
    if (server) return server;
    const errors = control.errors;
    if (!errors) return null;
    if (errors['required']) return this.translate.instant('forms.required') as string;
    if (errors['euros'] || errors['negative'] || errors['notPositive']) return this.translate.instant('forms.euros') as string;
    if (errors['above']) return this.translate.instant('conventions.payment.above') as string;
    return this.translate.instant('forms.invalid') as string;
  }

  protected confirm(): void {
    this.serverErrors.set({});
    this.form.markAllAsTouched();
    const v = this.form.getRawValue();
    const amountCents = inputToCents(v.amount);
    if (this.form.controls.amount.valid && amountCents !== null && amountCents > this.remaining) {
      this.form.controls.amount.setErrors({ above: true });
    }
    if (this.form.invalid || amountCents === null || this.saving()) return;
    this.failure.set(null);
    this.saving.set(true);
    const body: RecordPaymentRequest = { amountCents, paidOn: v.paidOn, mandateNumber: v.mandateNumber.trim(), accountingReference: v.accountingReference.trim() };
    this.data.pay(body, this.idempotencyKey).subscribe({
      next: (recorded) => this.ref.close(recorded),
      error: (error: unknown) => {
        this.saving.set(false);
        const named = Object.fromEntries(errorDetails(error).map((d) => [d.field === 'amountCents' ? 'amount' : d.field, d.message]));
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
