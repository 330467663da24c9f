import type { CallInput, CallView } from '@tremplin/contracts';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/core/database/data-source';
import { commitConventionYears } from '../src/conventions/commitments';
import { recordPayment, type PaymentInput } from '../src/conventions/payments';
import { nord2016Call } from '../src/seed/nord-2016';
import { insertApplication } from './support/applications-sql';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

describe('payments on installments', () => {
  let t: TestApp;
  let call: CallView;
  let financeId: string;
  let sequence = 0;
  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.login(DEMO.admin);
    const input: CallInput = { ...nord2016Call(), code: 'AAP-TEST-PAYMENTS', opensAt: '2030-01-01T08:00:00.000Z', closesAt: '2030-03-01T11:00:00.000Z' };
    call = (await t.http.post('/api/calls').set(bearer(admin)).send(input)).body as CallView;
    const [finance] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [DEMO.finance]);
    financeId = finance?.id ?? '';
  });
  afterAll(() => t.close());

  /** A signed convention whose 2016 year (`yearCents`) is committed, with one due advance of `installmentCents`. */
  async function dueInstallment(yearCents: number, installmentCents: number): Promise<{ installmentId: string; conventionId: string; cellId: string }> {
    const [cell] = await t.sql<{ id: string }>(
      `SELECT ca.id FROM call_allocation ca JOIN call_axis a ON a.id = ca.axis_id WHERE ca.call_id = $1 AND a.code = 'MEDIATION' AND ca.year = 2016`,
      [call.id],
    );
    const applicationId = await insertApplication(t, DEMO.association1, 'retained');
    sequence += 1;
    const [convention] = await t.sql<{ id: string }>(
      `INSERT INTO convention (call_id, application_id, organization_id, number, total_cents, document_storage_key, document_sha256, created_by)
       SELECT $1, a.id, a.organization_id, $3, $4, 'conventions/x.pdf', repeat('a', 64), a.created_by FROM application a WHERE a.id = $2 RETURNING id`,
      [call.id, applicationId, `CONV-2030-${String(sequence).padStart(4, '0')}`, yearCents],
    );
    const conventionId = convention?.id ?? '';
    await t.sql(`INSERT INTO convention_year (convention_id, year, allocation_id, amount_cents) VALUES ($1, 2016, $2, $3)`, [conventionId, cell?.id, yearCents]);
    await t.dataSource.transaction((m) => commitConventionYears(m, conventionId));
    const [installment] = await t.sql<{ id: string }>(
      `INSERT INTO installment (convention_id, year, kind, amount_cents, due_on, status) VALUES ($1, 2016, 'advance', $2, '2030-06-01', 'due') RETURNING id`,
      [conventionId, installmentCents],
    );
    return { installmentId: installment?.id ?? '', conventionId, cellId: cell?.id ?? '' };
  }

  const payment = (installmentId: string, amountCents: number, idempotencyKey: string | null): PaymentInput => ({
    installmentId, amountCents, paidOn: '2030-06-02', mandateNumber: 'M-2030-0001', accountingReference: 'CPT-6574-2030', idempotencyKey, createdBy: financeId,
  });

  async function totals(installmentId: string, conventionId: string, cellId: string) {
    const [row] = await t.sql(
      `SELECT i.paid_cents AS installment, i.status::text AS status, cy.paid_cents AS year, c.paid_cents AS convention,
              (SELECT count(*)::int FROM payment p WHERE p.installment_id = i.id) AS payments
         FROM installment i JOIN convention_year cy ON cy.convention_id = i.convention_id AND cy.year = i.year
         JOIN convention c ON c.id = i.convention_id WHERE i.id = $1 AND c.id = $2`,
      [installmentId, conventionId],
    );
    const [cell] = await t.sql<{ paid: string }>(`SELECT paid_cents AS paid FROM call_allocation WHERE id = $1`, [cellId]);
    return { ...row, cellPaid: cell?.paid };
  }

  it('the same payment sent twice with one key is recorded once and returns the first result', async () => {
    const { installmentId, conventionId, cellId } = await dueInstallment(2_500_000, 1_500_000);
    const cellBefore = (await totals(installmentId, conventionId, cellId)).cellPaid;
    const first = await t.dataSource.transaction((m) => recordPayment(m, payment(installmentId, 1_500_000, 'key-twice')));
    const second = await t.dataSource.transaction((m) => recordPayment(m, payment(installmentId, 1_500_000, 'key-twice')));
    expect(first.replayed).toBe(false);
    expect(second).toMatchObject({ replayed: true, payment: { id: first.payment.id, amountCents: 1_500_000 } });
    expect(await totals(installmentId, conventionId, cellId)).toEqual({
      installment: '1500000', status: 'paid', year: '1500000', convention: '1500000', payments: 1, cellPaid: String(Number(cellBefore) + 1_500_000),
    });
  });

  it('the same key sent by 10 concurrent requests over two processes records one payment', async () => {
    const { installmentId, conventionId, cellId } = await dueInstallment(2_500_000, 1_500_000);
    const processes = [await new DataSource(dataSourceOptions(t.databaseUrl, 5)).initialize(), await new DataSource(dataSourceOptions(t.databaseUrl, 5)).initialize()];
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (processes[i % 2] as DataSource).transaction((m) => recordPayment(m, payment(installmentId, 600_000, 'key-race')))),
      );
      expect(new Set(results.map((r) => r.payment.id)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    } finally {
      await Promise.all(processes.map((p) => p.destroy()));
    }
    expect(await totals(installmentId, conventionId, cellId)).toMatchObject({ installment: '600000', status: 'due', year: '600000', convention: '600000', payments: 1 });
  });

  it('payments raced without a key on the last euros of an installment pay once', async () => {
    const { installmentId, conventionId, cellId } = await dueInstallment(2_500_000, 1_500_000);
    await t.dataSource.transaction((m) => recordPayment(m, payment(installmentId, 1_000_000, null)));
    const cellBefore = Number((await totals(installmentId, conventionId, cellId)).cellPaid);
    const processes = [await new DataSource(dataSourceOptions(t.databaseUrl, 5)).initialize(), await new DataSource(dataSourceOptions(t.databaseUrl, 5)).initialize()];
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => (processes[i % 2] as DataSource).transaction((m) => recordPayment(m, payment(installmentId, 500_000, null)))),
      );
    } finally {
      await Promise.all(processes.map((p) => p.destroy()));
    }
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      // Once paid, the installment is no longer due.
      expect(outcome.reason).toMatchObject({ status: 409, code: 'PAYMENT_REFUSED', details: [{ code: 'PAYMENT_INSTALLMENT_NOT_DUE' }] });
    }
    expect(await totals(installmentId, conventionId, cellId)).toEqual({
      installment: '1500000', status: 'paid', year: '1500000', convention: '1500000', payments: 2, cellPaid: String(cellBefore + 500_000),
    });
  });

  it('refuses a payment above what remains on the installment, or on the year\u2019s commitment', async () => {
    const { installmentId } = await dueInstallment(2_500_000, 1_500_000);
    await t.dataSource.transaction((m) => recordPayment(m, payment(installmentId, 400_000, null)));
    const above = await t.dataSource.transaction((m) => recordPayment(m, payment(installmentId, 1_100_001, null))).catch((e: unknown) => e);
    expect(above).toMatchObject({
      status: 409, code: 'PAYMENT_REFUSED', params: { remainingFr: '11\u202f000,00\u00a0€' },
      details: [{ field: 'amountCents', code: 'PAYMENT_ABOVE_INSTALLMENT', params: { remainingCents: 1_100_000 } }],
    });
    // An installment larger than what the year still commits (e.g. after an amendment lowered the year).
    const small = await dueInstallment(1_000_000, 1_200_000);
    const beyond = await t.dataSource.transaction((m) => recordPayment(m, payment(small.installmentId, 1_100_000, null))).catch((e: unknown) => e);
    expect(beyond).toMatchObject({ status: 409, details: [{ code: 'PAYMENT_ABOVE_COMMITMENT', params: { remainingCents: 1_000_000 } }] });
  });

  it('refuses a key reused for another payment', async () => {
    const { installmentId } = await dueInstallment(2_500_000, 1_500_000);
    await t.dataSource.transaction((m) => recordPayment(m, payment(installmentId, 100_000, 'key-reused')));
    const reused = await t.dataSource.transaction((m) => recordPayment(m, payment(installmentId, 200_000, 'key-reused'))).catch((e: unknown) => e);
    expect(reused).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});
