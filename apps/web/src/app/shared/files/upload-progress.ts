import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';

/**
 * Progress of one upload: a determinate bar (role=progressbar with its value) and the same figure
 * in a polite live region, announced by steps of 10 % so a screen reader is not flooded.
 */
@Component({
  selector: 'tp-upload-progress',
  imports: [MatProgressBarModule, TranslatePipe],
  template: `
    <div class="upload">
      <mat-progress-bar
        mode="determinate"
        [value]="percent()"
        [attr.aria-label]="'upload.progressLabel' | translate: { name: fileName() }"
        [attr.aria-valuetext]="percent() + ' %'"
      />
      <p class="upload-text" aria-live="polite">{{ 'upload.progress' | translate: { name: fileName(), percent: announced() } }}</p>
    </div>
  `,
  styles: `
    .upload {
      margin: 0.5rem 0;
      max-width: 32rem;
    }
    .upload-text {
      margin: 0.25rem 0 0;
      font-size: 0.875rem;
      color: var(--tp-text-muted);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadProgressBar {
  readonly fileName = input.required<string>();
  readonly percent = input.required<number>();
  protected readonly announced = computed(() => Math.floor(this.percent() / 10) * 10);
}
