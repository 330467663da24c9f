import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who grants (one configured row, not text hard-coded in mails and receipts), and a call's English
 * title and description (shown on public pages when the interface is in English).
 */
export class GrantorAndCallTexts1764192000000 implements MigrationInterface {
  name = 'GrantorAndCallTexts1764192000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call ADD COLUMN title_en text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE call ADD COLUMN description_en text NOT NULL DEFAULT ''`);
    // Exactly one row: the primary key can only be 1.
    await q.query(`
      CREATE TABLE grantor (
        id smallint PRIMARY KEY DEFAULT 1 CONSTRAINT ck_grantor_single_row CHECK (id = 1),
        name text NOT NULL,
        siret char(14) NOT NULL CONSTRAINT ck_grantor_siret_digits CHECK (siret ~ '^[0-9]{14}$'),
        address text NOT NULL,
        president_name text NOT NULL,
        president_title text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(
      `INSERT INTO grantor (id, name, siret, address, president_name, president_title) VALUES (1, $1, $2, $3, $4, $5)`,
      ['Département du Nord', '22590001800014', 'Hôtel du Département\n51, rue Gustave Delory\n59047 Lille Cedex', 'Christian Poiret', 'Président du Conseil départemental'],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grantor`);
    await q.query(`ALTER TABLE call DROP COLUMN description_en`);
    await q.query(`ALTER TABLE call DROP COLUMN title_en`);
  }
}
