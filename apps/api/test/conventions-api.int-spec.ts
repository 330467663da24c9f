import { createHash } from 'node:crypto';
import type { ConventionBatchView, ConventionSessionView, ConventionSummaryView, ConventionView, Page } from '@tremplin/contracts';
import { binary, cell, extractPdfText, leaveInCell, newCall, pdfParser, retainedApplication, verifyPdfSignature, payDueInstallment } from './support/convention-fixtures';
import { pdf, png } from './support/document-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

interface InstallmentRow { year: number; kind: string; amount: string; paid: string; status: string; dueOn: string }

describe('conventions API', () => {
  let t: TestApp;
  let admin: string;
  let finance: string;
  let association: string;
  let otherAssociation: string;
  let reviewer: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
    finance = await t.login(DEMO.finance);
    association = await t.login(DEMO.association1);
    otherAssociation = await t.login(DEMO.association2);
    reviewer = await t.login(DEMO.reviewer);
    // Known parties, so that the PDF's text is checked against values written here.
    await t.sql(
      `UPDATE organization SET legal_name = 'Association Tremplin Emploi Lille', siret = '73282932000074', legal_rep_name = 'Marie Dupont', legal_rep_function = 'Présidente'
        WHERE id = (SELECT organization_id FROM app_user WHERE email = $1)`,
      [DEMO.association1],
    );
    await t.sql(`UPDATE grantor SET name = 'Département du Nord', president_name = 'Christian Poiret', president_title = 'Président du Conseil départemental' WHERE id = 1`);
  }, 60_000);
  afterAll(() => t.close());

  const get = (token: string, path: string) => t.http.get(path).set(bearer(token));
  const post = (token: string, path: string, body: object) => t.http.post(path).set(bearer(token)).send(body);
  const download = (token: string, path: string) =>
    t.http.get(path).set(bearer(token)).buffer(true).parse((response, done) => pdfParser(response, done));
  const move = (token: string, c: { id: string; version: number }, to: string, extra: object = {}) =>
    post(token, `/api/conventions/${c.id}/transitions`, { to, version: c.version, ...extra });

  async function draft(applicationId: string): Promise<ConventionView> {
    const res = await post(finance, '/api/conventions', { applicationId });
    expect(res.status).toBe(201);
    return res.body as ConventionView;
  }

  /** draft → sent → signed by the association → signed by the Département → active, through HTTP. */
  async function toActive(c: ConventionView): Promise<ConventionView> {
    let current = c;
    for (const [token, to, extra] of [
      [finance, 'sent', {}],
      [association, 'signed_by_association', { method: 'accept', signerName: 'Marie Dupont', acceptTerms: true }],
      [finance, 'signed_by_department', { deliberationReference: 'CP 2016-315' }],
      [finance, 'active', {}],
    ] as const) {
      const res = await move(token, current, to, extra);
      expect([res.status, res.body.code]).toEqual([200, undefined]);
      current = res.body as ConventionView;
    }
    return current;
  }

  /** Cells read one after the other (one owner connection). */
  async function cells(callId: string, axisCode: string, years: number[]) {
    const out = [];
    for (const year of years) out.push(await cell(t, callId, axisCode, year));
    return out;
  }

  async function installments(conventionId: string): Promise<InstallmentRow[]> {
    return t.sql<InstallmentRow>(
      `SELECT year, kind, amount_cents AS amount, paid_cents AS paid, status::text AS status, due_on::text AS "dueOn"
         FROM installment WHERE convention_id = $1 ORDER BY year, kind, created_at, status`,
      [conventionId],
    );
  }

  const pay = (conventionId: string, year: number, kind: string, amountCents: number) => payDueInstallment(t, conventionId, year, kind, amountCents);

  it('drafts a convention only from a published retained decision, one per application, with its French PDF', async () => {
    const call = await newCall(t, admin, 'AAP-CONV-DRAFT');
    const simulated = await retainedApplication(t, call.id, { grants: [[2016, 1_000_000]], published: false });
    const refused = await post(finance, '/api/conventions', { applicationId: simulated.applicationId });
    expect([refused.status, refused.body.code]).toEqual([409, 'CONVENTION_DECISION_NOT_PUBLISHED']);
    expect((await post(finance, '/api/conventions', { applicationId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await post(finance, '/api/conventions', { applicationId: 'nope' })).body.details?.[0]?.field).toBe('applicationId');

    const { applicationId } = await retainedApplication(t, call.id, { grants: [[2016, 1_234_567], [2017, 1_000_000], [2018, 500_001]] });
    const created = await draft(applicationId);
    expect(created).toMatchObject({
      number: 'CONV-2016-0001',
      status: 'draft',
      callYear: 2016,
      axisCode: 'MEDIATION',
      organizationName: 'Association Tremplin Emploi Lille',
      totalCents: 2_734_568,
      paidCents: 0,
      documentVersion: 1,
      signedDocumentSha256: null,
      parties: {
        grantorName: 'Département du Nord', grantorRepresentative: 'Christian Poiret', organizationName: 'Association Tremplin Emploi Lille',
        organizationSiret: '73282932000074', organizationRepresentative: 'Marie Dupont',
      },
      years: [
        { year: 2016, amountCents: 1_234_567, committedCents: 0, paidCents: 0, reportApprovedAt: null },
        { year: 2017, amountCents: 1_000_000, committedCents: 0, paidCents: 0, reportApprovedAt: null },
        { year: 2018, amountCents: 500_001, committedCents: 0, paidCents: 0, reportApprovedAt: null },
      ],
      allowedActions: ['send'],
    });
    // Each year is tied to its axis × year cell.
    const tied = await t.sql<{ year: number; same: boolean }>(
      `SELECT cy.year, cy.allocation_id = ca.id AS same FROM convention_year cy
         JOIN call_allocation ca ON ca.call_id = $2 AND ca.year = cy.year JOIN call_axis ax ON ax.id = ca.axis_id AND ax.code = 'MEDIATION'
        WHERE cy.convention_id = $1 ORDER BY cy.year`,
      [created.id, call.id],
    );
    expect(tied).toEqual([{ year: 2016, same: true }, { year: 2017, same: true }, { year: 2018, same: true }]);

    const again = await post(finance, '/api/conventions', { applicationId });
    expect([again.status, again.body.code]).toEqual([409, 'CONVENTION_ALREADY_EXISTS']);
    expect(again.body.message).toBe('Cette candidature a déjà sa convention (CONV-2016-0001).');

    const document = await download(finance, `/api/conventions/${created.id}/document`);
    expect(document.status).toBe(200);
    expect(document.headers['content-type']).toBe('application/pdf');
    expect(sha256(binary(document))).toBe(created.documentSha256);
    const text = await extractPdfText(binary(document));
    for (const expected of [
      'CONV-2016-0001', 'Département du Nord', 'Christian Poiret', 'Association Tremplin Emploi Lille', 'Marie Dupont',
      '2016 : 12 345,67 €', '2017 : 10 000,00 €', '2018 : 5 000,01 €', 'montant total de 27 345,68 €', 'Données personnelles',
    ]) {
      expect(text).toContain(expected);
    }
    const [audit] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_event WHERE action = 'convention.created' AND entity_id = $1`, [created.id]);
    expect(audit).toEqual({ n: '1' });
  }, 60_000);

  it('goes draft → sent → signed by both → active: mail, time-stamped acceptance, commitment, installments, PAdES signature', async () => {
    const call = await newCall(t, admin, 'AAP-CONV-LIFE');
    const { applicationId } = await retainedApplication(t, call.id, { grants: [[2016, 1_234_567], [2017, 1_000_000], [2018, 500_001]] });
    let c = await draft(applicationId);
    const before = await cells(call.id, 'MEDIATION', [2016, 2017, 2018]);

    // Who may do what, and in which state.
    // A draft is not shown to the association yet (404), nor to a reviewer (403).
    expect((await move(association, c, 'sent')).status).toBe(404);
    expect((await get(association, `/api/conventions/${c.id}`)).status).toBe(404);
    expect((await move(reviewer, c, 'sent')).status).toBe(403);
    const illegal = await move(finance, c, 'signed_by_department', { deliberationReference: 'CP 2016-315' });
    expect([illegal.status, illegal.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    const stale = await move(finance, { id: c.id, version: c.version + 5 }, 'sent');
    expect([stale.status, stale.body.code]).toEqual([409, 'CONVENTION_STALE']);

    const sent = await move(finance, c, 'sent');
    expect(sent.status).toBe(200);
    c = sent.body as ConventionView;
    expect(c.status).toBe('sent');
    expect(c.sentAt).not.toBeNull();
    const mails = await t.sql<{ to: string; subject: string; text: string }>(
      `SELECT m.to_address AS "to", m.subject, m.text_body AS text FROM outbox_mail m WHERE m.kind = 'convention' AND m.subject LIKE '%' || $1 || '%'`,
      ['CONV-2016-0001'],
    );
    const members = await t.sql<{ email: string }>(
      `SELECT email FROM app_user WHERE active AND organization_id = (SELECT organization_id FROM app_user WHERE email = $1) ORDER BY email`,
      [DEMO.association1],
    );
    expect(mails.map((m) => m.to).sort()).toEqual(members.map((m) => m.email));
    expect(mails[0]?.subject).toBe('Convention CONV-2016-0001 à signer');
    expect(mails[0]?.text).toContain(`/conventions/${c.id}`);
    expect(mails[0]?.text.replace(/[\u00a0\u202f]/g, ' ')).toContain('Montant total : 27 345,68 € (2016 : 12 345,67 € ; 2017 : 10 000,00 € ; 2018 : 5 000,01 €).');

    // Association B knows nothing of it.
    expect((await get(otherAssociation, `/api/conventions/${c.id}`)).status).toBe(404);
    expect((await get(otherAssociation, `/api/conventions/${c.id}/document`)).status).toBe(404);
    expect((await move(otherAssociation, c, 'signed_by_association', { signerName: 'Intrus', acceptTerms: true })).status).toBe(404);
    expect((await get(reviewer, `/api/conventions/${c.id}`)).status).toBe(403);

    // The legal representative accepts in Tremplin: terms accepted and a name, or 400 naming the field.
    const noTerms = await move(association, c, 'signed_by_association', { method: 'accept', signerName: 'Marie Dupont' });
    expect([noTerms.status, noTerms.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, ['acceptTerms']]);
    expect((await move(finance, c, 'signed_by_association', { signerName: 'Marie Dupont', acceptTerms: true })).status).toBe(403);
    const accepted = await move(association, c, 'signed_by_association', { method: 'accept', signerName: 'Marie Dupont', acceptTerms: true });
    expect(accepted.status).toBe(200);
    c = accepted.body as ConventionView;
    expect(c.status).toBe('signed_by_association');
    expect(c.associationSignature).toMatchObject({ signerName: 'Marie Dupont', method: 'accept' });
    expect(Date.now() - Date.parse(c.associationSignature?.signedAt ?? '')).toBeLessThan(60_000);

    const noReference = await move(finance, c, 'signed_by_department', {});
    expect([noReference.status, noReference.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, ['deliberationReference']]);
    const signed = await move(finance, c, 'signed_by_department', { deliberationReference: 'CP 2016-315' });
    expect(signed.status).toBe(200);
    c = signed.body as ConventionView;
    expect(c.status).toBe('signed_by_department');
    expect(c.departmentSignature).toMatchObject({ signerName: 'David Finances', deliberationReference: 'CP 2016-315' });
    expect(c.years.map((y) => [y.year, y.amountCents, y.committedCents])).toEqual([[2016, 1_234_567, 1_234_567], [2017, 1_000_000, 1_000_000], [2018, 500_001, 500_001]]);
    const after = await cells(call.id, 'MEDIATION', [2016, 2017, 2018]);
    expect(after.map((a, i) => a.committed - (before[i]?.committed ?? 0))).toEqual([1_234_567, 1_000_000, 500_001]);

    // The schedule: 60 % advance rounded down, the balance takes the odd cent; advances due from the signature day.
    const today = parisToday();
    expect(await installments(c.id)).toEqual([
      { year: 2016, kind: 'advance', amount: '740740', paid: '0', status: 'planned', dueOn: today },
      { year: 2016, kind: 'balance', amount: '493827', paid: '0', status: 'planned', dueOn: '2017-06-30' },
      { year: 2017, kind: 'advance', amount: '600000', paid: '0', status: 'planned', dueOn: today },
      { year: 2017, kind: 'balance', amount: '400000', paid: '0', status: 'planned', dueOn: '2018-06-30' },
      { year: 2018, kind: 'advance', amount: '300000', paid: '0', status: 'planned', dueOn: today },
      { year: 2018, kind: 'balance', amount: '200001', paid: '0', status: 'planned', dueOn: '2019-06-30' },
    ]);

    // The PAdES-signed PDF: stored with its SHA-256, its signature verifies, both parties still named.
    const signedPdf = await download(association, `/api/conventions/${c.id}/document?signed=1`);
    expect(signedPdf.status).toBe(200);
    expect(sha256(binary(signedPdf))).toBe(c.signedDocumentSha256);
    expect(await verifyPdfSignature(binary(signedPdf))).toEqual({ valid: true, coversWholeFileButContents: true, signerCommonName: 'Signature des conventions du Département (démo)' });
    const tampered = Buffer.from(binary(signedPdf));
    const at = Math.floor(tampered.length / 4);
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    expect((await verifyPdfSignature(tampered)).valid).toBe(false);
    const signedText = await extractPdfText(binary(signedPdf));
    expect(signedText).toContain('Département du Nord');
    expect(signedText).toContain('Association Tremplin Emploi Lille');
    const events = await t.sql<{ action: string }>(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [c.id]);
    expect(events.map((e) => e.action)).toEqual(['convention.created', 'convention.send', 'convention.sign_by_association', 'convention.sign_by_department']);

    // Active: the advances whose day has come are due; balances wait for the report.
    const active = await move(finance, c, 'active');
    expect(active.status).toBe(200);
    c = active.body as ConventionView;
    expect((await installments(c.id)).map((i) => `${i.year} ${i.kind} ${i.status}`)).toEqual([
      '2016 advance due', '2016 balance planned', '2017 advance due', '2017 balance planned', '2018 advance due', '2018 balance planned',
    ]);
    expect(c.allowedActions).toEqual(['suspend', 'close', 'terminate']);

    // The report of 2016 approved (admin, the one entry point): its balance becomes due.
    expect((await post(finance, `/api/conventions/${c.id}/years/2016/report-approval`, {})).status).toBe(403);
    const approved = await post(admin, `/api/conventions/${c.id}/years/2016/report-approval`, { comment: 'Bilan conforme.' });
    expect(approved.status).toBe(200);
    expect((approved.body as ConventionView).years[0]?.reportApprovedAt).not.toBeNull();
    expect((await installments(c.id)).filter((i) => i.kind === 'balance').map((i) => `${i.year} ${i.status}`)).toEqual(['2016 due', '2017 planned', '2018 planned']);
    const twice = await post(admin, `/api/conventions/${c.id}/years/2016/report-approval`, {});
    expect([twice.status, twice.body.code]).toEqual([409, 'REPORT_ALREADY_APPROVED']);
    expect((await post(admin, `/api/conventions/${c.id}/years/2031/report-approval`, {})).status).toBe(404);

    // Suspended and resumed; closing with installments still open is refused.
    c = (await move(admin, approved.body as ConventionView, 'suspended', { reason: 'Contrôle en cours' })).body as ConventionView;
    expect(c.status).toBe('suspended');
    const twiceSuspended = await move(admin, c, 'suspended', { reason: 'Encore un contrôle' });
    expect([twiceSuspended.status, twiceSuspended.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    c = (await move(admin, c, 'active')).body as ConventionView;
    expect(c.status).toBe('active');
    const close = await move(admin, c, 'closed');
    expect([close.status, close.body.code]).toEqual([409, 'CONVENTION_OPEN_INSTALLMENTS']);
  }, 120_000);

  it('the association may sign by uploading the signed scan: a PDF only', async () => {
    const call = await newCall(t, admin, 'AAP-CONV-SCAN');
    const { applicationId } = await retainedApplication(t, call.id, { grants: [[2016, 500_000]] });
    let c = await draft(applicationId);
    c = (await move(finance, c, 'sent')).body as ConventionView;
    const image = await t.http.post(`/api/conventions/${c.id}/signed-scan`).set(bearer(association)).attach('file', png(), 'convention.png');
    expect([image.status, image.body.details?.[0]?.field, image.body.details?.[0]?.code]).toEqual([400, 'file', 'CONVENTION_SCAN_NOT_PDF']);
    const noFile = await t.http.post(`/api/conventions/${c.id}/signed-scan`).set(bearer(association)).field('signerName', 'Marie Dupont');
    expect([noFile.status, noFile.body.details?.[0]?.field]).toEqual([400, 'file']);
    expect((await t.http.post(`/api/conventions/${c.id}/signed-scan`).set(bearer(otherAssociation)).attach('file', pdf('Convention signée'), 'c.pdf')).status).toBe(404);
    const scan = pdf('Convention signée');
    const res = await t.http.post(`/api/conventions/${c.id}/signed-scan`).set(bearer(association)).field('signerName', 'Marie Dupont').field('version', String(c.version)).attach('file', scan, 'convention-signee.pdf');
    expect(res.status).toBe(200);
    expect((res.body as ConventionView).associationSignature).toMatchObject({ signerName: 'Marie Dupont', method: 'scan' });
    const [row] = await t.sql<{ sha: string }>(`SELECT association_scan_sha256 AS sha FROM convention WHERE id = $1`, [c.id]);
    expect(row?.sha).toBe(sha256(scan));
    const again = await t.http.post(`/api/conventions/${c.id}/signed-scan`).set(bearer(association)).attach('file', scan, 'convention-signee.pdf');
    expect([again.status, again.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
  }, 60_000);

  it('terminates with a recovery: open installments cancelled, the unpaid commitment released to its cells', async () => {
    const call = await newCall(t, admin, 'AAP-CONV-END');
    const { applicationId } = await retainedApplication(t, call.id, { axisCode: 'INNOVATION', grants: [[2016, 1_000_000], [2017, 2_000_000]] });
    const before = await cells(call.id, 'INNOVATION', [2016, 2017]);
    let c = await toActive(await draft(applicationId));
    await pay(c.id, 2016, 'advance', 100_000);
    c = (await get(finance, `/api/conventions/${c.id}`)).body as ConventionView;
    expect(c.paidCents).toBe(100_000);

    const negative = await move(finance, c, 'terminated', { reason: 'Projet abandonné', recoveryCents: -1 });
    expect([negative.status, negative.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, ['recoveryCents']]);
    const tooMuch = await move(finance, c, 'terminated', { reason: 'Projet abandonné', recoveryCents: 100_001 });
    expect([tooMuch.status, tooMuch.body.details?.[0]?.field, tooMuch.body.details?.[0]?.code]).toEqual([400, 'recoveryCents', 'RECOVERY_ABOVE_PAID']);
    const missing = await move(finance, c, 'terminated', { recoveryCents: 0 });
    expect([missing.status, missing.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, ['reason']]);

    const ended = await move(finance, c, 'terminated', { reason: 'Projet abandonné', recoveryCents: 60_000 });
    expect(ended.status).toBe(200);
    c = ended.body as ConventionView;
    expect(c).toMatchObject({ status: 'terminated', recoveryCents: 60_000, terminationReason: 'Projet abandonné', allowedActions: [] });
    expect(c.years.map((y) => [y.year, y.amountCents, y.committedCents, y.paidCents])).toEqual([[2016, 1_000_000, 100_000, 100_000], [2017, 2_000_000, 0, 0]]);
    expect((await installments(c.id)).map((i) => `${i.year} ${i.kind} ${i.status} ${i.paid}`)).toEqual([
      '2016 advance cancelled 100000', '2016 balance cancelled 0', '2017 advance cancelled 0', '2017 balance cancelled 0',
    ]);
    const after = await cells(call.id, 'INNOVATION', [2016, 2017]);
    expect(after.map((a, i) => [a.committed - (before[i]?.committed ?? 0), a.paid - (before[i]?.paid ?? 0)])).toEqual([[100_000, 100_000], [0, 0]]);
    const illegal = await move(finance, c, 'active');
    expect([illegal.status, illegal.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
  }, 120_000);

  it('amends the yearly amounts: checked against the cell and what is paid, new PDF version, diff, installments replaced', async () => {
    const call = await newCall(t, admin, 'AAP-CONV-AMEND');
    const { applicationId } = await retainedApplication(t, call.id, { axisCode: 'FREINS', grants: [[2016, 1_000_000], [2017, 1_000_000]] });
    const draftView = await draft(applicationId);
    const notYet = await post(finance, `/api/conventions/${draftView.id}/amendments`, { reason: 'Avenant trop tôt', years: [{ year: 2016, amountCents: 900_000 }] });
    expect([notYet.status, notYet.body.code]).toEqual([409, 'CONVENTION_NOT_AMENDABLE']);
    await leaveInCell(t, call.id, 'FREINS', 2017, 1_500_000);
    const base2016 = await cell(t, call.id, 'FREINS', 2016);
    let c = await toActive(draftView);
    const signed2017 = await cell(t, call.id, 'FREINS', 2017);
    expect(signed2017.allocated - signed2017.committed).toBe(500_000);
    await pay(c.id, 2016, 'advance', 600_000);
    c = (await get(finance, `/api/conventions/${c.id}`)).body as ConventionView;

    const above = await post(finance, `/api/conventions/${c.id}/amendments`, { reason: 'Extension du projet', years: [{ year: 2017, amountCents: 1_600_000 }] });
    expect([above.status, above.body.code]).toEqual([409, 'COMMITMENT_EXCEEDS_ALLOCATION']);
    expect(above.body.message).toBe('Engagement refusé : la case FREINS × 2017 n’a plus que 5\u202f000,00\u00a0€ disponibles pour 6\u202f000,00\u00a0€ demandés.');
    const belowPaid = await post(finance, `/api/conventions/${c.id}/amendments`, { reason: 'Réduction du projet', years: [{ year: 2016, amountCents: 500_000 }] });
    expect([belowPaid.status, belowPaid.body.code]).toEqual([409, 'CONVENTION_YEAR_BELOW_PAID']);
    const unknownYear = await post(finance, `/api/conventions/${c.id}/amendments`, { reason: 'Année hors convention', years: [{ year: 2019, amountCents: 1 }] });
    expect([unknownYear.status, unknownYear.body.details?.[0]?.field]).toEqual([400, 'years[0].year']);
    expect((await post(association, `/api/conventions/${c.id}/amendments`, { reason: 'Par l’association', years: [{ year: 2016, amountCents: 800_000 }] })).status).toBe(403);

    const res = await post(finance, `/api/conventions/${c.id}/amendments`, {
      reason: 'Décalage du calendrier du projet', version: c.version,
      years: [{ year: 2016, amountCents: 800_000 }, { year: 2017, amountCents: 1_400_000 }],
    });
    expect(res.status).toBe(201);
    c = res.body as ConventionView;
    expect(c).toMatchObject({ documentVersion: 2, totalCents: 2_200_000 });
    expect(c.amendments).toHaveLength(1);
    expect(c.amendments[0]).toMatchObject({
      versionNo: 2, reason: 'Décalage du calendrier du projet', createdByName: 'David Finances',
      years: [{ year: 2016, beforeCents: 1_000_000, afterCents: 800_000 }, { year: 2017, beforeCents: 1_000_000, afterCents: 1_400_000 }],
    });
    expect(c.documentSha256).toBe(c.amendments[0]?.documentSha256);
    expect(c.years.map((y) => [y.year, y.amountCents, y.committedCents, y.paidCents])).toEqual([[2016, 800_000, 800_000, 600_000], [2017, 1_400_000, 1_400_000, 0]]);
    expect((await cell(t, call.id, 'FREINS', 2016)).committed - base2016.committed).toBe(800_000);
    const after2017 = await cell(t, call.id, 'FREINS', 2017);
    expect(after2017.committed - signed2017.committed).toBe(400_000);

    // 2016: the paid advance stays, the balance is replaced by what remains; 2017: both replaced at 60/40 of the new amount.
    expect((await installments(c.id)).map((i) => `${i.year} ${i.kind} ${i.amount} ${i.status}`)).toEqual([
      '2016 advance 600000 paid', '2016 balance 400000 cancelled', '2016 balance 200000 planned',
      '2017 advance 600000 cancelled', '2017 advance 840000 due', '2017 balance 400000 cancelled', '2017 balance 560000 planned',
    ]);

    const v2 = await download(association, `/api/conventions/${c.id}/document?version=2`);
    expect(sha256(binary(v2))).toBe(c.amendments[0]?.documentSha256);
    expect((await verifyPdfSignature(binary(v2))).valid).toBe(true);
    const text = await extractPdfText(binary(v2));
    expect(text).toContain("Motif de l'avenant");
    expect(text).toContain('2016 : 8 000,00 €');
    expect(text).toContain('2017 : 14 000,00 €');
    const current = await download(finance, `/api/conventions/${c.id}/document`);
    expect(sha256(binary(current))).toBe(c.amendments[0]?.documentSha256);
    const original = await download(finance, `/api/conventions/${c.id}/document?version=1`);
    expect(sha256(binary(original))).toBe(draftView.documentSha256);
    expect((await get(finance, `/api/conventions/${c.id}/document?version=3`)).status).toBe(404);

    const stale = await post(finance, `/api/conventions/${c.id}/amendments`, { reason: 'Avenant sur version ancienne', version: 1, years: [{ year: 2017, amountCents: 1_300_000 }] });
    expect([stale.status, stale.body.code]).toEqual([409, 'CONVENTION_STALE']);
  }, 120_000);

  it('lists conventions: scoped to the association, filtered and paginated for staff', async () => {
    const call = await newCall(t, admin, 'AAP-CONV-LIST');
    const mine = await draft((await retainedApplication(t, call.id, { grants: [[2016, 100_000], [2017, 100_000]], title: 'Atelier vélo solidaire' })).applicationId);
    const theirs = await draft((await retainedApplication(t, call.id, { email: DEMO.association2, axisCode: 'FREINS', grants: [[2018, 300_000]], title: 'Garage solidaire' })).applicationId);
    await move(finance, theirs, 'sent');

    expect(((await get(association, `/api/conventions?callId=${call.id}`)).body as Page<ConventionSummaryView>).items).toEqual([]);
    await move(finance, mine, 'sent');
    const own = (await get(association, `/api/conventions?callId=${call.id}`)).body as Page<ConventionSummaryView>;
    expect(own.items.map((i) => i.number)).toEqual([mine.number]);
    const other = (await get(otherAssociation, `/api/conventions?callId=${call.id}`)).body as Page<ConventionSummaryView>;
    expect(other.items.map((i) => i.number)).toEqual([theirs.number]);
    expect((await get(reviewer, '/api/conventions')).status).toBe(403);

    const all = (await get(finance, `/api/conventions?callId=${call.id}`)).body as Page<ConventionSummaryView>;
    expect([all.total, all.items.map((i) => i.number)]).toEqual([2, ['CONV-2016-0001', 'CONV-2016-0002']]);
    const byYear = (await get(finance, `/api/conventions?callId=${call.id}&year=2018`)).body as Page<ConventionSummaryView>;
    expect(byYear.items.map((i) => i.projectTitle)).toEqual(['Garage solidaire']);
    const byAxis = (await get(admin, `/api/conventions?callId=${call.id}&axisCode=MEDIATION`)).body as Page<ConventionSummaryView>;
    expect(byAxis.items.map((i) => i.projectTitle)).toEqual(['Atelier vélo solidaire']);
    const byStatus = (await get(finance, `/api/conventions?callId=${call.id}&status=draft,active`)).body as Page<ConventionSummaryView>;
    expect(byStatus.items).toEqual([]);
    const sentOnes = (await get(finance, `/api/conventions?callId=${call.id}&status=sent`)).body as Page<ConventionSummaryView>;
    expect(sentOnes.items.map((i) => [i.number, i.status])).toEqual([['CONV-2016-0001', 'sent'], ['CONV-2016-0002', 'sent']]);
    const byText = (await get(finance, `/api/conventions?callId=${call.id}&q=vélo`)).body as Page<ConventionSummaryView>;
    expect(byText.items.map((i) => i.number)).toEqual(['CONV-2016-0001']);
    const paged = (await get(finance, `/api/conventions?callId=${call.id}&sort=totalCents&direction=desc&pageSize=1&page=2`)).body as Page<ConventionSummaryView>;
    expect([paged.total, paged.page, paged.pageSize, paged.items.map((i) => i.totalCents)]).toEqual([2, 2, 1, [200_000]]);
    const beyond = (await get(finance, `/api/conventions?callId=${call.id}&pageSize=1&page=9`)).body as Page<ConventionSummaryView>;
    expect([beyond.total, beyond.items]).toEqual([2, []]);
    const badStatus = await get(finance, '/api/conventions?status=signed');
    expect([badStatus.status, badStatus.body.details?.[0]?.field]).toEqual([400, 'status']);
  }, 60_000);

  it('drafts a whole session in a batch, only the applications without a convention', async () => {
    const call = await newCall(t, admin, 'AAP-CONV-BATCH');
    const first = await retainedApplication(t, call.id, { grants: [[2016, 100_000]] });
    await retainedApplication(t, call.id, { grants: [[2016, 200_000]], sessionId: first.sessionId });
    await retainedApplication(t, call.id, { grants: [[2017, 300_000]], sessionId: first.sessionId });
    await draft(first.applicationId);
    expect((await post(association, '/api/conventions/batch', { sessionId: first.sessionId })).status).toBe(403);
    const res = await post(finance, '/api/conventions/batch', { sessionId: first.sessionId });
    expect(res.status).toBe(201);
    const batch = res.body as ConventionBatchView;
    expect(batch.alreadyCreated).toBe(1);
    expect(batch.created.map((c) => [c.number, c.status])).toEqual([['CONV-2016-0002', 'draft'], ['CONV-2016-0003', 'draft']]);
    expect(batch.created.map((c) => c.totalCents).sort()).toEqual([200_000, 300_000]);
    const again = (await post(finance, '/api/conventions/batch', { sessionId: first.sessionId })).body as ConventionBatchView;
    expect([again.alreadyCreated, again.created]).toEqual([3, []]);
    expect((await post(finance, '/api/conventions/batch', { sessionId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  }, 60_000);

  it('lists a call\'s published committee sessions for finance, with retained decisions and those still without a convention', async () => {
    const call = await newCall(t, admin, 'AAP-CONV-SESSIONS');
    // Médiation, sitting on 2016-06-27: three published retained decisions, one of them already a convention.
    const first = await retainedApplication(t, call.id, { grants: [[2016, 100_000]] });
    await retainedApplication(t, call.id, { grants: [[2016, 200_000]], sessionId: first.sessionId });
    await retainedApplication(t, call.id, { grants: [[2016, 300_000]], sessionId: first.sessionId });
    await draft(first.applicationId);
    // Innovation, a later sitting, one retained decision and nothing drafted.
    const innovation = await retainedApplication(t, call.id, { axisCode: 'INNOVATION', grants: [[2017, 400_000]] });
    await t.sql(`UPDATE committee_session SET sits_on = '2016-09-12', deliberation_reference = 'CP 2016-402' WHERE id = $1`, [innovation.sessionId]);
    // A session still open (its decisions simulated) and another call's published session are not offered.
    await retainedApplication(t, call.id, { axisCode: 'FREINS', grants: [[2016, 500_000]], published: false });
    const other = await newCall(t, admin, 'AAP-CONV-SESSIONS-B');
    await retainedApplication(t, other.id, { grants: [[2016, 600_000]] });

    const expected: ConventionSessionView[] = [
      {
        id: innovation.sessionId, callId: call.id, axisCode: 'INNOVATION', axisLabelFr: 'Innovation', axisLabelEn: 'Innovation', sitsOn: '2016-09-12',
        deliberationReference: 'CP 2016-402', retainedCount: 1, withoutConventionCount: 1,
      },
      {
        id: first.sessionId, callId: call.id, axisCode: 'MEDIATION', axisLabelFr: 'Médiation', axisLabelEn: 'Mediation', sitsOn: '2016-06-27',
        deliberationReference: 'CP 2016-315', retainedCount: 3, withoutConventionCount: 2,
      },
    ];
    const asFinance = await get(finance, `/api/conventions/sessions?callId=${call.id}`);
    expect([asFinance.status, asFinance.body]).toEqual([200, expected]);
    expect((await get(admin, `/api/conventions/sessions?callId=${call.id}`)).body).toEqual(expected);

    // Once the batch has drafted the rest, the Médiation session has none left without a convention.
    expect((await post(finance, '/api/conventions/batch', { sessionId: first.sessionId })).status).toBe(201);
    const after = (await get(finance, `/api/conventions/sessions?callId=${call.id}`)).body as ConventionSessionView[];
    expect(after.map((s) => [s.axisCode, s.retainedCount, s.withoutConventionCount])).toEqual([['INNOVATION', 1, 1], ['MEDIATION', 3, 0]]);

    expect((await get(association, `/api/conventions/sessions?callId=${call.id}`)).status).toBe(403);
    expect((await get(reviewer, `/api/conventions/sessions?callId=${call.id}`)).status).toBe(403);
    const missing = await get(finance, '/api/conventions/sessions');
    expect([missing.status, missing.body.details?.[0]?.field]).toEqual([400, 'callId']);
    const malformed = await get(finance, '/api/conventions/sessions?callId=nope');
    expect([malformed.status, malformed.body.details?.[0]?.field]).toEqual([400, 'callId']);
    expect((await get(finance, '/api/conventions/sessions?callId=00000000-0000-4000-8000-000000000000')).body).toEqual([]);
  }, 60_000);
});
