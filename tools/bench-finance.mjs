// Benchmark of the finance reads (not a timed test). For each scale (default 1 and 10) it seeds a
// throwaway embedded PostgreSQL (the seed gives the 2016 call its N × 988 conventions, installments and
// payments), starts the built API and drives, with C concurrent clients (default 20):
//  - the budget `GET /api/calls/:id/budget`;
//  - the conventions list `GET /api/conventions?callId=…` (default page) and its drill-down from a budget
//    cell (`axisCode` + `year`);
//  - the framework's floor: `GET /api/health` (one `SELECT 1`),
// each beside a bare `node:http` + `pg` server (tools/bench-bare.mjs, as in bench:applications) that sends
// the same statements — the guard's user lookup, then the endpoint's own, taken with its view from the
// API's sources (tools/bench-finance-sql.mjs: they cannot drift) — through a pool of the API's size and
// writes the same JSON. The same client drives both; the two sides alternate in one-second slices, so
// whatever else runs on the machine weighs on both alike. It checks both answer the same bytes, then
// prints req/s, p50, p95, the API/SQL ratio and the growth between scales. Loopback only; the temp
// folders are removed at the end.
//
//   node tools/bench-finance.mjs [--scales 1,10] [--seconds 5] [--concurrency 20] [--explain]
//
// Needs the built API (`npx nx build api`); builds nothing itself.
import { createRequire } from 'node:module';
import pg from 'pg';

import { ADMIN, POOL_SIZE, scales, explain, environment, get, login, loadBoth, seconds, concurrency, startBare } from './bench-support.mjs';

const require = createRequire(import.meta.url);
// For --explain: the statements as the API builds them.
process.env.SWC_NODE_PROJECT ??= new URL('../tsconfig.base.json', import.meta.url).pathname;
require('reflect-metadata');
require('@swc-node/register');
const { BUDGET_SQL } = require('../apps/api/src/finance/finance.sql.ts');
const { conventionListStatement } = require('../apps/api/src/conventions/conventions-read.ts');

async function benchScale(scale) {
  const envt = await environment(scale);
  const onSignal = () => void envt.cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let pool = null;
  let bare = null;
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
    bare = await startBare('bench-finance-sql.mjs', envt.pgConfig(), admin.id);
    const [cell] = (await pool.query(
      `SELECT x.code, ca.year FROM call_allocation ca JOIN call_axis x ON x.id = ca.axis_id WHERE ca.call_id = $1 ORDER BY ca.committed_cents DESC LIMIT 1`, [call.id],
    )).rows;
    const actor = { userId: admin.id, email: ADMIN.email, role: 'admin', organizationId: null, requestId: null };
    const cases = [
      { name: 'budget (15 cells)', api: `/api/calls/${call.id}/budget`, bare: `/budget?callId=${call.id}`, explain: { text: BUDGET_SQL, values: [call.id] } },
      { name: 'floor: GET /api/health (SELECT 1)', api: '/api/health', bare: '/health', floor: true },
      ...[
        { name: 'conventions, default page', query: { callId: call.id } },
        { name: 'conventions, drill-down axis + year', query: { callId: call.id, axisCode: cell.code, year: String(cell.year) } },
      ].map((c) => ({ ...c, api: `/api/conventions?${new URLSearchParams(c.query)}`, bare: `/conventions?${new URLSearchParams(c.query)}`, explain: conventionListStatement(actor, c.query) })),
    ];
    const results = [];
    for (const c of cases) {
      const viaApi = String(await get(envt.apiPort, c.api, token));
      const viaSql = String(await get(bare.port, c.bare, token));
      // Same answer both ways, byte for byte (the health check's clock aside), or the comparison would mean nothing.
      const same = c.floor ? JSON.parse(viaApi).database === 'up' && JSON.parse(viaSql).database === 'up' : viaApi === viaSql;
      if (!same) console.warn(`  ! ${c.name}: the bare server no longer answers what the endpoint answers\n    API ${viaApi.slice(0, 300)}\n    SQL ${viaSql.slice(0, 300)}`);
      const body = JSON.parse(viaApi);
      const rows = body.totals?.conventionCount ?? body.total ?? 0;
      if (c.name.startsWith('budget')) console.log(`  budget: committed ${body.totals.committedCents / 100} €, paid ${body.totals.paidCents / 100} € of ${body.envelopeCents / 100} €`);
      if (explain && c.explain) {
        const plan = (await pool.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${c.explain.text}`, values: c.explain.values })).rows.map((r) => r['QUERY PLAN']);
        console.log(`\n-- scale ${scale}, ${c.name}\n${plan.join('\n')}`);
      }
      const [api, sql] = await loadBoth([() => get(envt.apiPort, c.api, token), () => get(bare.port, c.bare, token)]);
      results.push({ name: c.name, rows, same, api, sql });
      process.stdout.write('.');
    }
    console.log('');
    return { scale, results };
  } finally {
    await pool?.end().catch(() => undefined);
    await bare?.stop();
    await envt.cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const f1 = (v) => v.toFixed(1);
try {
  const runs = [];
  for (const scale of scales) runs.push(await benchScale(scale));
  console.log(`\nFinance reads — ${concurrency} concurrent clients, ${seconds} s per side and case in one-second slices alternating API and SQL after 1 s of warm-up each; SQL = a bare node:http + pg server sending the same statements (the guard's user lookup, then the endpoint's) through a pool of ${POOL_SIZE} (the API's pool size) and writing the same JSON`);
  for (const run of runs) {
    console.log(`\nScale ${run.scale}`);
    console.log(['case'.padEnd(36), 'rows'.padStart(6), 'API req/s'.padStart(9), 'p50'.padStart(7), 'p95'.padStart(7), 'SQL req/s'.padStart(9), 'p50'.padStart(7), 'p95'.padStart(7), 'API/SQL'.padStart(7), 'same'].join(' '));
    for (const r of run.results) {
      console.log([
        r.name.padEnd(36), String(r.rows).padStart(6), f1(r.api.rps).padStart(9), f1(r.api.p50).padStart(7), f1(r.api.p95).padStart(7),
        f1(r.sql.rps).padStart(9), f1(r.sql.p50).padStart(7), f1(r.sql.p95).padStart(7), `${(r.api.p50 / r.sql.p50).toFixed(2)}×`.padStart(7), r.same ? 'yes' : 'NO',
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
