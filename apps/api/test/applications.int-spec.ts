import type { ApplicationSummaryView, ApplicationView, CallSummaryView, Page } from '@tremplin/contracts';
import {
  attachRequiredDocuments, balancedYear, completeContent, createDraft, openCall, pdfText, readyDraft, submit,
} from './support/application-fixtures';
import { emptyBudgetYear } from '@tremplin/domain';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

const REFERENCE = /^AAP\d{4}-[A-Z]{3}-\d{6}$/;
const paris = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

describe('applications: drafts, submission, receipt', () => {
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

  it('creates a draft on one axis of the open call, listing what submission still needs', async () => {
    const res = await t.http.post('/api/applications').set(bearer(a1)).send({ callId: call.id, axisCode: 'MEDIATION', title: 'Médiation de proximité' });
    expect(res.status).toBe(201);
    const view = res.body as ApplicationView;
    expect(view).toMatchObject({ status: 'draft', reference: null, version: 1, submittedVersion: 0, axisCode: 'MEDIATION', callCode: call.code, requestedCents: 0 });
    expect(view.budget.map((b) => b.year)).toEqual(call.years);
    expect(view.callYears).toEqual(call.years);
    expect(view.allowedActions).toEqual(['edit', 'submit', 'withdraw']);
    expect(view.missing.map((m) => m.field)).toEqual(expect.arrayContaining(['summary', 'project.objectives', 'documents.statutes', 'declaration']));
    const audit = await t.sql('SELECT action, actor_email FROM audit_event WHERE entity_id = $1', [view.id]);
    expect(audit).toEqual([{ action: 'application.created', actor_email: DEMO.association1 }]);
  });

  it('refuses a closed call (409 naming its dates), an unknown axis or call (400), and staff (403)', async () => {
    const calls = (await t.http.get('/api/calls')).body as CallSummaryView[];
    const closed = calls.find((c) => c.code === 'AAP-NORD-2016');
    const res = await t.http.post('/api/applications').set(bearer(a1)).send({ callId: closed?.id, axisCode: 'MEDIATION', title: 'Trop tard' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CALL_NOT_OPEN');
    expect(res.body.message).toContain('18 mars 2016 à 12:00');
    const axis = await t.http.post('/api/applications').set(bearer(a1)).send({ callId: call.id, axisCode: 'NOPE', title: 'x' });
    expect(axis.status).toBe(400);
    expect(axis.body.details).toEqual([expect.objectContaining({ field: 'axisCode', code: 'AXIS_UNKNOWN' })]);
    const unknownCall = await t.http.post('/api/applications').set(bearer(a1)).send({ callId: '4a1f0f7e-1111-4222-8333-444455556666', axisCode: 'MEDIATION', title: 'x' });
    expect(unknownCall.status).toBe(400);
    expect(unknownCall.body.details[0].field).toBe('callId');
    expect((await t.http.post('/api/applications').set(bearer(admin)).send({ callId: call.id, axisCode: 'MEDIATION', title: 'x' })).status).toBe(403);
  });

  it('lists every missing item at once in one 400, and refuses an unbalanced year naming the year and field', async () => {
    const draft = await createDraft(t, a1, call.id);
    const incomplete = await t.http.post(`/api/applications/${draft.id}/submit`).set(bearer(a1)).send({ version: draft.version });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.code).toBe('APPLICATION_INCOMPLETE');
    const fields = (incomplete.body.details as Array<{ field: string; code: string }>).map((d) => `${d.field}:${d.code}`);
    expect(fields).toEqual(expect.arrayContaining([
      'summary:REQUIRED', 'project.objectives:REQUIRED', 'project.activities:REQUIRED', 'project.rsaBeneficiariesPerYear:REQUIRED_PER_YEAR',
      'project.territories:REQUIRED', 'project.startDate:REQUIRED', 'project.indicators:INDICATOR_REQUIRED',
      'budget[0]:BUDGET_YEAR_EMPTY', 'budget[1]:BUDGET_YEAR_EMPTY', 'budget[2]:BUDGET_YEAR_EMPTY',
      'budget[0].products.p74Departement:BUDGET_YEAR_NO_REQUEST', 'budget[1].products.p74Departement:BUDGET_YEAR_NO_REQUEST',
      'budget[2].products.p74Departement:BUDGET_YEAR_NO_REQUEST',
      'documents.statutes:DOCUMENT_MISSING', 'documents.officers:DOCUMENT_MISSING', 'documents.bank_details:DOCUMENT_MISSING',
      'documents.activity_report:DOCUMENT_MISSING', 'documents.accounts:DOCUMENT_MISSING', 'documents.budget:DOCUMENT_MISSING', 'declaration:DECLARATION_INCOMPLETE',
    ]));
    expect(fields).toHaveLength(20);
    expect(incomplete.body.details.find((d: { field: string }) => d.field === 'documents.statutes').message).toBe('Pièce obligatoire manquante : statuts.');
    expect((await t.sql('SELECT status FROM application WHERE id = $1', [draft.id]))[0]).toEqual({ status: 'draft' });

    const content = completeContent(call.years);
    const [y0, y1, y2] = call.years as [number, number, number];
    const unbalanced = balancedYear(y1);
    unbalanced.charges.c64 += 12_345; // 123,45 € of charges not covered
    const saved = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1))
      .send({ version: draft.version, ...content, budget: [balancedYear(y0), unbalanced, balancedYear(y2)] });
    expect(saved.status).toBe(200); // a draft may be unbalanced
    await attachRequiredDocuments(t, draft.id, DEMO.association1);
    const res = await t.http.post(`/api/applications/${draft.id}/submit`).set(bearer(a1)).set('Accept-Language', 'fr').send({ version: saved.body.version });
    expect(res.status).toBe(400);
    expect(res.body.details).toHaveLength(1);
    const detail = res.body.details[0];
    expect(detail).toMatchObject({ field: 'budget[1]', code: 'BUDGET_YEAR_UNBALANCED' });
    expect(detail.message.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      `Budget ${y1} non équilibré : charges 35 123,45 €, produits 35 000,00 € (écart -123,45 €). Les charges doivent égaler les produits.`,
    );
  });

  it('refuses a year whose budget is all zeros (it « balances » at 0,00 €) or asks nothing, naming the year', async () => {
    const [y0, y1, y2] = call.years as [number, number, number];
    const draft = await createDraft(t, a1, call.id);
    const emptyYear = emptyBudgetYear(y1);
    const saved = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1))
      .send({ version: draft.version, ...completeContent(call.years), budget: [balancedYear(y0), emptyYear, balancedYear(y2, 0)] });
    expect(saved.status).toBe(200);
    await attachRequiredDocuments(t, draft.id, DEMO.association1);
    const res = await t.http.post(`/api/applications/${draft.id}/submit`).set(bearer(a1)).set('Accept-Language', 'fr').send({ version: saved.body.version });
    expect(res.status).toBe(400);
    expect((res.body.details as Array<{ field: string; code: string; message: string }>).map((d) => [d.field, d.code, d.message])).toEqual([
      ['budget[1]', 'BUDGET_YEAR_EMPTY', `Budget ${y1} vide : chaque année du projet a son budget (charges et produits).`],
      ['budget[1].products.p74Departement', 'BUDGET_YEAR_NO_REQUEST', `Budget ${y1} : indiquez le montant demandé au Département (compte 74).`],
      ['budget[2].products.p74Departement', 'BUDGET_YEAR_NO_REQUEST', `Budget ${y2} : indiquez le montant demandé au Département (compte 74).`],
    ]);
    expect((await t.sql('SELECT status FROM application WHERE id = $1', [draft.id]))[0]).toEqual({ status: 'draft' });
  });

  it('checks budget amounts in a draft with field paths, and never stores a bad one', async () => {
    const draft = await createDraft(t, a1, call.id);
    const [y0] = call.years as [number];
    const negative = balancedYear(y0);
    negative.charges.c64 = -1;
    const fractional = balancedYear(y0 + 1) as unknown as { charges: Record<string, number> };
    fractional.charges['c61'] = 10.5;
    const res = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1)).send({ version: 1, budget: [negative, fractional] });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['budget[0].charges.c64', 'budget[1].charges.c61']));
    const outside = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1)).send({ version: 1, budget: [balancedYear(1999 + 100), balancedYear(y0), balancedYear(y0)] });
    expect(outside.status).toBe(400);
    expect(outside.body.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual(['budget[2].year:BUDGET_YEAR_DUPLICATE', 'budget[0].year:BUDGET_YEAR_UNKNOWN']);
    const huge = balancedYear(y0);
    huge.charges.c60 = Number.MAX_SAFE_INTEGER;
    huge.charges.c61 = Number.MAX_SAFE_INTEGER;
    const tooLarge = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1)).send({ version: 1, budget: [huge] });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.details[0]).toMatchObject({ field: 'budget[0]', code: 'BUDGET_TOTAL_TOO_LARGE' });
    expect((await t.sql<{ version: number }>('SELECT version FROM application WHERE id = $1', [draft.id]))[0]?.version).toBe(1);
  });

  it('refuses a stale version with 409 and changes nothing; on success the version moves on and parts merge', async () => {
    const draft = await createDraft(t, a1, call.id, 'INNOVATION', 'Titre initial');
    const first = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1)).send({ version: 1, summary: 'Résumé 1', budget: [balancedYear(call.years[0] ?? 0, 1_000_000)] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, title: 'Titre initial', summary: 'Résumé 1', requestedCents: 1_000_000 });
    const before = await t.sql('SELECT * FROM application WHERE id = $1', [draft.id]);
    const stale = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1)).send({ version: 1, title: 'Écrasé ?', summary: 'Perdu ?' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect(await t.sql('SELECT * FROM application WHERE id = $1', [draft.id])).toEqual(before);
    const audits = await t.sql<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'application.updated'", [draft.id]);
    expect(audits[0]?.n).toBe(1);

    const second = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1))
      .send({ version: 2, project: { objectives: 'Objectifs', territories: ['DOUAISIS', 'AVESNOIS'] }, axisCode: 'FREINS' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: 3, summary: 'Résumé 1', axisCode: 'FREINS', territories: ['DOUAISIS', 'AVESNOIS'], requestedCents: 1_000_000 });
    expect(second.body.project).toMatchObject({ objectives: 'Objectifs', activities: '', partners: [], startDate: null });
    const [diff] = await t.sql<{ diff: Record<string, unknown> }>(
      "SELECT diff FROM audit_event WHERE entity_id = $1 AND action = 'application.updated' ORDER BY seq DESC LIMIT 1", [draft.id],
    );
    expect(Object.keys(diff?.diff ?? {}).sort()).toEqual(['axisCode', 'project.objectives', 'project.territories[0]', 'project.territories[1]', 'version']);
  });

  it('submits: reference, frozen version, locked call structure, acknowledgement mail, audit — then the draft is frozen', async () => {
    const ready = await readyDraft(t, a1, DEMO.association1, call, { title: 'Projet déposé' });
    expect(ready.missing).toEqual([]);
    await t.sql('UPDATE call SET structure_locked_at = NULL WHERE id = $1', [call.id]); // as before any submission

    const submitted = await submit(t, a1, ready);
    expect(submitted).toMatchObject({ status: 'submitted', submittedVersion: 1, version: ready.version + 1, requestedCents: 7_500_000 });
    expect(submitted.reference).toMatch(REFERENCE);
    expect(submitted.reference).toMatch(new RegExp(`^AAP${call.years[0]}-MED-\\d{6}$`));
    expect(submitted.allowedActions).toEqual(['withdraw']);
    expect(submitted.submittedAt).not.toBeNull();

    const versions = await t.sql<{ version_no: number; snapshot: Record<string, unknown>; submitted_by: string }>(
      'SELECT version_no, snapshot, submitted_by FROM application_version WHERE application_id = $1', [ready.id],
    );
    expect(versions).toHaveLength(1);
    expect(versions[0]?.snapshot).toMatchObject({ reference: submitted.reference, title: 'Projet déposé', axisCode: 'MEDIATION', versionNo: 1 });
    expect((versions[0]?.snapshot['documents'] as unknown[]).length).toBe(6);
    expect(versions[0]?.snapshot['organization']).toMatchObject({ legalName: submitted.organizationName });

    const [callAfter] = await t.sql<{ structure_locked_at: Date | null }>('SELECT structure_locked_at FROM call WHERE id = $1', [call.id]);
    expect(callAfter?.structure_locked_at?.toISOString()).toBe(submitted.submittedAt);

    const mails = await t.sql<{ to_address: string; subject: string; text_body: string }>(
      "SELECT to_address, subject, text_body FROM outbox_mail WHERE kind = 'acknowledgement' AND text_body LIKE '%' || $1 || '%'", [submitted.reference],
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to_address).toBe(DEMO.association1);
    expect(mails[0]?.subject).toContain(submitted.reference);
    expect(mails[0]?.text_body).toContain(`Déposée le : ${paris(submitted.submittedAt ?? '', 'fr-FR')} (heure de Paris)`);
    expect(mails[0]?.text_body.replace(/[\u00a0\u202f]/g, ' ')).toContain('Montant demandé : 75 000,00 €');

    const audit = await t.sql<{ action: string }>('SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq', [ready.id]);
    expect(audit.map((a) => a.action)).toEqual(['application.created', 'application.updated', 'application.submitted']);

    const edit = await t.http.patch(`/api/applications/${ready.id}`).set(bearer(a1)).send({ version: submitted.version, title: 'Changé après dépôt' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('APPLICATION_NOT_EDITABLE');
    const again = await t.http.post(`/api/applications/${ready.id}/submit`).set(bearer(a1)).send({ version: submitted.version });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');

    // The call's structure is frozen from now on.
    const full = await t.http.get(`/api/calls/${call.id}`);
    expect(full.body.structureLocked).toBe(true);

    // Staff now see it.
    const asAdmin = await t.http.get(`/api/applications/${ready.id}`).set(bearer(admin));
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.allowedActions).toEqual(['request_information', 'declare_admissible', 'declare_inadmissible']);
  });

  it('serves a PDF receipt of the submitted version (409 for a draft)', async () => {
    const submitted = await submit(t, a1, await readyDraft(t, a1, DEMO.association1, call, { axisCode: 'ACCOMPAGNEMENT', title: 'Accompagnement renforcé' }));
    const res = await t.http.get(`/api/applications/${submitted.id}/receipt`).set(bearer(a1)).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="accuse-reception-${submitted.reference}.pdf"`);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain(`Référence : ${submitted.reference}`);
    expect(text).toContain('Accusé de réception');
    expect(text).toContain('Accompagnement renforcé');
    expect(text).toContain(`Déposée le : ${paris(submitted.submittedAt ?? '', 'fr-FR')} (heure de Paris)`);
    expect(text).toContain('Total : 75 000,00');
    expect(text).toMatch(/[0-9a-f]{64}/);
    expect(text).toContain('ne préjuge pas');
    expect((await t.http.get(`/api/applications/${submitted.id}/receipt`).set(bearer(admin))).status).toBe(200);

    const draft = await createDraft(t, a1, call.id);
    const refused = await t.http.get(`/api/applications/${draft.id}/receipt`).set(bearer(a1));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('APPLICATION_NOT_SUBMITTED');
  });

  it('numbers references per call without gaps, even under concurrent submissions', async () => {
    const drafts = await Promise.all([0, 1, 2, 3, 4].map((i) => readyDraft(t, a1, DEMO.association1, call, { axisCode: 'REMOBILISATION', title: `Concurrent ${i}` })));
    const results = await Promise.all(drafts.map((d) => t.http.post(`/api/applications/${d.id}/submit`).set(bearer(a1)).send({ version: d.version })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const [counter] = await t.sql<{ last_number: number }>('SELECT last_number FROM application_reference_counter WHERE call_id = $1', [call.id]);
    const numbers = (await t.sql<{ reference: string }>('SELECT reference FROM application WHERE call_id = $1 AND reference IS NOT NULL', [call.id]))
      .map((r) => Number(r.reference.slice(-6)))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: counter?.last_number ?? 0 }, (_, i) => i + 1));
    expect(results.every((r) => /^AAP\d{4}-REM-\d{6}$/.test(r.body.reference))).toBe(true);
  });

  it('refuses submission after the deadline by the server clock (409 naming it in French and English)', async () => {
    const ready = await readyDraft(t, a1, DEMO.association1, call);
    const [before] = await t.sql<{ opens_at: Date; closes_at: Date }>('SELECT opens_at, closes_at FROM call WHERE id = $1', [call.id]);
    const deadline = '2020-03-18T11:00:00.000Z';
    await t.sql("UPDATE call SET opens_at = '2020-01-15T08:00:00Z', closes_at = $2 WHERE id = $1", [call.id, deadline]);
    try {
      const fr = await t.http.post(`/api/applications/${ready.id}/submit`).set(bearer(a1)).set('Accept-Language', 'fr').send({ version: ready.version });
      expect(fr.status).toBe(409);
      expect(fr.body.code).toBe('SUBMISSION_CLOSED');
      expect(fr.body.message).toContain('18 mars 2020 à 12:00 (heure de Paris)');
      const en = await t.http.post(`/api/applications/${ready.id}/submit`).set(bearer(a1)).set('Accept-Language', 'en').send({ version: ready.version });
      expect(en.body.message).toContain('18 March 2020 at 12:00 (Paris time)');
      const view = await t.http.get(`/api/applications/${ready.id}`).set(bearer(a1));
      expect(view.body.status).toBe('draft');
      expect(view.body.allowedActions).not.toContain('submit');
      expect(view.body.callClosesAt).toBe(deadline);
      expect((await t.sql('SELECT 1 FROM application_version WHERE application_id = $1', [ready.id])).length).toBe(0);
    } finally {
      await t.sql('UPDATE call SET opens_at = $2, closes_at = $3 WHERE id = $1', [call.id, before?.opens_at, before?.closes_at]);
    }
  });

  it('refuses submission by an account whose email is not verified (409), though it may prepare', async () => {
    const ready = await readyDraft(t, a1, DEMO.association1, call);
    await t.sql('UPDATE app_user SET email_verified_at = NULL WHERE email = $1', [DEMO.association1]);
    try {
      const res = await t.http.post(`/api/applications/${ready.id}/submit`).set(bearer(a1)).send({ version: ready.version });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('EMAIL_NOT_VERIFIED');
    } finally {
      await t.sql('UPDATE app_user SET email_verified_at = now() WHERE email = $1', [DEMO.association1]);
    }
    expect((await t.http.post(`/api/applications/${ready.id}/submit`).set(bearer(a1)).send({ version: ready.version })).status).toBe(200);
  });

  it('withdraws once; withdrawing again is a 409', async () => {
    const submitted = await submit(t, a1, await readyDraft(t, a1, DEMO.association1, call));
    const res = await t.http.post(`/api/applications/${submitted.id}/withdraw`).set(bearer(a1)).send({ version: submitted.version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', version: submitted.version + 1, allowedActions: [] });
    const again = await t.http.post(`/api/applications/${submitted.id}/withdraw`).set(bearer(a1)).send({ version: res.body.version });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    const stale = await t.http.post(`/api/applications/${submitted.id}/withdraw`).set(bearer(a1)).send({ version: submitted.version });
    expect(stale.status).toBe(409);
    const [row] = await t.sql<{ withdrawn_at: Date | null }>('SELECT withdrawn_at FROM application WHERE id = $1', [submitted.id]);
    expect(row?.withdrawn_at).toBeInstanceOf(Date);
    const draft = await createDraft(t, a1, call.id);
    expect((await t.http.post(`/api/applications/${draft.id}/withdraw`).set(bearer(a1)).send({ version: 1 })).body.status).toBe('withdrawn');
  });

  it("answers 404 to another organisation on every route, and keeps the application out of its list", async () => {
    const submitted = await submit(t, a1, await readyDraft(t, a1, DEMO.association1, call));
    const draft = await createDraft(t, a1, call.id);
    for (const app of [submitted, draft]) {
      const url = `/api/applications/${app.id}`;
      const answers = [
        await t.http.get(url).set(bearer(a2)),
        await t.http.patch(url).set(bearer(a2)).send({ version: app.version, title: 'Piraté' }),
        await t.http.post(`${url}/submit`).set(bearer(a2)).send({ version: app.version }),
        await t.http.post(`${url}/withdraw`).set(bearer(a2)).send({ version: app.version }),
        await t.http.get(`${url}/receipt`).set(bearer(a2)),
        await t.http.get(`${url}/versions`).set(bearer(a2)),
      ];
      expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
      expect(answers.every((r) => r.body.code === 'NOT_FOUND')).toBe(true);
    }
    const list = await t.http.get('/api/applications').set(bearer(a2)).query({ pageSize: '100' });
    expect(list.status).toBe(200);
    const ids = (list.body as Page<ApplicationSummaryView>).items.map((i) => i.id);
    expect(ids).not.toContain(submitted.id);
    expect(ids).not.toContain(draft.id);
    const [org2] = await t.sql<{ organization_id: string }>('SELECT organization_id FROM app_user WHERE email = $1', [DEMO.association2]);
    expect((list.body as Page<ApplicationSummaryView>).items.every((i) => i.organizationId === org2?.organization_id)).toBe(true);
    // The association's own: its drafts included; versions are a staff view.
    const own = await t.http.get('/api/applications').set(bearer(a1)).query({ callId: call.id, status: 'draft', pageSize: '100' });
    expect(own.body.items.map((i: ApplicationSummaryView) => i.id)).toContain(draft.id);
    expect((await t.http.get(`/api/applications/${submitted.id}/versions`).set(bearer(a1))).status).toBe(404);
    expect((await t.http.get(`/api/applications/${draft.id}`).set(bearer(admin))).status).toBe(404);
  });

  it('answers 404 (never 500) for unknown or malformed ids', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const token of [a1, admin]) {
      expect((await t.http.get(`/api/applications/${unknown}`).set(bearer(token))).status).toBe(404);
      expect((await t.http.get(`/api/applications/${unknown}/versions`).set(bearer(token))).status).toBe(404);
      expect((await t.http.get(`/api/applications/${unknown}/receipt`).set(bearer(token))).status).toBe(404);
      expect((await t.http.get('/api/applications/not-a-uuid').set(bearer(token))).status).toBe(404);
    }
    expect((await t.http.patch(`/api/applications/${unknown}`).set(bearer(a1)).send({ version: 1 })).status).toBe(404);
    expect((await t.http.post(`/api/applications/${unknown}/information-requests`).set(bearer(admin)).send({ message: 'Merci de préciser.', dueDate: '2099-01-01' })).status).toBe(404);
  });
});

describe('applications: the staff list', () => {
  let t: TestApp;
  let a1: string;
  let a2: string;
  let call: CallSummaryView;
  const submitted: ApplicationView[] = [];
  let draftId = '';
  beforeAll(async () => {
    t = await startTestApp();
    a1 = await t.login(DEMO.association1);
    a2 = await t.login(DEMO.association2);
    call = await openCall(t);
    const specs = [
      { token: a1, email: DEMO.association1, axisCode: 'MEDIATION', title: 'Jardin partagé 100% solidaire', territories: ['METROPOLE_LILLE'], requested: 1_000_000 },
      { token: a1, email: DEMO.association1, axisCode: 'FREINS', title: 'Garage solidaire', territories: ['DOUAISIS', 'CAMBRESIS'], requested: 3_000_000 },
      { token: a2, email: DEMO.association2, axisCode: 'FREINS', title: 'Auto-école sociale', territories: ['CAMBRESIS'], requested: 2_000_000 },
      { token: a2, email: DEMO.association2, axisCode: 'INNOVATION', title: 'Laboratoire numérique', territories: ['AVESNOIS'], requested: 500_000 },
    ];
    for (const s of specs) {
      const overrides = {
        project: { ...completeContent(call.years).project, territories: s.territories },
        budget: call.years.map((y) => balancedYear(y, s.requested)),
      };
      submitted.push(await submit(t, s.token, await readyDraft(t, s.token, s.email, call, { axisCode: s.axisCode, title: s.title, overrides })));
    }
    draftId = (await createDraft(t, a1, call.id, 'FREINS', 'Garage solidaire (brouillon)')).id;
  });
  afterAll(() => t.close());

  const list = async (token: string, query: Record<string, string>) => {
    const res = await t.http.get('/api/applications').set(bearer(token)).query(query);
    expect(res.status).toBe(200);
    return res.body as Page<ApplicationSummaryView>;
  };
  const titles = (page: Page<ApplicationSummaryView>) => page.items.map((i) => i.title).sort();

  it('shows admins and finance the submitted applications only, never drafts; reviewers only what they accepted to review', async () => {
    const admin = await t.login(DEMO.admin);
    const page = await list(admin, { callId: call.id, pageSize: '100' });
    expect(titles(page)).toEqual(['Auto-école sociale', 'Garage solidaire', 'Jardin partagé 100% solidaire', 'Laboratoire numérique']);
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.id)).not.toContain(draftId);
    const [counted] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM application WHERE submitted_version > 0');
    expect((await list(admin, {})).total).toBe(counted?.n);
    const first = page.items.find((i) => i.title === 'Garage solidaire');
    expect(first).toMatchObject({ callCode: call.code, axisCode: 'FREINS', status: 'submitted', requestedCents: 9_000_000, territories: ['DOUAISIS', 'CAMBRESIS'], unreadMessages: 0 });
    expect(first?.reference).toMatch(REFERENCE);
    expect(first?.organizationName).toBeTruthy();

    expect((await list(await t.login(DEMO.finance), { callId: call.id })).total).toBe(4);
    // A reviewer sees exactly the applications whose assignment they accepted (the demo's), none of this call's.
    const reviewerToken = await t.login(DEMO.reviewer);
    const accepted = await t.sql<{ id: string }>(
      `SELECT ra.application_id AS id FROM review_assignment ra JOIN app_user u ON u.id = ra.reviewer_id WHERE u.email = $1 AND ra.status = 'accepted'`,
      [DEMO.reviewer],
    );
    expect(accepted.length).toBeGreaterThan(0);
    const reviewer = await list(reviewerToken, { pageSize: '100' });
    expect(reviewer.total).toBe(accepted.length);
    const acceptedIds = new Set(accepted.map((a) => a.id));
    expect(reviewer.items.filter((i) => !acceptedIds.has(i.id))).toEqual([]);
    expect(await list(reviewerToken, { callId: call.id })).toMatchObject({ total: 0, items: [] });
  });

  it('filters by axis, status (comma list), territory and text (title, reference, organisation name; % is literal)', async () => {
    const admin = await t.login(DEMO.admin);
    expect(titles(await list(admin, { callId: call.id, axisCode: 'FREINS' }))).toEqual(['Auto-école sociale', 'Garage solidaire']);
    expect(titles(await list(admin, { callId: call.id, territory: 'CAMBRESIS' }))).toEqual(['Auto-école sociale', 'Garage solidaire']);
    expect(titles(await list(admin, { callId: call.id, territory: 'AVESNOIS', axisCode: 'INNOVATION' }))).toEqual(['Laboratoire numérique']);
    expect((await list(admin, { callId: call.id, status: 'submitted,information_requested' })).total).toBe(4);
    expect((await list(admin, { callId: call.id, status: 'draft' })).total).toBe(0);
    expect(titles(await list(admin, { callId: call.id, q: 'GARAGE' }))).toEqual(['Garage solidaire']);
    expect(titles(await list(admin, { callId: call.id, q: '100%' }))).toEqual(['Jardin partagé 100% solidaire']);
    expect((await list(admin, { callId: call.id, q: '%' })).total).toBe(1);
    expect((await list(admin, { callId: call.id, q: '_' })).total).toBe(0);
    const reference = submitted[3]?.reference ?? '';
    expect(titles(await list(admin, { q: reference.toLowerCase() }))).toEqual(['Laboratoire numérique']);
    const orgName = submitted[2]?.organizationName ?? '';
    expect(titles(await list(admin, { callId: call.id, q: orgName.toLowerCase() }))).toEqual(['Auto-école sociale', 'Laboratoire numérique']);
    const bad = await t.http.get('/api/applications').set(bearer(admin)).query({ status: 'submitted,bogus' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'status', code: 'STATUS_UNKNOWN' });
    expect((await t.http.get('/api/applications').set(bearer(admin)).query({ q: 'a\u0000b' })).status).toBe(400);
    expect((await t.http.get('/api/applications').set(bearer(admin)).query({ sort: 'password' })).status).toBe(400);
  });

  it('opens the seeded 2016 applications too: detail, versions and receipt', async () => {
    const admin = await t.login(DEMO.admin);
    const calls = (await t.http.get('/api/calls')).body as CallSummaryView[];
    const nord = calls.find((c) => c.code === 'AAP-NORD-2016');
    const page = await list(admin, { callId: nord?.id ?? '', sort: 'reference', direction: 'asc', pageSize: '5' });
    expect(page.total).toBeGreaterThan(0);
    const first = page.items[0];
    if (!first) return;
    const detail = await t.http.get(`/api/applications/${first.id}`).set(bearer(admin));
    expect(detail.status).toBe(200);
    expect(detail.body.budget.length).toBeGreaterThan(0);
    expect((await t.http.get(`/api/applications/${first.id}/versions`).set(bearer(admin))).status).toBe(200);
    const receipt = await t.http.get(`/api/applications/${first.id}/receipt`).set(bearer(admin)).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(receipt.status).toBe(200);
    expect(pdfText(receipt.body as Buffer)).toContain(first.reference ?? 'no reference');
  });

  it('sorts on the server (amount requested, organisation, title) and pages with a capped page size', async () => {
    const admin = await t.login(DEMO.admin);
    const byAmount = await list(admin, { callId: call.id, sort: 'requestedCents', direction: 'desc' });
    expect(byAmount.items.map((i) => i.requestedCents)).toEqual([9_000_000, 6_000_000, 3_000_000, 1_500_000]);
    const asc = await list(admin, { callId: call.id, sort: 'requestedCents', direction: 'asc', page: '2', pageSize: '3' });
    expect(asc).toMatchObject({ page: 2, pageSize: 3, total: 4 });
    expect(asc.items.map((i) => i.requestedCents)).toEqual([9_000_000]);
    const byTitle = await list(admin, { callId: call.id, sort: 'title', direction: 'asc' });
    expect(byTitle.items.map((i) => i.title)).toEqual([...byTitle.items.map((i) => i.title)].sort((a, b) => a.localeCompare(b, 'fr')));
    // The database's collation decides the order of names: ascending is exactly descending reversed, grouped by organisation.
    const byOrg = (await list(admin, { callId: call.id, sort: 'organization', direction: 'asc' })).items.map((i) => i.organizationName);
    const byOrgDesc = (await list(admin, { callId: call.id, sort: 'organization', direction: 'desc' })).items.map((i) => i.organizationName);
    expect(byOrg).toEqual([...byOrgDesc].reverse());
    expect(byOrg.filter((name, i) => name !== byOrg[i - 1])).toHaveLength(2);
    const capped = await list(admin, { pageSize: '999' });
    expect(capped.pageSize).toBe(100);
    expect(capped.items.length).toBeLessThanOrEqual(100);
  });
});
