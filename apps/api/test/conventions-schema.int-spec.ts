import type { CallInput, CallView } from '@tremplin/contracts';
import { ConventionsAndPayments1764300000000 } from '../src/core/database/migrations/1764300000000-conventions-and-payments';
import { CellConventionCount1764320000000 } from '../src/core/database/migrations/1764320000000-cell-convention-count';
import { Convention, ConventionYear, Installment, Payment } from '../src/conventions/convention.entities';
import { nord2016Call } from '../src/seed/nord-2016';
import { insertApplication } from './support/applications-sql';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

const SHA = 'a'.repeat(64);

function newCall(code: string): CallInput {
  return { ...nord2016Call(), code, opensAt: '2030-01-01T08:00:00.000Z', closesAt: '2030-03-01T11:00:00.000Z' };
}

describe('conventions and payments schema', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
  });
  afterAll(() => t.close());

  async function lockedCall(code: string): Promise<CallView> {
    const created = (await t.http.post('/api/calls').set(bearer(admin)).send(newCall(code))).body as CallView;
    await t.sql(`UPDATE call SET structure_locked_at = now() WHERE id = $1`, [created.id]);
    return created;
  }

  async function cell(callId: string, axisCode: string, year: number): Promise<{ id: string; amount: string }> {
    const [row] = await t.sql<{ id: string; amount: string }>(
      `SELECT ca.id, ca.amount_cents AS amount FROM call_allocation ca JOIN call_axis a ON a.id = ca.axis_id
        WHERE ca.call_id = $1 AND a.code = $2 AND ca.year = $3`,
      [callId, axisCode, year],
    );
    if (!row) throw new Error('no such cell');
    return row;
  }

  /** A convention on an application of association1, with one 2016 year tied to `allocationId`. */
  async function insertConvention(callId: string, allocationId: string, number: string): Promise<string> {
    const applicationId = await insertApplication(t, DEMO.association1, 'retained');
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO convention (call_id, application_id, organization_id, number, total_cents, document_storage_key, document_sha256, created_by)
       SELECT $1, a.id, a.organization_id, $3, 2500000, 'conventions/x.pdf', $4, a.created_by
         FROM application a WHERE a.id = $2 RETURNING id`,
      [callId, applicationId, number, SHA],
    );
    if (!row) throw new Error('no convention');
    await t.sql(`INSERT INTO convention_year (convention_id, year, allocation_id, amount_cents) VALUES ($1, 2016, $2, 2500000)`, [row.id, allocationId]);
    return row.id;
  }

  it('gives every allocation cell a stable id, with committed and paid totals starting at 0', async () => {
    const [nord] = await t.sql<{ id: string }>(`SELECT id FROM call WHERE code = 'AAP-NORD-2016'`);
    const cells = await t.sql<{ id: string; committed: string; paid: string }>(
      `SELECT id, committed_cents AS committed, paid_cents AS paid FROM call_allocation WHERE call_id = $1`,
      [nord?.id],
    );
    expect(cells).toHaveLength(15);
    expect(new Set(cells.map((c) => c.id)).size).toBe(15);
    expect(cells.every((c) => /^[0-9a-f-]{36}$/.test(c.id) && c.committed === '0' && c.paid === '0')).toBe(true);
  });

  it('a budget revision updates the cells in place: their ids do not change', async () => {
    const created = await lockedCall('AAP-TEST-INPLACE');
    const before = await t.sql<{ id: string; year: number; axis_id: string }>(
      `SELECT id, year, axis_id FROM call_allocation WHERE call_id = $1 ORDER BY axis_id, year`,
      [created.id],
    );
    const finance = await t.login(DEMO.finance);
    const allocations = created.allocations.map((a, i) => ({ ...a, amountCents: a.amountCents + (i === 0 ? 100 : i === 1 ? -100 : 0) }));
    const res = await t.http.post(`/api/calls/${created.id}/budget-revisions`).set(bearer(finance)).send({
      version: created.version, envelopeCents: created.envelopeCents, allocations, reason: 'Transfert de 1 € entre deux cases.',
    });
    expect(res.status).toBe(200);
    const after = await t.sql<{ id: string; year: number; axis_id: string }>(
      `SELECT id, year, axis_id FROM call_allocation WHERE call_id = $1 ORDER BY axis_id, year`,
      [created.id],
    );
    expect(after).toEqual(before);
  });

  it('refuses with 409 a budget revision below what is committed in a cell, naming the cell', async () => {
    const created = await lockedCall('AAP-TEST-BELOW');
    const mediation2016 = await cell(created.id, 'MEDIATION', 2016);
    // What a Département signature will have committed in the cell.
    await t.sql(`UPDATE call_allocation SET committed_cents = 50000000 WHERE id = $1`, [mediation2016.id]);
    const finance = await t.login(DEMO.finance);
    const index = created.allocations.findIndex((a) => a.axisCode === 'MEDIATION' && a.year === 2016);
    const other = created.allocations.findIndex((a) => a.axisCode === 'INNOVATION' && a.year === 2016);
    // One cent below what is committed, the cent moved to another cell so the envelope still balances.
    const shift = Number(mediation2016.amount) - 49_999_999;
    const allocations = created.allocations.map((a, i) => (i === index ? { ...a, amountCents: a.amountCents - shift } : i === other ? { ...a, amountCents: a.amountCents + shift } : a));
    expect(allocations[index]?.amountCents).toBe(49_999_999);
    const refused = await t.http.post(`/api/calls/${created.id}/budget-revisions`).set(bearer(finance)).set('Accept-Language', 'fr').send({
      version: created.version, envelopeCents: created.envelopeCents, allocations, reason: 'Transfert trop fort.',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ALLOCATION_BELOW_COMMITTED');
    expect(refused.body.message).toBe(
      'La case MEDIATION × 2016 porte déjà 500\u202f000,00\u00a0€ d’engagements signés : sa dotation ne peut pas descendre en dessous.',
    );
    expect(refused.body.details).toEqual([
      { field: `allocations[${index}].amountCents`, code: 'ALLOCATION_BELOW_COMMITTED', message: 'MEDIATION × 2016 : au moins 500\u202f000,00\u00a0€ (déjà engagés).' },
    ]);
    expect((await cell(created.id, 'MEDIATION', 2016)).amount).toBe(mediation2016.amount);

    // Exactly what is committed is allowed.
    const exact = created.allocations.map((a, i) =>
      i === index ? { ...a, amountCents: 50_000_000 } : i === other ? { ...a, amountCents: a.amountCents + Number(mediation2016.amount) - 50_000_000 } : a,
    );
    const accepted = await t.http.post(`/api/calls/${created.id}/budget-revisions`).set(bearer(finance)).send({
      version: created.version, envelopeCents: created.envelopeCents, allocations: exact, reason: 'Transfert au plus juste.',
    });
    expect(accepted.status).toBe(200);
    expect((await cell(created.id, 'MEDIATION', 2016)).amount).toBe('50000000');
  });

  it('the database refuses committed above allocated and paid above committed', async () => {
    const created = await lockedCall('AAP-TEST-CHECKS');
    const { id, amount } = await cell(created.id, 'FREINS', 2017);
    await t.sql(`UPDATE call_allocation SET committed_cents = amount_cents WHERE id = $1`, [id]);
    await expect(t.sql(`UPDATE call_allocation SET committed_cents = amount_cents + 1 WHERE id = $1`, [id])).rejects.toThrow(/ck_call_allocation_committed/);
    await t.sql(`UPDATE call_allocation SET paid_cents = committed_cents WHERE id = $1`, [id]);
    await expect(t.sql(`UPDATE call_allocation SET paid_cents = committed_cents + 1 WHERE id = $1`, [id])).rejects.toThrow(/ck_call_allocation_paid/);
    await expect(t.sql(`UPDATE call_allocation SET paid_cents = -1, committed_cents = 0 WHERE id = $1`, [id])).rejects.toThrow(/ck_call_allocation_paid/);
    // Nor can the allocation itself drop below the commitment (with the envelope moved along, so only this CHECK fires).
    await expect(t.sql(`UPDATE call_allocation SET amount_cents = amount_cents - 1 WHERE id = $1`, [id])).rejects.toThrow(/ck_call_allocation_committed/);
    expect((await cell(created.id, 'FREINS', 2017)).amount).toBe(amount);
  });

  it('numbers are unique per call and well formed; one convention per application', async () => {
    const created = await lockedCall('AAP-TEST-NUMBERS');
    const { id: allocationId } = await cell(created.id, 'MEDIATION', 2016);
    await insertConvention(created.id, allocationId, 'CONV-2030-0001');
    await expect(insertConvention(created.id, allocationId, 'CONV-2030-0001')).rejects.toThrow(/uq_convention_number/);
    await expect(insertConvention(created.id, allocationId, 'CONV-30-1')).rejects.toThrow(/ck_convention_number/);
    const [existing] = await t.sql<{ application_id: string }>(`SELECT application_id FROM convention WHERE number = 'CONV-2030-0001' AND call_id = $1`, [created.id]);
    await expect(
      t.sql(
        `INSERT INTO convention (call_id, application_id, organization_id, number, total_cents, document_storage_key, document_sha256, created_by)
         SELECT call_id, application_id, organization_id, 'CONV-2030-0002', 1, 'k', document_sha256, created_by FROM convention WHERE application_id = $1`,
        [existing?.application_id],
      ),
    ).rejects.toThrow(/uq_convention_application/);
  });

  it('the database keeps signatures, termination and recovery consistent with the status', async () => {
    const created = await lockedCall('AAP-TEST-CONVCHECKS');
    const { id: allocationId } = await cell(created.id, 'INNOVATION', 2016);
    const id = await insertConvention(created.id, allocationId, 'CONV-2030-0001');
    // Signed by the association without a signature: refused.
    await expect(t.sql(`UPDATE convention SET status = 'signed_by_association', sent_at = now() WHERE id = $1`, [id])).rejects.toThrow(/ck_convention_association_signed/);
    await t.sql(
      `UPDATE convention SET status = 'signed_by_association', sent_at = now(), association_signed_at = now(), association_signer_id = created_by,
              association_signer_name = 'Marie Dupont', association_signature_method = 'accept' WHERE id = $1`,
      [id],
    );
    // Active without the Département's signature: refused.
    await expect(t.sql(`UPDATE convention SET status = 'active' WHERE id = $1`, [id])).rejects.toThrow(/ck_convention_department_signed/);
    await t.sql(`UPDATE convention SET paid_cents = 1000000 WHERE id = $1`, [id]);
    await expect(t.sql(`UPDATE convention SET paid_cents = 2500001 WHERE id = $1`, [id])).rejects.toThrow(/ck_convention_paid/);
    // Terminated: the recovery is between 0 and what was paid.
    await expect(
      t.sql(`UPDATE convention SET status = 'terminated', terminated_at = now(), termination_reason = 'Dissolution', recovery_cents = 1000001 WHERE id = $1`, [id]),
    ).rejects.toThrow(/ck_convention_recovery/);
    await expect(t.sql(`UPDATE convention SET status = 'terminated', terminated_at = now(), termination_reason = 'Dissolution' WHERE id = $1`, [id])).rejects.toThrow(
      /ck_convention_terminated/,
    );
    await t.sql(`UPDATE convention SET status = 'terminated', terminated_at = now(), termination_reason = 'Dissolution', recovery_cents = 1000000 WHERE id = $1`, [id]);
    const convention = await t.dataSource.getRepository(Convention).findOneByOrFail({ id });
    expect(convention).toMatchObject({ status: 'terminated', recoveryCents: 1_000_000, paidCents: 1_000_000, totalCents: 2_500_000, associationSignatureMethod: 'accept' });
  });

  it('installments and payments never exceed their amounts; an idempotency key records one payment', async () => {
    const created = await lockedCall('AAP-TEST-INSTALLMENTS');
    const { id: allocationId } = await cell(created.id, 'ACCOMPAGNEMENT', 2016);
    const conventionId = await insertConvention(created.id, allocationId, 'CONV-2030-0001');
    await expect(t.sql(`UPDATE convention_year SET committed_cents = 2500001 WHERE convention_id = $1`, [conventionId])).rejects.toThrow(/ck_convention_year_amounts/);
    await t.sql(`UPDATE convention_year SET committed_cents = 2500000 WHERE convention_id = $1`, [conventionId]);
    const [installment] = await t.sql<{ id: string }>(
      `INSERT INTO installment (convention_id, year, kind, amount_cents, due_on) VALUES ($1, 2016, 'advance', 1500000, '2030-06-01') RETURNING id`,
      [conventionId],
    );
    // A second live advance for the same year, or an installment of a year the convention does not have: refused.
    await expect(t.sql(`INSERT INTO installment (convention_id, year, kind, amount_cents, due_on) VALUES ($1, 2016, 'advance', 1, '2030-06-01')`, [conventionId])).rejects.toThrow(
      /ux_installment_live/,
    );
    await expect(t.sql(`INSERT INTO installment (convention_id, year, kind, amount_cents, due_on) VALUES ($1, 2017, 'advance', 1, '2031-01-01')`, [conventionId])).rejects.toThrow(
      /fk_installment_year/,
    );
    await expect(t.sql(`UPDATE installment SET paid_cents = 1 WHERE id = $1`, [installment?.id])).rejects.toThrow(/ck_installment_planned_unpaid/);
    await expect(t.sql(`UPDATE installment SET status = 'due', paid_cents = 1500001 WHERE id = $1`, [installment?.id])).rejects.toThrow(/ck_installment_paid/);
    await expect(t.sql(`UPDATE installment SET status = 'paid', paid_cents = 1499999 WHERE id = $1`, [installment?.id])).rejects.toThrow(/ck_installment_status_paid/);
    await t.sql(`UPDATE installment SET status = 'paid', paid_cents = 1500000 WHERE id = $1`, [installment?.id]);

    const pay = (key: string | null, amount = 1500000) =>
      t.sql(
        `INSERT INTO payment (installment_id, convention_id, amount_cents, paid_on, mandate_number, accounting_reference, idempotency_key, created_by)
         SELECT $1, $2, $4, '2030-06-02', 'M-2030-0001', 'CPT-6574-2030', $3, created_by FROM convention WHERE id = $2`,
        [installment?.id, conventionId, key, amount],
      );
    await pay('key-1');
    await expect(pay('key-1')).rejects.toThrow(/uq_payment_idempotency_key/);
    await expect(pay(null, 0)).rejects.toThrow(/ck_payment_amount/);
    const payments = await t.dataSource.getRepository(Payment).findBy({ conventionId });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amountCents: 1_500_000, paidOn: '2030-06-02', mandateNumber: 'M-2030-0001', idempotencyKey: 'key-1' });
    expect(await t.dataSource.getRepository(Installment).findOneByOrFail({ id: installment?.id ?? '' })).toMatchObject({
      status: 'paid', kind: 'advance', amountCents: 1_500_000, paidCents: 1_500_000, dueOn: '2030-06-01',
    });
    expect(await t.dataSource.getRepository(ConventionYear).findOneByOrFail({ conventionId, year: 2016 })).toMatchObject({
      allocationId, amountCents: 2_500_000, committedCents: 2_500_000, paidCents: 0, reportApprovedAt: null,
    });
    // A committed cell cannot disappear under its conventions.
    await expect(t.sql(`DELETE FROM call_allocation WHERE id = $1`, [allocationId])).rejects.toThrow(/convention_year/);
  });

  it('the outbox accepts the convention mail kind', async () => {
    await t.sql(`INSERT INTO outbox_mail (kind, to_address, subject, text_body) VALUES ('convention', 'a@example.org', 'Convention', 'À signer')`);
  });

  it('its migration reverts and applies again', async () => {
    const runner = t.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      // The later migration that builds on these tables goes first, as undoLastMigration would.
      await new CellConventionCount1764320000000().down(runner);
      await runner.query(`DELETE FROM payment; DELETE FROM installment; DELETE FROM convention_amendment; DELETE FROM convention_year; DELETE FROM convention`);
      await new ConventionsAndPayments1764300000000().down(runner);
      const tables = await runner.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('convention','convention_year','convention_amendment','convention_counter','installment','payment') ORDER BY 1`);
      expect(tables).toEqual([]);
      const columns = await runner.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'call_allocation' ORDER BY column_name`);
      expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual(['amount_cents', 'axis_id', 'call_id', 'year']);
      await expect(runner.query(`SAVEPOINT s; INSERT INTO outbox_mail (kind, to_address, subject, text_body) VALUES ('convention', 'a@example.org', 's', 'b')`)).rejects.toThrow(/ck_outbox_mail_kind/);
      await runner.query(`ROLLBACK TO SAVEPOINT s`);
      await new ConventionsAndPayments1764300000000().up(runner);
      await new CellConventionCount1764320000000().up(runner);
      const again = await runner.query(`SELECT count(*)::int AS n FROM call_allocation WHERE id IS NOT NULL`);
      expect(again[0].n).toBeGreaterThan(0);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
