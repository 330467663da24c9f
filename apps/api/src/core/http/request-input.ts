import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorDetail } from '@tremplin/contracts';
import { AppException } from '../errors/app.exception';

/**
 * Deepest nesting a request body may have. Real bodies stay under 6 (a draft's budget year's charges);
 * 2,000 levels would make every recursive step after parsing (class-transformer, validation) overflow.
 */
export const MAX_JSON_DEPTH = 32;

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

/** body-parser `verify` hook: refuses too deep a body before JSON.parse builds it. */
export function refuseDeepJson(_req: unknown, _res: unknown, raw: Buffer): void {
  if (jsonDepthExceeds(raw, MAX_JSON_DEPTH)) {
    throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { status: 400, type: 'entity.too.deep' });
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
export function refuseUnstorableText(req: Request, _res: Response, next: NextFunction): void {
  const issues = [...unstorableTextFields(req.body), ...unstorableTextFields(req.query)];
  next(issues.length ? AppException.validation(issues) : undefined);
}
