import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review and committee (issue #7): reviewer profiles and declared ties, assignments carrying their
 * review, the per-year amounts the ranking sums in SQL, the application's consolidated score kept up
 * to date at each submitted review, per-reviewer moments for severity normalisation, committee
 * sessions and their decisions. Money is integer cents (bigint); totals are integer hundredths of a
 * point out of 100 (0‥10000), as in libs/domain calibration.
 */
export class ReviewAndCommittee1764280000000 implements MigrationInterface {
  name = 'ReviewAndCommittee1764280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE call
        ADD COLUMN divergence_threshold int NOT NULL DEFAULT 20 CONSTRAINT ck_call_divergence_threshold CHECK (divergence_threshold BETWEEN 0 AND 100),
        ADD COLUMN review_days int NOT NULL DEFAULT 21 CONSTRAINT ck_call_review_days CHECK (review_days BETWEEN 1 AND 365)`);

    // One profile per reviewer account: what they know (axis codes, territories) and how much they take.
    await q.query(`
      CREATE TABLE reviewer_profile (
        user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
        axis_codes text[] NOT NULL DEFAULT '{}',
        territories text[] NOT NULL DEFAULT '{}',
        capacity int NOT NULL DEFAULT 40 CONSTRAINT ck_reviewer_profile_capacity CHECK (capacity BETWEEN 0 AND 10000),
        active boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);

    // Ties declared ahead of time (profile) or when opening an assignment: never assigned there again.
    await q.query(`
      CREATE TABLE reviewer_tie (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reviewer_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT ck_reviewer_tie_kind CHECK (kind IN ('member','employee','officer','funder','relative','other')),
        comment text NOT NULL DEFAULT '',
        declared_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_reviewer_tie UNIQUE (reviewer_id, organization_id)
      )`);
    await q.query(`CREATE INDEX ix_reviewer_tie_organization ON reviewer_tie (organization_id)`);

    // assigned: not opened yet (the reviewer sees name, axis and title only); accepted: no conflict
    // confirmed, the reviewer reads and scores; recused: conflict declared; withdrawn: moved by staff.
    await q.query(`CREATE TYPE review_assignment_status AS ENUM ('assigned','accepted','recused','withdrawn')`);
    await q.query(`CREATE TYPE review_status AS ENUM ('draft','submitted')`);
    await q.query(`
      CREATE TABLE review_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES call(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
        reviewer_id uuid NOT NULL REFERENCES app_user(id),
        status review_assignment_status NOT NULL DEFAULT 'assigned',
        match_points int NOT NULL DEFAULT 0,
        due_on date NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        assigned_by uuid REFERENCES app_user(id),
        conflict_kind text CONSTRAINT ck_review_assignment_conflict_kind CHECK (conflict_kind IN ('member','employee','officer','funder','relative','other')),
        conflict_comment text,
        recused_at timestamptz,
        review_status review_status,
        scores jsonb NOT NULL DEFAULT '{}',
        comments jsonb NOT NULL DEFAULT '{}',
        general_comment text NOT NULL DEFAULT '',
        opinion text CONSTRAINT ck_review_assignment_opinion CHECK (opinion IN ('favourable','reserved','unfavourable')),
        total_hundredths int CONSTRAINT ck_review_assignment_total CHECK (total_hundredths BETWEEN 0 AND 10000),
        submitted_at timestamptz,
        revision int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT uq_review_assignment UNIQUE (application_id, reviewer_id),
        CONSTRAINT ck_review_assignment_recused CHECK ((status = 'recused') = (conflict_kind IS NOT NULL AND recused_at IS NOT NULL)),
        CONSTRAINT ck_review_assignment_submitted CHECK (
          (review_status = 'submitted') = (submitted_at IS NOT NULL AND total_hundredths IS NOT NULL AND opinion IS NOT NULL))
      )`);
    // A reviewer's queue, due first; the load of each reviewer in a call; an application's reviewers.
    await q.query(`CREATE INDEX ix_review_assignment_queue ON review_assignment (reviewer_id, due_on, id) WHERE status IN ('assigned','accepted')`);
    await q.query(`CREATE INDEX ix_review_assignment_call_reviewer ON review_assignment (call_id, reviewer_id) WHERE status IN ('assigned','accepted')`);
    await q.query(`CREATE INDEX ix_review_assignment_application ON review_assignment (application_id)`);

    // Recommended amount per year of a review (never above the request: checked in the transaction).
    await q.query(`
      CREATE TABLE review_recommendation (
        assignment_id uuid NOT NULL REFERENCES review_assignment(id) ON DELETE CASCADE,
        year int NOT NULL,
        amount_cents bigint NOT NULL CONSTRAINT ck_review_recommendation_amount CHECK (amount_cents >= 0),
        PRIMARY KEY (assignment_id, year)
      )`);

    // The amount requested per year in the last submitted version, written at each submission, so
    // that rankings and committee totals are SQL sums over bigint, not over JSON.
    await q.query(`
      CREATE TABLE application_request (
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
        year int NOT NULL,
        amount_cents bigint NOT NULL CONSTRAINT ck_application_request_amount CHECK (amount_cents >= 0),
        PRIMARY KEY (application_id, year)
      )`);
    await q.query(`
      INSERT INTO application_request (application_id, year, amount_cents)
      SELECT v.application_id, (y->>'year')::int, COALESCE((y->'products'->>'p74Departement')::bigint, 0)
        FROM application a
        JOIN application_version v ON v.application_id = a.id AND v.version_no = a.submitted_version
        CROSS JOIN LATERAL jsonb_array_elements(v.snapshot->'budget') y
       WHERE a.submitted_version > 0 AND y ? 'year'`);

    // Consolidated score, kept up to date in the transaction that submits or revises a review.
    await q.query(`
      ALTER TABLE application
        ADD COLUMN review_count int NOT NULL DEFAULT 0,
        ADD COLUMN review_sum_hundredths int NOT NULL DEFAULT 0,
        ADD COLUMN review_min_hundredths int,
        ADD COLUMN review_max_hundredths int,
        ADD COLUMN score_hundredths int,
        ADD COLUMN divergent boolean NOT NULL DEFAULT false`);

    // Moments of each reviewer's submitted totals in a call, for severity normalisation.
    await q.query(`
      CREATE TABLE reviewer_call_stat (
        call_id uuid NOT NULL REFERENCES call(id) ON DELETE CASCADE,
        reviewer_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        review_count int NOT NULL DEFAULT 0,
        sum_hundredths bigint NOT NULL DEFAULT 0,
        sum_squares bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (call_id, reviewer_id)
      )`);

    // A committee sitting on one axis of a call. Opening it locks the scores of that axis.
    await q.query(`CREATE TYPE committee_session_status AS ENUM ('open','published')`);
    await q.query(`
      CREATE TABLE committee_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES call(id) ON DELETE CASCADE,
        axis_id uuid NOT NULL REFERENCES call_axis(id) ON DELETE CASCADE,
        sits_on date NOT NULL,
        deliberation_reference text NOT NULL,
        status committee_session_status NOT NULL DEFAULT 'open',
        opened_at timestamptz NOT NULL DEFAULT now(),
        opened_by uuid NOT NULL REFERENCES app_user(id),
        published_at timestamptz,
        published_by uuid REFERENCES app_user(id),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ck_committee_session_published CHECK ((status = 'published') = (published_at IS NOT NULL AND published_by IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_committee_session_open ON committee_session (call_id, axis_id) WHERE status = 'open'`);

    // A decision is a simulation until its session is published.
    await q.query(`
      CREATE TABLE committee_decision (
        application_id uuid PRIMARY KEY REFERENCES application(id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES committee_session(id) ON DELETE CASCADE,
        outcome text NOT NULL CONSTRAINT ck_committee_decision_outcome CHECK (outcome IN ('retained','waitlisted','rejected')),
        waitlist_rank int CONSTRAINT ck_committee_decision_waitlist_rank CHECK (waitlist_rank > 0),
        rejection_reason text CONSTRAINT ck_committee_decision_rejection_reason
          CHECK (rejection_reason IN ('insufficient_score','envelope_exhausted','outside_priorities','weak_budget','other')),
        comment text NOT NULL DEFAULT '',
        rank_at_decision int,
        below_line boolean NOT NULL DEFAULT false,
        line_exception_reason text,
        flagged boolean NOT NULL DEFAULT false,
        decided_by uuid NOT NULL REFERENCES app_user(id),
        decided_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ck_committee_decision_waitlist CHECK ((outcome = 'waitlisted') = (waitlist_rank IS NOT NULL)),
        CONSTRAINT ck_committee_decision_rejected CHECK ((outcome = 'rejected') = (rejection_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_committee_decision_session ON committee_decision (session_id)`);
    await q.query(`
      CREATE TABLE decision_grant (
        application_id uuid NOT NULL REFERENCES committee_decision(application_id) ON DELETE CASCADE,
        year int NOT NULL,
        amount_cents bigint NOT NULL CONSTRAINT ck_decision_grant_amount CHECK (amount_cents >= 0),
        PRIMARY KEY (application_id, year)
      )`);

    await q.query(`ALTER TABLE outbox_mail DROP CONSTRAINT ck_outbox_mail_kind`);
    await q.query(`
      ALTER TABLE outbox_mail ADD CONSTRAINT ck_outbox_mail_kind
        CHECK (kind IN ('email-verification','invitation','acknowledgement','information-request','message','password-reset','inadmissibility','review-assignment','decision'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM outbox_mail WHERE kind IN ('review-assignment','decision')`);
    await q.query(`ALTER TABLE outbox_mail DROP CONSTRAINT ck_outbox_mail_kind`);
    await q.query(`
      ALTER TABLE outbox_mail ADD CONSTRAINT ck_outbox_mail_kind
        CHECK (kind IN ('email-verification','invitation','acknowledgement','information-request','message','password-reset','inadmissibility'))`);
    await q.query(`DROP TABLE decision_grant`);
    await q.query(`DROP TABLE committee_decision`);
    await q.query(`DROP TABLE committee_session`);
    await q.query(`DROP TYPE committee_session_status`);
    await q.query(`DROP TABLE reviewer_call_stat`);
    await q.query(`
      ALTER TABLE application
        DROP COLUMN divergent, DROP COLUMN score_hundredths, DROP COLUMN review_max_hundredths,
        DROP COLUMN review_min_hundredths, DROP COLUMN review_sum_hundredths, DROP COLUMN review_count`);
    await q.query(`DROP TABLE application_request`);
    await q.query(`DROP TABLE review_recommendation`);
    await q.query(`DROP TABLE review_assignment`);
    await q.query(`DROP TYPE review_status`);
    await q.query(`DROP TYPE review_assignment_status`);
    await q.query(`DROP TABLE reviewer_tie`);
    await q.query(`DROP TABLE reviewer_profile`);
    await q.query(`ALTER TABLE call DROP COLUMN review_days, DROP COLUMN divergence_threshold`);
  }
}
