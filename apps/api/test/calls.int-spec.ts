import type { CallInput, CallView } from '@tremplin/contracts';
import { nord2016Call } from '../src/seed/nord-2016';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

function newCall(code: string, overrides: Partial<CallInput> = {}): CallInput {
  return { ...nord2016Call(), code, opensAt: '2030-01-01T08:00:00.000Z', closesAt: '2030-03-01T11:00:00.000Z', ...overrides };
}

describe('calls as configuration', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
  });
  afterAll(() => t.close());

  it('lists the Nord 2016 call publicly, with five axes and the €74.3M envelope split exactly', async () => {
    const res = await t.http.get('/api/calls');
    expect(res.status).toBe(200);
    const nord = res.body.find((c: CallView) => c.code === 'AAP-NORD-2016');
    expect(nord).toMatchObject({ envelopeCents: 7_430_000_000, years: [2016, 2017, 2018], status: 'closed', historical: true });
    expect(nord.axes.map((a: { code: string }) => a.code)).toEqual(['MEDIATION', 'INNOVATION', 'REMOBILISATION', 'FREINS', 'ACCOMPAGNEMENT']);
    expect(nord.axes.reduce((sum: number, a: { envelopeCents: number }) => sum + a.envelopeCents, 0)).toBe(7_430_000_000);
    expect(res.body.some((c: CallView) => c.status === 'open' && !c.historical)).toBe(true);
    // Its real state: decided (published sessions, nobody waiting); the closed call under review is not, nor the open one.
    expect(nord.decided).toBe(true);
    const states = (res.body as CallView[]).map((c) => [c.status, c.decided]).sort();
    expect(states).toEqual([['closed', false], ['closed', true], ['open', false]]);

    const detail = await t.http.get(`/api/calls/${nord.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.decided).toBe(true);
    expect(detail.body.allocations).toHaveLength(15);
    expect(detail.body.criteria.reduce((sum: number, c: { weight: number }) => sum + c.weight, 0)).toBe(100);
    expect(detail.body.paymentRule).toEqual({ advanceBasisPoints: 6000 });
  });

  it('answers 404 for an unknown or malformed call id', async () => {
    expect((await t.http.get('/api/calls/4a1f0f7e-1111-4222-8333-444455556666')).status).toBe(404);
    expect((await t.http.get('/api/calls/not-a-uuid')).status).toBe(404);
  });

  it('creates a call and records it in the audit trail', async () => {
    const res = await t.http.post('/api/calls').set(bearer(admin)).send(newCall('AAP-TEST-CREATE'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'AAP-TEST-CREATE', version: 1, structureLocked: false, envelopeCents: 7_430_000_000 });
    const audit = await t.sql<{ action: string; actor_email: string }>(`SELECT action, actor_email FROM audit_event WHERE entity_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ action: 'call.created', actor_email: DEMO.admin }]);
  });

  it('refuses allocations that do not add up to the envelope, naming the field and the gap', async () => {
    const call = newCall('AAP-TEST-SUM');
    call.allocations = call.allocations.map((a, i) => (i === 0 ? { ...a, amountCents: a.amountCents + 100 } : a));
    const res = await t.http.post('/api/calls').set(bearer(admin)).set('Accept-Language', 'fr').send(call);
    expect(res.status).toBe(400);
    const detail = res.body.details.find((d: { code: string }) => d.code === 'ALLOCATION_SUM_MISMATCH');
    expect(detail.field).toBe('allocations');
    expect(detail.message).toMatch(/74\s300\s001,00\s€/);
    expect(detail.message).toMatch(/enveloppe/);
  });

  it('refuses a grid whose weights do not sum to 100, a missing allocation cell and inverted dates', async () => {
    const call = newCall('AAP-TEST-GRID', { closesAt: '2029-01-01T00:00:00.000Z' });
    call.criteria = call.criteria.map((c, i) => (i === 0 ? { ...c, weight: 29 } : c));
    call.allocations = call.allocations.slice(1);
    const res = await t.http.post('/api/calls').set(bearer(admin)).set('Accept-Language', 'en').send(call);
    expect(res.status).toBe(400);
    const fields = res.body.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`);
    expect(fields).toEqual(expect.arrayContaining(['criteria:GRID_WEIGHTS_SUM', 'closesAt:CALL_DATES_ORDER']));
    expect(fields.some((f: string) => f.endsWith('ALLOCATION_MISSING_CELL'))).toBe(true);
    expect(res.body.details.find((d: { code: string }) => d.code === 'GRID_WEIGHTS_SUM').message).toMatch(/add up to 100 \(currently 99\)/);
  });

  it('refuses malformed fields with a 400 naming each one (nested paths included), never a 500', async () => {
    const call = newCall('AAP-TEST-SHAPE') as unknown as Record<string, unknown>;
    call['envelopeCents'] = 12.5;
    call['axes'] = [{ code: 'bad code', labelFr: 'x', labelEn: 'Axis', description: '' }];
    call['unexpected'] = true;
    const res = await t.http.post('/api/calls').set(bearer(admin)).send(call);
    expect(res.status).toBe(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['envelopeCents', 'axes[0].code', 'axes[0].labelFr', 'unexpected']));
  });

  it('refuses a duplicate code with 409', async () => {
    const res = await t.http.post('/api/calls').set(bearer(admin)).send(newCall('AAP-NORD-2016'));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CALL_CODE_TAKEN');
  });

  it('edits with optimistic locking: a stale version gets 409 and changes nothing', async () => {
    const created = (await t.http.post('/api/calls').set(bearer(admin)).send(newCall('AAP-TEST-EDIT'))).body as CallView;
    const edit = { ...newCall('AAP-TEST-EDIT'), title: 'Titre modifié', version: created.version };
    const ok = await t.http.put(`/api/calls/${created.id}`).set(bearer(admin)).send(edit);
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(created.version + 1);
    const stale = await t.http.put(`/api/calls/${created.id}`).set(bearer(admin)).send({ ...edit, title: 'Autre titre' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect((await t.http.get(`/api/calls/${created.id}`)).body.title).toBe('Titre modifié');
    const audit = await t.sql<{ diff: Record<string, unknown> }>(`SELECT diff FROM audit_event WHERE entity_id = $1 AND action = 'call.updated'`, [created.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.diff).toEqual({ title: { before: expect.any(String), after: 'Titre modifié' } });
  });

  it('lets only one of two simultaneous edits of the same version win', async () => {
    const created = (await t.http.post('/api/calls').set(bearer(admin)).send(newCall('AAP-TEST-RACE'))).body as CallView;
    const results = await Promise.all(
      ['Premier', 'Second'].map((title) =>
        t.http.put(`/api/calls/${created.id}`).set(bearer(admin)).send({ ...newCall('AAP-TEST-RACE'), title, version: created.version }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('reshapes axes by code: a removed axis disappears with its allocations, a new one gets its share', async () => {
    const created = (await t.http.post('/api/calls').set(bearer(admin)).send(newCall('AAP-TEST-AXES'))).body as CallView;
    const input = newCall('AAP-TEST-AXES');
    const dropped = input.allocations.filter((a) => a.axisCode === 'INNOVATION');
    input.axes = input.axes.filter((a) => a.code !== 'INNOVATION').concat({ code: 'NUMERIQUE', labelFr: 'Inclusion numérique', labelEn: 'Digital inclusion', description: '' });
    input.allocations = input.allocations.filter((a) => a.axisCode !== 'INNOVATION').concat(dropped.map((a) => ({ ...a, axisCode: 'NUMERIQUE' })));
    const res = await t.http.put(`/api/calls/${created.id}`).set(bearer(admin)).send({ ...input, version: created.version });
    expect(res.status).toBe(200);
    expect(res.body.axes.map((a: { code: string }) => a.code)).toEqual(['MEDIATION', 'REMOBILISATION', 'FREINS', 'ACCOMPAGNEMENT', 'NUMERIQUE']);
    expect(res.body.allocations).toHaveLength(15);
  });

  it('locks the structure once an application is submitted; the envelope then changes only by an audited budget revision', async () => {
    const created = (await t.http.post('/api/calls').set(bearer(admin)).send(newCall('AAP-TEST-LOCK'))).body as CallView;
    // Applications arrive with the applicant journey; the lock is what submission sets.
    await t.sql(`UPDATE call SET structure_locked_at = now() WHERE id = $1`, [created.id]);
    const input = newCall('AAP-TEST-LOCK');
    const reshaped = await t.http.put(`/api/calls/${created.id}`).set(bearer(admin)).send({ ...input, axes: input.axes.slice(0, 4), version: created.version });
    expect(reshaped.status).toBe(409);
    expect(reshaped.body.code).toBe('CALL_STRUCTURE_LOCKED');
    const bigger = await t.http.put(`/api/calls/${created.id}`).set(bearer(admin)).send({ ...input, envelopeCents: input.envelopeCents + 100, version: created.version });
    expect(bigger.status).toBe(409);
    // Dates and wording may still change (e.g. extending the deadline).
    const extended = await t.http.put(`/api/calls/${created.id}`).set(bearer(admin)).send({ ...input, closesAt: '2030-03-15T11:00:00.000Z', version: created.version });
    expect(extended.status).toBe(200);

    const finance = await t.login(DEMO.finance);
    const allocations = input.allocations.map((a, i) => (i === 0 ? { ...a, amountCents: a.amountCents + 50_000_000 } : a));
    const revision = await t.http.post(`/api/calls/${created.id}/budget-revisions`).set(bearer(finance)).send({
      version: extended.body.version, envelopeCents: input.envelopeCents + 50_000_000, allocations,
      reason: 'Délibération de la commission permanente : abondement de 500 000 € sur la médiation.', deliberationReference: 'CP 2030-042',
    });
    expect(revision.status).toBe(200);
    expect(revision.body.envelopeCents).toBe(input.envelopeCents + 50_000_000);
    const history = await t.http.get(`/api/calls/${created.id}/budget-revisions`).set(bearer(finance));
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({ envelopeBeforeCents: input.envelopeCents, envelopeAfterCents: input.envelopeCents + 50_000_000, revisedByEmail: DEMO.finance });
    const audit = await t.sql(`SELECT actor_email FROM audit_event WHERE entity_id = $1 AND action = 'call.budget-revised'`, [created.id]);
    expect(audit).toEqual([{ actor_email: DEMO.finance }]);

    const unbalanced = await t.http.post(`/api/calls/${created.id}/budget-revisions`).set(bearer(finance)).send({
      version: revision.body.version, envelopeCents: input.envelopeCents, allocations, reason: 'Une révision qui ne tombe pas juste.',
    });
    expect(unbalanced.status).toBe(400);
  });

  it('once locked, keeps dates, axes, grid and money and names them in the 409; texts (French and English) and a later closing date still change, audited', async () => {
    const created = (await t.http.post('/api/calls').set(bearer(admin)).send(newCall('AAP-TEST-TEXTS'))).body as CallView;
    expect(created).toMatchObject({ titleEn: '', descriptionEn: '' });
    await t.sql(`UPDATE call SET structure_locked_at = now() WHERE id = $1`, [created.id]);
    const input = newCall('AAP-TEST-TEXTS');
    const criteria = input.criteria.map((c, i) => (i === 0 ? { ...c, labelFr: 'Pertinence revue' } : c));
    const refused = await t.http.put(`/api/calls/${created.id}`).set(bearer(admin)).set('Accept-Language', 'fr')
      .send({ ...input, criteria, closesAt: '2030-02-01T11:00:00.000Z', opensAt: '2029-12-01T08:00:00.000Z', version: created.version });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CALL_STRUCTURE_LOCKED');
    expect(refused.body.message).toBe(
      "Depuis la première candidature déposée, ces éléments de l'appel sont verrouillés : date d'ouverture, date de clôture avancée (elle ne peut qu’être repoussée), grille d'évaluation. " +
        "Les textes peuvent changer et la clôture être repoussée ; l'enveloppe change par une révision budgétaire.",
    );
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['opensAt', 'closesAt', 'criteria']);
    const english = await t.http.put(`/api/calls/${created.id}`).set(bearer(admin)).set('Accept-Language', 'en')
      .send({ ...input, axes: input.axes.slice(1), version: created.version });
    expect(english.body.message).toContain('these parts of the call are locked: axes.');
    expect((await t.sql(`SELECT version FROM call WHERE id = $1`, [created.id]))[0]).toEqual({ version: created.version });

    const edited = await t.http.put(`/api/calls/${created.id}`).set(bearer(admin)).send({
      ...input, title: 'Appel à projets insertion 2030', description: 'Texte revu.', titleEn: 'Call for insertion projects 2030',
      descriptionEn: 'Revised text.', closesAt: '2030-04-01T11:00:00.000Z', version: created.version,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      title: 'Appel à projets insertion 2030', titleEn: 'Call for insertion projects 2030', descriptionEn: 'Revised text.', closesAt: '2030-04-01T11:00:00.000Z',
    });
    const publicList = (await t.http.get('/api/calls')).body as CallView[];
    expect(publicList.find((c) => c.id === created.id)).toMatchObject({ titleEn: 'Call for insertion projects 2030', descriptionEn: 'Revised text.' });
    const [event] = await t.sql<{ diff: Record<string, unknown>; actor_email: string }>(
      `SELECT diff, actor_email FROM audit_event WHERE entity_id = $1 AND action = 'call.updated' ORDER BY seq DESC LIMIT 1`, [created.id],
    );
    expect(event).toEqual({
      actor_email: DEMO.admin,
      diff: {
        title: { before: input.title, after: 'Appel à projets insertion 2030' },
        description: { before: input.description, after: 'Texte revu.' },
        titleEn: { before: '', after: 'Call for insertion projects 2030' },
        descriptionEn: { before: '', after: 'Revised text.' },
        closesAt: { before: '2030-03-01T11:00:00.000Z', after: '2030-04-01T11:00:00.000Z' },
      },
    });
  });

  it('refuses a budget revision while the structure is not locked', async () => {
    const created = (await t.http.post('/api/calls').set(bearer(admin)).send(newCall('AAP-TEST-NOLOCK'))).body as CallView;
    const res = await t.http.post(`/api/calls/${created.id}/budget-revisions`).set(bearer(admin)).send({
      version: created.version, envelopeCents: created.envelopeCents, allocations: created.allocations, reason: 'Essai de révision hors verrou.',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CALL_NOT_LOCKED');
  });

  it('the database itself refuses allocations that do not add up to the envelope', async () => {
    const [call] = await t.sql<{ id: string }>(`SELECT id FROM call WHERE code = 'AAP-NORD-2016'`);
    await expect(t.sql(`UPDATE call_allocation SET amount_cents = amount_cents + 1 WHERE call_id = $1 AND year = 2016 AND axis_id = (SELECT min(axis_id::text)::uuid FROM call_allocation WHERE call_id = $1)`, [call?.id])).rejects.toThrow(/add up to/);
  });
});
