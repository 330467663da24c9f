#!/usr/bin/env node
// Benchmark of the finance reads (not a timed test). For each scale (default 1 and 10) it seeds a
// throwaway embedded PostgreSQL (the seed gives the 2016 call its N × 988 conventions, installments and
// payments), starts the built API and drives, with C concurrent clients (default 20):
//  - the budget `GET /api/calls/:id/budget`, beside the same statements sent directly with `pg` through
//    a pool of the API's size: the guard's user lookup, then the budget statement, whose text comes from
//    apps/api/src/finance/finance.sql.ts (it cannot drift);
//  - the conventions list `GET /api/conventions?callId=…` (default page) and its drill-down from a budget
//    cell (`axisCode` + `year`), beside the list's own statement (`conventionListStatement` in
//    apps/api/src/conventions/conventions-read.ts, built for the same actor and query: it cannot drift).
// The two sides alternate in one-second slices, so whatever else runs on the machine weighs on both
// alike. It checks both return the same figures, then prints req/s, p50, p95, the API/SQL ratio and the
// growth between scales. Loopback only; the temp folders are removed at the end.
//
//   node tools/bench-finance.mjs [--scales 1,10] [--seconds 5] [--concurrency 20] [--explain]
//
// Needs the built API (`npx nx build api`); builds nothing itself.
import { createRequire } from 'node:module';
import pg from 'pg';

import { ADMIN, POOL_SIZE, scales, explain, environment, get, login, loadBoth, seconds, concurrency } from './bench-support.mjs';

const require = createRequire(import.meta.url);
// The API's sources as they are (decorators and the @tremplin/* paths of the base tsconfig).
process.env.SWC_NODE_PROJECT ??= new URL('../tsconfig.base.json', import.meta.url).pathname;
require('reflect-metadata');
require('@swc-node/register');
const { BUDGET_SQL } = require('../apps/api/src/finance/finance.sql.ts');
const { conventionListStatement } = require('../apps/api/src/conventions/conventions-read.ts');

/** The guard's lookup of the signed-in user, sent before every authenticated request (core/auth/auth.guard.ts). */
const GUARD_SQL = 'SELECT id, email, role, organization_id, active FROM app_user WHERE id = $1';


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
    const [{ n: conventionCount }] = (await pool.query('SELECT count(*)::int AS n FROM convention WHERE call_id = $1', [call.id])).rows;
    if (conventionCount === 0) throw new Error('the seed gave the 2016 call no conventions');
    console.log(`  ${conventionCount} conventions on the 2016 call`);
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

    // The conventions list, as the admin (staff scope) sees it.
    const [cell] = (await pool.query(
      `SELECT x.code, ca.year FROM call_allocation ca JOIN call_axis x ON x.id = ca.axis_id WHERE ca.call_id = $1 ORDER BY ca.committed_cents DESC LIMIT 1`, [call.id],
    )).rows;
    const actor = { userId: admin.id, email: ADMIN.email, role: 'admin', organizationId: null, requestId: null };
    const cases = [
      { name: 'conventions, default page', query: { callId: call.id } },
      { name: 'conventions, drill-down axis + year', query: { callId: call.id, axisCode: cell.code, year: String(cell.year) } },
    ];
    for (const c of cases) {
      const path = `/api/conventions?${new URLSearchParams(c.query)}`;
      const statement = conventionListStatement(actor, c.query);
      const direct = async () => {
        await pool.query(GUARD_SQL, [admin.id]);
        return (await pool.query(statement.text, statement.values)).rows;
      };
      const page = JSON.parse(String(await get(envt.apiPort, path, token)));
      const listed = await direct();
      const same = page.total === Number(listed[0]?.total ?? 0) && JSON.stringify(page.items.map((i) => i.number)) === JSON.stringify(listed.map((r) => r.number));
      if (!same) console.warn(`  ! ${c.name}: the API and the statement disagree (total ${page.total} / ${listed[0]?.total})`);
      if (explain) {
        const plan = (await pool.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, values: statement.values })).rows.map((r) => r['QUERY PLAN']);
        console.log(`\n-- scale ${scale}, ${c.name}\n${plan.join('\n')}`);
      }
      const [capi, csql] = await loadBoth([() => get(envt.apiPort, path, token), direct]);
      results.push({ name: c.name, rows: page.total, same, api: capi, sql: csql, sqlKind: 'same' });
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
