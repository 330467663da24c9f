#!/usr/bin/env node
// Benchmark of the finance reads (not a timed test). For each scale (default 1 and 10) it seeds a
// throwaway embedded PostgreSQL, makes sure the 2016 call has its conventions (see BULK CONVENTIONS
// below), starts the built API and drives, with C concurrent clients (default 20):
//  - the budget `GET /api/calls/:id/budget`, beside the same statements sent directly with `pg` through
//    a pool of the API's size: the guard's user lookup, then the budget statement, whose text comes from
//    apps/api/src/finance/finance.sql.ts (it cannot drift);
//  - the conventions list `GET /api/conventions?callId=…` (default page) and its drill-down from a budget
//    cell (`axisCode` + `year`), when the API serves that route (it belongs to the conventions work):
//    beside a reference statement written here (REFERENCE_LIST_SQL) until that work exports its own.
// The two sides alternate in one-second slices, so whatever else runs on the machine weighs on both
// alike. It checks both return the same figures, then prints req/s, p50, p95, the API/SQL ratio and the
// growth between scales. Loopback only; the temp folders are removed at the end.
//
//   node tools/bench-finance.mjs [--scales 1,10] [--seconds 5] [--concurrency 20] [--explain]
//
// Needs the built API (`npx nx build api`); builds nothing itself.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

import { ADMIN, POOL_SIZE, scales, seconds, concurrency, explain, environment, get, login } from './bench-support.mjs';

const require = createRequire(import.meta.url);
require('@swc-node/register');
const { BUDGET_SQL } = require('../apps/api/src/finance/finance.sql.ts');

/** The guard's lookup of the signed-in user, sent before every authenticated request (core/auth/auth.guard.ts). */
const GUARD_SQL = 'SELECT id, email, role, organization_id, active FROM app_user WHERE id = $1';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

/** `concurrency` loops on each side in alternating one-second slices (after 1 s of warm-up each): req/s, p50, p95 in ms. */
async function loadBoth(sides) {
  const run = async (fn, ms, stats) => {
    const deadline = performance.now() + ms;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          await fn();
          stats?.samples.push(performance.now() - t0);
        }
      }),
    );
    if (stats) stats.elapsed += performance.now() - started;
  };
  for (const fn of sides) await run(fn, 1000, null);
  const stats = sides.map(() => ({ samples: [], elapsed: 0 }));
  for (let slice = 0; slice < seconds; slice++) {
    for (const [i, fn] of sides.entries()) await run(fn, 1000, stats[i]);
  }
  return stats.map(({ samples, elapsed }) => {
    samples.sort((a, b) => a - b);
    return { rps: samples.length / (elapsed / 1000), p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), n: samples.length };
  });
}

