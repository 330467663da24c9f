import { GENESIS_HASH, diffOf, hashAuditEvent, type ChainedFields } from './audit-chain';
import { canonicalJson } from './canonical-json';

const event: ChainedFields = {
  seq: 1, id: '8f0e0c4e-8d7c-4f56-9a43-5b3e0b7f4b11', occurredAt: new Date('2026-01-02T03:04:05.678Z'),
  actorId: null, actorEmail: null, actorRole: null, action: 'call.created', entityType: 'call', entityId: 'x',
  diff: { title: { before: null, after: 'A' } }, requestId: null, prevHash: GENESIS_HASH,
};

describe('audit chain hashing', () => {
  it('is stable whatever the key order (jsonb reorders keys)', () => {
    const reordered = { ...event, diff: JSON.parse('{"title":{"after":"A","before":null}}') };
    expect(hashAuditEvent(reordered)).toBe(hashAuditEvent(event));
  });
  it('ignores extra fields such as the stored hash itself', () => {
    expect(hashAuditEvent({ ...event, hash: 'abc' } as ChainedFields)).toBe(hashAuditEvent(event));
  });
  it('changes when any chained field changes', () => {
    const base = hashAuditEvent(event);
    expect(hashAuditEvent({ ...event, action: 'call.updated' })).not.toBe(base);
    expect(hashAuditEvent({ ...event, prevHash: 'f'.repeat(64) })).not.toBe(base);
    expect(hashAuditEvent({ ...event, diff: { title: { before: null, after: 'B' } } })).not.toBe(base);
    expect(hashAuditEvent({ ...event, occurredAt: new Date('2026-01-02T03:04:05.679Z') })).not.toBe(base);
  });
});

describe('diffOf', () => {
  it('keeps only changed fields', () => {
    expect(diffOf({ a: 1, b: [1, 2], c: 'x' }, { a: 1, b: [1, 3], d: true })).toEqual({
      b: { before: [1, 2], after: [1, 3] },
      c: { before: 'x', after: null },
      d: { before: null, after: true },
    });
  });
  it('records a creation as before = null', () => {
    expect(diffOf(null, { a: 1 })).toEqual({ a: { before: null, after: 1 } });
  });
  it('canonical JSON sorts nested keys', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });
});
