import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admissibility decision (recevabilité) on the application itself: one decision per application,
 * read with it on every page. The audit event keeps the same fields. The outbox gains the
 * 'inadmissibility' mail kind (its CHECK list follows MAIL_KINDS, see MailKindCheck1764191000000).
 */
export class Admissibility1764270000000 implements MigrationInterface {
  name = 'Admissibility1764270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application
        ADD COLUMN admissibility_decided_by uuid REFERENCES app_user(id),
        ADD COLUMN admissibility_decided_at timestamptz,
        ADD COLUMN admissible boolean,
        ADD COLUMN inadmissibility_reason text
          CONSTRAINT ck_application_inadmissibility_reason CHECK (inadmissibility_reason IN ('incomplete','out_of_scope','ineligible_organization','late')),
        ADD COLUMN admissibility_comment text,
        -- Decided means who, when and what; a reason exactly when inadmissible.
        ADD CONSTRAINT ck_application_admissibility_decided CHECK (
          (admissible IS NULL AND admissibility_decided_at IS NULL AND admissibility_decided_by IS NULL AND inadmissibility_reason IS NULL)
          OR (admissible IS NOT NULL AND admissibility_decided_at IS NOT NULL AND admissibility_decided_by IS NOT NULL
              AND (admissible = (inadmissibility_reason IS NULL))))`);
    await q.query(`ALTER TABLE outbox_mail DROP CONSTRAINT ck_outbox_mail_kind`);
    await q.query(`
      ALTER TABLE outbox_mail ADD CONSTRAINT ck_outbox_mail_kind
        CHECK (kind IN ('email-verification','invitation','acknowledgement','information-request','message','password-reset','inadmissibility'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM outbox_mail WHERE kind = 'inadmissibility'`);
    await q.query(`ALTER TABLE outbox_mail DROP CONSTRAINT ck_outbox_mail_kind`);
    await q.query(`
      ALTER TABLE outbox_mail ADD CONSTRAINT ck_outbox_mail_kind
        CHECK (kind IN ('email-verification','invitation','acknowledgement','information-request','message','password-reset'))`);
    await q.query(`
      ALTER TABLE application
        DROP CONSTRAINT ck_application_admissibility_decided,
        DROP COLUMN admissibility_comment,
        DROP COLUMN inadmissibility_reason,
        DROP COLUMN admissible,
        DROP COLUMN admissibility_decided_at,
        DROP COLUMN admissibility_decided_by`);
  }
}
