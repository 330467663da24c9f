// Global setup runs outside Jest's module resolver: map the @tremplin/* paths ourselves.
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { register } from 'tsconfig-paths';
const workspaceRoot = joinPath(__dirname, '../../../..');
const { compilerOptions } = JSON.parse(readFileSync(joinPath(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
register({ baseUrl: workspaceRoot, paths: compilerOptions.paths });
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source';
import { startEmbeddedPostgres } from '../../src/core/database/embedded-postgres';
import { seedDemo } from '../../src/seed/seed';
import { LocalDiskStorage } from '../../src/documents/storage.service';

export const TEMPLATE_DB = 'tremplin_test_template';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A throwaway PostgreSQL for the whole run (TEST_DATABASE_URL's server when given, else an embedded one
 * in a temp folder — never the demo's data folder), and a template database with the real migrations
 * and the demo seed, which each test file clones.
 */
export default async function globalSetup(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  let adminUrl = process.env['TEST_DATABASE_URL'];
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'tremplin-test-pg-'));
    chmodSync(dir, 0o755); // PostgreSQL runs as its own user when we are root
    const pg = await startEmbeddedPostgres(dir, await freePort(), { quiet: true });
    (globalThis as { __TEST_PG__?: { stop(): Promise<void>; dir: string } }).__TEST_PG__ = { stop: pg.stop, dir };
    adminUrl = withDatabase(pg.url, 'postgres');
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const dataSource = await new DataSource(dataSourceOptions(withDatabase(adminUrl, TEMPLATE_DB), 2)).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  // The documents folder of test-app's DATA_DIR: the seeded PDFs are there for every clone.
  await seedDemo(dataSource, { scale: 1, storage: new LocalDiskStorage('/tmp/tremplin-test-data/documents') });
  await dataSource.destroy();
  process.env['TREMPLIN_TEST_ADMIN_URL'] = adminUrl;
}
