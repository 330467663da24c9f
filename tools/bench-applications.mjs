#!/usr/bin/env node
// Benchmark of the staff list of applications (not a timed test). For each scale (default 1 and 10,
// N × 1,500 applications) it seeds a throwaway embedded PostgreSQL, starts the built API on it and
// drives `GET /api/applications` as an administrator with C concurrent clients (default 20) for a
// fixed time per case — the default view, each offered sort, a filter, a text search, a deep page —
// beside a bare `node:http` + `pg` server (tools/bench-applications-bare.mjs) that sends the same
// statements through a pool of the API's size and writes the same JSON, driven by the same client at
// the same concurrency. It checks that both answer the same bytes, then prints req/s, p50 and p95 for
// both, the API/SQL ratio and the growth from the smallest to the largest scale. Loopback only; the
// temp folders are removed at the end.
//
//   node tools/bench-applications.mjs [--scales 1,10] [--seconds 5] [--concurrency 20] [--explain]
//
// Needs the built API (`npx nx build api`); builds nothing itself.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { listStatements } from './bench-applications-sql.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiMain = join(root, 'dist', 'apps', 'api', 'main.js');
const HOST = '127.0.0.1';
const ADMIN = { email: 'admin@demo.tremplin.fr', password: 'Tremplin-2016!' };
/** The API's default DATABASE_POOL_SIZE: the direct SQL gets as many connections as the API. */
const POOL_SIZE = 10;

function fail(message) {
  console.error(message);
  process.exit(2);
}
function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 1000) fail(`--${name} must be a whole number from 1 to 1000`);
  return value;
}
function scalesOption() {
  const i = process.argv.indexOf('--scales');
  const raw = i < 0 ? '1,10' : String(process.argv[i + 1] ?? '');
  const values = raw.split(',').map(Number);
  if (!values.length || values.some((v) => !Number.isInteger(v) || v < 1 || v > 50)) fail('--scales must list whole numbers from 1 to 50, e.g. 1,10');
  return values;
}
const scales = scalesOption();
const seconds = option('seconds', 5);
const concurrency = option('concurrency', 20);
const explain = process.argv.includes('--explain');

if (!existsSync(apiMain)) fail(`${apiMain} not found: build the API first with  npx nx build api`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const stripAnsi = (text) => text.replace(ANSI_COLOUR, '');

/** One throwaway database and API at one scale. */
async function environment(scale) {
  const dataDir = mkdtempSync(join(tmpdir(), `tremplin-bench-${scale}-`));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
  const [apiPort, pgPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    DATABASE_URL: '', DATA_DIR: dataDir, HOST, PORT: String(apiPort), EMBEDDED_POSTGRES_PORT: String(pgPort),
    DATABASE_POOL_SIZE: String(POOL_SIZE), SEED_SCALE: String(scale), SMTP_URL: '', LOG_FORMAT: 'text',
    // One token for the whole run, however long it takes.
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  };
  let server = null;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM'); // the API stops its embedded PostgreSQL on SIGTERM
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  /** Runs `main.js seed --scale N` (cluster creation, migrations, seed) and reports its timings. */
  const seed = () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, [apiMain, 'seed', '--scale', String(scale)], { cwd: root, env: { ...env, LOG_LEVEL: 'log' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('error', reject);
      child.on('exit', (code) => {
        const text = stripAnsi(output);
        if (code !== 0) return reject(new Error(`seed exited with ${code}:\n${text}`));
        const line = text.split('\n').find((l) => l.includes('Demo seeded at scale'));
        resolve({ wallMs: performance.now() - started, line: line?.replace(/^.*\[Seed\]\s*/, '').trim() ?? '' });
      });
    });

  const start = async () => {
    server = spawn(process.execPath, [apiMain], { cwd: root, env: { ...env, LOG_LEVEL: 'warn', SEED_DEMO: 'false' }, stdio: ['ignore', 'inherit', 'inherit'] });
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (server.exitCode !== null) throw new Error(`the API exited with ${server.exitCode}`);
      try {
        if ((await fetch(`http://${HOST}:${apiPort}/api/health`)).status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('the API did not answer /api/health within 2 minutes');
  };
  const pgConfig = () => ({ host: HOST, port: pgPort, user: 'postgres', password: readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim(), database: 'tremplin' });
  return { scale, dataDir, apiPort, seed, start, cleanup, pgConfig };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });
/**
 * A GET over a kept-alive loopback connection (lighter than fetch, so the client steals less CPU from the
 * server). A socket that the server closed while it sat idle (the other side's slice) is retried once, as
 * Node's documentation advises for `reusedSocket`.
 */
function get(port, path, token, retried = false) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: HOST, port, path, agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`GET ${path} → ${res.statusCode} ${Buffer.concat(chunks).toString()}`));
        resolve(Buffer.concat(chunks));
      });
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET') resolve(get(port, path, token, true));
      else reject(error);
    });
  });
}

async function login(port) {
  const res = await fetch(`http://${HOST}:${port}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (!res.ok) throw new Error(`login → ${res.status}`);
  return (await res.json()).accessToken;
}

/** The baseline: tools/bench-applications-bare.mjs on its own port, with a pool of the API's size. */
async function startBare(pgConfig, readerId) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'tools', 'bench-applications-bare.mjs')], {
    cwd: root, env: { ...process.env, PG_CONFIG: JSON.stringify(pgConfig), POOL_SIZE: String(POOL_SIZE), READER_ID: readerId, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  return { port, stop };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

/**
 * Both sides under the same load: `concurrency` loops call one side for a one-second slice, then the
 * other, alternating until each had `seconds` (after a one-second warm-up each), so that whatever else
 * runs on the machine weighs on both alike. Per side: req/s, p50, p95 in ms.
 */
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
    { name: 'call + axis + status, by amount', query: { ...call, axisCode: 'REMOBILISATION', status: 'submitted', sort: 'requestedCents', direction: 'desc' } },
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
    bare = await startBare(envt.pgConfig(), readerId);
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
