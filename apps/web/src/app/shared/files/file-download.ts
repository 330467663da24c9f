import { DOCUMENT } from '@angular/common';
import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Notifier } from '../../core/http/notifier.service';

/** File name from `Content-Disposition` (RFC 6266: filename* first, then filename). */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Downloads through HttpClient (the API needs the bearer token, which a plain link would not send),
 * then saves the blob under the server's file name.
 */
@Injectable({ providedIn: 'root' })
export class FileDownloader {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  private readonly notifier = inject(Notifier);

  download(url: string, fallbackName: string): void {
    this.http.get(url, { responseType: 'blob', observe: 'response' }).subscribe({
      next: (response: HttpResponse<Blob>) => {
        if (!response.body) return;
        this.save(response.body, fileNameFrom(response.headers.get('Content-Disposition'), fallbackName));
      },
      error: (error: unknown) => this.notifier.error(error),
    });
  }

  /** Saves a blob fetched elsewhere (e.g. with progress events) under the server's file name. */
  saveBlob(blob: Blob, fallbackName: string, disposition: string | null): void {
    this.save(blob, fileNameFrom(disposition, fallbackName));
  }

  private save(blob: Blob, name: string): void {
    const view = this.document.defaultView;
    if (!view?.URL?.createObjectURL) return;
    const href = view.URL.createObjectURL(blob);
    const anchor = this.document.createElement('a');
    anchor.href = href;
    anchor.download = name;
    anchor.rel = 'noopener';
    this.document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => view.URL.revokeObjectURL(href), 10_000);
  }
}
