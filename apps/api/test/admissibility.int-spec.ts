import type { ApplicationView, CallSummaryView } from '@tremplin/contracts';
import { openCall, pdfText, readyDraft, submit } from './support/application-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

describe('admissibility (recevabilité)', () => {
  let t: TestApp;
  let a1: string;
  let a2: string;
  let admin: string;
  let call: CallSummaryView;
  beforeAll(async () => {
    t = await startTestApp();
    a1 = await t.login(DEMO.association1);
    a2 = await t.login(DEMO.association2);
    admin = await t.login(DEMO.admin);
    call = await openCall(t);
  });
  afterAll(() => t.close());

  const decide = (id: string, body: object, token = admin) => t.http.post(`/api/applications/${id}/admissibility`).set(bearer(token)).send(body);
  const submitted = async (title = 'Médiation sociale de proximité') => submit(t, a1, await readyDraft(t, a1, DEMO.association1, call, { title }));
  const letter = (id: string, token: string) =>
    t.http.get(`/api/applications/${id}/inadmissibility-letter`).set(bearer(token)).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });

  it('declares a submitted application admissible: status, decision, audit; no mail', async () => {
    const app = await submitted();
    const res = await decide(app.id, { admissible: true, version: app.version });
    expect(res.status).toBe(200);
    const view = res.body as ApplicationView;
    expect(view).toMatchObject({ status: 'admissible', version: app.version + 1, admissibility: { admissible: true, reason: null, comment: null } });
    expect(Date.parse(view.admissibility?.decidedAt ?? '')).not.toBeNaN();
    const [row] = await t.sql<{ admissible: boolean; decided_by: string }>(
      `SELECT a.admissible, u.email AS decided_by FROM application a JOIN app_user u ON u.id = a.admissibility_decided_by WHERE a.id = $1`, [app.id],
    );
    expect(row).toEqual({ admissible: true, decided_by: DEMO.admin });
    const audit = await t.sql<{ actor_email: string; diff: Record<string, unknown> }>(
      "SELECT actor_email, diff FROM audit_event WHERE entity_id = $1 AND action = 'application.declared-admissible'", [app.id],
    );
    expect(audit).toEqual([{ actor_email: DEMO.admin, diff: { admissible: { before: null, after: true }, status: { before: 'submitted', after: 'admissible' } } }]);
    expect(await t.sql("SELECT 1 FROM outbox_mail WHERE kind = 'inadmissibility' AND text_body LIKE '%' || $1 || '%'", [app.reference])).toEqual([]);
    // Decided once: a second decision is an illegal transition.
    const again = await decide(app.id, { admissible: false, reason: 'late', comment: 'Déposée après la date limite.', version: view.version });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('declares one inadmissible: mail to the association, PDF letter naming the reason, 404 for another association', async () => {
    const app = await submitted('Jardin partagé hors champ');
    const res = await decide(app.id, { admissible: false, reason: 'out_of_scope', comment: 'Le projet ne vise pas les allocataires du RSA.', version: app.version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'inadmissible',
      admissibility: { admissible: false, reason: 'out_of_scope', comment: 'Le projet ne vise pas les allocataires du RSA.' },
    });
    const mails = await t.sql<{ to_address: string; subject: string; text_body: string }>(
      "SELECT to_address, subject, text_body FROM outbox_mail WHERE kind = 'inadmissibility' AND subject LIKE '%' || $1",
      [app.reference],
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to_address).toBe(DEMO.association1);
    expect(mails[0]?.subject).toBe(`Candidature irrecevable — ${app.reference}`);
    expect(mails[0]?.text_body).toContain("motif : projet hors du champ de l'appel à projets.");
    expect(mails[0]?.text_body).toContain('Le projet ne vise pas les allocataires du RSA.');
    const audit = await t.sql<{ diff: Record<string, unknown> }>("SELECT diff FROM audit_event WHERE entity_id = $1 AND action = 'application.declared-inadmissible'", [app.id]);
    expect(audit).toEqual([{
      diff: {
        admissible: { before: null, after: false },
        comment: { before: null, after: 'Le projet ne vise pas les allocataires du RSA.' },
        reason: { before: null, after: 'out_of_scope' },
        status: { before: 'submitted', after: 'inadmissible' },
      },
    }]);

    // The association sees the decision and downloads the letter; so does staff.
    const seen = (await t.http.get(`/api/applications/${app.id}`).set(bearer(a1))).body as ApplicationView;
    expect(seen.admissibility).toMatchObject({ admissible: false, reason: 'out_of_scope' });
    expect(seen.allowedActions).toEqual([]);
    const pdf = await letter(app.id, a1);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="irrecevabilite-${app.reference}.pdf"`);
    const text = pdfText(pdf.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain('Candidature irrecevable');
    expect(text).toContain(`Référence : ${app.reference}`);
    expect(text).toContain("Motif : projet hors du champ de l'appel à projets");
    // The whole French date (it was once cut to « 29 novembr »).
    expect(text).toMatch(/Décision du : \d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) 20\d{2} /);
    expect(text).toContain('Le projet ne vise pas les allocataires du RSA.');
    expect(text).toContain('DÉPARTEMENT DU NORD');
    expect((await letter(app.id, admin)).status).toBe(200);
    expect((await letter(app.id, a2)).status).toBe(404);
    expect((await t.http.get(`/api/applications/${app.id}`).set(bearer(a2))).status).toBe(404);
    // No letter for an application that is not inadmissible.
    const other = await submitted();
    expect((await letter(other.id, a1)).status).toBe(404);
  });

  it('refuses a missing reason or comment (400 naming the field), a draft and a stale version (409), other roles (403)', async () => {
    const app = await submitted();
    const noReason = await decide(app.id, { admissible: false, comment: 'Pièces manquantes.', version: app.version });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason', code: 'ADMISSIBILITY_REASON_INVALID' })]);
    const noComment = await decide(app.id, { admissible: false, reason: 'incomplete', comment: '  ', version: app.version });
    expect(noComment.status).toBe(400);
    expect(noComment.body.details).toEqual([expect.objectContaining({ field: 'comment', code: 'ADMISSIBILITY_COMMENT_REQUIRED' })]);
    const unknownReason = await decide(app.id, { admissible: false, reason: 'ugly', comment: 'Non.', version: app.version });
    expect(unknownReason.status).toBe(400);
    expect(unknownReason.body.details[0]).toMatchObject({ field: 'reason' });
    const reasonWhenAdmissible = await decide(app.id, { admissible: true, reason: 'late', version: app.version });
    expect(reasonWhenAdmissible.status).toBe(400);
    expect(reasonWhenAdmissible.body.details).toEqual([expect.objectContaining({ field: 'reason', code: 'ADMISSIBILITY_REASON_FORBIDDEN' })]);
    const noFlag = await decide(app.id, { version: app.version });
    expect(noFlag.status).toBe(400);
    expect(noFlag.body.details[0]).toMatchObject({ field: 'admissible' });

    const stale = await decide(app.id, { admissible: true, version: app.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect((await decide(app.id, { admissible: true, version: app.version }, await t.login(DEMO.finance))).status).toBe(403);
    expect((await decide(app.id, { admissible: true, version: app.version }, await t.login(DEMO.reviewer))).status).toBe(403);
    expect((await decide(app.id, { admissible: true, version: app.version }, a1)).status).toBe(403);
    const [unchanged] = await t.sql<{ status: string; admissible: boolean | null }>('SELECT status, admissible FROM application WHERE id = $1', [app.id]);
    expect(unchanged).toEqual({ status: 'submitted', admissible: null });

    // A draft is not in the instructor's scope (staff see submitted applications only): 404.
    const draft = await readyDraft(t, a1, DEMO.association1, call);
    expect((await decide(draft.id, { admissible: true, version: draft.version })).status).toBe(404);
    // A withdrawn one is: the lifecycle refuses.
    const withdrawn = await submitted();
    expect((await t.http.post(`/api/applications/${withdrawn.id}/withdraw`).set(bearer(a1)).send({ version: withdrawn.version })).status).toBe(200);
    const illegal = await decide(withdrawn.id, { admissible: true, version: withdrawn.version + 1 });
    expect(illegal.status).toBe(409);
    expect(illegal.body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('marks a batch all or nothing (max 100)', async () => {
    const first = await submitted();
    const second = await submitted();
    const withdrawn = await submitted();
    await t.http.post(`/api/applications/${withdrawn.id}/withdraw`).set(bearer(a1)).send({ version: withdrawn.version });
    const batch = (body: object, token = admin) => t.http.post('/api/applications/admissibility').set(bearer(token)).send(body);

    const refused = await batch({ ids: [first.id, withdrawn.id, second.id], admissible: true });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ILLEGAL_TRANSITION');
    const untouched = await t.sql<{ status: string }>('SELECT status FROM application WHERE id = ANY($1) ORDER BY status', [[first.id, second.id]]);
    expect(untouched).toEqual([{ status: 'submitted' }, { status: 'submitted' }]);

    const tooMany = await batch({ ids: Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`), admissible: true });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details[0]).toMatchObject({ field: 'ids' });
    expect((await batch({ ids: [], admissible: true })).status).toBe(400);
    expect((await batch({ ids: [first.id], admissible: false, reason: 'late' })).status).toBe(400);

    const ok = await batch({ ids: [second.id, first.id], admissible: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      items: [
        { id: second.id, reference: second.reference, status: 'admissible', version: second.version + 1 },
        { id: first.id, reference: first.reference, status: 'admissible', version: first.version + 1 },
      ],
    });
    const audits = await t.sql<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'application.declared-admissible' AND entity_id = ANY($1)", [[first.id, second.id]]);
    expect(audits).toEqual([{ n: 2 }]);
    expect((await batch({ ids: [first.id], admissible: true }, await t.login(DEMO.finance))).status).toBe(403);

    // Batch inadmissibility mails each one.
    const third = await submitted();
    const inadmissible = await batch({ ids: [third.id], admissible: false, reason: 'late', comment: 'Reçue après la clôture.' });
    expect(inadmissible.status).toBe(200);
    expect(await t.sql<{ subject: string }>("SELECT subject FROM outbox_mail WHERE kind = 'inadmissibility' AND subject LIKE '%' || $1", [third.reference]))
      .toEqual([{ subject: `Candidature irrecevable — ${third.reference}` }]);
  });
});
