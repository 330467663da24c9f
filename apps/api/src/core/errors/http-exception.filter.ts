import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { ERROR_MESSAGES, FIELD_MESSAGES, fillMessage, type ApiError, type ApiErrorDetail, type ErrorCode, type Lang } from '@tremplin/contracts';
import { formatEuros, IllegalTransitionError } from '@tremplin/domain';
import { AppException } from './app.exception';
import { languageOf } from './language';
import { translateValidationMessage } from './validation';
import { MAX_JSON_DEPTH } from '../http/request-input';

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE', 429: 'TOO_MANY_ATTEMPTS', 503: 'SERVICE_UNAVAILABLE',
};

interface PgError { code?: string; constraint?: string; detail?: string; message?: string }

/** Unique keys that have their own friendly message (the explicit checks use the same codes). */
const UNIQUE_CONSTRAINTS: Record<string, ErrorCode> = {
  uq_app_user_email: 'EMAIL_TAKEN',
  uq_call_code: 'CALL_CODE_TAKEN',
  uq_organization_siret: 'SIRET_TAKEN',
};

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
// 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting), 53300 too many connections;
// class 08 is "connection exception".
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down)/i;

/** Whether an error means PostgreSQL cannot be reached now (a fault to retry), not that the request is wrong. */
export function isDatabaseUnreachable(exception: unknown): boolean {
  const candidates = [exception, exception instanceof QueryFailedError ? exception.driverError : undefined];
  if (exception instanceof AggregateError) candidates.push(...exception.errors);
  return candidates.some((e) => {
    if (!e || typeof e !== 'object') return false;
    const { code, message } = e as PgError;
    return (
      (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || CONNECTION_SQLSTATES.has(code) || code.startsWith('08'))) ||
      (typeof message === 'string' && CONNECTION_MESSAGES.test(message))
    );
  });
}

/** `Key (call_id, code)=(…) already exists.` → `code` (camelCase, the last column: the one a person typed). */
function uniqueKeyField(detail: string | undefined): string {
  const columns = /^Key \((.*?)\)=/.exec(detail ?? '')?.[1]?.match(/[a-z_][a-z0-9_]*/gi) ?? [];
  const column = columns.filter((c) => !['lower', 'upper', 'text', 'coalesce'].includes(c.toLowerCase())).pop();
  return column ? column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()) : 'body';
}

/** The one place where errors become HTTP: `{statusCode, error, code, message, details?}`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    sendError(exception, ctx.getRequest<FastifyRequest>(), ctx.getResponse<FastifyReply>());
  }
}

const logger = new Logger('HttpExceptionFilter');

/**
 * Answers `exception` in the API's shape. Nest hands the filter the errors of its pipeline and, through the
 * server's error handler it installs, those before it (body parsing, the input checks of every request).
 */
export function sendError(exception: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // A download that fails after its first bytes can only be cut short.
  if (reply.sent) return reply;
  const lang = languageOf(request.headers['accept-language']);
  const body = errorBody(exception, lang);
  body.requestId = request.id;
  if (exception instanceof AppException && exception.headers) {
    for (const [name, value] of Object.entries(exception.headers)) reply.header(name, value);
  }
  if (body.statusCode === 503) reply.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  if (body.statusCode >= 500) {
    logger.error(`${request.method} ${request.url} → ${body.statusCode}`, exception instanceof Error ? exception.stack : String(exception));
  }
  return reply.code(body.statusCode).send(body);
}

