import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { AuditDiff } from './audit-event.entity';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  diff: AuditDiff | null;
  requestId: string | null;
  prevHash: string;
}

/** Each event's hash covers its content and the previous hash: editing any past row breaks the chain. */
export function hashAuditEvent(f: ChainedFields): string {
  // Only the chained fields, named one by one: a row read back carries more (its own hash).
  const content = {
    seq: f.seq, id: f.id, occurredAt: f.occurredAt.toISOString(), actorId: f.actorId, actorEmail: f.actorEmail,
    actorRole: f.actorRole, action: f.action, entityType: f.entityType, entityId: f.entityId, diff: f.diff,
    requestId: f.requestId, prevHash: f.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** Before/after of the fields that changed; unchanged fields are left out. */
export function diffOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditDiff {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const diff: AuditDiff = {};
  for (const key of [...keys].sort()) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (canonicalJson(b) !== canonicalJson(a)) diff[key] = { before: b, after: a };
  }
  return diff;
}