// ---------------------------------------------------------------------------------------------------
// BULK CONVENTIONS — a stand-in until the seed (branch wt/seed) creates conventions at --scale N.
// When the 2016 call already has conventions (the seed made them), nothing is written and the bench
// uses them. Otherwise, in one transaction: a convention per retained application (19 in 20 active, the
// rest sent or draft), its years from the committee's grants tied to their axis × year cells, the
// commitments added to the cells, the installments (60 % advance, balance), the 2016 advances and
// balances and the 2017 advances paid with one payment each, and every paid total kept on the
// installment, the year, the convention and the cell — what the payment path maintains.
// ---------------------------------------------------------------------------------------------------
async function ensureConventions(pool, callId) {
  const [{ n }] = (await pool.query('SELECT count(*)::int AS n FROM convention WHERE call_id = $1', [callId])).rows;
  if (n > 0) return { created: false, conventions: n };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const [{ id: financeId }] = (await client.query(`SELECT id FROM app_user WHERE email = 'finances@demo.tremplin.fr'`)).rows;
    await client.query(
      `WITH retained AS (
         SELECT a.id, a.organization_id, a.created_by, row_number() OVER (ORDER BY a.reference, a.id) AS n,
                (SELECT COALESCE(sum(g.amount_cents), 0) FROM decision_grant g WHERE g.application_id = a.id) AS total
           FROM application a JOIN committee_decision d ON d.application_id = a.id
          WHERE a.call_id = $1 AND d.outcome = 'retained')
       INSERT INTO convention (call_id, application_id, organization_id, number, status, total_cents, document_storage_key, document_sha256, created_by,
                               sent_at, association_signer_id, association_signer_name, association_signed_at, association_signature_method,
                               department_signer_id, department_signer_name, deliberation_reference, department_signed_at, activated_at)
       SELECT $1, r.id, r.organization_id, 'CONV-2016-' || CASE WHEN r.n < 10000 THEN lpad(r.n::text, 4, '0') ELSE r.n::text END,
              s.status::convention_status, r.total, 'bench/convention.pdf', repeat('b', 64), $2,
              CASE WHEN s.status <> 'draft' THEN timestamptz '2016-04-20 10:00+02' END,
              CASE WHEN s.status = 'active' THEN r.created_by END, CASE WHEN s.status = 'active' THEN 'Représentant légal' END,
              CASE WHEN s.status = 'active' THEN timestamptz '2016-04-25 10:00+02' END, CASE WHEN s.status = 'active' THEN 'accept' END,
              CASE WHEN s.status = 'active' THEN $2::uuid END, CASE WHEN s.status = 'active' THEN 'David Finances' END,
              CASE WHEN s.status = 'active' THEN 'CP-2016-04-12' END, CASE WHEN s.status = 'active' THEN timestamptz '2016-04-28 10:00+02' END,
              CASE WHEN s.status = 'active' THEN timestamptz '2016-04-28 10:00+02' END
         FROM retained r CROSS JOIN LATERAL (SELECT CASE r.n % 20 WHEN 0 THEN 'sent' WHEN 10 THEN 'draft' ELSE 'active' END AS status) s`,
      [callId, financeId],
    );
    await client.query(
      `INSERT INTO convention_year (convention_id, year, allocation_id, amount_cents, committed_cents, report_approved_at, report_approved_by)
       SELECT c.id, g.year, ca.id, g.amount_cents, CASE WHEN c.status = 'active' THEN g.amount_cents ELSE 0 END,
              CASE WHEN c.status = 'active' AND g.year = 2016 THEN timestamptz '2017-05-15 10:00+02' END,
              CASE WHEN c.status = 'active' AND g.year = 2016 THEN $2::uuid END
         FROM convention c JOIN application a ON a.id = c.application_id
         JOIN decision_grant g ON g.application_id = c.application_id AND g.amount_cents > 0
         JOIN call_allocation ca ON ca.call_id = c.call_id AND ca.axis_id = a.axis_id AND ca.year = g.year
        WHERE c.call_id = $1`,
      [callId, financeId],
    );
    await client.query(
      `INSERT INTO installment (convention_id, year, kind, amount_cents, due_on, status, paid_cents)
       SELECT cy.convention_id, cy.year, k.kind, k.amount, k.due_on, k.status::installment_status,
              CASE WHEN k.status = 'paid' THEN k.amount ELSE 0 END
         FROM convention_year cy JOIN convention c ON c.id = cy.convention_id AND c.status = 'active'
         CROSS JOIN LATERAL (VALUES
           ('advance', cy.amount_cents * 6000 / 10000, make_date(cy.year, 1, 1) + CASE WHEN cy.year = 2016 THEN 118 ELSE 0 END,
            CASE WHEN cy.year <= 2017 THEN 'paid' ELSE 'due' END),
           ('balance', cy.amount_cents - cy.amount_cents * 6000 / 10000, make_date(cy.year + 1, 6, 30),
            CASE WHEN cy.year = 2016 THEN 'paid' ELSE 'planned' END)) k(kind, amount, due_on, status)
        WHERE k.amount > 0`,
    );
    await client.query(
      `INSERT INTO payment (installment_id, convention_id, amount_cents, paid_on, mandate_number, accounting_reference, created_by)
       SELECT i.id, i.convention_id, i.amount_cents, i.due_on + 20, 'M-' || i.year || '-' || lpad((row_number() OVER (ORDER BY i.id))::text, 6, '0'),
              'CPT-6574-' || i.year, $1
         FROM installment i JOIN convention c ON c.id = i.convention_id
        WHERE c.call_id = $2 AND i.status = 'paid'`,
      [financeId, callId],
    );
    await client.query(
      `UPDATE convention_year cy SET paid_cents = s.paid
         FROM (SELECT convention_id, year, sum(paid_cents) AS paid FROM installment GROUP BY convention_id, year) s
        WHERE s.convention_id = cy.convention_id AND s.year = cy.year`,
    );
    await client.query(
      `UPDATE convention c SET paid_cents = s.paid FROM (SELECT convention_id, sum(paid_cents) AS paid FROM convention_year GROUP BY convention_id) s
        WHERE s.convention_id = c.id AND c.call_id = $1`,
      [callId],
    );
    await client.query(
      `UPDATE call_allocation ca SET committed_cents = s.committed, paid_cents = s.paid
         FROM (SELECT allocation_id, sum(committed_cents) AS committed, sum(paid_cents) AS paid FROM convention_year GROUP BY allocation_id) s
        WHERE s.allocation_id = ca.id AND ca.call_id = $1`,
      [callId],
    );
    await client.query(`INSERT INTO convention_counter (call_id, last_sequence) SELECT $1, count(*) FROM convention WHERE call_id = $1 ON CONFLICT DO NOTHING`, [callId]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  // What autovacuum would do after such a batch: the cells were updated once per convention year.
  await pool.query('VACUUM ANALYZE convention, convention_year, installment, payment, call_allocation');
  const [{ m }] = (await pool.query('SELECT count(*)::int AS m FROM convention WHERE call_id = $1', [callId])).rows;
  return { created: true, conventions: m };
}

/**
 * A reference list statement (page of 25 by number, with its total), standing in for the conventions
 * work's own statement until it exports one; the drill-down keeps conventions with an amount in the cell.
 */
function referenceListSql(drill) {
  const filter = drill
    ? `c.call_id = $1 AND EXISTS (SELECT 1 FROM convention_year cy JOIN call_allocation ca ON ca.id = cy.allocation_id JOIN call_axis x ON x.id = ca.axis_id
                                   WHERE cy.convention_id = c.id AND x.code = $2 AND cy.year = $3)`
    : 'c.call_id = $1';
  return `
    SELECT (SELECT count(*) FROM convention c WHERE ${filter})::int AS total, listed.*
      FROM (SELECT 1) one LEFT JOIN (
        SELECT c.id, c.number, c.status::text AS status, c.total_cents, c.paid_cents, o.legal_name, a.reference, a.title
          FROM (SELECT c.id FROM convention c WHERE ${filter} ORDER BY c.number, c.id LIMIT 25) page
          JOIN convention c ON c.id = page.id JOIN organization o ON o.id = c.organization_id JOIN application a ON a.id = c.application_id) listed ON true
     ORDER BY listed.number, listed.id`;
}

async function benchScale(scale) {
  const envt = await environment(scale);
  const onSignal = () => void envt.cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let pool = null;
  try {
    console.log(`\nScale ${scale}: seeding in ${envt.dataDir} …`);
    const seeded = await envt.seed();
    console.log(`  ${seeded.line} — ${(seeded.wallMs / 1000).toFixed(1)} s for the whole \`main.js seed\``);
    await envt.start(); // the API runs the embedded PostgreSQL
    pool = new pg.Pool({ ...envt.pgConfig(), max: POOL_SIZE });
    const [call] = (await pool.query(`SELECT id FROM call WHERE code = 'AAP-NORD-2016'`)).rows;
    if (!call) throw new Error('the 2016 call is missing');
    const filled = await ensureConventions(pool, call.id);
    console.log(`  ${filled.created ? 'created in bulk SQL (stand-in for the seed)' : 'found'} ${filled.conventions} conventions on the 2016 call`);
    const token = await login(envt.apiPort);
    const [admin] = (await pool.query('SELECT id FROM app_user WHERE email = $1', [ADMIN.email])).rows;
    const results = [];

    // The budget.
    const budgetPath = `/api/calls/${call.id}/budget`;
    const budgetDirect = async () => {
      await pool.query(GUARD_SQL, [admin.id]);
      return (await pool.query(BUDGET_SQL, [call.id])).rows;
    };
    const viaApi = JSON.parse(String(await get(envt.apiPort, budgetPath, token)));
    const rows = await budgetDirect();
    const same = JSON.stringify(viaApi.cells.map((c) => [c.axisCode, c.year, c.committedCents, c.paidCents, c.conventionCount])) ===
      JSON.stringify(rows.map((r) => [r.axisCode, r.year, Number(r.committedCents), Number(r.paidCents), r.conventionCount]));
    if (!same) console.warn('  ! budget: the direct SQL does not return what the endpoint returned');
    const [api, sql] = await loadBoth([() => get(envt.apiPort, budgetPath, token), budgetDirect]);
    results.push({ name: 'budget (15 cells)', rows: viaApi.totals.conventionCount, same, api, sql, sqlKind: 'same' });
    console.log(`  budget: committed ${viaApi.totals.committedCents / 100} €, paid ${viaApi.totals.paidCents / 100} € of ${viaApi.envelopeCents / 100} €`);
    if (explain) {
      const plan = (await pool.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${BUDGET_SQL}`, values: [call.id] })).rows.map((r) => r['QUERY PLAN']);
      console.log(`\n-- scale ${scale}, budget\n${plan.join('\n')}`);
    }

    // The framework's floor, for scale: the public health check (no guard) beside the one statement it sends.
    const [hapi, hsql] = await loadBoth([() => get(envt.apiPort, '/api/health', token), () => pool.query('SELECT 1')]);
    results.push({ name: 'floor: GET /api/health (SELECT 1)', rows: 0, same: true, api: hapi, sql: hsql, sqlKind: 'same' });

    // The conventions list (the conventions work's route): benched only when the API serves it.
    const probe = await fetch(`http://127.0.0.1:${envt.apiPort}/api/conventions?callId=${call.id}`, { headers: { Authorization: `Bearer ${token}` } });
    if (probe.status !== 200) {
      console.log(`  conventions list: GET /api/conventions → ${probe.status}: the route is not served by this build (conventions work not merged) — skipped`);
    } else {
      const [cell] = (await pool.query(
        `SELECT x.code, ca.year FROM call_allocation ca JOIN call_axis x ON x.id = ca.axis_id WHERE ca.call_id = $1 ORDER BY ca.committed_cents DESC LIMIT 1`, [call.id],
      )).rows;
      const cases = [
        { name: 'conventions, default page', query: { callId: call.id }, drill: false, values: [call.id] },
        { name: "conventions, drill-down axis + year", query: { callId: call.id, axisCode: cell.code, year: String(cell.year) }, drill: true, values: [call.id, cell.code, cell.year] },
      ];
      for (const c of cases) {
        const path = `/api/conventions?${new URLSearchParams(c.query)}`;
        const text = referenceListSql(c.drill);
        const direct = async () => {
          await pool.query(GUARD_SQL, [admin.id]);
          return (await pool.query(text, c.values)).rows;
        };
        const page = JSON.parse(String(await get(envt.apiPort, path, token)));
        const listed = await direct();
        const sameTotal = page.total === (listed[0]?.total ?? 0);
        if (!sameTotal) console.warn(`  ! ${c.name}: total ${page.total} by the API, ${listed[0]?.total} by the reference statement`);
        const [capi, csql] = await loadBoth([() => get(envt.apiPort, path, token), direct]);
        results.push({ name: c.name, rows: page.total, same: sameTotal, api: capi, sql: csql, sqlKind: 'reference' });
      }
    }
    console.log('');
    return { scale, results };
  } finally {
    await pool?.end().catch(() => undefined);
    await envt.cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const f1 = (v) => v.toFixed(1);
try {
  const runs = [];
  for (const scale of scales) runs.push(await benchScale(scale));
  console.log(`\nFinance reads — ${concurrency} concurrent clients, ${seconds} s per side and case in one-second slices alternating API and SQL after 1 s of warm-up each; SQL = the guard's user lookup then the statement, sent with pg through a pool of ${POOL_SIZE} (the API's pool size)`);
  for (const run of runs) {
    console.log(`\nScale ${run.scale}`);
    console.log(['case'.padEnd(36), 'rows'.padStart(6), 'API req/s'.padStart(9), 'p50'.padStart(7), 'p95'.padStart(7), 'SQL req/s'.padStart(9), 'p50'.padStart(7), 'p95'.padStart(7), 'API/SQL'.padStart(7), 'same', 'SQL'].join(' '));
    for (const r of run.results) {
      console.log([
        r.name.padEnd(36), String(r.rows).padStart(6), f1(r.api.rps).padStart(9), f1(r.api.p50).padStart(7), f1(r.api.p95).padStart(7),
        f1(r.sql.rps).padStart(9), f1(r.sql.p50).padStart(7), f1(r.sql.p95).padStart(7), `${(r.api.p50 / r.sql.p50).toFixed(2)}×`.padStart(7), (r.same ? 'yes' : 'NO').padEnd(4), r.sqlKind,
      ].join(' '));
    }
  }
  if (runs.length > 1) {
    const [small, large] = [runs[0], runs[runs.length - 1]];
    console.log(`\nGrowth scale ${large.scale} / scale ${small.scale} (p50 ratio; ≤ 2× is the goal for ${large.scale / small.scale}× the data)`);
    console.log(['case'.padEnd(36), 'API p50'.padStart(8), 'SQL p50'.padStart(8)].join(' '));
    for (const r of large.results) {
      const base = small.results.find((s) => s.name === r.name);
      if (base) console.log([r.name.padEnd(36), `${(r.api.p50 / base.api.p50).toFixed(2)}×`.padStart(8), `${(r.sql.p50 / base.sql.p50).toFixed(2)}×`.padStart(8)].join(' '));
    }
  }
  console.log('\nTimes in ms. API = HTTP round trip incl. auth, validation, the statements and JSON; the load generator runs on the same machine.');
  process.exitCode = runs.every((run) => run.results.every((r) => r.same)) ? 0 : 3;
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
}
