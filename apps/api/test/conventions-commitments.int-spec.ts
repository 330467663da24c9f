import type { CallInput, CallView } from '@tremplin/contracts';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/core/database/data-source';
import { AppException } from '../src/core/errors/app.exception';
import { commitConventionYears } from '../src/conventions/commitments';
import { drawConventionNumber } from '../src/conventions/convention-numbers';
import { nord2016Call } from '../src/seed/nord-2016';
import { insertApplication } from './support/applications-sql';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

function newCall(code: string): CallInput {
  return { ...nord2016Call(), code, opensAt: '2030-01-01T08:00:00.000Z', closesAt: '2030-03-01T11:00:00.000Z' };
}

describe('commitments against allocation cells', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
  });
  afterAll(() => t.close());

  async function callWithCell(code: string, axisCode: string, year: number, remainingCents: number): Promise<{ call: CallView; cellId: string; allocated: number }> {
    const call = (await t.http.post('/api/calls').set(bearer(admin)).send(newCall(code))).body as CallView;
    const [cell] = await t.sql<{ id: string; amount: string }>(
      `SELECT ca.id, ca.amount_cents AS amount FROM call_allocation ca JOIN call_axis a ON a.id = ca.axis_id WHERE ca.call_id = $1 AND a.code = $2 AND ca.year = $3`,
      [call.id, axisCode, year],
    );
    if (!cell) throw new Error('no cell');
    // What earlier signatures committed: only `remainingCents` is left in the cell.
    await t.sql(`UPDATE call_allocation SET committed_cents = amount_cents - $2 WHERE id = $1`, [cell.id, remainingCents]);
    return { call, cellId: cell.id, allocated: Number(cell.amount) };
  }

  async function conventions(callId: string, cellId: string, year: number, amounts: number[]): Promise<string[]> {
    const ids: string[] = [];
    for (const [i, amount] of amounts.entries()) {
      const applicationId = await insertApplication(t, DEMO.association1, 'retained');
      const [row] = await t.sql<{ id: string }>(
        `INSERT INTO convention (call_id, application_id, organization_id, number, total_cents, document_storage_key, document_sha256, created_by)
         SELECT $1, a.id, a.organization_id, $3, $4, 'conventions/x.pdf', repeat('a', 64), a.created_by FROM application a WHERE a.id = $2 RETURNING id`,
        [callId, applicationId, `CONV-2030-${String(i + 1).padStart(4, '0')}`, amount],
      );
      await t.sql(`INSERT INTO convention_year (convention_id, year, allocation_id, amount_cents) VALUES ($1, $2, $3, $4)`, [row?.id, year, cellId, amount]);
      ids.push(row?.id ?? '');
    }
    return ids;
  }

  it('50 concurrent signatures over two processes commit exactly up to the allocation, not a cent more', async () => {
    const { call, cellId, allocated } = await callWithCell('AAP-TEST-RACE', 'MEDIATION', 2016, 10_000_000);
    const ids = await conventions(call.id, cellId, 2016, Array.from({ length: 50 }, () => 1_000_000));
    // Two pools on the same database, as two API processes behind a load balancer.
    const processes = [await new DataSource(dataSourceOptions(t.databaseUrl, 10)).initialize(), await new DataSource(dataSourceOptions(t.databaseUrl, 10)).initialize()];
    try {
      const outcomes = await Promise.allSettled(ids.map((id, i) => (processes[i % 2] as DataSource).transaction((m) => commitConventionYears(m, id))));
      const accepted = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(accepted).toHaveLength(10);
      expect(refused).toHaveLength(40);
      for (const { reason } of refused) {
        expect(reason).toBeInstanceOf(AppException);
        expect(reason).toMatchObject({ status: 409, code: 'COMMITMENT_EXCEEDS_ALLOCATION', params: { axisCode: 'MEDIATION', year: 2016 } });
      }
    } finally {
      await Promise.all(processes.map((p) => p.destroy()));
    }
    const [cell] = await t.sql<{ committed: string }>(`SELECT committed_cents AS committed FROM call_allocation WHERE id = $1`, [cellId]);
    expect(Number(cell?.committed)).toBe(allocated);
    const [years] = await t.sql<{ committed: string; n: string }>(
      `SELECT sum(committed_cents) AS committed, count(*) FILTER (WHERE committed_cents > 0) AS n FROM convention_year WHERE allocation_id = $1`,
      [cellId],
    );
    expect(years).toEqual({ committed: '10000000', n: '10' });
  });

  it('names the cell and what remains in the refusal', async () => {
    const { call, cellId } = await callWithCell('AAP-TEST-REFUSAL', 'FREINS', 2017, 750_000);
    const [id] = await conventions(call.id, cellId, 2017, [1_000_000]);
    const refusal = await t.dataSource.transaction((m) => commitConventionYears(m, id ?? '')).catch((error: unknown) => error);
    expect(refusal).toMatchObject({
      status: 409,
      code: 'COMMITMENT_EXCEEDS_ALLOCATION',
      params: { axisCode: 'FREINS', year: 2017, remainingFr: '7\u202f500,00\u00a0€', requestedFr: '10\u202f000,00\u00a0€' },
    });
    const [cell] = await t.sql<{ remaining: string }>(`SELECT amount_cents - committed_cents AS remaining FROM call_allocation WHERE id = $1`, [cellId]);
    expect(cell).toEqual({ remaining: '750000' });
  });

  it('draws gap-free numbers per call under concurrency, a rolled-back draw giving its number back', async () => {
    const first = (await t.http.post('/api/calls').set(bearer(admin)).send(newCall('AAP-TEST-NUM-A'))).body as CallView;
    const second = (await t.http.post('/api/calls').set(bearer(admin)).send(newCall('AAP-TEST-NUM-B'))).body as CallView;
    const processes = [await new DataSource(dataSourceOptions(t.databaseUrl, 5)).initialize(), await new DataSource(dataSourceOptions(t.databaseUrl, 5)).initialize()];
    const kept: string[] = [];
    try {
      // 30 concurrent drafts on the first call; every third one fails after drawing its number.
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          (processes[i % 2] as DataSource).transaction(async (m) => {
            const number = await drawConventionNumber(m, first.id, 2030);
            if (i % 3 === 0) throw new Error('the draft failed after drawing');
            kept.push(number);
          }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(10);
    } finally {
      await Promise.all(processes.map((p) => p.destroy()));
    }
    expect([...kept].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `CONV-2030-${String(i + 1).padStart(4, '0')}`));
    // Each call has its own sequence.
    expect(await t.dataSource.transaction((m) => drawConventionNumber(m, second.id, 2030))).toBe('CONV-2030-0001');
    expect(await t.dataSource.transaction((m) => drawConventionNumber(m, first.id, 2030))).toBe('CONV-2030-0021');
  });

  it('an amendment lowering a year releases the difference; committing again changes nothing', async () => {
    const { call, cellId } = await callWithCell('AAP-TEST-AMEND', 'INNOVATION', 2018, 3_000_000);
    const [id] = await conventions(call.id, cellId, 2018, [2_000_000]);
    expect(await t.dataSource.transaction((m) => commitConventionYears(m, id ?? ''))).toEqual([{ year: 2018, allocationId: cellId, deltaCents: 2_000_000 }]);
    expect(await t.dataSource.transaction((m) => commitConventionYears(m, id ?? '', new Map([[2018, 1_200_000]])))).toEqual([
      { year: 2018, allocationId: cellId, deltaCents: -800_000 },
    ]);
    expect(await t.sql(`SELECT amount_cents AS amount, committed_cents AS committed FROM convention_year WHERE convention_id = $1`, [id])).toEqual([
      { amount: '1200000', committed: '1200000' },
    ]);
    expect(await t.dataSource.transaction((m) => commitConventionYears(m, id ?? ''))).toEqual([]);
    const [cell] = await t.sql<{ remaining: string }>(`SELECT amount_cents - committed_cents AS remaining FROM call_allocation WHERE id = $1`, [cellId]);
    expect(cell).toEqual({ remaining: '1800000' });
  });
});
