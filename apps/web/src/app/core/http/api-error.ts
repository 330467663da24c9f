import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError, ApiErrorDetail } from '@tremplin/contracts';

function isApiErrorBody(body: unknown): body is ApiError {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string' &&
    typeof (body as { code?: unknown }).code === 'string'
  );
}

/** Resources wrap non-Error failures (HttpErrorResponse is not an Error) in `cause`. */
function unwrap(error: unknown): unknown {
  if (error instanceof HttpErrorResponse) return error;
  if (error instanceof Error && 'cause' in error && error.cause instanceof HttpErrorResponse) return error.cause;
  return error;
}

/** The API's JSON error, when the failure is one. */
export function readApiError(error: unknown): ApiError | null {
  const e = unwrap(error);
  if (e instanceof HttpErrorResponse && isApiErrorBody(e.error)) return e.error;
  return null;
}

export function httpStatusOf(error: unknown): number | null {
  const e = unwrap(error);
  return e instanceof HttpErrorResponse ? e.status : null;
}

export function errorDetails(error: unknown): ApiErrorDetail[] {
  return readApiError(error)?.details ?? [];
}
