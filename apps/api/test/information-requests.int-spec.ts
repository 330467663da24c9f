import type { ApplicationVersionView, ApplicationView, CallSummaryView } from '@tremplin/contracts';
import { balancedYear, openCall, readyDraft, submit } from './support/application-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

describe('information requests and resubmission', () => {
  let t: TestApp;
  let a1: string;
  let admin: string;
  let call: CallSummaryView;
  beforeAll(async () => {
    t = await startTestApp();
    a1 = await t.login(DEMO.association1);
    admin = await t.login(DEMO.admin);
    call = await openCall(t);
  });
  afterAll(() => t.close());

  const dueDate = '2099-06-30';
  const ask = (id: string, token = admin, body: object = { message: 'Merci de détailler les frais de personnel de la deuxième année.', dueDate }) =>
    t.http.post(`/api/applications/${id}/information-requests`).set(bearer(token)).send(body);

  it('asks, the association edits and resubmits: version 2, same reference, diff visible to staff', async () => {
    const v1 = await submit(t, a1, await readyDraft(t, a1, DEMO.association1, call));
    // A second member of the organisation is told as well.
    await t.sql(
      `INSERT INTO app_user (email, full_name, password_hash, role, organization_id, active, email_verified_at)
       SELECT 'tresorier@demo.tremplin.fr', 'Trésorier', password_hash, 'association', organization_id, true, now() FROM app_user WHERE email = $1`,
      [DEMO.association1],
    );

    const res = await ask(v1.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'information_requested', version: v1.version + 1 });
    const [request] = await t.sql<{ id: string; due_date: string; answered_at: Date | null; message: string }>(
      "SELECT id, to_char(due_date, 'YYYY-MM-DD') AS due_date, answered_at, message FROM information_request WHERE application_id = $1", [v1.id],
    );
    expect(request).toMatchObject({ due_date: dueDate, answered_at: null, message: 'Merci de détailler les frais de personnel de la deuxième année.' });
    const mails = await t.sql<{ to_address: string; subject: string; text_body: string }>(
      "SELECT to_address, subject, text_body FROM outbox_mail WHERE kind = 'information-request' ORDER BY to_address",
    );
    expect(mails.map((m) => m.to_address)).toEqual([DEMO.association1, 'tresorier@demo.tremplin.fr']);
    expect(mails[0]?.subject).toBe(`Demande de compléments — candidature ${v1.reference}`);
    expect(mails[0]?.text_body).toContain('Merci de détailler les frais de personnel');
    expect(mails[0]?.text_body).toContain('30/06/2099');
    const audit = await t.sql<{ actor_email: string }>("SELECT actor_email FROM audit_event WHERE entity_id = $1 AND action = 'application.information-requested'", [v1.id]);
    expect(audit).toEqual([{ actor_email: DEMO.admin }]);

    // The association sees the request and may edit again (the axis stays).
    const seen = (await t.http.get(`/api/applications/${v1.id}`).set(bearer(a1))).body as ApplicationView;
    expect(seen.openInformationRequest).toMatchObject({ id: request?.id, dueDate, message: request?.message });
    expect(seen.allowedActions).toEqual(['edit', 'resubmit', 'withdraw']);
    expect(seen.missing).toEqual([]);
    const axis = await t.http.patch(`/api/applications/${v1.id}`).set(bearer(a1)).send({ version: seen.version, axisCode: 'INNOVATION' });
    expect(axis.status).toBe(400);
    expect(axis.body.details[0]).toMatchObject({ field: 'axisCode', code: 'AXIS_LOCKED' });
    const year2 = balancedYear(call.years[1] ?? 0);
    year2.charges.c64 += 100_000;
    year2.products.p74Region += 100_000;
    const edited = await t.http.patch(`/api/applications/${v1.id}`).set(bearer(a1)).send({
      version: seen.version,
      project: { ...seen.project, objectives: 'Objectifs précisés : 150 allocataires par an.' },
      budget: [seen.budget[0], year2, seen.budget[2]],
    });
    expect(edited.status).toBe(200);

    // Until resubmitted, staff still see the frozen version 1 in the receipt; the versions list has one entry.
    expect(((await t.http.get(`/api/applications/${v1.id}/versions`).set(bearer(admin))).body as ApplicationVersionView[]).length).toBe(1);

    const v2 = await submit(t, a1, edited.body as ApplicationView);
    expect(v2).toMatchObject({ status: 'submitted', submittedVersion: 2, reference: v1.reference, submittedAt: v1.submittedAt, openInformationRequest: null });
    const [answered] = await t.sql<{ answered_at: Date | null }>('SELECT answered_at FROM information_request WHERE id = $1', [request?.id]);
    expect(answered?.answered_at).toBeInstanceOf(Date);
    const acknowledgements = await t.sql<{ text_body: string }>("SELECT text_body FROM outbox_mail WHERE kind = 'acknowledgement' AND text_body LIKE '%' || $1 || '%' ORDER BY created_at", [v1.reference]);
    expect(acknowledgements).toHaveLength(2);
    expect(acknowledgements[1]?.text_body).toContain('version n° 2');
    const actions = await t.sql<{ action: string }>('SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq', [v1.id]);
    expect(actions.map((a) => a.action)).toEqual([
      'application.created', 'application.updated', 'application.submitted', 'application.information-requested',
      'application.updated', 'application.resubmitted',
    ]);

    const versions = await t.http.get(`/api/applications/${v1.id}/versions`).set(bearer(admin));
    expect(versions.status).toBe(200);
    const list = versions.body as ApplicationVersionView[];
    expect(list.map((v) => v.versionNo)).toEqual([1, 2]);
    expect(list[0]?.changes).toEqual({});
    expect(list[1]?.changes).toEqual({
      'project.objectives': { before: 'Rétablir le lien avec 120 allocataires par an.', after: 'Objectifs précisés : 150 allocataires par an.' },
      'budget[1].charges.c64': { before: 3_000_000, after: 3_100_000 },
      'budget[1].products.p74Region': { before: 0, after: 100_000 },
    });
    const frozen = await t.sql<{ version_no: number; title: string }>("SELECT version_no, snapshot->'project'->>'objectives' AS title FROM application_version WHERE application_id = $1 ORDER BY version_no", [v1.id]);
    expect(frozen.map((f) => f.title)).toEqual(['Rétablir le lien avec 120 allocataires par an.', 'Objectifs précisés : 150 allocataires par an.']);
    // Finance reads versions too; an association does not (404: a staff view).
    expect((await t.http.get(`/api/applications/${v1.id}/versions`).set(bearer(await t.login(DEMO.finance)))).status).toBe(200);
    expect((await t.http.get(`/api/applications/${v1.id}/versions`).set(bearer(a1))).status).toBe(404);
  });

  it('is refused by the lifecycle (409), to roles without the permission (403), on drafts (404) and with a past due date (400)', async () => {
    const submitted = await submit(t, a1, await readyDraft(t, a1, DEMO.association1, call));
    expect((await ask(submitted.id)).status).toBe(201);
    const twice = await ask(submitted.id);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ILLEGAL_TRANSITION');
    expect((await ask(submitted.id, await t.login(DEMO.finance))).status).toBe(403);
    expect((await ask(submitted.id, a1)).status).toBe(403);
    // Reviewers may ask about applications assigned to them; there are no assignments yet.
    expect((await ask(submitted.id, await t.login(DEMO.reviewer))).status).toBe(404);

    const draft = await readyDraft(t, a1, DEMO.association1, call);
    expect((await ask(draft.id)).status).toBe(404);

    const other = await submit(t, a1, draft);
    const past = await ask(other.id, admin, { message: 'Merci de préciser.', dueDate: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(past.body.details[0]).toMatchObject({ field: 'dueDate', code: 'DUE_DATE_PAST' });
    const nul = await ask(other.id, admin, { message: 'Merci\u0000 de préciser.', dueDate });
    expect(nul.status).toBe(400);
    expect(nul.body.details[0]).toMatchObject({ field: 'message', code: 'TEXT_INVALID_CHARACTER' });
    const withdrawn = await t.http.post(`/api/applications/${other.id}/withdraw`).set(bearer(a1)).send({ version: other.version });
    expect(withdrawn.status).toBe(200);
    expect((await ask(other.id)).status).toBe(409);
    expect((await t.sql('SELECT 1 FROM information_request WHERE application_id = $1', [other.id])).length).toBe(0);
  });
});
