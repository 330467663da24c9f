#!/usr/bin/env node
// Benchmark of the staff list of applications (not a timed test): seeds a throwaway demo at
// `--scale N` (N × 1,500 applications), starts the built API on it, and measures in one run the
// latency of `GET /api/applications` with a filter and with a text search, beside the same SQL run
// directly with `pg`. Everything runs on 127.0.0.1 in a temp folder removed at the end.
//
//   node tools/bench-applications.mjs [--scale 10] [--runs 200] [--warmup 20] [--explain]
//
// Needs the built API (`npx nx build api`); builds nothing itself.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiMain = join(root, 'dist', 'apps', 'api', 'main.js');
const HOST = '127.0.0.1';
const ADMIN = { email: 'admin@demo.tremplin.fr', password: 'Tremplin-2016!' };

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a whole number ≥ 1`);
    process.exit(2);
  }
  return value;
}
const scale = option('scale', 10);
const runs = option('runs', 200);
const warmup = option('warmup', 20);
const explain = process.argv.includes('--explain');

if (!existsSync(apiMain)) {
  console.error(`${apiMain} not found: build the API first with  npx nx build api`);
  process.exit(1);
}

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

const dataDir = mkdtempSync(join(tmpdir(), 'tremplin-bench-'));
chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
const [apiPort, pgPort] = [await freePort(), await freePort()];
const env = {
  ...process.env,
  DATABASE_URL: '',
  DATA_DIR: dataDir,
  HOST,
  PORT: String(apiPort),
  EMBEDDED_POSTGRES_PORT: String(pgPort),
  SEED_SCALE: String(scale),
  SMTP_URL: '',
  LOG_FORMAT: 'text',
  // One token for the whole run, however long it takes.
  ACCESS_TOKEN_TTL_SECONDS: '86400',
};

let server = null;
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM'); // the API stops its embedded PostgreSQL on SIGTERM
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void cleanup().then(() => process.exit(130)));
}

/** Runs `main.js seed --scale N` (cluster creation, migrations, seed) and reports its timings. */
function seed() {
  return new Promise((resolve, reject) => {
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
      const ms = Number(/in (\d+) ms/.exec(line ?? '')?.[1] ?? NaN);
      resolve({ wallMs: performance.now() - started, seedMs: ms, line: line?.replace(/^.*\[Seed\]\s*/, '').trim() ?? '' });
    });
  });
}

async function startServer() {
  server = spawn(process.execPath, [apiMain], { cwd: root, env: { ...env, LOG_LEVEL: 'warn', SEED_DEMO: 'false' }, stdio: ['ignore', 'inherit', 'inherit'] });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the API exited with ${server.exitCode}`);
    try {
      const res = await fetch(`http://${HOST}:${apiPort}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API did not answer /api/health within 2 minutes');
}

async function api(path, token, init = {}) {
  const res = await fetch(`http://${HOST}:${apiPort}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) },
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const escapeLike = (text) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const SORT_COLUMNS = {
  reference: 'a.reference', title: 'a.title', submittedAt: 'a.submitted_at', updatedAt: 'a.updated_at',
  requestedCents: 'a.requested_cents', organization: 'o.legal_name', status: 'a.status',
};

/**
 * The two statements `ApplicationsService.list` sends for a staff member (apps/api/src/applications/
 * applications.service.ts, scope from AccessPolicy.scopeApplications, unread count from
 * messages/unread.ts): the count, then the page. Kept in step by hand; every case below checks that
 * they return what the endpoint returned.
 */
function listStatements(query, readerId) {
  const params = [];
  const p = (value) => (params.push(value), `$${params.length}`);
  const where = ['a.submitted_version > 0'];
  if (query.callId) where.push(`a.call_id = ${p(query.callId)}`);
  if (query.axisCode) where.push(`a.axis_id IN (SELECT fx.id FROM call_axis fx WHERE fx.code = ${p(query.axisCode)})`);
  if (query.status) where.push(`a.status IN (${query.status.split(',').map((s) => p(s)).join(', ')})`);
  if (query.territory) where.push(`a.territories @> ARRAY[${p(query.territory)}]::text[]`);
  if (query.q) {
    const q = p(`%${escapeLike(query.q.trim())}%`);
    where.push(`(a.search_text LIKE tremplin_fold(${q}) OR a.organization_id = ANY(ARRAY(SELECT fo.id FROM organization fo WHERE tremplin_fold(fo.legal_name) LIKE tremplin_fold(${q}))))`);
  }
  const from =
    'FROM application a LEFT JOIN call c ON c.id = a.call_id LEFT JOIN call_axis x ON x.id = a.axis_id ' +
    `LEFT JOIN organization o ON o.id = a.organization_id WHERE ${where.join(' AND ')}`;
  const count = { text: `SELECT COUNT(*) AS total ${from}`, values: [...params] };
  const reader = p(readerId);
  const pageSize = Number(query.pageSize ?? 25);
  const offset = (Number(query.page ?? 1) - 1) * pageSize;
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
  const unread = `(SELECT count(*)::int FROM application_message um
    WHERE um.application_id = a.id AND um.author_id <> ${reader}
      AND um.created_at > coalesce((SELECT mr.last_read_at FROM message_read mr WHERE mr.application_id = a.id AND mr.user_id = ${reader}), '-infinity'::timestamptz))`;
  const page = {
    text:
      'SELECT a.id, a.reference, a.call_id, c.code AS call_code, x.code AS axis_code, a.organization_id, o.legal_name AS organization_name, ' +
      `a.territories, a.title, a.status, a.requested_cents, a.submitted_at, a.updated_at, ${unread} AS unread_messages ${from} ` +
      `ORDER BY ${SORT_COLUMNS[query.sort ?? 'updatedAt']} ${direction} NULLS LAST, a.id ${direction} LIMIT ${pageSize} OFFSET ${offset}`,
    values: params,
  };
  return { count, page };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), mean: samples.reduce((s, v) => s + v, 0) / samples.length };
}

