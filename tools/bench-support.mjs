// Shared by the benchmarks (tools/bench-*.mjs): options, a throwaway seeded portal per scale, a
// kept-alive GET and the admin login. Loopback only.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const apiMain = join(root, 'dist', 'apps', 'api', 'main.js');
export const HOST = '127.0.0.1';
export const ADMIN = { email: 'admin@demo.tremplin.fr', password: 'Tremplin-2016!' };
/** The API's default DATABASE_POOL_SIZE: the direct SQL gets as many connections as the API. */
export const POOL_SIZE = 10;

export function fail(message) {
  console.error(message);
  process.exit(2);
}
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 1000) fail(`--${name} must be a whole number from 1 to 1000`);
  return value;
}
export function scalesOption() {
  const i = process.argv.indexOf('--scales');
  const raw = i < 0 ? '1,10' : String(process.argv[i + 1] ?? '');
  const values = raw.split(',').map(Number);
  if (!values.length || values.some((v) => !Number.isInteger(v) || v < 1 || v > 50)) fail('--scales must list whole numbers from 1 to 50, e.g. 1,10');
  return values;
}
export const scales = scalesOption();
export const seconds = option('seconds', 5);
export const concurrency = option('concurrency', 20);
export const explain = process.argv.includes('--explain');

if (!existsSync(apiMain)) fail(`${apiMain} not found: build the API first with  npx nx build api`);

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
export const stripAnsi = (text) => text.replace(ANSI_COLOUR, '');

/** One throwaway database and API at one scale. */
export async function environment(scale) {
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

/**
 * The baseline: tools/bench-bare.mjs serving the routes of `routesModule` (a file of tools/) on its own
 * port, with a pool of the API's size, reading as `readerId`.
 */
export async function startBare(routesModule, pgConfig, readerId) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'tools', 'bench-bare.mjs')], {
    cwd: root,
    env: { ...process.env, ROUTES: `./${routesModule}`, PG_CONFIG: JSON.stringify(pgConfig), POOL_SIZE: String(POOL_SIZE), READER_ID: readerId, PORT: String(port) },
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

export const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });
/**
 * A GET over a kept-alive loopback connection (lighter than fetch, so the client steals less CPU from the
 * server). A socket that the server closed while it sat idle (the other side's slice) is retried once, as
 * Node's documentation advises for `reusedSocket`.
 */
export function get(port, path, token, retried = false) {
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

export async function login(port) {
  const res = await fetch(`http://${HOST}:${port}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (!res.ok) throw new Error(`login → ${res.status}`);
  return (await res.json()).accessToken;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

/**
 * Both sides under the same load: `concurrency` loops call one side for a one-second slice, then the
 * other, alternating until each had `seconds` (after a one-second warm-up each), so that whatever else
 * runs on the machine weighs on both alike. Per side: req/s, p50, p95 in ms.
 */
export async function loadBoth(sides) {
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
