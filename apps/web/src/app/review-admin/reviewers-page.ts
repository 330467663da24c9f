import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ReviewerProfileRequest, ReviewerView } from '@tremplin/contracts';
import { TERRITORY_LABELS } from '@tremplin/contracts/organizations';
import { firstValueFrom } from 'rxjs';
import { Notifier } from '../core/http/notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { ReviewAdminApi } from './review-admin-api';
import { ReviewerProfileDialog, type ReviewerProfileDialogData } from './reviewer-profile-dialog';

/** « Évaluateurs »: every reviewer account with its expertise, capacity and availability. */
@Component({
  selector: 'tp-reviewers-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule, RouterLink, TranslatePipe],
  templateUrl: './reviewers-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewersPage {
  private readonly api = inject(ReviewAdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);
  protected readonly columns = ['name', 'axes', 'territories', 'capacity', 'active', 'actions'];

  protected readonly reviewers = rxResource({ stream: () => this.api.reviewers() });
  protected readonly calls = rxResource({ stream: () => this.api.calls() });
  protected readonly rows = computed(() => this.reviewers.value() ?? []);
  /** Axis codes across calls (a reviewer's expertise is not tied to one call), labelled by their latest call. */
  protected readonly axes = computed(() => {
    const byCode = new Map<string, string>();
    for (const call of this.calls.value() ?? []) {
      for (const axis of call.axes) byCode.set(axis.code, this.language.lang() === 'en' ? axis.labelEn : axis.labelFr);
    }
    return [...byCode].map(([code, label]) => ({ code, label })).sort((a, b) => a.label.localeCompare(b.label));
  });
  protected readonly errorMessage = computed(() => {
    const error = this.reviewers.error();
    return error ? this.notifier.messageOf(error) : null;
  });

  protected territories(r: ReviewerView): string {
    return r.profile.territories.map((t) => TERRITORY_LABELS[t]).join(', ');
  }

  protected async edit(reviewer: ReviewerView): Promise<void> {
    const body = await firstValueFrom(
      this.dialog
        .open<ReviewerProfileDialog, ReviewerProfileDialogData, ReviewerProfileRequest>(ReviewerProfileDialog, { data: { reviewer, axes: this.axes() }, width: '32rem', maxWidth: '95vw' })
        .afterClosed(),
    );
    if (!body) return;
    try {
      await firstValueFrom(this.api.saveProfile(reviewer.userId, body));
      this.notifier.success(this.translate.instant('reviewAdmin.reviewers.saved') as string);
    } catch (error) {
      this.notifier.error(error);
    }
    this.reviewers.reload();
  }
}
