import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslateService } from '@ngx-translate/core';
import { httpStatusOf, readApiError } from './api-error';

/** Snackbar messages, and the one place that turns a failure into words for the user. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);

  /** The API's message (already in the UI language), or a generic one for network failures. */
  messageOf(error: unknown): string {
    const api = readApiError(error);
    if (api) return api.message;
    const status = httpStatusOf(error);
    if (status === 0) return this.translate.instant('errors.network') as string;
    return this.translate.instant('errors.unexpected') as string;
  }

  success(message: string): void {
    this.snackBar.open(message, this.translate.instant('common.close') as string, {
      duration: 6000,
      politeness: 'polite',
    });
  }

  /** Errors stay until dismissed: no time limit to read them. */
  error(errorOrMessage: unknown): void {
    const message = typeof errorOrMessage === 'string' ? errorOrMessage : this.messageOf(errorOrMessage);
    this.snackBar.open(message, this.translate.instant('common.close') as string, {
      politeness: 'assertive',
      panelClass: 'tp-snack-error',
    });
  }
}
