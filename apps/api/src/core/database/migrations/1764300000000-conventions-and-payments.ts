import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE =
  "'email-verification','invitation','acknowledgement','information-request','message','password-reset','inadmissibility','review-assignment','decision'";

/**
 * Conventions and payments (issue #8). Allocation cells become stable rows with an id that commitments
 * reference, and carry their committed and paid totals (updated in the transaction that locks the cell),
 * so that the database itself refuses paid > committed > allocated whatever the code path. Conventions
 * with their yearly amounts (each tied to its cell), amendments, installments, payments (idempotent by
 * key), and a per-call counter row for gap-free numbers. Money in bigint cents.
 */
export class ConventionsAndPayments1764300000000 implements MigrationInterface {
  name = 'ConventionsAndPayments1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE call_allocation
        ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(),
        ADD COLUMN committed_cents bigint NOT NULL DEFAULT 0,
        ADD COLUMN paid_cents bigint NOT NULL DEFAULT 0,
        ADD CONSTRAINT uq_call_allocation_id UNIQUE (id),
        ADD CONSTRAINT ck_call_allocation_paid CHECK (paid_cents >= 0 AND paid_cents <= committed_cents),
        ADD CONSTRAINT ck_call_allocation_committed CHECK (committed_cents <= amount_cents)`);

    // One row per call, locked FOR UPDATE when a number is drawn: numbers never skip nor repeat.
    await q.query(`
      CREATE TABLE convention_counter (
        call_id uuid PRIMARY KEY REFERENCES call(id) ON DELETE CASCADE,
        last_sequence int NOT NULL DEFAULT 0 CONSTRAINT ck_convention_counter_sequence CHECK (last_sequence >= 0)
      )`);

    await q.query(`
      CREATE TYPE convention_status AS ENUM
        ('draft','sent','signed_by_association','signed_by_department','active','suspended','closed','terminated')`);
    await q.query(`
      CREATE TABLE convention (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES call(id),
        application_id uuid NOT NULL REFERENCES application(id),
        -- Copied from the application: the association's list is one index range.
        organization_id uuid NOT NULL REFERENCES organization(id),
        number text NOT NULL CONSTRAINT ck_convention_number CHECK (number ~ '^CONV-[0-9]{4}-[0-9]{4,}$'),
        status convention_status NOT NULL DEFAULT 'draft',
        -- 1 for the original, +1 per signed amendment.
        document_version int NOT NULL DEFAULT 1 CONSTRAINT ck_convention_document_version CHECK (document_version >= 1),
        total_cents bigint NOT NULL CONSTRAINT ck_convention_total CHECK (total_cents >= 0),
        paid_cents bigint NOT NULL DEFAULT 0,
        document_storage_key text NOT NULL,
        document_sha256 char(64) NOT NULL CONSTRAINT ck_convention_document_sha256 CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
        signed_document_storage_key text,
        signed_document_sha256 char(64) CONSTRAINT ck_convention_signed_document_sha256 CHECK (signed_document_sha256 ~ '^[0-9a-f]{64}$'),
        sent_at timestamptz,
        association_signer_id uuid REFERENCES app_user(id),
        association_signer_name text,
        association_signed_at timestamptz,
        association_signature_method text CONSTRAINT ck_convention_association_method CHECK (association_signature_method IN ('accept','scan')),
        association_scan_storage_key text,
        association_scan_sha256 char(64),
        department_signer_id uuid REFERENCES app_user(id),
        department_signer_name text,
        deliberation_reference text,
        department_signed_at timestamptz,
        activated_at timestamptz,
        closed_at timestamptz,
        terminated_at timestamptz,
        termination_reason text,
        recovery_cents bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT uq_convention_application UNIQUE (application_id),
        CONSTRAINT uq_convention_number UNIQUE (call_id, number),
        CONSTRAINT ck_convention_paid CHECK (paid_cents >= 0 AND paid_cents <= total_cents),
        CONSTRAINT ck_convention_sent CHECK (status = 'draft' OR sent_at IS NOT NULL),
        -- Past 'sent', the association has signed, and its signature is complete.
        CONSTRAINT ck_convention_association_signed CHECK (
          (status IN ('draft','sent')) = (association_signed_at IS NULL)
          AND (association_signed_at IS NULL OR (association_signer_id IS NOT NULL AND association_signer_name IS NOT NULL AND association_signature_method IS NOT NULL))
          AND ((association_signature_method = 'scan') = (association_scan_sha256 IS NOT NULL AND association_scan_storage_key IS NOT NULL))),
        -- The Département's signature names its signer and the deliberation; a terminated one may lack it.
        CONSTRAINT ck_convention_department_signed CHECK (
          (status NOT IN ('signed_by_department','active','suspended','closed') OR department_signed_at IS NOT NULL)
          AND (status NOT IN ('draft','sent','signed_by_association') OR department_signed_at IS NULL)
          AND (department_signed_at IS NULL OR (department_signer_id IS NOT NULL AND department_signer_name IS NOT NULL AND deliberation_reference IS NOT NULL))),
        CONSTRAINT ck_convention_terminated CHECK (
          (status = 'terminated') = (terminated_at IS NOT NULL AND recovery_cents IS NOT NULL AND termination_reason IS NOT NULL)),
        CONSTRAINT ck_convention_recovery CHECK (recovery_cents IS NULL OR (recovery_cents >= 0 AND recovery_cents <= paid_cents))
      )`);
    await q.query(`CREATE INDEX ix_convention_organization ON convention (organization_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX ix_convention_call_status ON convention (call_id, status, number)`);

    // The amount of each year, tied to the axis × year cell it is committed against.
    await q.query(`
      CREATE TABLE convention_year (
        convention_id uuid NOT NULL REFERENCES convention(id) ON DELETE CASCADE,
        year int NOT NULL,
        allocation_id uuid NOT NULL REFERENCES call_allocation(id),
        amount_cents bigint NOT NULL,
        committed_cents bigint NOT NULL DEFAULT 0,
        paid_cents bigint NOT NULL DEFAULT 0,
        -- The one entry point the yearly-report workflow will plug into (until then an admin marks it).
        report_approved_at timestamptz,
        report_approved_by uuid REFERENCES app_user(id),
        PRIMARY KEY (convention_id, year),
        CONSTRAINT ck_convention_year_amounts CHECK (paid_cents >= 0 AND paid_cents <= committed_cents AND committed_cents <= amount_cents),
        CONSTRAINT ck_convention_year_report CHECK ((report_approved_at IS NULL) = (report_approved_by IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_convention_year_allocation ON convention_year (allocation_id, convention_id)`);

    await q.query(`
      CREATE TABLE convention_amendment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        convention_id uuid NOT NULL REFERENCES convention(id) ON DELETE CASCADE,
        version_no int NOT NULL CONSTRAINT ck_convention_amendment_version CHECK (version_no >= 2),
        reason text NOT NULL CONSTRAINT ck_convention_amendment_reason CHECK (length(btrim(reason)) > 0),
        diff jsonb NOT NULL,
        document_storage_key text NOT NULL,
        document_sha256 char(64) NOT NULL CONSTRAINT ck_convention_amendment_sha256 CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
        association_signed_at timestamptz,
        department_signed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL REFERENCES app_user(id),
        CONSTRAINT uq_convention_amendment_version UNIQUE (convention_id, version_no)
      )`);

    await q.query(`CREATE TYPE installment_status AS ENUM ('planned','due','paid','cancelled')`);
    await q.query(`
      CREATE TABLE installment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        convention_id uuid NOT NULL,
        year int NOT NULL,
        kind text NOT NULL CONSTRAINT ck_installment_kind CHECK (kind IN ('advance','balance')),
        amount_cents bigint NOT NULL CONSTRAINT ck_installment_amount CHECK (amount_cents > 0),
        due_on date NOT NULL,
        status installment_status NOT NULL DEFAULT 'planned',
        paid_cents bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT fk_installment_year FOREIGN KEY (convention_id, year) REFERENCES convention_year(convention_id, year) ON DELETE CASCADE,
        CONSTRAINT ck_installment_paid CHECK (paid_cents >= 0 AND paid_cents <= amount_cents),
        CONSTRAINT ck_installment_status_paid CHECK ((status = 'paid') = (paid_cents = amount_cents)),
        CONSTRAINT ck_installment_planned_unpaid CHECK (status <> 'planned' OR paid_cents = 0)
      )`);
    // One live advance and one live balance per year; an amendment cancels and replaces them.
    await q.query(`CREATE UNIQUE INDEX ux_installment_live ON installment (convention_id, year, kind) WHERE status <> 'cancelled'`);
    await q.query(`CREATE INDEX ix_installment_open_due ON installment (due_on, convention_id) WHERE status IN ('planned','due')`);

    await q.query(`
      CREATE TABLE payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        installment_id uuid NOT NULL REFERENCES installment(id),
        convention_id uuid NOT NULL REFERENCES convention(id),
        amount_cents bigint NOT NULL CONSTRAINT ck_payment_amount CHECK (amount_cents > 0),
        paid_on date NOT NULL,
        mandate_number text NOT NULL CONSTRAINT ck_payment_mandate CHECK (length(btrim(mandate_number)) > 0),
        accounting_reference text NOT NULL CONSTRAINT ck_payment_accounting CHECK (length(btrim(accounting_reference)) > 0),
        -- The Idempotency-Key header: the same key returns the first result and records nothing new.
        idempotency_key text,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_payment_idempotency_key UNIQUE (idempotency_key)
      )`);
    await q.query(`CREATE INDEX ix_payment_installment ON payment (installment_id)`);
    await q.query(`CREATE INDEX ix_payment_convention ON payment (convention_id, paid_on)`);
    await q.query(`CREATE INDEX ix_payment_paid_on ON payment (paid_on)`);

    await q.query(`ALTER TABLE outbox_mail DROP CONSTRAINT ck_outbox_mail_kind`);
    await q.query(`ALTER TABLE outbox_mail ADD CONSTRAINT ck_outbox_mail_kind CHECK (kind IN (${KINDS_BEFORE},'convention'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM outbox_mail WHERE kind = 'convention'`);
    await q.query(`ALTER TABLE outbox_mail DROP CONSTRAINT ck_outbox_mail_kind`);
    await q.query(`ALTER TABLE outbox_mail ADD CONSTRAINT ck_outbox_mail_kind CHECK (kind IN (${KINDS_BEFORE}))`);
    await q.query(`DROP TABLE payment`);
    await q.query(`DROP TABLE installment`);
    await q.query(`DROP TYPE installment_status`);
    await q.query(`DROP TABLE convention_amendment`);
    await q.query(`DROP TABLE convention_year`);
    await q.query(`DROP TABLE convention`);
    await q.query(`DROP TYPE convention_status`);
    await q.query(`DROP TABLE convention_counter`);
    await q.query(`
      ALTER TABLE call_allocation
        DROP CONSTRAINT ck_call_allocation_committed,
        DROP CONSTRAINT ck_call_allocation_paid,
        DROP CONSTRAINT uq_call_allocation_id,
        DROP COLUMN paid_cents,
        DROP COLUMN committed_cents,
        DROP COLUMN id`);
  }
}
