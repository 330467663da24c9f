import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Association profiles and members, applications with frozen versions, documents, messages, mail outbox. */
export class ApplicantJourney1764170000000 implements MigrationInterface {
  name = 'ApplicantJourney1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      ALTER TABLE organization
        ADD COLUMN legal_form text NOT NULL DEFAULT 'association_1901',
        ADD COLUMN legal_rep_name text NOT NULL DEFAULT '',
        ADD COLUMN legal_rep_function text NOT NULL DEFAULT '',
        ADD COLUMN contact_name text NOT NULL DEFAULT '',
        ADD COLUMN phone text NOT NULL DEFAULT '',
        ADD COLUMN iban text,
        ADD COLUMN bic text,
        ADD COLUMN website text NOT NULL DEFAULT '',
        ADD CONSTRAINT ck_organization_territory CHECK (territory IN ('AVESNOIS','CAMBRESIS','DOUAISIS','FLANDRE_INTERIEURE','FLANDRE_MARITIME','VALENCIENNOIS','METROPOLE_LILLE','METROPOLE_ROUBAIX_TOURCOING'))`);
    await q.query(`CREATE INDEX ix_organization_legal_name_trgm ON organization USING gin (legal_name gin_trgm_ops)`);
    await q.query(`ALTER TABLE app_user ADD COLUMN organization_admin boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE app_user SET organization_admin = true WHERE role = 'association'`);

    await q.query(`
      CREATE TABLE user_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('email_verification')),
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_user_token_hash UNIQUE (token_hash)
      )`);
    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        invited_by uuid NOT NULL REFERENCES app_user (id),
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_invitation_hash UNIQUE (token_hash)
      )`);

    await q.query(`CREATE TYPE application_status AS ENUM ('draft','submitted','information_requested','under_review','reviewed','retained','waitlisted','rejected','withdrawn','ineligible')`);
    await q.query(`
      CREATE TABLE application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES call (id) ON DELETE RESTRICT,
        axis_id uuid NOT NULL REFERENCES call_axis (id) ON DELETE RESTRICT,
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE RESTRICT,
        status application_status NOT NULL DEFAULT 'draft',
        reference text,
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        project jsonb NOT NULL DEFAULT '{}',
        budget jsonb NOT NULL DEFAULT '[]',
        declaration jsonb,
        territories text[] NOT NULL DEFAULT '{}',
        requested_cents bigint NOT NULL DEFAULT 0 CHECK (requested_cents >= 0),
        version integer NOT NULL DEFAULT 1,
        submitted_version integer NOT NULL DEFAULT 0,
        created_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        withdrawn_at timestamptz,
        search_text text GENERATED ALWAYS AS (lower(coalesce(reference, '') || ' ' || title || ' ' || summary)) STORED,
        CONSTRAINT uq_application_reference UNIQUE (reference),
        CONSTRAINT ck_application_reference CHECK ((status = 'draft' AND submitted_version = 0) OR reference IS NOT NULL OR status = 'withdrawn')
      )`);
    await q.query(`CREATE INDEX ix_application_call_status ON application (call_id, status)`);
    await q.query(`CREATE INDEX ix_application_organization ON application (organization_id)`);
    await q.query(`CREATE INDEX ix_application_axis ON application (axis_id)`);
    await q.query(`CREATE INDEX ix_application_submitted_at ON application (submitted_at)`);
    await q.query(`CREATE INDEX ix_application_territories ON application USING gin (territories)`);
    await q.query(`CREATE INDEX ix_application_search_trgm ON application USING gin (search_text gin_trgm_ops)`);

    // References are numbered per call without gaps from concurrent submissions (row lock on the counter).
    await q.query(`
      CREATE TABLE application_reference_counter (
        call_id uuid PRIMARY KEY REFERENCES call (id) ON DELETE CASCADE,
        last_number integer NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE application_version (
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        version_no integer NOT NULL,
        snapshot jsonb NOT NULL,
        submitted_at timestamptz NOT NULL,
        submitted_by uuid REFERENCES app_user (id),
        CONSTRAINT pk_application_version PRIMARY KEY (application_id, version_no)
      )`);
    await q.query(`
      CREATE TABLE application_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES app_user (id),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_application_message_application ON application_message (application_id, created_at)`);
    await q.query(`
      CREATE TABLE application_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        message_id uuid REFERENCES application_message (id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('statutes','officers','bank_details','activity_report','accounts','budget','other','message')),
        file_name text NOT NULL,
        mime_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        storage_key text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES app_user (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_application_document_application ON application_document (application_id)`);
    await q.query(`
      CREATE TABLE message_read (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        last_read_at timestamptz NOT NULL,
        CONSTRAINT pk_message_read PRIMARY KEY (user_id, application_id)
      )`);
    await q.query(`
      CREATE TABLE information_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        requested_by uuid NOT NULL REFERENCES app_user (id),
        message text NOT NULL,
        due_date date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_information_request_application ON information_request (application_id)`);

    // Transactional outbox: mails are rows written with the change; a worker sends them.
    await q.query(`
      CREATE TABLE outbox_mail (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        sent_at timestamptz,
        last_error text
      )`);
    await q.query(`CREATE INDEX ix_outbox_mail_pending ON outbox_mail (next_attempt_at) WHERE sent_at IS NULL`);
    await q.query(`CREATE INDEX ix_outbox_mail_created ON outbox_mail (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_mail`);
    await q.query(`DROP TABLE information_request`);
    await q.query(`DROP TABLE message_read`);
    await q.query(`DROP TABLE application_document`);
    await q.query(`DROP TABLE application_message`);
    await q.query(`DROP TABLE application_version`);
    await q.query(`DROP TABLE application_reference_counter`);
    await q.query(`DROP TABLE application`);
    await q.query(`DROP TYPE application_status`);
    await q.query(`DROP TABLE invitation`);
    await q.query(`DROP TABLE user_token`);
    await q.query(`ALTER TABLE app_user DROP COLUMN organization_admin`);
    await q.query(`DROP INDEX ix_organization_legal_name_trgm`);
    await q.query(`
      ALTER TABLE organization DROP CONSTRAINT ck_organization_territory,
        DROP COLUMN legal_form, DROP COLUMN legal_rep_name, DROP COLUMN legal_rep_function, DROP COLUMN contact_name,
        DROP COLUMN phone, DROP COLUMN iban, DROP COLUMN bic, DROP COLUMN website`);
  }
}
