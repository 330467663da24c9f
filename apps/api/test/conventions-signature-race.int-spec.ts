import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { ConventionView } from '@tremplin/contracts';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/core/config/config';
import { cell, leaveInCell, newCall, retainedApplication } from './support/convention-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * 50 Département signatures at once, spread over two API instances (two Nest apps, each its own pool)
 * on one database — as when the portal is scaled out — on conventions whose total exceeds what remains
 * in their cell: the cell ends committed exactly to its allocation, not a cent more.
 */
describe('concurrent Département signatures over two API instances', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  // Both instances store files in a folder of this test only, so that what is left there can be counted.
  const storageDir = mkdtempSync(join(tmpdir(), 'tremplin-race-storage-'));
  beforeAll(async () => {
    t = await startTestApp({ STORAGE_DIR: storageDir });
    // The same settings as the first instance (same JWT secret: a token works on both), same database.
    const config = loadConfig({
      NODE_ENV: 'test', JWT_SECRET: 'test-secret-that-is-long-enough-0123456789', DATA_DIR: '/tmp/tremplin-test-data', WEB_DIST_DIR: '/nonexistent',
      LOG_LEVEL: 'error', SEED_DEMO: 'false', ACCOUNT_THROTTLE_MAX_PER_IP: '10000', STORAGE_DIR: storageDir,
    });
    second = await createApp(config, t.databaseUrl, { logger: false });
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('commits exactly up to the allocation; the refused get 409 naming the cell; the others are signed', async () => {
    const [admin, finance, association] = [await t.login(DEMO.admin), await t.login(DEMO.finance), await t.login(DEMO.association1)];
    const call = await newCall(t, admin, 'AAP-CONV-RACE');
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const { applicationId } = await retainedApplication(t, call.id, { axisCode: 'REMOBILISATION', grants: [[2017, 1_000_000]] });
      const created = await t.http.post('/api/conventions').set(bearer(finance)).send({ applicationId });
      expect(created.status).toBe(201);
      const id = (created.body as ConventionView).id;
      expect((await t.http.post(`/api/conventions/${id}/transitions`).set(bearer(finance)).send({ to: 'sent' })).status).toBe(200);
      const signed = await t.http.post(`/api/conventions/${id}/transitions`).set(bearer(association)).send({ to: 'signed_by_association', signerName: 'Marie Dupont', acceptTerms: true });
      expect(signed.status).toBe(200);
      ids.push(id);
    }
    // 10 of the 50 conventions (10 000 € each) fit in what remains: 100 000 €.
    const { allocated } = await leaveInCell(t, call.id, 'REMOBILISATION', 2017, 10_000_000);

    const instances = [t.http, request(second.getHttpServer())];
    const responses = await Promise.all(
      ids.map((id, i) =>
        (instances[i % 2] ?? t.http).post(`/api/conventions/${id}/transitions`).set(bearer(finance)).send({ to: 'signed_by_department', deliberationReference: 'CP 2017-042' }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.body.code).toBe('COMMITMENT_EXCEEDS_ALLOCATION');
      expect(refused.body.message).toBe('Engagement refusé : la case REMOBILISATION × 2017 n’a plus que 0,00\u00a0€ disponibles pour 10\u202f000,00\u00a0€ demandés.');
    }
    // Both instances took part in the accepted ones and in the refused ones.
    const byInstance = (status: number) => new Set(responses.map((r, i) => (r.status === status ? i % 2 : -1)).filter((i) => i >= 0));
    expect([...byInstance(200)].sort()).toEqual([0, 1]);
    expect([...byInstance(409)].sort()).toEqual([0, 1]);

    const after = await cell(t, call.id, 'REMOBILISATION', 2017);
    expect(after.committed).toBe(allocated);
    const states = await t.sql<{ status: string; n: string; committed: string; installments: string }>(
      `SELECT c.status::text AS status, count(*) AS n, sum(cy.committed_cents) AS committed,
              sum((SELECT count(*) FROM installment i WHERE i.convention_id = c.id)) AS installments
         FROM convention c JOIN convention_year cy ON cy.convention_id = c.id
        WHERE c.id = ANY($1::uuid[]) GROUP BY c.status ORDER BY c.status`,
      [ids],
    );
    expect(states).toEqual([
      { status: 'signed_by_association', n: '40', committed: '0', installments: '0' },
      { status: 'signed_by_department', n: '10', committed: '10000000', installments: '20' },
    ]);
    // A refused signature leaves no signed file behind in the rows, and no audit event.
    const [events] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_event WHERE action = 'convention.sign_by_department' AND entity_id = ANY($1::text[])`, [ids]);
    expect(events).toEqual({ n: '10' });
    // On disk: the 50 drafts and the 10 signed PDFs; the 40 refused signatures removed the file they had written.
    expect(readdirSync(storageDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())).toHaveLength(60);
  }, 240_000);
});
