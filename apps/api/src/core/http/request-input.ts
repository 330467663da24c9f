import type { FastifyRequest } from 'fastify';
import type { ApiErrorDetail } from '@tremplin/contracts';
import { AppException } from '../errors/app.exception';

/**
 * Deepest nesting a request body may have. Real bodies stay under 6 (a draft's budget year's charges);
 * 2,000 levels would make every recursive step after parsing (class-transformer, validation) overflow.
 */
export const MAX_JSON_DEPTH = 32;

/** Largest JSON body (documents go as multipart, with their own limit). */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/** Whether the raw JSON text nests arrays/objects deeper than `max`; brackets inside strings do not count. */
export function jsonDepthExceeds(raw: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

const badJson = (message: string, type: string) => Object.assign(new Error(message), { statusCode: 400, type });

/**
 * The JSON body parser: an empty body is `{}`; like body-parser's strict mode, only an object or an array
 * is accepted; too deep a body is refused before JSON.parse builds it.
 */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8').trim();
  if (!text) return {};
  if (text[0] !== '{' && text[0] !== '[') throw badJson('JSON body must be an object or an array', 'entity.parse.failed');
  if (jsonDepthExceeds(raw, MAX_JSON_DEPTH)) throw badJson(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`, 'entity.too.deep');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badJson(error instanceof Error ? error.message : 'Malformed JSON', 'entity.parse.failed');
  }
}

// PostgreSQL text and jsonb cannot hold U+0000, and a lone surrogate cannot be encoded in UTF-8 (the driver
// would silently store U+FFFD instead): both are refused up front, naming the field, rather than altered.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string): boolean => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** Paths (`project.partners[0].role`) of every string in `value`, keys included, that the database could not store exactly. */
export function unstorableTextFields(value: unknown, path = ''): ApiErrorDetail[] {
  const issue = (field: string): ApiErrorDetail => ({ field: field || 'body', code: 'TEXT_INVALID_CHARACTER', message: 'TEXT_INVALID_CHARACTER' });
  if (typeof value === 'string') return unstorable(value) ? [issue(path)] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorableTextFields(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const field = path ? `${path}.${key}` : key;
      return unstorable(key) ? [issue(path)] : unstorableTextFields(item, field);
    });
  }
  return [];
}

/**
 * The one check of every text a client sends (JSON body and query string), before any route: a 400 naming
 * each field that holds U+0000 or a lone surrogate. Multipart file names are cleaned by the documents module.
 */
export function refuseUnstorableText(request: Pick<FastifyRequest, 'body' | 'query'>): AppException | undefined {
  const issues = [...unstorableTextFields(request.body), ...unstorableTextFields(request.query)];
  return issues.length ? AppException.validation(issues) : undefined;
}