async function measure(fn) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

let db = null;
try {
  console.log(`Seeding scale ${scale} (≈ ${scale * 1500} applications) in ${dataDir} …`);
  const seeded = await seed();
  console.log(`  ${seeded.line}`);
  console.log(`Starting the API on ${HOST}:${apiPort} (PostgreSQL on ${HOST}:${pgPort}) …`);
  await startServer();

  const { accessToken } = await api('/api/auth/login', null, { method: 'POST', body: JSON.stringify(ADMIN) });
  const calls = await api('/api/calls');
  const callId = calls.find((c) => c.code === 'AAP-NORD-2016')?.id;
  if (!callId) throw new Error('the 2016 call is missing');

  db = new pg.Client({ host: HOST, port: pgPort, user: 'postgres', password: readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim(), database: 'tremplin' });
  await db.connect();
  const readerId = (await db.query('SELECT id FROM app_user WHERE email = $1', [ADMIN.email])).rows[0].id;
  const [{ n: applications }] = (await db.query('SELECT count(*)::int AS n FROM application')).rows;

  const cases = [
    { name: 'filter: call + axis + status, by amount', query: { callId, axisCode: 'REMOBILISATION', status: 'submitted', sort: 'requestedCents', direction: 'desc', pageSize: '25' } },
    { name: 'text search q=jardin (+ call)', query: { callId, q: 'jardin', pageSize: '25' } },
    { name: 'all submitted, by organisation, page 40', query: { sort: 'organization', direction: 'asc', page: '40', pageSize: '25' } },
  ];
  const results = [];
  for (const c of cases) {
    const path = `/api/applications?${new URLSearchParams(c.query)}`;
    const { count, page } = listStatements(c.query, readerId);
    // Same answer both ways, or the comparison would mean nothing.
    const viaApi = await api(path, accessToken);
    const total = Number((await db.query(count)).rows[0].total);
    const ids = (await db.query(page)).rows.map((r) => r.id);
    const same = viaApi.total === total && JSON.stringify(viaApi.items.map((i) => i.id)) === JSON.stringify(ids);
    if (!same) console.warn(`  ! ${c.name}: the SQL here no longer matches the endpoint (API total ${viaApi.total}, SQL ${total}); update listStatements()`);
    const apiStats = await measure(() => api(path, accessToken));
    const sqlStats = await measure(async () => {
      await db.query(count);
      await db.query(page);
    });
    results.push({ case: c.name, total, same, apiStats, sqlStats });
    if (explain) {
      for (const [label, statement] of [['count', count], ['page', page]]) {
        const plan = (await db.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, values: statement.values })).rows.map((r) => r['QUERY PLAN']);
        console.log(`\n-- ${c.name} — ${label}\n${plan.join('\n')}`);
      }
    }
  }

  const ms = (v) => v.toFixed(1).padStart(7);
  console.log(`\nStaff list GET /api/applications — scale ${scale}: ${applications} applications; ${runs} runs after ${warmup} warm-up, sequential, one connection`);
  console.log(`Seed: ${(seeded.seedMs / 1000).toFixed(1)} s in the seed itself, ${(seeded.wallMs / 1000).toFixed(1)} s for the whole \`main.js seed\` (new cluster + migrations + seed)\n`);
  const header = ['case'.padEnd(42), 'rows'.padStart(6), 'API p50'.padStart(8), 'API p95'.padStart(8), 'API mean'.padStart(9), 'SQL p50'.padStart(8), 'SQL p95'.padStart(8), 'SQL mean'.padStart(9), 'API/SQL'.padStart(8), 'same'];
  console.log(header.join(' '));
  for (const r of results) {
    console.log([
      r.case.padEnd(42), String(r.total).padStart(6), ms(r.apiStats.p50).padStart(8), ms(r.apiStats.p95).padStart(8), ms(r.apiStats.mean).padStart(9),
      ms(r.sqlStats.p50).padStart(8), ms(r.sqlStats.p95).padStart(8), ms(r.sqlStats.mean).padStart(9), `${(r.apiStats.p50 / r.sqlStats.p50).toFixed(1)}×`.padStart(8), r.same ? 'yes' : 'NO',
    ].join(' '));
  }
  console.log('\nTimes in ms. API = HTTP round trip incl. auth, validation, both queries and JSON; SQL = the count and the page query sent directly with pg.');
  process.exitCode = results.every((r) => r.same) ? 0 : 3;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db?.end().catch(() => undefined);
  await cleanup();
}
