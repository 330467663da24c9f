#!/usr/bin/env node
// Benchmark of the staff list of applications (not a timed test). For each scale (default 1 and 10,
// N × 1,500 applications) it seeds a throwaway embedded PostgreSQL, starts the built API on it and
// drives `GET /api/applications` as an administrator with C concurrent clients (default 20) for a
// fixed time per case — the default view, each offered sort, a filter, a text search, a deep page —
// beside a bare `node:http` + `pg` server (tools/bench-bare.mjs) that sends the same
// statements through a pool of the API's size and writes the same JSON, driven by the same client at
// the same concurrency. It checks that both answer the same bytes, then prints req/s, p50 and p95 for
// both, the API/SQL ratio and the growth from the smallest to the largest scale. Loopback only; the
// temp folders are removed at the end.
//
//   node tools/bench-applications.mjs [--scales 1,10] [--seconds 5] [--concurrency 20] [--explain]
//
// Needs the built API (`npx nx build api`); builds nothing itself.
import pg from 'pg';
import { listStatements } from './bench-applications-sql.mjs';

import { ADMIN, POOL_SIZE, scales, seconds, concurrency, explain, environment, get, login, loadBoth, startBare } from './bench-support.mjs';

function casesFor(callId) {
  const call = { callId, pageSize: '25' };
  return [
    { name: 'default: one call, newest first', query: call },
    { name: 'one call, by submission date (newest)', query: { ...call, sort: 'submittedAt', direction: 'desc' } },
    { name: 'one call, by reference', query: { ...call, sort: 'reference', direction: 'asc' } },
    { name: 'one call, by title', query: { ...call, sort: 'title', direction: 'asc' } },
    { name: 'one call, by amount (largest)', query: { ...call, sort: 'requestedCents', direction: 'desc' } },
    { name: 'one call, by organisation', query: { ...call, sort: 'organization', direction: 'asc' } },
    { name: 'one call, by status', query: { ...call, sort: 'status', direction: 'asc' } },
    { name: 'call + axis + status, by amount', query: { ...call, axisCode: 'REMOBILISATION', status: 'retained', sort: 'requestedCents', direction: 'desc' } },
    { name: 'text search q=jardin (+ call)', query: { ...call, q: 'jardin' } },
    { name: 'all calls, by organisation, page 40', query: { sort: 'organization', direction: 'asc', page: '40', pageSize: '25' } },
  ];
}

async function benchScale(scale) {
  const envt = await environment(scale);
  const onSignal = () => void envt.cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let pool = null;
  let bare = null;
  try {
    console.log(`\nScale ${scale}: seeding (≈ ${scale * 1500} applications) in ${envt.dataDir} …`);
    const seeded = await envt.seed();
    console.log(`  ${seeded.line} — ${(seeded.wallMs / 1000).toFixed(1)} s for the whole \`main.js seed\` (new cluster + migrations + seed)`);
    await envt.start();
    const token = await login(envt.apiPort);
    const calls = JSON.parse(String(await get(envt.apiPort, '/api/calls', token)));
    const callId = calls.find((c) => c.code === 'AAP-NORD-2016')?.id;
    if (!callId) throw new Error('the 2016 call is missing');
    pool = new pg.Pool({ ...envt.pgConfig(), max: 1 });
    const readerId = (await pool.query('SELECT id FROM app_user WHERE email = $1', [ADMIN.email])).rows[0].id;
    const [{ n: applications }] = (await pool.query('SELECT count(*)::int AS n FROM application')).rows;
    bare = await startBare('bench-applications-sql.mjs', envt.pgConfig(), readerId);
    const results = [];
    for (const c of casesFor(callId)) {
      const path = `/api/applications?${new URLSearchParams(c.query)}`;
      const { list } = listStatements(c.query, readerId);
      const barePath = `/list?${new URLSearchParams(c.query)}`;
      // Same answer both ways, byte for byte, or the comparison would mean nothing.
      const viaApi = String(await get(envt.apiPort, path, token));
      const viaSql = String(await get(bare.port, barePath, token));
      const total = JSON.parse(viaSql).total;
      const same = viaApi === viaSql;
      if (!same) console.warn(`  ! ${c.name}: the SQL here no longer matches the endpoint; update tools/bench-applications-sql.mjs\n    API ${viaApi.slice(0, 300)}\n    SQL ${viaSql.slice(0, 300)}`);
      const [api, sql] = await loadBoth([() => get(envt.apiPort, path, token), () => get(bare.port, barePath, token)]);
      results.push({ name: c.name, total, same, api, sql });
      process.stdout.write('.');
      if (explain) {
        for (const [label, statement] of [['list', list]]) {
          const plan = (await pool.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, values: statement.values })).rows.map((r) => r['QUERY PLAN']);
          console.log(`\n-- scale ${scale}, ${c.name} — ${label}\n${plan.join('\n')}`);
        }
      }
    }
    console.log('');
    return { scale, applications, results };
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
  console.log(`\nStaff list GET /api/applications — ${concurrency} concurrent clients, ${seconds} s per side and case, in one-second slices alternating API and SQL, after 1 s of warm-up each; SQL = a bare node:http + pg server sending the same statements (the guard’s user lookup, then the list’s one statement) through a pool of ${POOL_SIZE} (the API’s pool size) and writing the same JSON`);
  for (const run of runs) {
    console.log(`\nScale ${run.scale}: ${run.applications} applications`);
    console.log(['case'.padEnd(38), 'rows'.padStart(6), 'API req/s'.padStart(9), 'p50'.padStart(7), 'p95'.padStart(7), 'SQL req/s'.padStart(9), 'p50'.padStart(7), 'p95'.padStart(7), 'API/SQL'.padStart(7), 'same'].join(' '));
    for (const r of run.results) {
      console.log([
        r.name.padEnd(38), String(r.total).padStart(6), f1(r.api.rps).padStart(9), f1(r.api.p50).padStart(7), f1(r.api.p95).padStart(7),
        f1(r.sql.rps).padStart(9), f1(r.sql.p50).padStart(7), f1(r.sql.p95).padStart(7), `${(r.api.p50 / r.sql.p50).toFixed(2)}×`.padStart(7), r.same ? 'yes' : 'NO',
      ].join(' '));
    }
  }
  if (runs.length > 1) {
    const [small, large] = [runs[0], runs[runs.length - 1]];
    console.log(`\nGrowth scale ${large.scale} / scale ${small.scale} (API p50 ratio; ≤ 2× is the goal for ${large.scale / small.scale}× the data)`);
    console.log(['case'.padEnd(38), 'API p50'.padStart(8), 'req/s drop'.padStart(10), 'SQL p50'.padStart(8)].join(' '));
    for (const r of large.results) {
      const base = small.results.find((s) => s.name === r.name);
      console.log([r.name.padEnd(38), `${(r.api.p50 / base.api.p50).toFixed(2)}×`.padStart(8), `${(base.api.rps / r.api.rps).toFixed(2)}×`.padStart(10), `${(r.sql.p50 / base.sql.p50).toFixed(2)}×`.padStart(8)].join(' '));
    }
  }
  console.log('\nTimes in ms. API = HTTP round trip incl. auth, validation, both queries and JSON; the load generator runs on the same machine.');
  process.exitCode = runs.every((run) => run.results.every((r) => r.same)) ? 0 : 3;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