function errorBody(exception: unknown, lang: Lang): ApiError {
  if (exception instanceof AppException) {
    return {
      statusCode: exception.status,
      error: STATUS_NAMES[exception.status] ?? 'Error',
      code: exception.code,
      message: fillMessage(ERROR_MESSAGES[exception.code][lang], exception.params),
      details: exception.details?.map((d) => localiseDetail(d, lang)),
    };
  }
  if (exception instanceof IllegalTransitionError) {
    return {
      statusCode: 409, error: 'Conflict', code: 'ILLEGAL_TRANSITION',
      message: fillMessage(ERROR_MESSAGES.ILLEGAL_TRANSITION[lang], { action: exception.action, state: exception.state }),
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Nest's router answers unknown routes with a NotFoundException.
    const code: ErrorCode =
      status === 404 && /^Cannot [A-Z]+ /.test(exception.message) ? 'ROUTE_NOT_FOUND' : (STATUS_CODES[status] ?? 'INTERNAL_ERROR');
    const details = status === 400 ? bodyParserDetails(exception, lang) : undefined;
    return { statusCode: status, error: STATUS_NAMES[status] ?? 'Error', code, message: ERROR_MESSAGES[code][lang], details };
  }
  // Errors of the server before any route (malformed JSON, too large, too deep, unsupported type) are
  // plain errors with a status.
  const { statusCode: status, type } = exception as { statusCode?: number; type?: string };
  if (type === 'entity.too.deep') {
    return {
      statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', message: ERROR_MESSAGES.VALIDATION_FAILED[lang],
      details: [localiseDetail({ field: 'body', code: 'JSON_TOO_DEEP', message: '', params: { max: MAX_JSON_DEPTH } }, lang)],
    };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = STATUS_CODES[status] ?? 'VALIDATION_FAILED';
    const details = status === 400 ? [{ field: 'body', message: lang === 'fr' ? 'JSON mal formé' : 'Malformed JSON' }] : undefined;
    return { statusCode: status, error: STATUS_NAMES[status] ?? 'Error', code, message: ERROR_MESSAGES[code][lang], details };
  }
  if (isDatabaseUnreachable(exception)) {
    return { statusCode: 503, error: 'Service Unavailable', code: 'SERVICE_UNAVAILABLE', message: ERROR_MESSAGES.SERVICE_UNAVAILABLE[lang] };
  }
  if (exception instanceof QueryFailedError) {
    const pg = exception.driverError as PgError;
    // A unique key hit by a race the explicit checks could not see (two requests at once): 409, mapped here
    // once for every module, naming the field but never echoing the value.
    if (pg.code === '23505') {
      const known = pg.constraint ? UNIQUE_CONSTRAINTS[pg.constraint] : undefined;
      if (known) return { statusCode: 409, error: 'Conflict', code: known, message: ERROR_MESSAGES[known][lang] };
      return {
        statusCode: 409, error: 'Conflict', code: 'DUPLICATE_VALUE', message: ERROR_MESSAGES.DUPLICATE_VALUE[lang],
        details: [localiseDetail({ field: uniqueKeyField(pg.detail), code: 'DUPLICATE_VALUE', message: '' }, lang)],
      };
    }
    // 22P02 invalid text representation, 22003 out of range, 23514 check violation: bad input, not a crash.
    // 22021/22P05: a character the database cannot store (e.g. U+0000) — bad input as well.
    if (['22P02', '22003', '23514', '22001', '22021', '22P05'].includes(pg.code ?? '')) {
      return {
        statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', message: ERROR_MESSAGES.VALIDATION_FAILED[lang],
        details: [{ field: pg.constraint ?? 'body', message: lang === 'fr' ? 'valeur refusée par la base' : 'value rejected by the database' }],
      };
    }
  }
  return { statusCode: 500, error: STATUS_NAMES[500] ?? 'Error', code: 'INTERNAL_ERROR', message: ERROR_MESSAGES.INTERNAL_ERROR[lang] };
}

function bodyParserDetails(exception: HttpException, lang: Lang): ApiError['details'] {
  return [{ field: 'body', message: lang === 'fr' ? 'requête invalide' : exception.message }];
}

/** Domain issues carry a code and params; class-validator ones an English message. Both leave here localised. */
function localiseDetail(detail: ApiErrorDetail & { params?: Record<string, string | number> }, lang: Lang): ApiErrorDetail {
  const { params, ...rest } = detail;
  if (detail.code && detail.code in FIELD_MESSAGES) {
    const template = FIELD_MESSAGES[detail.code as keyof typeof FIELD_MESSAGES][lang];
    const filled: Record<string, string | number> = { ...params };
    // `expectedCents: 100` also becomes `expected: "1,00 €"` for the message.
    for (const [key, value] of Object.entries(params ?? {})) {
      if (key.endsWith('Cents') && typeof value === 'number') filled[key.slice(0, -5)] = formatEuros(value, lang);
    }
    return { ...rest, message: fillMessage(template, filled) };
  }
  return { ...rest, message: translateValidationMessage(detail.message, lang) };
}
