import type { AuditDiff } from '../core/audit/audit-event.entity';

export type PathDiff = Record<string, { before: unknown; after: unknown }>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What differs between two JSON values, as leaf paths in the notation of validation errors
 * (`budget[1].charges.c64`, `project.objectives`): staff read what changed on a resubmission.
 * An element present on one side only is reported whole (`project.partners[2]`), missing sides as null.
 */
export function diffPaths(before: unknown, after: unknown, path = ''): PathDiff {
  const changes: PathDiff = {};
  const walk = (b: unknown, a: unknown, at: string): void => {
    if (Array.isArray(b) && Array.isArray(a)) {
      for (let i = 0; i < Math.max(b.length, a.length); i++) {
        const itemPath = `${at}[${i}]`;
        if (i >= b.length) changes[itemPath] = { before: null, after: a[i] ?? null };
        else if (i >= a.length) changes[itemPath] = { before: b[i] ?? null, after: null };
        else walk(b[i], a[i], itemPath);
      }
      return;
    }
    if (isObject(b) && isObject(a)) {
      for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
        const keyPath = at ? `${at}.${key}` : key;
        if (!(key in b) || b[key] === undefined) changes[keyPath] = { before: null, after: a[key] ?? null };
        else if (!(key in a) || a[key] === undefined) changes[keyPath] = { before: b[key] ?? null, after: null };
        else walk(b[key], a[key], keyPath);
      }
      return;
    }
    if (b !== a && JSON.stringify(b ?? null) !== JSON.stringify(a ?? null)) changes[at || '$'] = { before: b ?? null, after: a ?? null };
  };
  walk(before, after, path);
  return changes;
}

const MAX_AUDIT_STRING = 200;
const MAX_AUDIT_PATHS = 40;

function shorten(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_AUDIT_STRING ? `${value.slice(0, MAX_AUDIT_STRING)}… (${value.length} caractères)` : value;
  if (Array.isArray(value)) return value.map(shorten);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v)]));
  return value;
}

/**
 * The audit trail keeps who changed which field, not a second copy of every long text: strings are
 * cut and the list of paths is capped (the full content stays in the row and in the frozen versions).
 */
export function auditDiff(before: Record<string, unknown>, after: Record<string, unknown>): AuditDiff {
  const entries = Object.entries(diffPaths(before, after));
  const diff: AuditDiff = Object.fromEntries(
    entries.slice(0, MAX_AUDIT_PATHS).map(([path, change]) => [path, { before: shorten(change.before), after: shorten(change.after) }]),
  );
  if (entries.length > MAX_AUDIT_PATHS) diff['…'] = { before: null, after: `${entries.length - MAX_AUDIT_PATHS} autres champs modifiés` };
  return diff;
}
