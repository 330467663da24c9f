import { Injectable, Injector, inject } from '@angular/core';
import type { MatSnackBar, MatSnackBarConfig } from '@angular/material/snack-bar';
import { TranslateService } from '@ngx-translate/core';
import { httpStatusOf, readApiError } from './api-error';

/** Snackbar messages, and the one place that turns a failure into words for the user. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly injector = inject(Injector);
  private readonly translate = inject(TranslateService);
  /** Loaded on the first message: the snack bar and its overlay are not part of the first load. */
  private snackBar: Promise<MatSnackBar> | null = null;

  /** The API's message (already in the UI language), or a generic one for network failures. */
  messageOf(error: unknown): string {
    const api = readApiError(error);
    if (api) return api.message;
    const status = httpStatusOf(error);
    if (status === 0) return this.translate.instant('errors.network') as string;
    return this.translate.instant('errors.unexpected') as string;
  }

  success(message: string): void {
    this.open(message, { duration: 6000, politeness: 'polite' });
  }

  /** Errors stay until dismissed: no time limit to read them. */
  error(errorOrMessage: unknown): void {
    const message = typeof errorOrMessage === 'string' ? errorOrMessage : this.messageOf(errorOrMessage);
    this.open(message, { politeness: 'assertive', panelClass: 'tp-snack-error' });
  }

  private open(message: string, config: MatSnackBarConfig): void {
    this.snackBar ??= import('@angular/material/snack-bar').then((m) => this.injector.get(m.MatSnackBar));
    this.snackBar.then(
      (snackBar) => snackBar.open(message, this.translate.instant('common.close') as string, config),
      (error: unknown) => {
        this.snackBar = null; // e.g. offline: try loading again next time
        console.error(error);
      },
    );
  }
}
