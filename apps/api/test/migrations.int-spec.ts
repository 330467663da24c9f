import { APPLICATION_STATUSES } from '@tremplin/domain';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../src/core/database/data-source';
import { ReviewLifecycle1764260000000 } from '../src/core/database/migrations/1764260000000-review-lifecycle';
import { insertApplication } from './support/applications-sql';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close().catch(() => undefined));

  it('the application_status type holds exactly the statuses of the domain lifecycle', async () => {
    const rows: Array<{ value: string }> = await t.dataSource.query(`SELECT unnest(enum_range(NULL::application_status))::text AS value`);
    // Written out, not read from the domain: adding a status needs a migration too.
    expect(rows.map((r) => r.value).sort()).toEqual(
      ['admissible', 'draft', 'inadmissible', 'information_requested', 'rejected', 'retained', 'reviewed', 'submitted', 'under_review', 'waitlisted', 'withdrawn'],
    );
    expect([...APPLICATION_STATUSES].sort()).toEqual(rows.map((r) => r.value).sort());
  });

  it('the review lifecycle migration reverts admissible to submitted and inadmissible to ineligible', async () => {
    const admissible = await insertApplication(t, DEMO.association1, 'admissible');
    const inadmissible = await insertApplication(t, DEMO.association1, 'inadmissible');
    const runner = t.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await new ReviewLifecycle1764260000000().down(runner);
      const rows: Array<{ id: string; status: string }> = await runner.query(`SELECT id, status::text AS status FROM application WHERE id = ANY($1)`, [[admissible, inadmissible]]);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [admissible]: 'submitted', [inadmissible]: 'ineligible' });
    } finally {
      // DDL is transactional in PostgreSQL: the rollback restores the migrated type for the next test.
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

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
