import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ReviewQueueItemView } from '@tremplin/contracts';
import { firstValueFrom } from 'rxjs';
import { Notifier } from '../core/http/notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { CountPipe } from '../shared/format/count.pipe';
import { ParisDatePipe } from '../shared/format/paris-date.pipe';
import { AssignmentOpenDialog, type AssignmentOpenChoice } from './assignment-open-dialog';
import { ReviewsApi } from './reviews-api';

/** « Mes évaluations »: the reviewer's assignments, due first; open one (no conflict / conflict), then review it. */
@Component({
  selector: 'tp-review-queue-page',
  imports: [CountPipe, MatButtonModule, MatIconModule, MatPaginatorModule, MatProgressBarModule, ParisDatePipe, RouterLink, TranslatePipe],
  templateUrl: './queue-page.html',
  styleUrl: './queue-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QueuePage {
  private readonly api = inject(ReviewsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);

  protected readonly query = signal({ page: 1, pageSize: 20 });
  protected readonly busyId = signal<string | null>(null);
  protected readonly queue = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.api.queue(params.page, params.pageSize),
  });
  protected readonly items = computed(() => (this.queue.hasValue() ? this.queue.value().items : []));
  protected readonly total = computed(() => (this.queue.hasValue() ? this.queue.value().total : 0));
  protected readonly errorMessage = computed(() => {
    const error = this.queue.error();
    return error ? this.notifier.messageOf(error) : null;
  });

  protected async open(item: ReviewQueueItemView): Promise<void> {
    const choice = await firstValueFrom(
      this.dialog.open<AssignmentOpenDialog, ReviewQueueItemView, AssignmentOpenChoice>(AssignmentOpenDialog, { data: item, width: '36rem', maxWidth: '95vw', autoFocus: 'first-heading' }).afterClosed(),
    );
    if (!choice) return;
    this.busyId.set(item.id);
    try {
      if (choice.accept) {
        await firstValueFrom(this.api.accept(item.id));
        this.notifier.success(this.translate.instant('reviewQueue.accepted') as string);
      } else {
        const result = await firstValueFrom(this.api.declareConflict(item.id, { kind: choice.kind, ...(choice.comment ? { comment: choice.comment } : {}) }));
        this.notifier.success(this.translate.instant(result.reassigned ? 'reviewQueue.recusedReassigned' : 'reviewQueue.recusedShort') as string);
      }
      this.queue.reload();
    } catch (error) {
      this.notifier.error(error);
    } finally {
      this.busyId.set(null);
    }
  }

  protected reviewStatusKey(item: ReviewQueueItemView): string {
    return `reviewQueue.reviewStatuses.${item.reviewStatus ?? 'none'}`;
  }

  protected onPage(event: PageEvent): void {
    this.query.set({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }
}
