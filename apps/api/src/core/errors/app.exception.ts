import { HttpStatus } from '@nestjs/common';
import type { ApiErrorDetail, ErrorCode } from '@tremplin/contracts';

/** A typed domain error: a code with a user message (fr/en) and the HTTP status it maps to. */
export class AppException extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: ErrorCode,
    readonly params?: Record<string, string | number>,
    readonly details?: ApiErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(code);
  }

  static notFound(): AppException {
    return new AppException(HttpStatus.NOT_FOUND, 'NOT_FOUND');
  }
  static conflict(code: ErrorCode, params?: Record<string, string | number>): AppException {
    return new AppException(HttpStatus.CONFLICT, code, params);
  }
  static validation(details: ApiErrorDetail[]): AppException {
    return new AppException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', undefined, details);
  }
}
