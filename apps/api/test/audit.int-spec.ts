import { nord2016Call } from '../src/seed/nord-2016';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

describe('audit trail', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
  });
  afterAll(() => t.close());

  it('starts with a valid chain (the seed is audited too)', async () => {
    const res = await t.http.get('/api/audit-events/verify').set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, firstBrokenSeq: null });
    expect(res.body.checked).toBeGreaterThanOrEqual(3);
  });

  it('keeps a single valid chain when many changes are audited at the same instant', async () => {
    const calls = Array.from({ length: 12 }, (_, i) => ({
      ...nord2016Call(), code: `AAP-AUDIT-${i}`, opensAt: '2030-01-01T00:00:00.000Z', closesAt: '2030-02-01T00:00:00.000Z',
    }));
    const results = await Promise.all(calls.map((call) => t.http.post('/api/calls').set(bearer(admin)).send(call)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const [gaps] = await t.sql<{ n: string; max: string }>(`SELECT count(*) AS n, max(seq) AS max FROM audit_event`);
    expect(gaps?.n).toBe(gaps?.max);
    expect((await t.http.get('/api/audit-events/verify').set(bearer(admin))).body.valid).toBe(true);
  });

  it('lists events newest first, filtered by action and actor, paginated', async () => {
    const res = await t.http.get('/api/audit-events?action=call.created&actor=admin@&pageSize=5').set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.total).toBeGreaterThanOrEqual(12);
    const seqs = res.body.items.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    expect(res.body.items[0]).toMatchObject({ action: 'call.created', actorEmail: DEMO.admin, actorRole: 'admin', entityType: 'call' });
    expect(res.body.items[0].requestId).toBeTruthy();
    expect(res.body.items[0].diff.code.after).toMatch(/^AAP-AUDIT-/);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on audit events', async () => {
    await expect(t.sql(`UPDATE audit_event SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM audit_event WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });

  it('detects tampering by someone who bypasses the triggers', async () => {
    await t.sql(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
    await t.sql(`UPDATE audit_event SET diff = '{"title":{"before":null,"after":"falsifié"}}' WHERE seq = 2`);
    await t.sql(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
    const res = await t.http.get('/api/audit-events/verify').set(bearer(admin));
    expect(res.body).toMatchObject({ valid: false, firstBrokenSeq: 2, checked: 1 });
    expect(res.body.reason).toMatch(/altered/);
  });

  it('detects a deleted event (a gap in the chain)', async () => {
    await t.sql(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
    await t.sql(`UPDATE audit_event SET diff = (SELECT diff FROM audit_event WHERE seq = 2) WHERE seq = 2`);
    await t.sql(`DELETE FROM audit_event WHERE seq = 1`);
    await t.sql(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
    const res = await t.http.get('/api/audit-events/verify').set(bearer(admin));
    expect(res.body).toMatchObject({ valid: false, firstBrokenSeq: 1 });
  });

  it('is readable by finance, not by reviewers or associations', async () => {
    expect((await t.http.get('/api/audit-events').set(bearer(await t.login(DEMO.finance)))).status).toBe(200);
    expect((await t.http.get('/api/audit-events').set(bearer(await t.login(DEMO.reviewer)))).status).toBe(403);
    expect((await t.http.get('/api/audit-events').set(bearer(await t.login(DEMO.association1)))).status).toBe(403);
  });
});
