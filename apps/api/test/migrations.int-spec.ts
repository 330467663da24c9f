import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../src/core/database/data-source';
import { startTestApp, type TestApp } from './support/test-app';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close().catch(() => undefined));

  it('every migration has a down that reverts it, and they apply again cleanly', async () => {
    await t.app.close();
    const ds = await new DataSource(dataSourceOptions(t.databaseUrl, 1)).initialize();
    try {
      // Audit rows and demo data block nothing: down drops the tables.
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      const tables = await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
      expect(tables).toEqual([]);
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied).toHaveLength(MIGRATIONS.length);
    } finally {
      await ds.destroy();
    }
  });
});
