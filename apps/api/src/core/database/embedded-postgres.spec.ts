import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowPostgresUserToReach, leftoverPostgres } from './embedded-postgres';

function privateTree() {
  const top = mkdtempSync(join(tmpdir(), 'tremplin-perm-'));
  const deep = join(top, 'a', 'b');
  mkdirSync(deep, { recursive: true });
  chmodSync(top, 0o700);
  chmodSync(join(top, 'a'), 0o750);
  return { top, deep };
}

describe('allowPostgresUserToReach', () => {
  // The uid is passed in, so both cases run whoever runs the tests (the owner may chmod their own folders).
  it('as root, adds search permission (only) to private folders on the way', () => {
    const { top, deep } = privateTree();
    const messages: string[] = [];
    allowPostgresUserToReach(deep, (m) => messages.push(m), 0);
    expect(statSync(top).mode & 0o777).toBe(0o701);
    expect(statSync(join(top, 'a')).mode & 0o777).toBe(0o751);
    expect(messages).toHaveLength(2);
    allowPostgresUserToReach(deep, (m) => messages.push(m), 0);
    expect(messages).toHaveLength(2); // nothing left to change
  });

  it('as any other user, changes nothing (PostgreSQL then runs as that same user)', () => {
    const { top, deep } = privateTree();
    const messages: string[] = [];
    allowPostgresUserToReach(deep, (m) => messages.push(m), 1000);
    expect(statSync(top).mode & 0o777).toBe(0o700);
    expect(statSync(join(top, 'a')).mode & 0o777).toBe(0o750);
    expect(messages).toEqual([]);
  });
});

describe('leftoverPostgres', () => {
  const setup = () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tremplin-leftover-'));
    const databaseDir = join(dataDir, 'postgres');
    mkdirSync(databaseDir);
    return { databaseDir, ownerFile: join(dataDir, 'postgres.owner'), pidFile: join(databaseDir, 'postmaster.pid') };
  };
  /** A live process whose command line looks like `postgres -D <dir>`, as the real postmaster's does. */
  const fakePostmaster = (databaseDir: string) => spawn('sh', ['-c', 'sleep 30; true', 'postgres', '-D', databaseDir], { stdio: 'ignore' });

  it('none without a lock file; stale when its process is gone or is not this PostgreSQL', () => {
    const { databaseDir, ownerFile, pidFile } = setup();
    expect(leftoverPostgres(databaseDir, ownerFile)).toEqual({ state: 'none' });
    writeFileSync(pidFile, '999999999\n/x\n');
    expect(leftoverPostgres(databaseDir, ownerFile)).toEqual({ state: 'stale' });
    writeFileSync(pidFile, `${process.pid}\n${databaseDir}\n`); // alive, but this is node, not postgres
    expect(leftoverPostgres(databaseDir, ownerFile)).toEqual({ state: 'stale', pid: process.pid });
  });

  it('orphan when its API is gone; owned when its API still runs', async () => {
    const { databaseDir, ownerFile, pidFile } = setup();
    const postmaster = fakePostmaster(databaseDir);
    const owner = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 100));
      writeFileSync(pidFile, `${postmaster.pid}\n${databaseDir}\n`);
      expect(leftoverPostgres(databaseDir, ownerFile)).toEqual({ state: 'orphan', pid: postmaster.pid });
      writeFileSync(ownerFile, '999999999');
      expect(leftoverPostgres(databaseDir, ownerFile)).toEqual({ state: 'orphan', pid: postmaster.pid });
      writeFileSync(ownerFile, String(owner.pid));
      expect(leftoverPostgres(databaseDir, ownerFile)).toEqual({ state: 'owned', pid: postmaster.pid, owner: owner.pid });
    } finally {
      postmaster.kill('SIGKILL');
      owner.kill('SIGKILL');
    }
  });
});
