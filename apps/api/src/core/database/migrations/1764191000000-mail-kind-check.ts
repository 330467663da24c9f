import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox's `kind` was free text: the database now accepts the kinds the contracts list
 * (MAIL_KINDS), as it does for document kinds, so that a typo cannot file a mail under no filter.
 * A new kind needs a migration that replaces this constraint (a test compares both lists).
 */
export class MailKindCheck1764191000000 implements MigrationInterface {
  name = 'MailKindCheck1764191000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_mail ADD CONSTRAINT ck_outbox_mail_kind
        CHECK (kind IN ('email-verification','invitation','acknowledgement','information-request','message','password-reset'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_mail DROP CONSTRAINT ck_outbox_mail_kind`);
  }
}
