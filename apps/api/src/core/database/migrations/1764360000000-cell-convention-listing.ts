import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The finance dashboard drills down from an axis × year cell to its conventions, by number. Without the
 * number beside the cell, a page of 25 meant fetching every convention of the cell (a third of the call)
 * to sort them. Each convention year now carries its convention's number (immutable once drawn, copied
 * by a trigger so that no insert can forget it), and a partial index on (cell, number) over the years
 * that hold money gives the page in order, O(page), and the cell's count as an index-only scan.
 */
export class CellConventionListing1764360000000 implements MigrationInterface {
  name = 'CellConventionListing1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE convention_year ADD COLUMN convention_number text`);
    await q.query(`UPDATE convention_year cy SET convention_number = c.number FROM convention c WHERE c.id = cy.convention_id`);
    await q.query(`ALTER TABLE convention_year ALTER COLUMN convention_number SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION convention_year_number() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT number INTO NEW.convention_number FROM convention WHERE id = NEW.convention_id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tg_convention_year_number
        BEFORE INSERT OR UPDATE OF convention_id, convention_number ON convention_year
        FOR EACH ROW EXECUTE FUNCTION convention_year_number()`);
    // A convention's number never changes: refuse it, rather than let the copies drift.
    await q.query(`
      CREATE FUNCTION convention_number_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a convention''s number cannot change' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_convention_number_frozen';
      END $$`);
    await q.query(`
      CREATE TRIGGER tg_convention_number_frozen
        BEFORE UPDATE OF number ON convention
        FOR EACH ROW WHEN (OLD.number IS DISTINCT FROM NEW.number) EXECUTE FUNCTION convention_number_frozen()`);
    await q.query(`
      CREATE INDEX ix_convention_year_cell_listing ON convention_year (allocation_id, convention_number) INCLUDE (convention_id)
       WHERE amount_cents > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_convention_year_cell_listing`);
    await q.query(`DROP TRIGGER tg_convention_number_frozen ON convention`);
    await q.query(`DROP FUNCTION convention_number_frozen()`);
    await q.query(`DROP TRIGGER tg_convention_year_number ON convention_year`);
    await q.query(`DROP FUNCTION convention_year_number()`);
    await q.query(`ALTER TABLE convention_year DROP COLUMN convention_number`);
  }
}
