import { HttpEventType, type HttpEvent } from '@angular/common/http';
import type { Lang } from '@tremplin/contracts';
import { filter, map, type Observable } from 'rxjs';

/** Same limits as the API (10 MB, types read from the content there; here only a first check on the name). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'xlsx', 'docx', 'odt'] as const;
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(',');

/** Why a file is refused before sending it, or null. */
export function checkFile(file: { name: string; size: number }): 'tooLarge' | 'badType' | 'empty' | null {
  if (file.size === 0) return 'empty';
  if (file.size > MAX_UPLOAD_BYTES) return 'tooLarge';
  const extension = file.name.includes('.') ? (file.name.split('.').pop() ?? '').toLowerCase() : '';
  return (ACCEPTED_EXTENSIONS as readonly string[]).includes(extension) ? null : 'badType';
}

/** "245 Ko", "1,2 Mo" (fr) / "245 KB", "1.2 MB" (en). */
export function formatFileSize(bytes: number, lang: Lang): string {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const units = lang === 'fr' ? ['octets', 'Ko', 'Mo', 'Go'] : ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit] ?? ''}`;
}

export type UploadProgress<T> = { done: false; percent: number } | { done: true; percent: 100; result: T };

/** HttpClient upload events (`reportProgress`, `observe: 'events'`) → percent, then the answer. */
export function withProgress<T>(events: Observable<HttpEvent<T>>): Observable<UploadProgress<T>> {
  return events.pipe(
    map((event): UploadProgress<T> | null => {
      switch (event.type) {
        case HttpEventType.Sent:
          return { done: false, percent: 0 };
        case HttpEventType.UploadProgress: {
          const total = event.total ?? 0;
          // Never 100 before the server has answered: the file may still be refused.
          return { done: false, percent: total > 0 ? Math.min(99, Math.round((event.loaded / total) * 100)) : 0 };
        }
        case HttpEventType.Response:
          return { done: true, percent: 100, result: event.body as T };
        default:
          return null;
      }
    }),
    filter((progress): progress is UploadProgress<T> => progress !== null),
  );
}
