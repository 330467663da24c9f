import {
  applyDecorators,
  BadRequestException,
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
  PipeTransform,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor, MulterModule } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { DOCUMENT_KINDS } from '@tremplin/contracts';
import { catchError, type Observable, throwError } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppException } from '../core/errors/app.exception';

/** What multer's memory storage hands to the route (the part of Express.Multer.File we use). */
export interface UploadedDocumentFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/**
 * Multer for one document per request, kept in memory (at most `maxUploadBytes`) so that its type is
 * checked from the bytes before anything is written to storage. Set at start-up from the configuration.
 */
export const DocumentUploadMulter = MulterModule.registerAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 5, fieldSize: 1000, parts: 10 },
    // Browsers send the file name as raw UTF-8 ("Statuts signés.pdf"), not latin1 as multer assumes.
    defParamCharset: 'utf8',
  }),
});

/** Multer's refusals, in the API's words: a too large file names the limit; a malformed form names the field. */
@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof PayloadTooLargeException) {
          const maxMegabytes = Math.round((this.config.maxUploadBytes / (1024 * 1024)) * 10) / 10;
          return throwError(() => new AppException(HttpStatus.PAYLOAD_TOO_LARGE, 'FILE_TOO_LARGE', { maxMegabytes }));
        }
        if (error instanceof BadRequestException) {
          return throwError(() => AppException.validation([{ field: 'file', code: 'multipart', message: error.message }]));
        }
        return throwError(() => error);
      }),
    );
  }
}

/** A request without its `file` part is a validation error naming the field. */
@Injectable()
export class RequiredFilePipe implements PipeTransform<UploadedDocumentFile | undefined, UploadedDocumentFile> {
  transform(file: UploadedDocumentFile | undefined): UploadedDocumentFile {
    if (!file) throw AppException.validation([{ field: 'file', code: 'required', message: 'file is required' }]);
    return file;
  }
}

/** One `file` part (and, with `withKind`, a `kind` field) in multipart/form-data. */
export function UploadOneDocument(options: { withKind: boolean }) {
  return applyDecorators(
    UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: options.withKind ? ['kind', 'file'] : ['file'],
        properties: {
          ...(options.withKind ? { kind: { type: 'string', enum: [...DOCUMENT_KINDS] } } : {}),
          file: { type: 'string', format: 'binary', description: 'PDF, PNG, JPEG, XLSX, DOCX or ODT' },
        },
      },
    }),
  );
}
