import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search that ignores accents and case whatever the database's locale (the embedded cluster uses C,
 * where lower() folds ASCII only): `tremplin_fold` = lower(unaccent(text)), immutable so it can back
 * a generated column and trigram indexes. « école » finds « École », « ECOLE » and « ecole ».
 */
export class AccentInsensitiveSearch1764180000000 implements MigrationInterface {
  name = 'AccentInsensitiveSearch1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`
      CREATE FUNCTION tremplin_fold(text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);
    await q.query(`DROP INDEX ix_application_search_trgm`);
    await q.query(`ALTER TABLE application DROP COLUMN search_text`);
    await q.query(`
      ALTER TABLE application ADD COLUMN search_text text
      GENERATED ALWAYS AS (tremplin_fold(coalesce(reference, '') || ' ' || title || ' ' || summary)) STORED`);
    await q.query(`CREATE INDEX ix_application_search_trgm ON application USING gin (search_text gin_trgm_ops)`);
    await q.query(`DROP INDEX ix_organization_legal_name_trgm`);
    await q.query(`CREATE INDEX ix_organization_legal_name_trgm ON organization USING gin (tremplin_fold(legal_name) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_organization_legal_name_trgm`);
    await q.query(`CREATE INDEX ix_organization_legal_name_trgm ON organization USING gin (legal_name gin_trgm_ops)`);
    await q.query(`DROP INDEX ix_application_search_trgm`);
    await q.query(`ALTER TABLE application DROP COLUMN search_text`);
    await q.query(`
      ALTER TABLE application ADD COLUMN search_text text
      GENERATED ALWAYS AS (lower(coalesce(reference, '') || ' ' || title || ' ' || summary)) STORED`);
    await q.query(`CREATE INDEX ix_application_search_trgm ON application USING gin (search_text gin_trgm_ops)`);
    await q.query(`DROP FUNCTION tremplin_fold(text)`);
  }
}
