import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';

export type ConflictChoice = 'reload' | 'keep';

/** A stale save: reload the stored version, or keep the local copy and save it over the fresh one. */
@Component({
  selector: 'tp-conflict-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ 'autosave.conflict.title' | translate }}</h2>
    <mat-dialog-content>
      <p>{{ 'autosave.conflict.text' | translate }}</p>
      <ul>
        <li>{{ 'autosave.conflict.keepHelp' | translate }}</li>
        <li>{{ 'autosave.conflict.reloadHelp' | translate }}</li>
      </ul>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <!-- Keeping one's input comes first (and takes the focus): nothing typed is lost by default. -->
      <button mat-flat-button type="button" [mat-dialog-close]="'keep'">
        <mat-icon svgIcon="save" aria-hidden="true" />{{ 'autosave.conflict.keep' | translate }}
      </button>
      <button mat-stroked-button type="button" [mat-dialog-close]="'reload'">
        <mat-icon svgIcon="refresh" aria-hidden="true" />{{ 'autosave.conflict.reload' | translate }}
      </button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConflictDialog {}
