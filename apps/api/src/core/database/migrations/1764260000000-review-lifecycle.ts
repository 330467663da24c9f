import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admissibility (recevabilité) before review: the application status gains `admissible`, and the
 * former `ineligible` becomes `inadmissible` (it always meant « irrecevable »; one word for one thing).
 */
export class ReviewLifecycle1764260000000 implements MigrationInterface {
  name = 'ReviewLifecycle1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TYPE application_status RENAME VALUE 'ineligible' TO 'inadmissible'`);
    // Allowed inside this migration's transaction (PostgreSQL ≥ 12) as long as nothing here uses it.
    await q.query(`ALTER TYPE application_status ADD VALUE 'admissible' AFTER 'information_requested'`);
  }

  async down(q: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop an enum value: rebuild the type. Admissible applications go back to
    // « submitted », which is what they were before admissibility existed.
    await q.query(`ALTER TYPE application_status RENAME TO application_status_review`);
    await q.query(
      `CREATE TYPE application_status AS ENUM ('draft','submitted','information_requested','under_review','reviewed','retained','waitlisted','rejected','withdrawn','ineligible')`,
    );
    // Checks and partial indexes compare status with literals of the old type: drop them and
    // recreate them from their own definitions (whoever added them), now on the rebuilt type.
    const checks: Array<{ name: string; def: string }> = await q.query(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = 'application'::regclass AND pg_get_constraintdef(oid) LIKE '%application_status_review%'`,
    );
    const indexes: Array<{ name: string; def: string }> = await q.query(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'application' AND indexdef LIKE '%application_status_review%'`,
    );
    for (const check of checks) await q.query(`ALTER TABLE application DROP CONSTRAINT "${check.name}"`);
    for (const index of indexes) await q.query(`DROP INDEX "${index.name}"`);
    await q.query(`ALTER TABLE application ALTER COLUMN status DROP DEFAULT`);
    await q.query(`
      ALTER TABLE application ALTER COLUMN status TYPE application_status USING (
        CASE status::text WHEN 'admissible' THEN 'submitted' WHEN 'inadmissible' THEN 'ineligible' ELSE status::text END
      )::application_status`);
    await q.query(`ALTER TABLE application ALTER COLUMN status SET DEFAULT 'draft'`);
    const onNewType = (def: string): string => def.replace(/application_status_review/g, 'application_status');
    for (const check of checks) await q.query(`ALTER TABLE application ADD CONSTRAINT "${check.name}" ${onNewType(check.def)}`);
    for (const index of indexes) await q.query(onNewType(index.def));
    await q.query(`DROP TYPE application_status_review`);
  }
}
