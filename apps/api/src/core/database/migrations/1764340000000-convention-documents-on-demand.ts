import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A convention's original PDF may be rendered on first download (`ensureConventionDocument`) instead of
 * when the row is written: the demo seeds thousands of conventions, and rendering each one costs ~10 ms.
 * The rendering is deterministic (same data, same bytes), so a document made later is the one that would
 * have been made then. Key and hash go together; an amended convention (version > 1) and one with a
 * PAdES-signed copy always have their original stored, because what was signed must not be re-derived.
 */
export class ConventionDocumentsOnDemand1764340000000 implements MigrationInterface {
  name = 'ConventionDocumentsOnDemand1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE convention
        ALTER COLUMN document_storage_key DROP NOT NULL,
        ALTER COLUMN document_sha256 DROP NOT NULL,
        ADD CONSTRAINT ck_convention_document_pair CHECK ((document_storage_key IS NULL) = (document_sha256 IS NULL)),
        ADD CONSTRAINT ck_convention_document_rendered CHECK (
          document_storage_key IS NOT NULL OR (document_version = 1 AND signed_document_storage_key IS NULL))`);
    await q.query(`CREATE INDEX ix_convention_document_missing ON convention (id) WHERE document_storage_key IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // SQL cannot render a PDF: conventions still without one (demo data, seeded again at will) are
    // removed with their schedule and payments, and the cells' totals recomputed from what remains.
    await q.query(`DELETE FROM payment WHERE convention_id IN (SELECT id FROM convention WHERE document_storage_key IS NULL)`);
    await q.query(`DELETE FROM convention WHERE document_storage_key IS NULL`);
    await q.query(`
      UPDATE call_allocation ca
         SET committed_cents = coalesce((SELECT sum(cy.committed_cents) FROM convention_year cy WHERE cy.allocation_id = ca.id), 0),
             paid_cents = coalesce((SELECT sum(cy.paid_cents) FROM convention_year cy WHERE cy.allocation_id = ca.id), 0)`);
    await q.query(`DROP INDEX ix_convention_document_missing`);
    await q.query(`
      ALTER TABLE convention
        DROP CONSTRAINT ck_convention_document_rendered,
        DROP CONSTRAINT ck_convention_document_pair,
        ALTER COLUMN document_storage_key SET NOT NULL,
        ALTER COLUMN document_sha256 SET NOT NULL`);
  }
}
