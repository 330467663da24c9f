import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import type { EnvelopeFitView } from '@tremplin/contracts';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * The envelope fit's solve runs in a worker thread: while HiGHS works (up to its 3 s limit), the API
 * keeps answering. The axis is hard on purpose: 200 applications with scattered amounts over three
 * years and allocations of 40 % of what they ask, a multi-dimensional knapsack the solver does not
 * prove optimal within its limit. (The exact result of the fit through the worker is checked against
 * hand-computed sets in ranking.int-spec.)
 */
describe('envelope fit off the event loop', () => {
  let t: TestApp;
  let admin: string;
  let callId: string;
  const YEARS = [2024, 2025, 2026];
  const ROWS = 200;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
    // Deterministic scattered amounts (a linear congruential generator), 1,000 € to 50,000 € a year.
    let seed = 2016;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      reference: `FIT-${String(i + 1).padStart(4, '0')}`,
      scoreHundredths: 4000 + Math.floor(next() * 6000),
      amounts: YEARS.map(() => 100_000 + Math.floor(next() * 4_900_000)),
    }));
    const allocations = YEARS.map((_, y) => Math.floor(rows.reduce((sum, row) => sum + (row.amounts[y] ?? 0), 0) * 0.4));
    await t.sql('BEGIN');
    const [call] = await t.sql<{ id: string }>(
      `INSERT INTO call (code, title, description, opens_at, closes_at, years, envelope_cents, advance_basis_points, reviewers_per_application)
       VALUES ('FIT-WORKER', 'Ajustement', 'Appel de test de l’ajustement', now() - interval '60 days', now() - interval '30 days', '{2024,2025,2026}', $1, 5000, 2)
       RETURNING id`,
      [allocations.reduce((a, b) => a + b, 0)],
    );
    callId = call?.id ?? '';
    await t.sql(`INSERT INTO call_axis (call_id, code, label_fr, label_en, description, position) VALUES ($1, 'FIT', 'Axe', 'Axis', '', 1)`, [callId]);
    await t.sql(
      `INSERT INTO call_allocation (call_id, axis_id, year, amount_cents)
       SELECT $1, x.id, v.year, v.cents FROM call_axis x, unnest($2::int[], $3::bigint[]) AS v(year, cents) WHERE x.call_id = $1`,
      [callId, YEARS, allocations],
    );
    await t.sql('COMMIT');
    await t.sql(
      `INSERT INTO application (call_id, axis_id, organization_id, status, reference, title, submitted_version, submitted_at, created_by, score_hundredths, review_count, divergent)
       SELECT $1, x.id, u.organization_id, 'reviewed', r.reference, 'Projet ' || r.reference, 1, now(), u.id, r.score, 0, false
         FROM call_axis x, app_user u, unnest($2::text[], $3::int[]) AS r(reference, score)
        WHERE x.call_id = $1 AND u.email = $4`,
      [callId, rows.map((r) => r.reference), rows.map((r) => r.scoreHundredths), DEMO.association1],
    );
    await t.sql(
      `INSERT INTO application_request (application_id, year, amount_cents)
       SELECT a.id, v.year, v.cents
         FROM unnest($2::text[], $3::int[], $4::bigint[]) AS v(reference, year, cents)
         JOIN application a ON a.call_id = $1 AND a.reference = v.reference`,
      [
        callId,
        rows.flatMap((r) => YEARS.map(() => r.reference)),
        rows.flatMap(() => YEARS),
        rows.flatMap((r) => r.amounts),
      ],
    );
  });
  afterAll(() => t.close());

  /**
   * Asks GET /api/health every 50 ms from another thread, so that the asking is never held up by the
   * server's event loop (a client on the server's own thread would be frozen with it and see nothing).
   */
  function pollHealth(url: string): { stop: () => Promise<Array<{ asked: number; ms: number }>> } {
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const checks = [];
       let running = true;
       parentPort.on('message', () => { running = false; });
       (async () => {
         while (running) {
           const asked = Date.now();
           const res = await fetch(${JSON.stringify(url)});
           await res.arrayBuffer();
           checks.push({ asked, ms: Date.now() - asked, status: res.status });
           await new Promise((resolve) => setTimeout(resolve, 50));
         }
         parentPort.postMessage(checks);
       })();`,
      { eval: true },
    );
    return {
      stop: () => new Promise((resolve, reject) => {
        worker.once('message', (checks: Array<{ asked: number; ms: number; status: number }>) => {
          void worker.terminate();
          if (checks.some((c) => c.status !== 200)) reject(new Error(`health answered ${JSON.stringify(checks)}`));
          else resolve(checks);
        });
        worker.postMessage('stop');
      }),
    };
  }

  it('answers /api/health within 750 ms all along a fit that solves for over 2 s, and the fit stays within every allocation', async () => {
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const poller = pollHealth(`http://127.0.0.1:${port}/api/health`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const res = await t.http.get(`/api/calls/${callId}/envelope-fit?axis=FIT`).set(bearer(admin));
    const fitMs = Date.now() - started;
    const checks = await poller.stop();
    // Every check asked while the fit was running overlapped it.
    const latencies = checks.filter((c) => c.asked >= started && c.asked < started + fitMs).map((c) => c.ms);
    if (process.env['FIT_WORKER_REPORT']) console.log(JSON.stringify({ fitMs, checks: latencies.length, maxMs: Math.max(...latencies) }));
    expect(res.status).toBe(200);
    const view = res.body as EnvelopeFitView;
    // The solver used its time (its limit is 3 s): the health checks above ran while it worked.
    expect(fitMs).toBeGreaterThan(2000);
    expect(view.solver.status).toBe('time_limit');
    expect(Math.max(...latencies)).toBeLessThan(750);
    expect(latencies.length).toBeGreaterThan(10);
    for (const year of view.suggested.used) expect(year.amountCents).toBeLessThanOrEqual(year.allocationCents);
    expect(view.suggested.totalScore).toBeGreaterThanOrEqual(view.strict.totalScore);
  });
});
