import type { CallView, InstallmentView, Page, RecordedPaymentView } from '@tremplin/contracts';
import { InstallmentsService } from '../src/payments/installments.service';
import { createSmallCall, insertConvention, insertInstallment, parisDay } from './support/finance-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

describe('installments and payments (API)', () => {
  let t: TestApp;
  let call: CallView;
  let finance: string;
  let admin: string;
  let association1: string;
  let association2: string;
  let reviewer: string;
  beforeAll(async () => {
    t = await startTestApp();
    call = await createSmallCall(t, 'AAP-TEST-PAY-API');
    [finance, admin, association1, association2, reviewer] = await Promise.all([
      t.login(DEMO.finance), t.login(DEMO.admin), t.login(DEMO.association1), t.login(DEMO.association2), t.login(DEMO.reviewer),
    ]);
  });
  afterAll(() => t.close());

  /** An active convention of association1 on MEDIATION 2016 (amount `yearCents`, committed) with one installment. */
  async function activeWith(yearCents: number, installment: { kind?: 'advance' | 'balance'; amountCents: number; dueOn?: string; status?: 'planned' | 'due' | 'paid' | 'cancelled' }) {
    const conventionId = await insertConvention(t, {
      callId: call.id, email: DEMO.association1, axisCode: 'MEDIATION', status: 'active', years: [{ year: 2016, amountCents: yearCents }],
    });
    const installmentId = await insertInstallment(t, conventionId, {
      year: 2016, kind: installment.kind ?? 'advance', amountCents: installment.amountCents, dueOn: installment.dueOn ?? '2016-01-01', status: installment.status ?? 'due',
    });
    return { conventionId, installmentId };
  }

  const body = (amountCents: number, mandateNumber = 'M-2016-0001') => ({ amountCents, paidOn: '2016-02-15', mandateNumber, accountingReference: 'CPT-6574-2016' });
  const pay = (installmentId: string, amountCents: number, key?: string, mandateNumber?: string) => {
    const req = t.http.post(`/api/installments/${installmentId}/payments`).set(bearer(finance));
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body(amountCents, mandateNumber));
  };
  const paymentRows = async (installmentId: string) =>
    (await t.sql<{ n: number; sum: string | null }>(`SELECT count(*)::int AS n, sum(amount_cents)::text AS sum FROM payment WHERE installment_id = $1`, [installmentId]))[0];

  it('records a payment (201) with its audit event, and the same key again returns the first result (200, replayed) and records nothing', async () => {
    const { installmentId } = await activeWith(1_000_000, { amountCents: 600_000 });
    const first = await pay(installmentId, 600_000, 'pay-once-1');
    expect(first.status).toBe(201);
    const recorded = first.body as RecordedPaymentView;
    expect(recorded).toMatchObject({
      replayed: false,
      payment: { installmentId, amountCents: 600_000, paidOn: '2016-02-15', mandateNumber: 'M-2016-0001', accountingReference: 'CPT-6574-2016', createdByName: 'David Finances' },
      installment: { id: installmentId, status: 'paid', amountCents: 600_000, paidCents: 600_000, year: 2016, kind: 'advance' },
    });
    const again = await pay(installmentId, 600_000, 'pay-once-1');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, payment: { id: recorded.payment.id, amountCents: 600_000 }, installment: { status: 'paid', paidCents: 600_000 } });
    expect(await paymentRows(installmentId)).toEqual({ n: 1, sum: '600000' });
    const events = await t.sql(`SELECT action, actor_email AS "actorEmail" FROM audit_event WHERE entity_type = 'installment' AND entity_id = $1 AND action = 'payment.recorded'`, [installmentId]);
    expect(events).toEqual([{ action: 'payment.recorded', actorEmail: DEMO.finance }]);
  });

  it('refuses a key reused with a different body (409) and a malformed key (400 naming the header)', async () => {
    const { installmentId } = await activeWith(1_000_000, { amountCents: 600_000 });
    expect((await pay(installmentId, 100_000, 'pay-reuse-1')).status).toBe(201);
    const otherMandate = await pay(installmentId, 100_000, 'pay-reuse-1', 'M-2016-0099');
    expect(otherMandate.status).toBe(409);
    expect(otherMandate.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const otherAmount = await pay(installmentId, 200_000, 'pay-reuse-1');
    expect(otherAmount.status).toBe(409);
    expect(otherAmount.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // (HTTP itself trims surrounding spaces and drops an empty header: those never reach the API.)
    for (const bad of ['x'.repeat(201), 'clé-paiement-1']) {
      const res = await pay(installmentId, 100_000, bad);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'Idempotency-Key' }] });
    }
    expect((await pay(installmentId, 100_000, 'k'.repeat(200))).status).toBe(201);
    expect(await paymentRows(installmentId)).toEqual({ n: 2, sum: '200000' });
  });

  it('20 payments raced without a key on the last euros of an installment pay it exactly once', async () => {
    const { installmentId, conventionId } = await activeWith(2_500_000, { amountCents: 1_500_000 });
    expect((await pay(installmentId, 1_000_000)).status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 20 }, () => pay(installmentId, 500_000)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(19);
    for (const refused of answers.filter((r) => r.status === 409)) expect(refused.body).toMatchObject({ code: 'INSTALLMENT_NOT_PAYABLE' });
    expect(await paymentRows(installmentId)).toEqual({ n: 2, sum: '1500000' });
    const [state] = await t.sql(
      `SELECT i.paid_cents::text AS installment, i.status::text AS status, cy.paid_cents::text AS year, c.paid_cents::text AS convention
         FROM installment i JOIN convention_year cy ON cy.convention_id = i.convention_id AND cy.year = i.year JOIN convention c ON c.id = i.convention_id
        WHERE i.id = $1 AND c.id = $2`,
      [installmentId, conventionId],
    );
    expect(state).toEqual({ installment: '1500000', status: 'paid', year: '1500000', convention: '1500000' });
  });

  it('refuses an amount above what remains, naming what remains', async () => {
    const { installmentId } = await activeWith(1_000_000, { amountCents: 600_000 });
    expect((await pay(installmentId, 100_000)).status).toBe(201);
    const above = await pay(installmentId, 500_001);
    expect(above.status).toBe(409);
    expect(above.body).toMatchObject({
      code: 'PAYMENT_REFUSED',
      message: 'Paiement refusé : il ne reste que 5\u202f000,00\u00a0€ à payer sur cette échéance ou sur l’engagement de l’année.',
    });
    expect((await pay(installmentId, 500_000)).status).toBe(201);
    expect(await paymentRows(installmentId)).toEqual({ n: 2, sum: '600000' });
  });

  it('a planned balance is refused (409) until its year\u2019s report is approved, then becomes due and is paid', async () => {
    const { installmentId, conventionId } = await activeWith(1_000_000, { kind: 'balance', amountCents: 400_000, dueOn: '2017-06-30', status: 'planned' });
    const early = await pay(installmentId, 400_000);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'INSTALLMENT_NOT_PAYABLE' });
    expect(early.body.message).toContain('prévue et pas encore exigible');
    expect(await paymentRows(installmentId)).toEqual({ n: 0, sum: null });
    await t.sql(`UPDATE convention_year SET report_approved_at = now(), report_approved_by = (SELECT id FROM app_user WHERE email = $2) WHERE convention_id = $1`, [conventionId, DEMO.admin]);
    const paid = await pay(installmentId, 400_000);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ installment: { status: 'paid', reportApproved: true } });
    const events = await t.sql(`SELECT actor_email AS "actorEmail", diff FROM audit_event WHERE action = 'installments.made-due' AND entity_id = $1`, [installmentId]);
    expect(events).toEqual([{ actorEmail: null, diff: { status: { before: 'planned', after: 'due' }, installments: { before: null, after: [installmentId] } } }]);
  });

  it('an advance becomes payable once its date has come; cancelled and paid installments are refused', async () => {
    const tomorrow = await parisDay(t, 1);
    const future = await activeWith(1_000_000, { amountCents: 600_000, dueOn: tomorrow, status: 'planned' });
    expect((await pay(future.installmentId, 600_000)).body).toMatchObject({ code: 'INSTALLMENT_NOT_PAYABLE' });
    const today = await activeWith(1_000_000, { amountCents: 600_000, dueOn: await parisDay(t, 0), status: 'planned' });
    expect((await pay(today.installmentId, 600_000)).status).toBe(201);
    const cancelled = await activeWith(1_000_000, { amountCents: 600_000, status: 'cancelled' });
    const refused = await pay(cancelled.installmentId, 600_000);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'INSTALLMENT_NOT_PAYABLE', message: 'Paiement refusé : cette échéance est annulée.' });
    const again = await pay(today.installmentId, 1);
    expect(again.body).toMatchObject({ code: 'INSTALLMENT_NOT_PAYABLE', message: 'Paiement refusé : cette échéance est déjà payée.' });
  });

  it('pays only active conventions: suspended and terminated ones → 409', async () => {
    for (const status of ['suspended', 'terminated'] as const) {
      const conventionId = await insertConvention(t, { callId: call.id, email: DEMO.association1, axisCode: 'MEDIATION', status, years: [{ year: 2016, amountCents: 1_000_000 }] });
      const installmentId = await insertInstallment(t, conventionId, { year: 2016, kind: 'advance', amountCents: 600_000, dueOn: '2016-01-01', status: 'due' });
      const res = await pay(installmentId, 600_000);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'CONVENTION_NOT_PAYABLE' });
      expect(await paymentRows(installmentId)).toEqual({ n: 0, sum: null });
    }
  });

  it('a convention\u2019s installments: its association and staff read them, association B and reviewers get 404, only finance pays', async () => {
    const { conventionId, installmentId } = await activeWith(1_000_000, { amountCents: 600_000 });
    await insertInstallment(t, conventionId, { year: 2016, kind: 'balance', amountCents: 400_000, dueOn: '2017-06-30', status: 'planned' });
    expect((await pay(installmentId, 250_000)).status).toBe(201);
    const path = `/api/conventions/${conventionId}/installments`;
    for (const token of [association1, finance, admin]) {
      const res = await t.http.get(path).set(bearer(token));
      expect(res.status).toBe(200);
      const views = res.body as InstallmentView[];
      expect(views.map((v) => [v.kind, v.status, v.amountCents, v.paidCents, v.dueOn, v.payments.map((p) => p.amountCents)])).toEqual([
        ['advance', 'due', 600_000, 250_000, '2016-01-01', [250_000]],
        ['balance', 'planned', 400_000, 0, '2017-06-30', []],
      ]);
    }
    for (const token of [association2, reviewer]) expect((await t.http.get(path).set(bearer(token))).status).toBe(404);
    expect((await t.http.get('/api/conventions/00000000-0000-4000-8000-000000000000/installments').set(bearer(finance))).status).toBe(404);
    // The conventions' scope: a draft is the Département's working copy, so its association gets 404 like on the convention itself.
    const draft = await insertConvention(t, { callId: call.id, email: DEMO.association1, axisCode: 'MEDIATION', status: 'draft', years: [{ year: 2016, amountCents: 100_000 }] });
    expect((await t.http.get(`/api/conventions/${draft}/installments`).set(bearer(association1))).status).toBe(404);
    expect((await t.http.get(`/api/conventions/${draft}`).set(bearer(association1))).status).toBe(404);
    const staffRead = await t.http.get(`/api/conventions/${draft}/installments`).set(bearer(finance));
    expect([staffRead.status, staffRead.body]).toEqual([200, []]);
    for (const token of [association1, admin]) {
      const res = await t.http.post(`/api/installments/${installmentId}/payments`).set(bearer(token)).send(body(1));
      expect(res.status).toBe(403);
    }
  });

  it('the worklist puts what can be paid first, then by date, and makes due the advances whose date has come', async () => {
    const own = await createSmallCall(t, 'AAP-TEST-WORKLIST');
    const conventionId = await insertConvention(t, { callId: own.id, email: DEMO.association2, axisCode: 'INNOVATION', status: 'active', years: [{ year: 2016, amountCents: 2_000_000 }, { year: 2017, amountCents: 1_000_000 }] });
    const balance2016 = await insertInstallment(t, conventionId, { year: 2016, kind: 'balance', amountCents: 800_000, dueOn: '2017-06-30', status: 'planned' });
    const advance2017 = await insertInstallment(t, conventionId, { year: 2017, kind: 'advance', amountCents: 600_000, dueOn: '2017-01-01', status: 'planned' });
    const advance2016 = await insertInstallment(t, conventionId, { year: 2016, kind: 'advance', amountCents: 1_200_000, dueOn: '2016-03-01', status: 'due' });
    const balance2017 = await insertInstallment(t, conventionId, { year: 2017, kind: 'balance', amountCents: 400_000, dueOn: '2018-06-30', status: 'cancelled' });
    const res = await t.http.get(`/api/installments?callId=${own.id}`).set(bearer(finance));
    expect(res.status).toBe(200);
    const page = res.body as Page<InstallmentView>;
    // 2017's advance (planned, dated 1 January 2017) became due on reading; the 2016 balance waits for its report.
    expect(page.items.map((i) => [i.id, i.status])).toEqual([[advance2016, 'due'], [advance2017, 'due'], [balance2016, 'planned']]);
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 25 });
    const all = (await t.http.get(`/api/installments?callId=${own.id}&status=cancelled,due&pageSize=1&page=2`).set(bearer(finance))).body as Page<InstallmentView>;
    expect(all).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(all.items.map((i) => i.id)).toEqual([advance2017]);
    const cancelled = (await t.http.get(`/api/installments?callId=${own.id}&status=cancelled&axisCode=INNOVATION`).set(bearer(admin))).body as Page<InstallmentView>;
    expect(cancelled.items.map((i) => i.id)).toEqual([balance2017]);
    const dueSoon = (await t.http.get(`/api/installments?callId=${own.id}&dueBefore=2016-12-31`).set(bearer(finance))).body as Page<InstallmentView>;
    expect(dueSoon.items.map((i) => i.id)).toEqual([advance2016]);
    const otherAxis = (await t.http.get(`/api/installments?callId=${own.id}&axisCode=MEDIATION`).set(bearer(finance))).body as Page<InstallmentView>;
    expect(otherAxis).toMatchObject({ total: 0, items: [] });
    const bad = await t.http.get(`/api/installments?status=due,late`).set(bearer(finance));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'status' }] });
  });

  it('the due pass makes due, in one statement, the advances of active conventions whose date has come, with one system event', async () => {
    const own = await createSmallCall(t, 'AAP-TEST-DUE-JOB');
    const active = await insertConvention(t, { callId: own.id, email: DEMO.association1, axisCode: 'MEDIATION', status: 'active', years: [{ year: 2016, amountCents: 1_000_000 }, { year: 2017, amountCents: 1_000_000 }] });
    const suspended = await insertConvention(t, { callId: own.id, email: DEMO.association1, axisCode: 'INNOVATION', status: 'suspended', years: [{ year: 2016, amountCents: 1_000_000 }] });
    const past = await insertInstallment(t, active, { year: 2016, kind: 'advance', amountCents: 600_000, dueOn: '2016-01-01', status: 'planned' });
    const later = await insertInstallment(t, active, { year: 2017, kind: 'advance', amountCents: 600_000, dueOn: '2017-01-01', status: 'planned' });
    const waiting = await insertInstallment(t, active, { year: 2016, kind: 'balance', amountCents: 400_000, dueOn: '2017-06-30', status: 'planned' });
    const ofSuspended = await insertInstallment(t, suspended, { year: 2016, kind: 'advance', amountCents: 600_000, dueOn: '2016-01-01', status: 'planned' });
    const service = t.app.get(InstallmentsService);
    const made = await service.makeDueEverywhere('2016-06-01');
    expect(made).toContain(past);
    expect(made).not.toContain(later);
    const statuses = await t.sql<{ id: string; status: string }>(`SELECT id, status::text AS status FROM installment WHERE id = ANY($1::uuid[])`, [[past, later, waiting, ofSuspended]]);
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [past]: 'due', [later]: 'planned', [waiting]: 'planned', [ofSuspended]: 'planned' });
    const [event] = await t.sql<{ actorId: string | null; ids: string[] }>(
      `SELECT actor_id AS "actorId", diff->'installments'->'after' AS ids FROM audit_event WHERE action = 'installments.made-due' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event).toEqual({ actorId: null, ids: [...made].sort() });
    expect(await service.makeDueEverywhere('2016-06-01')).toEqual([]);
  });
});
