import { randomUUID } from 'node:crypto';
import type { CommitteeSessionDetailView, DecisionView, PublishResult } from '@tremplin/contracts';
import { NORD_CRITERIA } from '../src/seed/nord-2016';
import { pdfText, userId } from './support/application-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * Committee decisions (issue #7 §7) on a call of their own, so that the ranking of each axis is
 * exactly the rows written here. MEDIATION allocations: 2030 = 100 000 €, 2031 = 80 000 €.
 */
describe('committee sessions, decisions, publication and letters', () => {
  let t: TestApp;
  let admin: string;
  let a1: string;
  let a2: string;
  let callId: string;

  const post = (path: string, body: object, token = admin) => t.http.post(path).set(bearer(token)).send(body);
  const get = (path: string, token = admin) => t.http.get(path).set(bearer(token));
  const openSession = (axisCode: string, token = admin) =>
    post(`/api/calls/${callId}/committee-sessions`, { axisCode, sitsOn: '2030-03-21', deliberationReference: 'CP 2030-03-21 n° 12' }, token);
  const decide = (id: string, body: object, token = admin) => post(`/api/applications/${id}/decision`, body, token);
  const publish = (sessionId: string) => post(`/api/calls/${callId}/decisions/publish`, { sessionId });
  /** The letter's text; pdfkit's Helvetica writes € as WinAnsi 0x80, which `pdfText` reads as Latin-1. */
  const letterText = (pdf: Buffer) => pdfText(pdf).replace(/\u0080/g, '€').replace(/\s+/g, ' ');
  const letter = (id: string, token: string) =>
    t.http.get(`/api/applications/${id}/decision-letter`).set(bearer(token)).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });

  /** A reviewed application of `email`'s organisation on our call, with its consolidated score and its request per year. */
  async function reviewed(email: string, axisCode: string, scoreHundredths: number, requested: [number, number], title: string): Promise<string> {
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO application (call_id, axis_id, organization_id, status, reference, title, submitted_version, submitted_at, created_by,
                                review_count, review_sum_hundredths, score_hundredths)
       SELECT $1, ax.id, u.organization_id, 'reviewed', $3, $4, 1, now(), u.id, 2, $5::int * 2, $5
         FROM app_user u, call_axis ax WHERE u.email = $2 AND ax.call_id = $1 AND ax.code = $6
       RETURNING id`,
      [callId, email, `2030-${axisCode.slice(0, 3)}-${randomUUID().slice(0, 6)}`, title, scoreHundredths, axisCode],
    );
    if (!row) throw new Error('no application inserted');
    await t.sql('INSERT INTO application_request (application_id, year, amount_cents) VALUES ($1, 2030, $2), ($1, 2031, $3)', [row.id, requested[0], requested[1]]);
    return row.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
    a1 = await t.login(DEMO.association1);
    a2 = await t.login(DEMO.association2);
    const res = await post('/api/calls', {
      code: 'AAP-COMITE-2030',
      title: 'Appel à projets comité 2030',
      description: 'Appel de test des décisions du comité.',
      opensAt: '2029-01-05T09:00:00.000Z',
      closesAt: '2029-03-01T11:00:00.000Z',
      years: [2030, 2031],
      envelopeCents: 28_000_000,
      axes: [
        { code: 'MEDIATION', labelFr: 'Médiation sociale', labelEn: 'Social mediation', description: 'Aller vers.' },
        { code: 'EMPLOI', labelFr: "Retour à l'emploi", labelEn: 'Back to work', description: 'Emploi.' },
      ],
      allocations: [
        { axisCode: 'MEDIATION', year: 2030, amountCents: 10_000_000 },
        { axisCode: 'MEDIATION', year: 2031, amountCents: 8_000_000 },
        { axisCode: 'EMPLOI', year: 2030, amountCents: 5_000_000 },
        { axisCode: 'EMPLOI', year: 2031, amountCents: 5_000_000 },
      ],
      criteria: NORD_CRITERIA,
      paymentRule: { advanceBasisPoints: 6000 },
      reviewersPerApplication: 2,
    });
    if (res.status !== 201) throw new Error(`call → ${res.status} ${JSON.stringify(res.body)}`);
    callId = res.body.id as string;
  });
  afterAll(() => t.close());

  it('opens one session per axis (409 when one is open), 400 naming an unknown axis, audited', async () => {
    const res = await openSession('MEDIATION');
    expect(res.status).toBe(201);
    const session = res.body as CommitteeSessionDetailView;
    expect(session).toMatchObject({
      callId, axisCode: 'MEDIATION', sitsOn: '2030-03-21', deliberationReference: 'CP 2030-03-21 n° 12', status: 'open', publishedAt: null,
      counts: { retained: 0, waitlisted: 0, rejected: 0 },
      projected: [
        { year: 2030, allocationCents: 10_000_000, publishedCents: 0, grantedCents: 0, remainingCents: 10_000_000 },
        { year: 2031, allocationCents: 8_000_000, publishedCents: 0, grantedCents: 0, remainingCents: 8_000_000 },
      ],
    });
    const again = await openSession('MEDIATION');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('COMMITTEE_SESSION_ALREADY_OPEN');
    expect(again.body.message).toContain('MEDIATION');
    const unknown = await openSession('CULTURE');
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'axisCode', code: 'AXIS_UNKNOWN' })]);
    const badDate = await post(`/api/calls/${callId}/committee-sessions`, { axisCode: 'EMPLOI', sitsOn: '2030-02-30', deliberationReference: 'CP' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.details[0]).toMatchObject({ field: 'sitsOn' });
    expect((await openSession('MEDIATION', a1)).status).toBe(403);
    expect((await post(`/api/calls/${randomUUID()}/committee-sessions`, { axisCode: 'MEDIATION', sitsOn: '2030-03-21', deliberationReference: 'CP 1' })).status).toBe(404);

    const audit = await t.sql<{ actor_email: string; diff: unknown }>("SELECT actor_email, diff FROM audit_event WHERE entity_id = $1 AND action = 'committee-session.opened'", [session.id]);
    expect(audit).toEqual([{
      actor_email: DEMO.admin,
      diff: {
        axisCode: { before: null, after: 'MEDIATION' }, deliberationReference: { before: null, after: 'CP 2030-03-21 n° 12' }, sitsOn: { before: null, after: '2030-03-21' },
      },
    }]);
    const list = await get(`/api/calls/${callId}/committee-sessions`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ id: session.id, axisCode: 'MEDIATION', status: 'open' })]);
    expect((await get(`/api/committee-sessions/${session.id}`)).body).toEqual(session);
  });

  describe('on the MEDIATION axis', () => {
    let sessionId: string;
    // Ranked by score: first and second fit both years (90 000 € / 70 000 €); the third passes 2030's 100 000 €.
    let first: string;
    let second: string;
    let third: string;
    let fourth: string;
    beforeAll(async () => {
      first = await reviewed(DEMO.association1, 'MEDIATION', 9000, [4_000_000, 3_000_000], 'Médiation de quartier');
      second = await reviewed(DEMO.association2, 'MEDIATION', 8000, [5_000_000, 4_000_000], 'Aller vers les allocataires');
      third = await reviewed(DEMO.association1, 'MEDIATION', 7000, [2_000_000, 1_000_000], 'Permanences rurales');
      fourth = await reviewed(DEMO.association2, 'MEDIATION', 6000, [500_000, 500_000], 'Ateliers numériques');
      const sessions = (await get(`/api/calls/${callId}/committee-sessions`)).body as Array<{ id: string; axisCode: string }>;
      sessionId = sessions.find((s) => s.axisCode === 'MEDIATION')?.id ?? '';
    });

    it('refuses a grant above the request (400 naming the field), nothing saved', async () => {
      const res = await decide(first, { outcome: 'retained', grants: [{ year: 2030, amountCents: 4_000_000 }, { year: 2031, amountCents: 3_000_001 }] });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{
        field: 'grants[1].amountCents', code: 'DECISION_GRANT_ABOVE_REQUEST',
        message: '2031 : le montant accordé ne peut pas dépasser le montant demandé (30\u202f000,00\u00a0€).',
      }]);
      const negative = await decide(first, { outcome: 'retained', grants: [{ year: 2030, amountCents: -5 }] });
      expect(negative.status).toBe(400);
      expect(negative.body.details[0]).toMatchObject({ field: 'grants[0].amountCents' });
      expect(await t.sql('SELECT 1 FROM committee_decision WHERE application_id = $1', [first])).toEqual([]);
    });

    it('records a decision; the same decision from stale data → 409 DECISION_STALE; staff see the simulation, the association nothing yet', async () => {
      const res = await decide(first, { outcome: 'retained', grants: [{ year: 2030, amountCents: 4_000_000 }, { year: 2031, amountCents: 2_500_000 }] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        applicationId: first, sessionId, outcome: 'retained', totalCents: 6_500_000, flagged: false, belowLine: false, rankAtDecision: 1, version: 1, publishedAt: null,
        grants: [{ year: 2030, amountCents: 4_000_000 }, { year: 2031, amountCents: 2_500_000 }],
      });
      // A second person, who also saw no decision, decides the other way.
      const stale = await decide(first, { outcome: 'waitlisted', waitlistRank: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('DECISION_STALE');
      const staleV = await decide(first, { outcome: 'waitlisted', waitlistRank: 1, version: 0 });
      expect(staleV.status).toBe(409);
      const [row] = await t.sql<{ outcome: string; version: number; decided_by: string }>(
        'SELECT d.outcome, d.version, u.email AS decided_by FROM committee_decision d JOIN app_user u ON u.id = d.decided_by WHERE application_id = $1', [first],
      );
      expect(row).toEqual({ outcome: 'retained', version: 1, decided_by: DEMO.admin });
      // With the version seen, the change goes through.
      const changed = await decide(first, { outcome: 'retained', grants: [{ year: 2030, amountCents: 4_000_000 }, { year: 2031, amountCents: 3_000_000 }], version: 1 });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ version: 2, totalCents: 7_000_000 });
      const audit = await t.sql<{ diff: unknown }>("SELECT diff FROM audit_event WHERE entity_id = $1 AND action = 'application.decision-recorded' ORDER BY seq", [first]);
      expect(audit).toEqual([
        { diff: { flagged: { before: null, after: false }, grants: { before: null, after: '2030:4000000,2031:2500000' }, outcome: { before: null, after: 'retained' } } },
        { diff: { grants: { before: '2030:4000000,2031:2500000', after: '2030:4000000,2031:3000000' } } },
      ]);

      expect((await get(`/api/applications/${first}/decision`)).body).toMatchObject({ outcome: 'retained', version: 2 });
      expect((await get(`/api/applications/${first}/decision`, a1)).status).toBe(404);
      expect((await letter(first, a1)).status).toBe(404);
      expect((await letter(first, admin)).status).toBe(404);
      const [status] = await t.sql<{ status: string }>('SELECT status FROM application WHERE id = $1', [first]);
      expect(status).toEqual({ status: 'reviewed' });
    });

    it('needs a written reason to retain below the line or reject above it, and flags it', async () => {
      const noReason = await decide(third, { outcome: 'retained', grants: [{ year: 2030, amountCents: 2_000_000 }, { year: 2031, amountCents: 1_000_000 }] });
      expect(noReason.status).toBe(400);
      expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'lineExceptionReason', code: 'DECISION_LINE_EXCEPTION_REQUIRED' })]);
      const res = await decide(third, {
        outcome: 'retained', grants: [{ year: 2030, amountCents: 2_000_000 }, { year: 2031, amountCents: 1_000_000 }],
        lineExceptionReason: 'Seule offre sur ce territoire rural.',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ flagged: true, belowLine: true, rankAtDecision: 3, lineExceptionReason: 'Seule offre sur ce territoire rural.' });
      const rejectAbove = await decide(second, { outcome: 'rejected', rejectionReason: 'weak_budget' });
      expect(rejectAbove.status).toBe(400);
      expect(rejectAbove.body.details).toEqual([expect.objectContaining({ field: 'lineExceptionReason' })]);
    });

    it('decides a selection all or nothing, naming the refused item', async () => {
      const batch = (items: object[]) => post(`/api/committee-sessions/${sessionId}/decisions`, { items });
      const refused = await batch([
        { applicationId: second, outcome: 'retained', grants: [{ year: 2030, amountCents: 5_000_000 }, { year: 2031, amountCents: 4_000_000 }] },
        { applicationId: fourth, outcome: 'rejected', rejectionReason: 'other' },
      ]);
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'items[1].comment', code: 'DECISION_COMMENT_REQUIRED' })]);
      const stale = await batch([
        { applicationId: second, outcome: 'retained', grants: [{ year: 2030, amountCents: 5_000_000 }, { year: 2031, amountCents: 4_000_000 }] },
        { applicationId: first, outcome: 'waitlisted', waitlistRank: 2, version: 1 },
      ]);
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('DECISION_STALE');
      expect(stale.body.details).toEqual([expect.objectContaining({ field: 'items[1]' })]);
      expect(await t.sql('SELECT 1 FROM committee_decision WHERE application_id = ANY($1)', [[second, fourth]])).toEqual([]);

      const ok = await batch([
        { applicationId: second, outcome: 'retained', grants: [{ year: 2030, amountCents: 5_000_000 }, { year: 2031, amountCents: 4_000_000 }] },
        { applicationId: fourth, outcome: 'rejected', rejectionReason: 'envelope_exhausted', comment: "L'enveloppe de l'axe est consommée." },
      ]);
      expect(ok.status).toBe(200);
      expect(ok.body.items).toEqual([
        expect.objectContaining({ applicationId: second, outcome: 'retained', totalCents: 9_000_000, version: 1 }),
        expect.objectContaining({ applicationId: fourth, outcome: 'rejected', rejectionReason: 'envelope_exhausted', totalCents: 0, flagged: false }),
      ]);
    });

    it('shows the projected use per year, and refuses to publish beyond an allocation (409 naming the cell and by how much)', async () => {
      const detail = (await get(`/api/committee-sessions/${sessionId}`)).body as CommitteeSessionDetailView;
      // 2030: 40 000 + 50 000 + 20 000 = 110 000 € for 100 000 €; 2031: 30 000 + 40 000 + 10 000 = 80 000 € (fits exactly).
      expect(detail.projected).toEqual([
        { year: 2030, allocationCents: 10_000_000, publishedCents: 0, grantedCents: 11_000_000, remainingCents: -1_000_000 },
        { year: 2031, allocationCents: 8_000_000, publishedCents: 0, grantedCents: 8_000_000, remainingCents: 0 },
      ]);
      expect(detail.counts).toEqual({ retained: 3, waitlisted: 0, rejected: 1 });
      const refused = await publish(sessionId);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('ALLOCATION_EXCEEDED');
      expect(refused.body.message).toBe('Publication refusée : les montants accordés dépassent la répartition de MEDIATION × 2030 (de 10\u202f000,00\u00a0€).');
      expect(refused.body.details).toEqual([{
        field: 'allocations.MEDIATION.2030', code: 'ALLOCATION_EXCEEDED_CELL',
        message: 'MEDIATION × 2030 : 110\u202f000,00\u00a0€ accordés pour une répartition de 100\u202f000,00\u00a0€ (dépassement de 10\u202f000,00\u00a0€).',
      }]);
      const [session] = await t.sql<{ status: string }>('SELECT status FROM committee_session WHERE id = $1', [sessionId]);
      expect(session).toEqual({ status: 'open' });
      expect(await t.sql("SELECT 1 FROM outbox_mail WHERE kind = 'decision'")).toEqual([]);
    });

    it('publishes: statuses move, one mail per member, letters in French; the association sees its own decision only', async () => {
      const version = ((await get(`/api/applications/${third}/decision`)).body as DecisionView).version;
      const reduced = await decide(third, {
        outcome: 'retained', grants: [{ year: 2030, amountCents: 1_000_000 }, { year: 2031, amountCents: 1_000_000 }],
        lineExceptionReason: 'Seule offre sur ce territoire rural.', version,
      });
      expect(reduced.status).toBe(200);
      const res = await publish(sessionId);
      expect(res.status).toBe(200);
      const published = res.body as PublishResult;
      expect(published.counts).toEqual({ retained: 3, waitlisted: 0, rejected: 1 });
      expect(published.grantedCents).toBe(18_000_000); // 70 000 + 90 000 + 20 000 €
      expect(published.session).toMatchObject({ status: 'published', projected: [
        { year: 2030, allocationCents: 10_000_000, publishedCents: 10_000_000, grantedCents: 10_000_000, remainingCents: 0 },
        { year: 2031, allocationCents: 8_000_000, publishedCents: 8_000_000, grantedCents: 8_000_000, remainingCents: 0 },
      ] });
      const statuses = await t.sql<{ id: string; status: string }>('SELECT id, status::text FROM application WHERE id = ANY($1)', [[first, second, third, fourth]]);
      expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [first]: 'retained', [second]: 'retained', [third]: 'retained', [fourth]: 'rejected' });

      const [ref1] = await t.sql<{ reference: string }>('SELECT reference FROM application WHERE id = $1', [first]);
      const mails = await t.sql<{ to_address: string; subject: string; text_body: string }>(
        "SELECT to_address, subject, text_body FROM outbox_mail WHERE kind = 'decision' AND subject LIKE '%' || $1", [ref1?.reference],
      );
      expect(mails.map((m) => m.to_address)).toContain(DEMO.association1);
      expect(mails.every((m) => m.subject === `Projet retenu — ${ref1?.reference}`)).toBe(true);
      expect(mails[0]?.text_body).toContain("Le comité de sélection l'a retenue : subvention de 70\u202f000,00\u00a0€ au total.");
      const members = await t.sql<{ n: string }>(
        "SELECT count(*) AS n FROM app_user WHERE active AND organization_id = (SELECT organization_id FROM application WHERE id = $1)", [first],
      );
      expect(mails).toHaveLength(Number(members[0]?.n));
      const [rejectedMail] = await t.sql<{ text_body: string }>(
        "SELECT text_body FROM outbox_mail WHERE kind = 'decision' AND subject LIKE 'Projet non retenu%' LIMIT 1",
      );
      expect(rejectedMail?.text_body).toContain("ne l'a pas retenue — motif : enveloppe de l'axe épuisée.");

      // The association sees its decision (without the committee's internal notes), and its letter.
      const seen = await get(`/api/applications/${first}/decision`, a1);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ outcome: 'retained', totalCents: 7_000_000, lineExceptionReason: null, flagged: false });
      expect(((await get(`/api/applications/${third}/decision`, a1)).body as DecisionView).lineExceptionReason).toBeNull();
      const pdf = await letter(first, a1);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(`attachment; filename="decision-${ref1?.reference}.pdf"`);
      const text = letterText(pdf.body as Buffer);
      expect(text).toContain('Projet retenu');
      expect(text).toContain(`Référence : ${ref1?.reference}`);
      expect(text).toContain('Année 2030 : 40 000,00 €');
      expect(text).toContain('Année 2031 : 30 000,00 €');
      expect(text).toContain('Total : 70 000,00 €');
      expect(text).toContain('Comité du : 21 mars 2030');
      expect(text).toContain('Délibération : CP 2030-03-21 n° 12');
      expect(text).toMatch(/Notifiée le : \d{1,2}(er)? [a-zéû]+ 20\d{2} /);

      const rejectedPdf = letterText((await letter(fourth, a2)).body as Buffer);
      expect(rejectedPdf).toContain('Projet non retenu');
      expect(rejectedPdf).toContain("Motif : enveloppe de l'axe épuisée");
      expect(rejectedPdf).toContain("L'enveloppe de l'axe est consommée.");

      // Association B reads nothing of A's.
      expect((await get(`/api/applications/${first}/decision`, a2)).status).toBe(404);
      expect((await letter(first, a2)).status).toBe(404);

      const audit = await t.sql<{ diff: unknown }>("SELECT diff FROM audit_event WHERE entity_id = $1 AND action = 'application.decision-published'", [fourth]);
      expect(audit).toEqual([{ diff: { published: { before: false, after: true }, status: { before: 'reviewed', after: 'rejected' } } }]);
      // Published: the session takes no more decisions.
      const late = await post(`/api/committee-sessions/${sessionId}/decisions`, { items: [{ applicationId: fourth, outcome: 'rejected', rejectionReason: 'weak_budget', version: 1 }] });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('ILLEGAL_TRANSITION');
      expect((await publish(sessionId)).status).toBe(409);
    });

    it('a later session counts the grants already published in the axis', async () => {
      const fifth = await reviewed(DEMO.association1, 'MEDIATION', 5000, [300_000, 0], 'Ateliers de rattrapage');
      const opened = await openSession('MEDIATION');
      expect(opened.status).toBe(201);
      const res = await decide(fifth, { outcome: 'retained', grants: [{ year: 2030, amountCents: 100 }], lineExceptionReason: 'Reliquat.' });
      expect(res.status).toBe(200);
      const refused = await publish(opened.body.id);
      expect(refused.status).toBe(409);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'allocations.MEDIATION.2030', message: expect.stringContaining('dépassement de 1,00\u00a0€') })]);
    });
  });

  describe('on the EMPLOI axis', () => {
    it('refuses a decision outside an open session, and one by a recused reviewer', async () => {
      const app = await reviewed(DEMO.association1, 'EMPLOI', 8000, [1_000_000, 1_000_000], 'Chantier d’insertion');
      const outside = await decide(app, { outcome: 'rejected', rejectionReason: 'weak_budget', lineExceptionReason: 'x' });
      expect(outside.status).toBe(409);
      expect(outside.body.code).toBe('NOT_IN_SESSION');
      expect((await openSession('EMPLOI')).status).toBe(201);
      await t.sql(
        `INSERT INTO review_assignment (call_id, application_id, reviewer_id, status, due_on, conflict_kind, recused_at)
         VALUES ($1, $2, $3, 'recused', '2030-01-01', 'member', now())`, [callId, app, await userId(t, DEMO.admin)],
      );
      const conflicted = await decide(app, { outcome: 'retained', grants: [{ year: 2030, amountCents: 1_000_000 }] });
      expect(conflicted.status).toBe(403);
      expect(conflicted.body.code).toBe('CONFLICT_OF_INTEREST');
      // A draft is not decidable (and not even visible to staff).
      const [draft] = await t.sql<{ id: string }>(
        `INSERT INTO application (call_id, axis_id, organization_id, status, title, created_by)
         SELECT $1, ax.id, u.organization_id, 'draft', 'Brouillon', u.id FROM app_user u, call_axis ax WHERE u.email = $2 AND ax.call_id = $1 AND ax.code = 'EMPLOI'
         RETURNING id`, [callId, DEMO.association1],
      );
      expect((await decide(draft?.id ?? '', { outcome: 'waitlisted', waitlistRank: 1 })).status).toBe(404);
    });

    it('two publications at once: one wins, the other gets 409', async () => {
      const app = await reviewed(DEMO.association2, 'EMPLOI', 7000, [1_000_000, 1_000_000], 'Garage solidaire');
      const sessions = (await get(`/api/calls/${callId}/committee-sessions`)).body as Array<{ id: string; axisCode: string; status: string }>;
      const sessionId = sessions.find((s) => s.axisCode === 'EMPLOI' && s.status === 'open')?.id ?? '';
      expect((await decide(app, { outcome: 'retained', grants: [{ year: 2030, amountCents: 1_000_000 }, { year: 2031, amountCents: 500_000 }] })).status).toBe(200);
      const answers = await Promise.all([publish(sessionId), publish(sessionId)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const mails = await t.sql<{ n: string }>(
        "SELECT count(*) AS n FROM outbox_mail WHERE kind = 'decision' AND subject LIKE '%' || (SELECT reference FROM application WHERE id = $1)", [app],
      );
      const members = await t.sql<{ n: string }>(
        'SELECT count(*) AS n FROM app_user WHERE active AND organization_id = (SELECT organization_id FROM application WHERE id = $1)', [app],
      );
      expect(mails[0]?.n).toBe(members[0]?.n);
      const [row] = await t.sql<{ status: string }>('SELECT status::text FROM application WHERE id = $1', [app]);
      expect(row).toEqual({ status: 'retained' });
    });
  });
});
