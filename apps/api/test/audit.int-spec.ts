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

  it('names entities and actors for people (reference and title, code and title, name), resolved with the page, and the chain stays valid', async () => {
    const a1 = await t.login(DEMO.association1);
    const call = (await t.http.get('/api/calls')).body.find((c: { status: string; code: string }) => c.status === 'open' && c.code.startsWith('AAP-NORD-20'));
    const draft = await t.http.post('/api/applications').set(bearer(a1)).send({ callId: call.id, axisCode: 'MEDIATION', title: 'Jardin partagé de Fives' });
    expect(draft.status).toBe(201);
    const [user] = await t.sql<{ full_name: string }>(`SELECT full_name FROM app_user WHERE email = $1`, [DEMO.association1]);
    const created = await t.http.get(`/api/audit-events?action=application.created&entityId=${draft.body.id}`).set(bearer(admin));
    expect(created.body.items).toHaveLength(1);
    expect(created.body.items[0]).toMatchObject({
      entityType: 'application', entityId: draft.body.id, entityLabel: 'Jardin partagé de Fives', actorEmail: DEMO.association1, actorName: user?.full_name,
    });
    const calls = await t.http.get('/api/audit-events?action=call.created&pageSize=3').set(bearer(admin));
    expect(calls.body.items.map((e: { entityLabel: string }) => e.entityLabel)).toEqual(
      calls.body.items.map((e: { diff: { code: { after: string }; title: { after: string } } }) => `${e.diff.code.after} — ${e.diff.title.after}`),
    );
    expect(calls.body.items[0].entityLabel).toMatch(/^AAP-AUDIT-\d+ — /);
    const logins = await t.http.get(`/api/audit-events?action=auth.login&actor=${encodeURIComponent(DEMO.association1)}&pageSize=1`).set(bearer(admin));
    expect(logins.body.items[0]).toMatchObject({ entityType: 'user', entityLabel: `${user?.full_name} <${DEMO.association1}>` });
    // A system event names nothing; a grantor edit names the grantor.
    const seeded = await t.http.get('/api/audit-events?action=demo.seeded').set(bearer(admin));
    expect(seeded.body.items[0]).toMatchObject({ entityType: 'system', entityLabel: null, actorName: null });
    expect((await t.http.get('/api/audit-events/verify').set(bearer(admin))).body.valid).toBe(true);
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
