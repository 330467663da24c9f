import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { GrantorView } from '@tremplin/contracts';
import { readApiError } from '../core/http/api-error';
import { Notifier } from '../core/http/notifier.service';
import { errorMessage } from '../shared/forms/describe-errors';
import { applyServerErrors } from '../shared/forms/server-errors';
import { siretValidator } from '../shared/organization/organization-profile-form';
import { GrantorApi } from './grantor-api';

const text = (min: number, max: number) =>
  new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(min), Validators.maxLength(max)] });

/** « Organisme financeur »: who grants, as printed on mails and receipts — one record, edited by admins. */
@Component({
  selector: 'tp-grantor-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, TranslatePipe],
  template: `
    <h1>{{ 'grantorPage.title' | translate }}</h1>
    <p>{{ 'grantorPage.intro' | translate }}</p>
    @if (loadError(); as message) {
      <p class="notice error" role="alert">{{ message }}</p>
    }
    @if (grantor(); as g) {
      <form [formGroup]="form" (ngSubmit)="save(g)" novalidate class="grantor-form" data-testid="grantor-form">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'grantorPage.name' | translate }}</mat-label>
          <input matInput id="f-grantor-name" formControlName="name" autocomplete="organization" />
          <mat-error>{{ msg(form.controls.name) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'grantorPage.siret' | translate }}</mat-label>
          <input matInput id="f-grantor-siret" formControlName="siret" inputmode="numeric" />
          <mat-hint>{{ 'grantorPage.siretHint' | translate }}</mat-hint>
          <mat-error>{{ msg(form.controls.siret) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'grantorPage.address' | translate }}</mat-label>
          <textarea matInput id="f-grantor-address" formControlName="address" rows="4" autocomplete="street-address"></textarea>
          <mat-error>{{ msg(form.controls.address) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'grantorPage.presidentName' | translate }}</mat-label>
          <input matInput id="f-grantor-presidentName" formControlName="presidentName" />
          <mat-error>{{ msg(form.controls.presidentName) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'grantorPage.presidentTitle' | translate }}</mat-label>
          <input matInput id="f-grantor-presidentTitle" formControlName="presidentTitle" />
          <mat-error>{{ msg(form.controls.presidentTitle) }}</mat-error>
        </mat-form-field>
        @if (saveError(); as message) {
          <p class="notice error" role="alert" data-testid="grantor-error">{{ message }}</p>
        }
        <div>
          <button mat-flat-button type="submit" [disabled]="saving()">{{ 'grantorPage.save' | translate }}</button>
        </div>
      </form>
    }
  `,
  styles: `
    .grantor-form { display: grid; gap: 0.5rem; max-width: 40rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GrantorPage {
  private readonly api = inject(GrantorApi);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);

  protected readonly grantor = signal<GrantorView | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saveError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly form = new FormGroup({
    name: text(2, 200),
    siret: new FormControl('', { nonNullable: true, validators: [Validators.required, siretValidator] }),
    address: text(5, 500),
    presidentName: text(2, 200),
    presidentTitle: text(2, 200),
  });

  constructor() {
    this.api.get().subscribe({ next: (g) => this.show(g), error: (error: unknown) => this.loadError.set(this.notifier.messageOf(error)) });
  }

  private show(g: GrantorView): void {
    this.grantor.set(g);
    this.form.reset({ name: g.name, siret: g.siret, address: g.address, presidentName: g.presidentName, presidentTitle: g.presidentTitle });
  }

  protected msg(control: AbstractControl): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }

  protected save(current: GrantorView): void {
    this.saveError.set(null);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.saving.set(true);
    this.api.update({ ...this.form.getRawValue(), version: current.version }).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.show(saved);
        this.notifier.success(this.translate.instant('grantorPage.saved') as string);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const api = readApiError(error);
        applyServerErrors(this.form, api?.details ?? []);
        this.saveError.set(api?.message ?? this.notifier.messageOf(error));
      },
    });
  }
}
