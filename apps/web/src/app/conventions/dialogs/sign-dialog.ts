import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ConventionTransitionRequest, ConventionView } from '@tremplin/contracts';
import type { AssociationSignatureMethod } from '@tremplin/domain';
import type { Observable } from 'rxjs';
import { Notifier } from '../../core/http/notifier.service';
import { MAX_UPLOAD_BYTES, type UploadProgress } from '../../shared/files/files';
import { UploadProgressBar } from '../../shared/files/upload-progress';

export interface SignDialogData {
  convention: Pick<ConventionView, 'number' | 'version' | 'parties'>;
  accept: (body: ConventionTransitionRequest) => Observable<ConventionView>;
  upload: (file: File, signerName: string) => Observable<UploadProgress<ConventionView>>;
}

/**
 * The association signs: its legal representative accepts in Tremplin (name prefilled, a required « J'ai lu
 * et j'accepte… » box; the server time-stamps it), or uploads the signed scan (PDF, with a progress bar).
 */
@Component({
  selector: 'tp-sign-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatRadioModule, TranslatePipe, UploadProgressBar],
  template: `
    <h2 mat-dialog-title>{{ 'conventions.sign.title' | translate: { number: data.convention.number } }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>{{ 'conventions.sign.intro' | translate }}</p>
        <mat-radio-group formControlName="method" aria-labelledby="sign-method-label" class="methods">
          <span id="sign-method-label" class="label">{{ 'conventions.sign.method' | translate }}</span>
          <mat-radio-button value="accept">{{ 'conventions.sign.methods.accept' | translate }}</mat-radio-button>
          <mat-radio-button value="scan">{{ 'conventions.sign.methods.scan' | translate }}</mat-radio-button>
        </mat-radio-group>
        <mat-form-field class="full">
          <mat-label>{{ 'conventions.sign.signerName' | translate }}</mat-label>
          <input matInput id="sign-signer" formControlName="signerName" required autocomplete="name" maxlength="200" />
          <mat-hint>{{ 'conventions.sign.signerHint' | translate }}</mat-hint>
          @if (form.controls.signerName.touched && form.controls.signerName.invalid) {
            <mat-error>{{ 'forms.minLength' | translate: { min: 2 } }}</mat-error>
          }
        </mat-form-field>
        @if (form.controls.method.value === 'accept') {
          <mat-checkbox formControlName="acceptTerms" id="sign-accept" [attr.aria-describedby]="termsError() ? 'sign-accept-error' : null">
            {{ 'conventions.sign.acceptTerms' | translate: { number: data.convention.number } }}
          </mat-checkbox>
          @if (termsError()) {
            <p id="sign-accept-error" class="field-error">{{ 'conventions.sign.acceptRequired' | translate }}</p>
          }
        } @else {
          <p>
            <label for="sign-file" class="label">{{ 'conventions.sign.file' | translate }}</label><br />
            <input id="sign-file" type="file" accept=".pdf,application/pdf" (change)="choose($event)" [disabled]="saving()" />
          </p>
          <p class="hint">{{ 'conventions.sign.fileHint' | translate }}</p>
          @if (fileError(); as message) {
            <p class="field-error" role="alert">{{ message }}</p>
          }
          @if (progress() !== null && file(); as chosen) {
            <tp-upload-progress [fileName]="chosen.name" [percent]="progress() ?? 0" />
          }
        }
        @if (failure(); as message) {
          <p class="notice error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ 'conventions.sign.confirm' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full { width: 100%; }
    .methods { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin-block-end: 1rem; }
    .label { font-weight: 500; }
    .hint { font-size: .875rem; color: var(--tp-text-muted); margin-top: 0; }
    .field-error { color: var(--tp-error); margin: .25rem 0 0; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignDialog {
  protected readonly data = inject<SignDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SignDialog, ConventionView>>(MatDialogRef);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);

  protected readonly form = new FormGroup({
    method: new FormControl<AssociationSignatureMethod>('accept', { nonNullable: true }),
    signerName: new FormControl(this.data.convention.parties.organizationRepresentative, { nonNullable: true, validators: [Validators.required, Validators.minLength(2), Validators.maxLength(200)] }),
    acceptTerms: new FormControl(false, { nonNullable: true }),
  });
  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<string | null>(null);
  protected readonly termsError = signal(false);
  protected readonly progress = signal<number | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly saving = signal(false);

  protected choose(event: Event): void {
    const input = event.target as HTMLInputElement;
    const chosen = input.files?.[0] ?? null;
    this.file.set(chosen);
    this.fileError.set(chosen ? this.checkScan(chosen) : null);
  }

  /** A first check on the name and size (the server reads the content). */
  private checkScan(file: File): string | null {
    if (file.size === 0 || file.size > MAX_UPLOAD_BYTES) return this.translate.instant('conventions.sign.fileSize') as string;
    if (!file.name.toLowerCase().endsWith('.pdf')) return this.translate.instant('conventions.sign.filePdf') as string;
    return null;
  }

  protected confirm(): void {
    if (this.saving()) return;
    this.failure.set(null);
    if (this.form.controls.method.value === 'accept') this.accept();
    else this.upload();
  }

  private accept(): void {
    this.form.controls.signerName.markAsTouched();
    const terms = this.form.controls.acceptTerms.value;
    this.termsError.set(!terms);
    if (this.form.controls.signerName.invalid || !terms) return;
    this.saving.set(true);
    this.data
      .accept({ to: 'signed_by_association', method: 'accept', signerName: this.form.controls.signerName.value.trim(), acceptTerms: true, version: this.data.convention.version })
      .subscribe({
        next: (view) => this.ref.close(view),
        error: (error: unknown) => {
          this.saving.set(false);
          this.failure.set(this.notifier.messageOf(error));
        },
      });
  }

  private upload(): void {
    const file = this.file();
    if (!file) {
      this.fileError.set(this.translate.instant('conventions.sign.fileRequired') as string);
      return;
    }
    this.form.controls.signerName.markAsTouched();
    if (this.fileError() || this.form.controls.signerName.invalid) return;
    this.saving.set(true);
    this.progress.set(0);
    this.data.upload(file, this.form.controls.signerName.value.trim()).subscribe({
      next: (step) => {
        this.progress.set(step.percent);
        if (step.done) this.ref.close(step.result);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.progress.set(null);
        this.failure.set(this.notifier.messageOf(error));
      },
    });
  }
}
