import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type FormGroupDirective } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { OrganizationProfileView, Territory } from '@tremplin/contracts';
import { TERRITORY_LABELS } from '@tremplin/contracts/organizations';
import { AuthService } from '../core/auth/auth.service';
import { readApiError } from '../core/http/api-error';
import { Notifier } from '../core/http/notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { ErrorSummary, type SummaryError } from '../shared/error-summary/error-summary';
import { ParisDatePipe } from '../shared/format/paris-date.pipe';
import { collectErrors } from '../shared/forms/collect-errors';
import { describeErrors, errorMessage } from '../shared/forms/describe-errors';
import { applyServerErrors } from '../shared/forms/server-errors';
import { OrganizationProfileFields } from '../shared/organization/organization-profile-fields';
import {
  createOrganizationProfileGroup,
  patchOrganizationProfile,
  toOrganizationProfileInput,
  type OrganizationProfileGroup,
} from '../shared/organization/organization-profile-form';
import { OrganizationApi } from './organization-api';

/** "123 456 789 00012": SIREN then NIC, as printed on official documents. */
export function formatSiret(siret: string | null): string {
  if (!siret) return '';
  const digits = siret.replace(/\s+/g, '');
  if (!/^\d{14}$/.test(digits)) return siret;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}`;
}

/** Field names of the profile whose typed value differs from the stored one (after a conflict). */
export function changedFields(group: OrganizationProfileGroup, stored: OrganizationProfileView): string[] {
  const typed = group.getRawValue();
  const reference: Record<string, string> = {
    legalName: stored.legalName, siret: stored.siret ?? '', rna: stored.rna ?? '', legalForm: stored.legalForm,
    addressLine: stored.addressLine, postalCode: stored.postalCode, city: stored.city, territory: stored.territory,
    legalRepName: stored.legalRepName, legalRepFunction: stored.legalRepFunction, contactName: stored.contactName,
    phone: stored.phone, bic: stored.bic ?? '', website: stored.website,
  };
  const changed = Object.entries(reference).filter(([name, value]) => (typed[name as keyof typeof typed] ?? '').trim() !== value.trim()).map(([name]) => name);
  return typed.iban.trim() ? [...changed, 'iban'] : changed;
}

/** « Mon organisation »: the profile (IBAN masked), its edition by admins, members and invitations. */
@Component({
  selector: 'tp-organization-page',
  imports: [
    ReactiveFormsModule,
    MatProgressBarModule,
    MatIconModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    ParisDatePipe,
    ErrorSummary,
    OrganizationProfileFields,
  ],
  templateUrl: './organization-page.html',
  styleUrl: './organization-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganizationPage {
  private readonly api = inject(OrganizationApi);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  protected readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService);
  private readonly conflictBox = viewChild<ElementRef<HTMLElement>>('conflictBox');

  protected readonly org = signal<OrganizationProfileView | null>(null);
  protected readonly loading = signal(false);
  protected readonly errorMessage = signal<string | null>(null);

  protected readonly editing = signal(false);
  protected readonly form = createOrganizationProfileGroup();
  protected readonly saving = signal(false);
  protected readonly summary = signal<SummaryError[]>([]);
  /** 409 STALE_VERSION: offer to reload, the typed values stay in the form. */
  protected readonly conflict = signal(false);
  /** After reloading on a conflict: the fields where the typed values differ from the fresh ones. */
  protected readonly differences = signal<string[] | null>(null);

  protected readonly inviteForm = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email, Validators.maxLength(254)] }),
  });
  protected readonly inviting = signal(false);
  protected readonly inviteError = signal<string | null>(null);
  protected readonly membersError = signal<string | null>(null);
  protected readonly busyMember = signal<string | null>(null);

  protected readonly isAdmin = computed(() => {
    const me = this.auth.user()?.id;
    return this.org()?.members.some((m) => m.id === me && m.isAdmin) ?? false;
  });
  protected readonly territory = computed(() => {
    const code = this.org()?.territory;
    return code ? (TERRITORY_LABELS[code as Territory] ?? code) : '';
  });
  protected readonly siret = computed(() => formatSiret(this.org()?.siret ?? null));

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.errorMessage.set(null);
    this.api.get().subscribe({
      next: (org) => {
        this.loading.set(false);
        this.org.set(org);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.errorMessage.set(this.notifier.messageOf(error));
      },
    });
  }

  protected edit(): void {
    const org = this.org();
    if (!org) return;
    patchOrganizationProfile(this.form, org);
    this.summary.set([]);
    this.conflict.set(false);
    this.differences.set(null);
    this.editing.set(true);
    afterNextRender(() => this.document.getElementById('f-legalName')?.focus(), { injector: this.injector });
  }

  protected cancel(): void {
    this.editing.set(false);
    this.conflict.set(false);
    this.differences.set(null);
  }

  protected msg(control: FormControl<string>): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }

  protected save(): void {
    const org = this.org();
    if (!org) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.summary.set(this.buildSummary());
      return;
    }
    this.summary.set([]);
    this.saving.set(true);
    this.api.update({ ...toOrganizationProfileInput(this.form), version: org.version }).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.org.set(saved);
        this.editing.set(false);
        this.conflict.set(false);
        this.differences.set(null);
        this.notifier.success(this.t('organization.saved'));
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const api = readApiError(error);
        if (api?.code === 'STALE_VERSION') {
          this.conflict.set(true);
          afterNextRender(() => this.conflictBox()?.nativeElement.focus(), { injector: this.injector });
          return;
        }
        const unmatched = applyServerErrors(this.form, api?.details ?? []);
        const summary = this.buildSummary();
        if (unmatched.length > 0 || summary.length === 0) summary.unshift({ message: api?.message ?? this.notifier.messageOf(error) });
        this.summary.set(summary);
      },
    });
  }

  /** Reads the stored profile again (new version) without touching what was typed. */
  protected reloadAfterConflict(): void {
    this.api.get().subscribe({
      next: (fresh) => {
        this.org.set(fresh);
        this.conflict.set(false);
        this.differences.set(changedFields(this.form, fresh).map((name) => this.t(`organizationFields.${name}`)));
      },
      error: (error: unknown) => this.notifier.error(error),
    });
  }

  protected setAdmin(memberId: string, isAdmin: boolean): void {
    this.membersError.set(null);
    this.busyMember.set(memberId);
    this.api.setAdmin(memberId, isAdmin).subscribe({
      next: (org) => {
        this.busyMember.set(null);
        this.org.set(org);
        this.notifier.success(this.t(isAdmin ? 'organization.members.promoted' : 'organization.members.demoted'));
      },
      error: (error: unknown) => {
        this.busyMember.set(null);
        this.membersError.set(this.notifier.messageOf(error));
      },
    });
  }

  protected invite(directive?: FormGroupDirective): void {
    const control = this.inviteForm.controls.email;
    control.markAsTouched();
    if (control.invalid) return;
    this.inviting.set(true);
    this.inviteError.set(null);
    const email = control.value.trim();
    this.api.invite(email).subscribe({
      next: (invitation) => {
        this.inviting.set(false);
        // resetForm also clears the « submitted » state, so no error shows on the emptied field.
        if (directive) directive.resetForm({ email: '' });
        else control.reset('');
        this.org.update((org) =>
          org ? { ...org, pendingInvitations: [...org.pendingInvitations.filter((i) => i.email !== invitation.email), invitation] } : org,
        );
        this.notifier.success(this.t('organization.invite.sent', { email: invitation.email }));
      },
      error: (error: unknown) => {
        this.inviting.set(false);
        this.inviteError.set(this.notifier.messageOf(error));
      },
    });
  }

  private buildSummary(): SummaryError[] {
    return describeErrors(collectErrors(this.form), this.translate, (path) => this.t(`organizationFields.${String(path[0])}`));
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return this.translate.instant(key, params) as string;
  }
}
