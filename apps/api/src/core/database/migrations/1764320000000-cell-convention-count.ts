import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The budget reads each axis × year cell's number of conventions from the cell itself, like its
 * committed and paid totals, so that its cost does not grow with the number of conventions. A trigger
 * keeps it: a convention year counts in its cell while it commits money there (committed_cents > 0).
 * It fires only when committed_cents or the cell changes — in the transactions that already lock the
 * cell (signature, amendment), so it adds no lock; payments (paid_cents) do not fire it.
 */
export class CellConventionCount1764320000000 implements MigrationInterface {
  name = 'CellConventionCount1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE call_allocation
        ADD COLUMN convention_count int NOT NULL DEFAULT 0 CONSTRAINT ck_call_allocation_convention_count CHECK (convention_count >= 0)`);
    await q.query(`
      UPDATE call_allocation ca SET convention_count = s.n
        FROM (SELECT allocation_id, count(*)::int AS n FROM convention_year WHERE committed_cents > 0 GROUP BY allocation_id) s
       WHERE s.allocation_id = ca.id`);
    await q.query(`
      CREATE FUNCTION convention_year_cell_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.allocation_id = NEW.allocation_id AND (OLD.committed_cents > 0) = (NEW.committed_cents > 0) THEN
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.committed_cents > 0 THEN
          UPDATE call_allocation SET convention_count = convention_count - 1 WHERE id = OLD.allocation_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.committed_cents > 0 THEN
          UPDATE call_allocation SET convention_count = convention_count + 1 WHERE id = NEW.allocation_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tg_convention_year_cell_count
        AFTER INSERT OR DELETE OR UPDATE OF committed_cents, allocation_id ON convention_year
        FOR EACH ROW EXECUTE FUNCTION convention_year_cell_count()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tg_convention_year_cell_count ON convention_year`);
    await q.query(`DROP FUNCTION convention_year_cell_count()`);
    await q.query(`ALTER TABLE call_allocation DROP COLUMN convention_count`);
  }
}
