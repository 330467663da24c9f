import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity, organisations, calls as configuration, login throttling and the audit chain. */
export class Foundation1764160000000 implements MigrationInterface {
  name = 'Foundation1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE user_role AS ENUM ('association', 'reviewer', 'finance', 'admin')`);

    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 300),
        siret char(14),
        rna char(10),
        territory text NOT NULL,
        address_line text NOT NULL DEFAULT '',
        postal_code text NOT NULL DEFAULT '',
        city text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT ck_organization_siret CHECK (siret IS NULL OR siret ~ '^[0-9]{14}$'),
        CONSTRAINT ck_organization_rna CHECK (rna IS NULL OR rna ~ '^W[0-9][0-9A-Z][0-9]{7}$'),
        CONSTRAINT ck_organization_identified CHECK (siret IS NOT NULL OR rna IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_organization_siret ON organization (siret) WHERE siret IS NOT NULL`);

    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
        full_name text NOT NULL,
        password_hash text NOT NULL,
        role user_role NOT NULL,
        organization_id uuid REFERENCES organization (id) ON DELETE RESTRICT,
        active boolean NOT NULL DEFAULT true,
        email_verified_at timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_app_user_association_has_organization
          CHECK ((role = 'association') = (organization_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_app_user_email ON app_user (email)`);
    await q.query(`CREATE INDEX ix_app_user_organization ON app_user (organization_id)`);

    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_by_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_refresh_token_hash ON refresh_token (token_hash)`);
    await q.query(`CREATE INDEX ix_refresh_token_family ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX ix_refresh_token_user ON refresh_token (user_id)`);

    await q.query(`
      CREATE TABLE login_attempt (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        succeeded boolean NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_login_attempt_email ON login_attempt (email, attempted_at)`);
    await q.query(`CREATE INDEX ix_login_attempt_ip ON login_attempt (ip, attempted_at)`);

    await q.query(`
      CREATE TABLE audit_event (
        seq bigint PRIMARY KEY,
        id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        actor_email text,
        actor_role text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        diff jsonb,
        request_id text,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT uq_audit_event_id UNIQUE (id),
        CONSTRAINT uq_audit_event_hash UNIQUE (hash)
      )`);
    await q.query(`CREATE INDEX ix_audit_event_entity ON audit_event (entity_type, entity_id)`);
    await q.query(`CREATE INDEX ix_audit_event_action ON audit_event (action)`);
    await q.query(`CREATE INDEX ix_audit_event_occurred_at ON audit_event (occurred_at)`);
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await q.query(`
      CREATE TRIGGER trg_audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);

    await q.query(`
      CREATE TABLE call (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        years integer[] NOT NULL,
        envelope_cents bigint NOT NULL,
        advance_basis_points integer NOT NULL,
        reviewers_per_application integer NOT NULL,
        structure_locked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT uq_call_code UNIQUE (code),
        CONSTRAINT ck_call_dates CHECK (closes_at > opens_at),
        CONSTRAINT ck_call_envelope CHECK (envelope_cents > 0),
        CONSTRAINT ck_call_years CHECK (cardinality(years) BETWEEN 1 AND 4),
        CONSTRAINT ck_call_advance CHECK (advance_basis_points BETWEEN 0 AND 10000),
        CONSTRAINT ck_call_reviewers CHECK (reviewers_per_application BETWEEN 1 AND 5)
      )`);
    await q.query(`
      CREATE TABLE call_axis (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES call (id) ON DELETE CASCADE,
        code text NOT NULL,
        label_fr text NOT NULL,
        label_en text NOT NULL,
        description text NOT NULL,
        position integer NOT NULL,
        CONSTRAINT uq_call_axis_code UNIQUE (call_id, code)
      )`);
    await q.query(`
      CREATE TABLE call_allocation (
        call_id uuid NOT NULL REFERENCES call (id) ON DELETE CASCADE,
        axis_id uuid NOT NULL REFERENCES call_axis (id) ON DELETE CASCADE,
        year integer NOT NULL,
        amount_cents bigint NOT NULL,
        CONSTRAINT pk_call_allocation PRIMARY KEY (call_id, axis_id, year),
        CONSTRAINT ck_call_allocation_amount CHECK (amount_cents >= 0)
      )`);
    await q.query(`
      CREATE TABLE scoring_criterion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES call (id) ON DELETE CASCADE,
        code text NOT NULL,
        label_fr text NOT NULL,
        label_en text NOT NULL,
        description text NOT NULL,
        weight integer NOT NULL,
        max_score integer NOT NULL,
        position integer NOT NULL,
        CONSTRAINT uq_scoring_criterion_code UNIQUE (call_id, code),
        CONSTRAINT ck_scoring_criterion_weight CHECK (weight BETWEEN 1 AND 100),
        CONSTRAINT ck_scoring_criterion_max CHECK (max_score BETWEEN 1 AND 100)
      )`);
    await q.query(`
      CREATE TABLE budget_revision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES call (id) ON DELETE CASCADE,
        revised_at timestamptz NOT NULL,
        revised_by uuid NOT NULL REFERENCES app_user (id),
        reason text NOT NULL,
        deliberation_reference text,
        envelope_before_cents bigint NOT NULL,
        envelope_after_cents bigint NOT NULL,
        allocations_before jsonb NOT NULL,
        allocations_after jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_budget_revision_call ON budget_revision (call_id, revised_at)`);

    // The envelope invariant lives in the database: at commit, each call's allocations add up to its
    // envelope, whatever code path or concurrent request wrote them.
    await q.query(`
      CREATE FUNCTION check_call_allocations() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid;
        envelope bigint;
        total bigint;
      BEGIN
        IF TG_TABLE_NAME = 'call' THEN target := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN target := OLD.call_id;
        ELSE target := NEW.call_id;
        END IF;
        SELECT envelope_cents INTO envelope FROM call WHERE id = target;
        IF envelope IS NULL THEN RETURN NULL; END IF;
        SELECT COALESCE(sum(amount_cents), 0) INTO total FROM call_allocation WHERE call_id = target;
        IF total <> envelope THEN
          RAISE EXCEPTION 'allocations of call % add up to % cents, envelope is % cents', target, total, envelope
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_call_allocations_sum';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER trg_call_allocation_sum AFTER INSERT OR UPDATE OR DELETE ON call_allocation
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_call_allocations()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER trg_call_envelope_sum AFTER INSERT OR UPDATE OF envelope_cents ON call
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_call_allocations()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budget_revision`);
    await q.query(`DROP TABLE scoring_criterion`);
    await q.query(`DROP TABLE call_allocation`);
    await q.query(`DROP TABLE call_axis`);
    await q.query(`DROP TABLE call`);
    await q.query(`DROP FUNCTION check_call_allocations()`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
    await q.query(`DROP TABLE login_attempt`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE organization`);
    await q.query(`DROP TYPE user_role`);
  }
}
