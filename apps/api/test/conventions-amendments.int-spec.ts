import type { ConventionView } from '@tremplin/contracts';
import { binary, extractPdfText, newCall, pdfParser, retainedApplication, payDueInstallment } from './support/convention-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/** Amendments (avenants) that move installments' due dates (issue #8 §2), alone or with new amounts. */
describe('convention amendments: due dates', () => {
  let t: TestApp;
  let admin: string;
  let finance: string;
  let association: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
    finance = await t.login(DEMO.finance);
    association = await t.login(DEMO.association1);
  }, 60_000);
  afterAll(() => t.close());

  const get = (token: string, path: string) => t.http.get(path).set(bearer(token));
  const post = (token: string, path: string, body: object) => t.http.post(path).set(bearer(token)).send(body);
  const download = (token: string, path: string) =>
    t.http.get(path).set(bearer(token)).buffer(true).parse((response, done) => pdfParser(response, done));
  const amend = (c: { id: string }, body: object) => post(finance, `/api/conventions/${c.id}/amendments`, body);

  /** draft → sent → signed by the association → signed by the Département (installments planned), through HTTP. */
  async function signedByDepartment(applicationId: string): Promise<ConventionView> {
    const drafted = await post(finance, '/api/conventions', { applicationId });
    expect(drafted.status).toBe(201);
    let current = drafted.body as ConventionView;
    for (const [token, to, extra] of [
      [finance, 'sent', {}],
      [association, 'signed_by_association', { method: 'accept', signerName: 'Marie Dupont', acceptTerms: true }],
      [finance, 'signed_by_department', { deliberationReference: 'CP 2016-315' }],
    ] as const) {
      const res = await post(token, `/api/conventions/${current.id}/transitions`, { to, version: current.version, ...extra });
      expect([res.status, res.body.code]).toEqual([200, undefined]);
      current = res.body as ConventionView;
    }
    return current;
  }

  async function installments(conventionId: string): Promise<string[]> {
    const rows = await t.sql<{ year: number; kind: string; amount: string; status: string; dueOn: string }>(
      `SELECT year, kind, amount_cents AS amount, status::text AS status, due_on::text AS "dueOn"
         FROM installment WHERE convention_id = $1 ORDER BY year, kind, created_at, status`,
      [conventionId],
    );
    return rows.map((r) => `${r.year} ${r.kind} ${r.amount} ${r.status} ${r.dueOn}`);
  }

  const pay = (conventionId: string, year: number, kind: string, amountCents: number) => payDueInstallment(t, conventionId, year, kind, amountCents);

  it('moves planned due dates: diff in the history, new signed version whose PDF states the new dates, audit event', async () => {
    const call = await newCall(t, admin, 'AAP-AMEND-DATES');
    const { applicationId } = await retainedApplication(t, call.id, { axisCode: 'FREINS', grants: [[2016, 1_000_000], [2017, 1_000_000]] });
    let c = await signedByDepartment(applicationId);
    const signedOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    expect(await installments(c.id)).toEqual([
      `2016 advance 600000 planned ${signedOn}`, '2016 balance 400000 planned 2017-06-30',
      `2017 advance 600000 planned ${signedOn}`, '2017 balance 400000 planned 2018-06-30',
    ]);

    const neither = await amend(c, { reason: 'Avenant sans objet' });
    expect([neither.status, neither.body.code, neither.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, 'VALIDATION_FAILED', ['years']]);
    const outside = await amend(c, { reason: 'Report trop lointain', installments: [{ year: 2017, kind: 'balance', dueOn: '2019-01-01' }] });
    expect([outside.status, outside.body.details?.[0]?.field, outside.body.details?.[0]?.message]).toEqual([
      400, 'installments[0].dueOn', 'Une date entre le 2016-01-01 et le 2018-12-31.',
    ]);
    const before = await amend(c, { reason: 'Avance avant le début', installments: [{ year: 2016, kind: 'advance', dueOn: '2015-12-31' }] });
    expect([before.status, before.body.details?.[0]?.field]).toEqual([400, 'installments[0].dueOn']);
    const badKind = await amend(c, { reason: 'Type inconnu', installments: [{ year: 2016, kind: 'bonus', dueOn: '2016-05-02' }] });
    expect([badKind.status, badKind.body.details?.[0]?.field]).toEqual([400, 'installments[0].kind']);
    const unknownYear = await amend(c, { reason: 'Année hors convention', installments: [{ year: 2018, kind: 'advance', dueOn: '2018-05-02' }] });
    expect([unknownYear.status, unknownYear.body.details?.[0]?.field]).toEqual([400, 'installments[0].year']);
    const same = await amend(c, { reason: 'Même date', installments: [{ year: 2017, kind: 'balance', dueOn: '2018-06-30' }] });
    expect([same.status, same.body.code]).toEqual([409, 'CONVENTION_NOTHING_CHANGED']);

    const res = await amend(c, {
      reason: 'Report du démarrage de la seconde année', version: c.version,
      installments: [{ year: 2017, kind: 'advance', dueOn: '2017-04-03' }, { year: 2017, kind: 'balance', dueOn: '2018-03-15' }],
    });
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    c = res.body as ConventionView;
    expect(c).toMatchObject({ documentVersion: 2, totalCents: 2_000_000 });
    expect(c.amendments).toEqual([expect.objectContaining({
      versionNo: 2, reason: 'Report du démarrage de la seconde année', createdByName: 'David Finances', years: [],
      installments: [
        { year: 2017, kind: 'advance', beforeDueOn: signedOn, afterDueOn: '2017-04-03' },
        { year: 2017, kind: 'balance', beforeDueOn: '2018-06-30', afterDueOn: '2018-03-15' },
      ],
    })]);
    expect(c.years.map((y) => [y.year, y.amountCents, y.committedCents])).toEqual([[2016, 1_000_000, 1_000_000], [2017, 1_000_000, 1_000_000]]);
    expect(await installments(c.id)).toEqual([
      `2016 advance 600000 planned ${signedOn}`, '2016 balance 400000 planned 2017-06-30',
      '2017 advance 600000 planned 2017-04-03', '2017 balance 400000 planned 2018-03-15',
    ]);

    const text = (await extractPdfText(binary(await download(association, `/api/conventions/${c.id}/document?version=2`)))).replace(/\s+/g, ' ');
    expect(text).toContain('Avenant n° 1 à la convention');
    expect(text).toContain('2017, avance : 6 000,00 €, échéance fixée par le présent avenant au 3 avril 2017');
    expect(text).toContain('échéance fixée par le présent avenant au 15 mars 2018');
    const [audit] = await t.sql<{ diff: { installments?: { before: unknown; after: unknown } } }>(
      `SELECT diff FROM audit_event WHERE action = 'convention.amended' AND entity_id = $1`, [c.id],
    );
    expect(audit?.diff.installments?.after).toEqual([
      { year: 2017, kind: 'advance', beforeDueOn: signedOn, afterDueOn: '2017-04-03' },
      { year: 2017, kind: 'balance', beforeDueOn: '2018-06-30', afterDueOn: '2018-03-15' },
    ]);
  }, 120_000);

  it('refuses to move a paid, partly paid, cancelled or due installment (409); a new amount and a date move together', async () => {
    const call = await newCall(t, admin, 'AAP-AMEND-PAID');
    const { applicationId } = await retainedApplication(t, call.id, { axisCode: 'FREINS', grants: [[2016, 1_000_000], [2017, 1_000_000]] });
    let c = await signedByDepartment(applicationId);
    const activated = await post(finance, `/api/conventions/${c.id}/transitions`, { to: 'active', version: c.version });
    expect(activated.status).toBe(200);
    c = activated.body as ConventionView;
    await pay(c.id, 2016, 'advance', 600_000);
    await pay(c.id, 2017, 'advance', 100_000);

    const paid = await amend(c, { reason: 'Avance déjà payée', installments: [{ year: 2016, kind: 'advance', dueOn: '2016-03-01' }] });
    expect([paid.status, paid.body.code, paid.body.message]).toEqual([
      409, 'INSTALLMENT_NOT_MOVABLE', "L'échéance avance 2016 est payée : seule une échéance prévue et non payée peut changer de date.",
    ]);
    const partly = await t.http.post(`/api/conventions/${c.id}/amendments`).set(bearer(finance)).set('Accept-Language', 'en')
      .send({ reason: 'Avance en partie payée', installments: [{ year: 2017, kind: 'advance', dueOn: '2017-03-01' }] });
    expect([partly.status, partly.body.code, partly.body.message]).toEqual([
      409, 'INSTALLMENT_NOT_MOVABLE', 'The 2017 advance installment is partly paid: only a planned, unpaid installment can change its date.',
    ]);
    // The 2016 report approved: its balance becomes due.
    const approved = await post(admin, `/api/conventions/${c.id}/years/2016/report-approval`, {});
    expect(approved.status).toBe(200);
    const due = await amend(c, { reason: 'Solde déjà exigible', installments: [{ year: 2016, kind: 'balance', dueOn: '2017-09-01' }] });
    expect([due.status, due.body.code, due.body.message]).toEqual([
      409, 'INSTALLMENT_DUE_NOT_MOVABLE',
      "L'échéance solde 2016 est déjà exigible : son cycle de vie ne permet pas de la remettre en « prévue », sa date ne peut plus changer.",
    ]);
    await t.sql(`UPDATE installment SET status = 'cancelled' WHERE convention_id = $1 AND year = 2016 AND kind = 'balance'`, [c.id]);
    const cancelled = await amend(c, { reason: 'Solde annulé', installments: [{ year: 2016, kind: 'balance', dueOn: '2017-09-01' }] });
    expect([cancelled.status, cancelled.body.code]).toEqual([409, 'INSTALLMENT_NOT_MOVABLE']);
    expect(((await get(finance, `/api/conventions/${c.id}`)).body as ConventionView).documentVersion).toBe(1);

    // 2017's amount changes, so its open installments are replaced: the replacement balance takes the new date.
    const both = await amend(c, {
      reason: 'Hausse et report du solde 2017',
      years: [{ year: 2017, amountCents: 1_100_000 }], installments: [{ year: 2017, kind: 'balance', dueOn: '2018-04-16' }],
    });
    expect([both.status, both.body.code]).toEqual([201, undefined]);
    c = both.body as ConventionView;
    expect(c.amendments[0]).toMatchObject({
      years: [{ year: 2017, beforeCents: 1_000_000, afterCents: 1_100_000 }],
      installments: [{ year: 2017, kind: 'balance', beforeDueOn: '2018-06-30', afterDueOn: '2018-04-16' }],
    });
    expect((await installments(c.id)).filter((i) => i.startsWith('2017')).map((i) => i.split(' ').slice(0, 5).join(' '))).toEqual([
      expect.stringMatching(/^2017 advance 600000 cancelled /), expect.stringMatching(/^2017 advance 560000 due /),
      '2017 balance 400000 cancelled 2018-06-30', '2017 balance 440000 planned 2018-04-16',
    ]);
  }, 120_000);
  it('a later amendment keeps the dates an earlier one moved: a new amount keeps them, its PDF restates them', async () => {
    const call = await newCall(t, admin, 'AAP-AMEND-LATER');
    const { applicationId } = await retainedApplication(t, call.id, { axisCode: 'FREINS', grants: [[2016, 1_000_000], [2017, 1_000_000]] });
    let c = await signedByDepartment(applicationId);
    const first = await amend(c, {
      reason: 'Report de la seconde année', version: c.version,
      installments: [{ year: 2017, kind: 'advance', dueOn: '2017-04-03' }, { year: 2017, kind: 'balance', dueOn: '2018-03-15' }],
    });
    expect(first.status).toBe(201);
    c = first.body as ConventionView;
    // Avenant n° 2 raises 2017 only: its open installments are replaced, on the dates avenant n° 1 set.
    const second = await amend(c, { reason: 'Hausse de la seconde année', version: c.version, years: [{ year: 2017, amountCents: 1_200_000 }] });
    expect([second.status, second.body.code]).toEqual([201, undefined]);
    c = second.body as ConventionView;
    expect((await installments(c.id)).filter((i) => i.startsWith('2017'))).toEqual([
      '2017 advance 600000 cancelled 2017-04-03', '2017 advance 720000 planned 2017-04-03',
      '2017 balance 400000 cancelled 2018-03-15', '2017 balance 480000 planned 2018-03-15',
    ]);
    const text = (await extractPdfText(binary(await download(association, `/api/conventions/${c.id}/document?version=3`)))).replace(/\s+/g, ' ');
    expect(text).toContain('Avenant n° 2 à la convention');
    expect(text).toContain("2017, avance : 7 200,00 €, échéance fixée par l'avenant n° 1 au 3 avril 2017");
    expect(text).toContain("2017, solde : 4 800,00 €, après approbation du compte rendu 2017 (à remettre au plus tard le 30 juin 2018), échéance fixée par l'avenant n° 1 au 15 mars 2018");
    // Avenant n° 3 moves the 2017 advance again: the newest date, stated as this amendment's.
    const third = await amend(c, { reason: 'Nouveau report', version: c.version, installments: [{ year: 2017, kind: 'advance', dueOn: '2017-05-02' }] });
    expect(third.status).toBe(201);
    const v4 = (await extractPdfText(binary(await download(association, `/api/conventions/${c.id}/document?version=4`)))).replace(/\s+/g, ' ');
    expect(v4).toContain('2017, avance : 7 200,00 €, échéance fixée par le présent avenant au 2 mai 2017');
    expect(v4).toContain("échéance fixée par l'avenant n° 1 au 15 mars 2018");
  }, 120_000);
});
