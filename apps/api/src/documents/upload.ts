import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  NestInterceptor,
  PipeTransform,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { DOCUMENT_KINDS } from '@tremplin/contracts';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppException } from '../core/errors/app.exception';

/** The uploaded document as the route receives it (`@UploadedFile()` reads `request.file`). */
export interface UploadedDocumentFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** The only file part accepted; text fields go to the body, validated by the route's DTO. */
const FILE_FIELD = 'file';

/** Busboy lets control characters (but tab) through part headers: a header holding one is malformed. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

/** @fastify/multipart's refusals (by code: its error classes are not exported), in plain words. */
const MULTIPART_REASONS: Record<string, string> = {
  FST_FILES_LIMIT: 'Too many files',
  FST_FIELDS_LIMIT: 'Too many fields',
  FST_PARTS_LIMIT: 'Too many parts',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'Not a multipart/form-data request',
  FST_PROTO_VIOLATION: 'Field name not allowed',
  FST_INVALID_JSON_FIELD_ERROR: 'Malformed field value',
};

class MultipartRefusal extends Error {}

/**
 * Reads one document per request (at most `maxUploadBytes`, kept in memory so that its type is checked
 * from the bytes before anything is written to storage) into `request.file`, and the text fields into
 * `request.body`. Refusals are in the API's words: a too large file names the limit; a malformed form
 * names the field. Runs after the guards, so nothing is read for a caller who may not upload.
 */
@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    try {
      await this.read(request);
    } catch (error: unknown) {
      // Stop parsing and drop the rest of the body, so that the answer is not held up by it.
      request.raw.unpipe();
      request.raw.resume();
      throw this.refusal(error);
    }
    return next.handle();
  }

  private async read(request: FastifyRequest): Promise<void> {
    const { maxUploadBytes } = this.config;
    let file: UploadedDocumentFile | undefined;
    const body: Record<string, string | string[]> = {};
    const parts = request.parts({ limits: { fileSize: maxUploadBytes, files: 1, fields: 5, fieldSize: 1000, parts: 10 } });
    for await (const part of parts) {
      if (!part.fieldname || hasControlCharacter(part.fieldname)) throw new MultipartRefusal('Malformed part header');
      if (part.type === 'file') {
        if (part.fieldname !== FILE_FIELD) throw new MultipartRefusal('Unexpected field');
        if (hasControlCharacter(part.filename)) throw new MultipartRefusal('Malformed part header');
        const buffer = await part.toBuffer();
        // Busboy decodes header parameters as UTF-8: "Statuts signés.pdf" arrives as sent.
        file = { originalname: htmlFormFileName(part.filename), size: buffer.length, buffer };
      } else {
        if (part.fieldnameTruncated) throw new MultipartRefusal('Field name too long');
        if (part.valueTruncated) throw new MultipartRefusal('Field value too long');
        // A part declared as JSON is parsed by @fastify/multipart; the DTOs expect the text.
        const value = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
        const previous = body[part.fieldname];
        body[part.fieldname] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
      }
    }
    // `request.file` is @fastify/multipart's method; this request's own property shadows it for `@UploadedFile()`.
    Object.assign(request, { file, body });
  }

  private refusal(error: unknown): unknown {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      const maxMegabytes = Math.round((this.config.maxUploadBytes / (1024 * 1024)) * 10) / 10;
      return new AppException(HttpStatus.PAYLOAD_TOO_LARGE, 'FILE_TOO_LARGE', { maxMegabytes });
    }
    // Busboy's own parse errors ("Unexpected end of multipart data", "Multipart: Boundary not found") are plain Errors.
    const reason = (typeof code === 'string' && MULTIPART_REASONS[code]) || (error instanceof Error ? error.message : 'Malformed multipart data');
    return AppException.validation([{ field: 'file', code: 'multipart', message: reason }]);
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
    UseInterceptors(DocumentUploadInterceptor),
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

/**
 * Browsers write a form's file name with LF, CR and `"` as `%0A`, `%0D` and `%22` (the HTML standard's
 * multipart/form-data encoding); they are read back so that the documents module sees, and cleans, the real name.
 */
export function htmlFormFileName(sent: string): string {
  return sent.replace(/%0A|%0D|%22/gi, (escape) => ({ '%0a': '\n', '%0d': '\r', '%22': '"' })[escape.toLowerCase()] ?? escape);
}
