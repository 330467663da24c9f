import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Issue 6 §6: the built server on its own embedded PostgreSQL survives a kill -9 of itself (the orphaned
 * PostgreSQL is taken over at the next start) and of its PostgreSQL (started again; health recovers).
 */
const MAIN = join(__dirname, '../../../dist/apps/api/main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}; server output:\n${output()}`);
}

async function healthStatus(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(10_000) })).status;
  } catch {
    return 0;
  }
}

interface Server { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> }

describe('embedded PostgreSQL recovery (built server)', () => {
  let dataDir: string;
  let pgPort: number;
  const servers: Server[] = [];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the API first (npx nx build api)`);
    dataDir = mkdtempSync(join(tmpdir(), 'tremplin-recovery-'));
    chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
    pgPort = await freePort();
  });

  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    const pid = postmasterPid();
    if (pid && isAlive(pid)) process.kill(pid, 'SIGINT');
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  function postmasterPid(): number | null {
    const file = join(dataDir, 'postgres', 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
  }

  async function start(): Promise<Server> {
    const port = await freePort();
    let output = '';
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env['PATH'] ?? '', NODE_ENV: 'development', DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(pgPort),
        JWT_SECRET: 'recovery-test-secret-long-enough-0123456789', SEED_DEMO: 'false', WEB_DIST_DIR: '/nonexistent', LOG_LEVEL: 'log',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const server = { child, port, output: () => output, exited };
    servers.push(server);
    await waitFor('a healthy server', async () => {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
      return (await healthStatus(port)) === 200;
    }, 90_000, server.output);
    return server;
  }

  it('comes up healthy after kill -9, taking over the PostgreSQL the killed API left running', async () => {
    const first = await start();
    const orphan = postmasterPid();
    expect(orphan).toEqual(expect.any(Number));
    first.child.kill('SIGKILL');
    await first.exited;
    // The situation the issue describes: the API is gone, its PostgreSQL is not.
    expect(isAlive(orphan as number)).toBe(true);

    const second = await start();
    expect(second.output()).toContain(`PostgreSQL (PID ${orphan}) was left running`);
    expect(isAlive(orphan as number)).toBe(false);
    expect(await healthStatus(second.port)).toBe(200);
    const calls = await fetch(`http://127.0.0.1:${second.port}/api/calls`);
    expect(calls.status).toBe(200);

    // A clean stop takes its PostgreSQL with it.
    const running = postmasterPid() as number;
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(isAlive(running)).toBe(false);
  }, 240_000);

  it('starts its PostgreSQL again when it dies under a running API, and health returns to 200 by itself', async () => {
    const server = await start();
    const killed = postmasterPid() as number;
    process.kill(killed, 'SIGKILL');
    await waitFor('the database to be seen down', async () => (await healthStatus(server.port)) === 503 || postmasterPid() !== killed, 20_000, server.output);
    await waitFor('health back to 200 on a new PostgreSQL', async () => postmasterPid() !== killed && (await healthStatus(server.port)) === 200, 60_000, server.output);
    expect(server.output()).toContain('Embedded PostgreSQL exited');
    expect(server.output()).toMatch(/Embedded PostgreSQL restarted/);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/calls`)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  }, 240_000);
});
