import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { OrganizationNameView, ReviewerTieView } from '@tremplin/contracts';
import { TIE_COMMENT_MAX_LENGTH, TIE_KINDS, type TieKind } from '@tremplin/domain';
import { debounceTime, distinctUntilChanged, firstValueFrom, map, of, switchMap } from 'rxjs';
import { Notifier } from '../core/http/notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { ParisDatePipe } from '../shared/format/paris-date.pipe';
import { ReviewsApi } from './reviews-api';

/** « Mes liens déclarés »: ties to organisations declared ahead of time (never assigned there). */
@Component({
  selector: 'tp-reviewer-profile-page',
  imports: [
    ReactiveFormsModule, MatAutocompleteModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule,
    ParisDatePipe, RouterLink, TranslatePipe,
  ],
  templateUrl: './profile-page.html',
  styleUrl: './profile-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  private readonly api = inject(ReviewsApi);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);
  protected readonly kinds = TIE_KINDS;
  protected readonly maxLength = TIE_COMMENT_MAX_LENGTH;

  protected readonly ties = rxResource({ stream: () => this.api.ties() });
  protected readonly tieList = computed<ReviewerTieView[]>(() => (this.ties.hasValue() ? this.ties.value() : []));
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly chosen = signal<OrganizationNameView | null>(null);
  protected readonly matches = signal<OrganizationNameView[] | null>(null);
  protected readonly saving = signal(false);
  protected readonly missingOrganization = signal(false);
  protected readonly form = new FormGroup({
    kind: new FormControl<TieKind | null>(null, [Validators.required]),
    comment: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(TIE_COMMENT_MAX_LENGTH)] }),
  });

  constructor() {
    this.search.valueChanges
      .pipe(
        map((q) => q.trim()),
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) => (q.length >= 2 ? this.api.organizations(q) : of(null))),
        takeUntilDestroyed(),
      )
      .subscribe({ next: (found) => this.matches.set(found), error: (e: unknown) => this.notifier.error(e) });
  }

  protected select(event: MatAutocompleteSelectedEvent): void {
    const org = event.option.value as OrganizationNameView;
    this.chosen.set(org);
    this.missingOrganization.set(false);
    this.search.setValue(org.legalName, { emitEvent: false });
  }

  protected async declare(): Promise<void> {
    this.form.markAllAsTouched();
    const org = this.chosen();
    this.missingOrganization.set(!org || org.legalName !== this.search.value);
    const { kind, comment } = this.form.getRawValue();
    if (!org || this.missingOrganization() || this.form.invalid || !kind) return;
    this.saving.set(true);
    try {
      const result = await firstValueFrom(this.api.declareTie({ organizationId: org.id, kind, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
      const count = result.recusedAssignmentIds.length;
      this.notifier.success(
        this.translate.instant(count ? 'reviewQueue.profile.declaredRecused' : 'reviewQueue.profile.declared', { name: org.legalName, count }) as string,
      );
      this.form.reset();
      this.search.setValue('', { emitEvent: false });
      this.chosen.set(null);
      this.matches.set(null);
      this.ties.reload();
    } catch (error) {
      this.notifier.error(error);
    } finally {
      this.saving.set(false);
    }
  }

  protected async remove(tie: ReviewerTieView): Promise<void> {
    try {
      await firstValueFrom(this.api.removeTie(tie.id));
      this.notifier.success(this.translate.instant('reviewQueue.profile.removed') as string);
      this.ties.reload();
    } catch (error) {
      this.notifier.error(error);
    }
  }

  protected display(org: OrganizationNameView | string | null): string {
    return typeof org === 'string' ? org : (org?.legalName ?? '');
  }
}
