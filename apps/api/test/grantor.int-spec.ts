import type { GrantorView } from '@tremplin/contracts';
import { openCall, pdfText, readyDraft, submit } from './support/application-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

const SEEDED = {
  name: 'Département du Nord',
  siret: '22590001800014',
  address: 'Hôtel du Département\n51, rue Gustave Delory\n59047 Lille Cedex',
  presidentName: 'Christian Poiret',
  presidentTitle: 'Président du Conseil départemental',
};
const EDITED = {
  name: 'Département du Pas-de-Calais',
  siret: '22620001400018',
  address: 'Hôtel du Département\nRue Ferdinand Buisson\n62018 Arras Cedex 9',
  presidentName: 'Jean-Claude Leroy',
  presidentTitle: 'Président du Département',
};

describe('who grants: one configured record used by mails and receipts', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
  });
  afterAll(() => t.close());

  it('is seeded once, public, and edited by administrators only: SIRET checked, version checked, audited', async () => {
    const seeded = await t.http.get('/api/grantor');
    expect(seeded.status).toBe(200);
    expect(seeded.body).toMatchObject({ ...SEEDED, version: 1 });
    expect(await t.sql('SELECT count(*)::int AS n FROM grantor')).toEqual([{ n: 1 }]);
    await expect(t.sql(`INSERT INTO grantor (id, name, siret, address, president_name, president_title) VALUES (2, 'x', '22590001800014', 'x', 'x', 'x')`))
      .rejects.toThrow(/ck_grantor_single_row/);

    expect((await t.http.put('/api/grantor').send({ ...EDITED, version: 1 })).status).toBe(401);
    expect((await t.http.put('/api/grantor').set(bearer(await t.login(DEMO.finance))).send({ ...EDITED, version: 1 })).status).toBe(403);
    expect((await t.http.put('/api/grantor').set(bearer(await t.login(DEMO.association1))).send({ ...EDITED, version: 1 })).status).toBe(403);

    const badKey = await t.http.put('/api/grantor').set(bearer(admin)).send({ ...EDITED, siret: '22620001400017', version: 1 });
    expect(badKey.status).toBe(400);
    expect(badKey.body.details).toEqual([expect.objectContaining({ field: 'siret', code: 'SIRET_INVALID' })]);
    const shape = await t.http.put('/api/grantor').set(bearer(admin)).send({ ...EDITED, siret: '2262', name: '', version: 1 });
    expect(shape.status).toBe(400);
    expect(shape.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['name', 'siret']);

    const saved = await t.http.put('/api/grantor').set(bearer(admin)).send({ ...EDITED, siret: '226 200 014 00018', version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body as GrantorView).toMatchObject({ ...EDITED, version: 2 });
    expect((await t.http.put('/api/grantor').set(bearer(admin)).send({ ...EDITED, version: 1 })).body.code).toBe('STALE_VERSION');

    const [event] = await t.sql<{ actor_email: string; entity_type: string; diff: unknown }>(
      `SELECT actor_email, entity_type, diff FROM audit_event WHERE action = 'grantor.updated'`,
    );
    expect(event).toEqual({
      actor_email: DEMO.admin,
      entity_type: 'grantor',
      diff: {
        name: { before: SEEDED.name, after: EDITED.name },
        siret: { before: SEEDED.siret, after: EDITED.siret },
        address: { before: SEEDED.address, after: EDITED.address },
        presidentName: { before: SEEDED.presidentName, after: EDITED.presidentName },
        presidentTitle: { before: SEEDED.presidentTitle, after: EDITED.presidentTitle },
      },
    });
  });

  it('names the edited grantor in the acknowledgement mail and the PDF receipt', async () => {
    // Runs after the edit above (same database, in order).
    const a1 = await t.login(DEMO.association1);
    const submitted = await submit(t, a1, await readyDraft(t, a1, DEMO.association1, await openCall(t), { title: 'Mobilité solidaire' }));
    const [mail] = await t.sql<{ text_body: string }>(
      `SELECT text_body FROM outbox_mail WHERE kind = 'acknowledgement' AND text_body LIKE '%' || $1 || '%'`, [submitted.reference],
    );
    expect(mail?.text_body).toContain('Nous avons bien reçu votre candidature (Département du Pas-de-Calais).');
    expect(mail?.text_body).toContain('Département du Pas-de-Calais — Tremplin');
    expect(mail?.text_body).not.toContain('Nord');

    const res = await t.http.get(`/api/applications/${submitted.id}/receipt`).set(bearer(a1)).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const text = pdfText(res.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain('DÉPARTEMENT DU PAS-DE-CALAIS');
    expect(text).toContain('Rue Ferdinand Buisson');
    expect(text).toContain('SIRET 22620001400018');
    expect(text).not.toContain('DÉPARTEMENT DU NORD');

    // The receipt says who received it then: a later edit does not rewrite it.
    await t.http.put('/api/grantor').set(bearer(admin)).send({ ...SEEDED, version: 2 }).expect(200);
    const again = await t.http.get(`/api/applications/${submitted.id}/receipt`).set(bearer(a1)).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(pdfText(again.body as Buffer).replace(/\s+/g, ' ')).toContain('DÉPARTEMENT DU PAS-DE-CALAIS');
  });
});
