import type { BudgetView, CallView, FinanceOutlookView } from '@tremplin/contracts';
import { commitConventionYears } from '../src/conventions/commitments';
import { utf8Text } from './support/convention-fixtures';
import { createSmallCall, insertConvention, insertInstallment } from './support/finance-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * The budget and the outlook on a hand-made call: two axes × two years, three signed conventions, one
 * draft, two payments. Every expected figure below is computed by hand from these fixtures.
 *   MEDIATION  2016: allocated 300,000 €; committed 100,000 (C1) + 80,000 (C2); paid 60,000 (C1's advance)
 *   MEDIATION  2017: allocated 200,000 €; committed 50,000 (C1) + 60,000 (C2)
 *   INNOVATION 2016: allocated 250,000 €; committed 120,000 (C3); paid 50,000 (part of C3's advance); the draft C4 commits nothing
 *   INNOVATION 2017: allocated 250,000 €; nothing
 */
describe('budget and finance outlook', () => {
  let t: TestApp;
  let call: CallView;
  let finance: string;
  let admin: string;
  let c1 = '';
  beforeAll(async () => {
    t = await startTestApp();
    call = await createSmallCall(t, 'AAP-TEST-BUDGET');
    [finance, admin] = await Promise.all([t.login(DEMO.finance), t.login(DEMO.admin)]);
    c1 = await insertConvention(t, { callId: call.id, email: DEMO.association1, axisCode: 'MEDIATION', status: 'active', years: [{ year: 2016, amountCents: 10_000_000 }, { year: 2017, amountCents: 5_000_000 }] });
    const c2 = await insertConvention(t, { callId: call.id, email: DEMO.association2, axisCode: 'MEDIATION', status: 'active', years: [{ year: 2016, amountCents: 8_000_000 }, { year: 2017, amountCents: 6_000_000 }] });
    const c3 = await insertConvention(t, { callId: call.id, email: DEMO.association1, axisCode: 'INNOVATION', status: 'active', years: [{ year: 2016, amountCents: 12_000_000 }] });
    await insertConvention(t, { callId: call.id, email: DEMO.association2, axisCode: 'INNOVATION', status: 'draft', years: [{ year: 2016, amountCents: 4_000_000 }] });
    const c1Advance = await insertInstallment(t, c1, { year: 2016, kind: 'advance', amountCents: 6_000_000, dueOn: '2016-01-01', status: 'due' });
    await insertInstallment(t, c1, { year: 2016, kind: 'balance', amountCents: 4_000_000, dueOn: '2017-06-30', status: 'planned' });
    await insertInstallment(t, c1, { year: 2017, kind: 'advance', amountCents: 3_000_000, dueOn: '2017-01-01', status: 'planned' });
    await insertInstallment(t, c2, { year: 2016, kind: 'advance', amountCents: 4_800_000, dueOn: '2016-05-15', status: 'due' });
    await insertInstallment(t, c2, { year: 2016, kind: 'balance', amountCents: 3_200_000, dueOn: '2016-06-20', status: 'planned' });
    await insertInstallment(t, c2, { year: 2017, kind: 'advance', amountCents: 3_600_000, dueOn: '2016-08-20', status: 'planned' });
    const c3Advance = await insertInstallment(t, c3, { year: 2016, kind: 'advance', amountCents: 7_200_000, dueOn: '2016-04-01', status: 'due' });
    await insertInstallment(t, c3, { year: 2016, kind: 'balance', amountCents: 4_800_000, dueOn: '2016-07-25', status: 'planned' });
    for (const [id, amountCents, paidOn] of [[c1Advance, 6_000_000, '2016-02-15'], [c3Advance, 5_000_000, '2016-04-10']] as const) {
      const res = await t.http.post(`/api/installments/${id}/payments`).set(bearer(finance))
        .send({ amountCents, paidOn, mandateNumber: 'M-2016-0001', accountingReference: 'CPT-6574-2016' });
      if (res.status !== 201) throw new Error(`payment → ${res.status} ${JSON.stringify(res.body)}`);
    }
  });
  afterAll(() => t.close());

  it('reads each cell from its totals, with the conventions committed in it, and totals that add up', async () => {
    const res = await t.http.get(`/api/calls/${call.id}/budget`).set(bearer(finance));
    expect(res.status).toBe(200);
    const budget = res.body as BudgetView;
    expect(budget).toEqual({
      callId: call.id,
      envelopeCents: 100_000_000,
      totals: { allocatedCents: 100_000_000, committedCents: 41_000_000, paidCents: 11_000_000, remainingToCommitCents: 59_000_000, remainingToPayCents: 30_000_000, conventionCount: 3 },
      cells: [
        { axisCode: 'MEDIATION', axisLabel: 'Médiation', year: 2016, allocatedCents: 30_000_000, committedCents: 18_000_000, paidCents: 6_000_000, remainingToCommitCents: 12_000_000, remainingToPayCents: 12_000_000, conventionCount: 2 },
        { axisCode: 'MEDIATION', axisLabel: 'Médiation', year: 2017, allocatedCents: 20_000_000, committedCents: 11_000_000, paidCents: 0, remainingToCommitCents: 9_000_000, remainingToPayCents: 11_000_000, conventionCount: 2 },
        { axisCode: 'INNOVATION', axisLabel: 'Innovation', year: 2016, allocatedCents: 25_000_000, committedCents: 12_000_000, paidCents: 5_000_000, remainingToCommitCents: 13_000_000, remainingToPayCents: 7_000_000, conventionCount: 1 },
        { axisCode: 'INNOVATION', axisLabel: 'Innovation', year: 2017, allocatedCents: 25_000_000, committedCents: 0, paidCents: 0, remainingToCommitCents: 25_000_000, remainingToPayCents: 0, conventionCount: 0 },
      ],
    });
    const keys = ['allocatedCents', 'committedCents', 'paidCents', 'remainingToCommitCents', 'remainingToPayCents'] as const;
    for (const key of keys) expect(budget.cells.reduce((sum, c) => sum + c[key], 0)).toBe(budget.totals[key]);
    expect(budget.totals.allocatedCents).toBe(budget.envelopeCents);
    for (const cell of budget.cells) {
      expect(cell.paidCents).toBeLessThanOrEqual(cell.committedCents);
      expect(cell.committedCents).toBeLessThanOrEqual(cell.allocatedCents);
    }
    expect((await t.http.get(`/api/calls/${call.id}/budget`).set(bearer(admin))).body).toEqual(budget);
  });

  it('exports the cells as a French CSV (BOM, semicolons, decimal commas, a totals line)', async () => {
    const res = await t.http.get(`/api/calls/${call.id}/budget.csv`).set(bearer(finance)).buffer(true).parse(utf8Text);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="budget.csv"');
    expect(res.body).toBe(
      '\uFEFFAxe;Libellé;Année;Dotation (€);Engagé (€);Payé (€);Reste à engager (€);Reste à payer (€);Conventions\r\n' +
      'MEDIATION;Médiation;2016;300000,00;180000,00;60000,00;120000,00;120000,00;2\r\n' +
      'MEDIATION;Médiation;2017;200000,00;110000,00;0,00;90000,00;110000,00;2\r\n' +
      'INNOVATION;Innovation;2016;250000,00;120000,00;50000,00;130000,00;70000,00;1\r\n' +
      'INNOVATION;Innovation;2017;250000,00;0,00;0,00;250000,00;0,00;0\r\n' +
      'Total;Enveloppe 1000000,00 €;;1000000,00;410000,00;110000,00;590000,00;300000,00;3\r\n',
    );
  });

  it('defuses an axis label a spreadsheet would run as a formula', async () => {
    const own = await createSmallCall(t, 'AAP-TEST-BUDGET-CSV');
    await t.sql(`UPDATE call_axis SET label_fr = '=HYPERLIEN("http://x";"y")' WHERE call_id = $1 AND code = 'MEDIATION'`, [own.id]);
    const res = await t.http.get(`/api/calls/${own.id}/budget.csv`).set(bearer(finance)).buffer(true).parse(utf8Text);
    expect(String(res.body).split('\r\n')[1]).toBe(`MEDIATION;"'=HYPERLIEN(""http://x"";""y"")";2016;300000,00;0,00;0,00;300000,00;0,00;0`);
  });

  it('exports every payment of the call as a French CSV, in the order paid', async () => {
    const res = await t.http.get(`/api/calls/${call.id}/payments.csv`).set(bearer(finance)).buffer(true).parse(utf8Text);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="paiements-AAP-TEST-BUDGET.csv"');
    const [c1Row, c3Row] = await t.sql<{ number: string; legal_name: string; siret: string }>(
      `SELECT c.number, o.legal_name, o.siret FROM convention c JOIN organization o ON o.id = c.organization_id
        WHERE c.call_id = $1 AND c.id IN (SELECT convention_id FROM payment) ORDER BY c.total_cents DESC`, [call.id]);
    // C1 (150,000 €) paid its 2016 advance first, C3 (120,000 €) part of its own after.
    expect(res.body).toBe(
      '\uFEFFDate de paiement;Convention;Organisme;SIRET;Axe;Année;Échéance;Montant (€);N° de mandat;Référence comptable\r\n' +
      `15/02/2016;${c1Row?.number};${c1Row?.legal_name};${c1Row?.siret};MEDIATION;2016;Avance;60000,00;M-2016-0001;CPT-6574-2016\r\n` +
      `10/04/2016;${c3Row?.number};${c3Row?.legal_name};${c3Row?.siret};INNOVATION;2016;Avance;50000,00;M-2016-0001;CPT-6574-2016\r\n`,
    );
  });

  it('gives the installments falling due in 30/60/90 days, the overdue ones and the payments per month', async () => {
    const res = await t.http.get(`/api/calls/${call.id}/finance-outlook?asOf=2016-06-01`).set(bearer(finance));
    expect(res.status).toBe(200);
    expect(res.body as FinanceOutlookView).toEqual({
      callId: call.id,
      asOf: '2016-06-01',
      dueWindows: [
        // C2's 2016 balance on 20 June; + C3's balance on 25 July; + C2's 2017 advance on 20 August.
        { withinDays: 30, installmentCount: 1, amountCents: 3_200_000 },
        { withinDays: 60, installmentCount: 2, amountCents: 8_000_000 },
        { withinDays: 90, installmentCount: 3, amountCents: 11_600_000 },
      ],
      // C2's 2016 advance (15 May, unpaid) and what remains of C3's (1 April, 50,000 € of 72,000 € paid).
      overdue: { installmentCount: 2, amountCents: 7_000_000 },
      paymentsByMonth: [
        { month: '2016-02', amountCents: 6_000_000, paymentCount: 1 },
        { month: '2016-03', amountCents: 0, paymentCount: 0 },
        { month: '2016-04', amountCents: 5_000_000, paymentCount: 1 },
      ],
    });
    const bad = await t.http.get(`/api/calls/${call.id}/finance-outlook?asOf=2016-13-01`).set(bearer(finance));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ details: [{ field: 'asOf' }] });
  });

  it('keeps each cell\u2019s number of conventions as commitments change (an amendment bringing a year to 0, then back)', async () => {
    const cell = async () => ((await t.http.get(`/api/calls/${call.id}/budget`).set(bearer(finance))).body as BudgetView).cells[1];
    await t.dataSource.transaction((m) => commitConventionYears(m, c1, new Map([[2017, 0]])));
    expect(await cell()).toMatchObject({ axisCode: 'MEDIATION', year: 2017, committedCents: 6_000_000, conventionCount: 1 });
    await t.dataSource.transaction((m) => commitConventionYears(m, c1, new Map([[2017, 5_000_000]])));
    expect(await cell()).toMatchObject({ axisCode: 'MEDIATION', year: 2017, committedCents: 11_000_000, conventionCount: 2 });
    const [row] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM call_allocation ca
        WHERE ca.call_id = $1 AND ca.convention_count <> (SELECT count(*) FROM convention_year cy WHERE cy.allocation_id = ca.id AND cy.committed_cents > 0)`,
      [call.id],
    );
    expect(row).toEqual({ n: 0 });
  });

  it('answers 404 for a call that does not exist, and only to finance and admin', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of ['budget', 'budget.csv', 'payments.csv', 'finance-outlook']) {
      expect((await t.http.get(`/api/calls/${missing}/${path}`).set(bearer(finance))).status).toBe(404);
    }
    const association = await t.login(DEMO.association1);
    expect((await t.http.get(`/api/calls/${call.id}/budget`).set(bearer(association))).status).toBe(403);
    expect((await t.http.get(`/api/calls/${call.id}/payments.csv`).set(bearer(association))).status).toBe(403);
  });
});
