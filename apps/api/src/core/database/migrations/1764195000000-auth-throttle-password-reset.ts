import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One throttling table for every account endpoint (login, sign-up, invitations, email verification,
 * password reset), replacing login_attempt: a hit is written under a per-bucket advisory lock before
 * the work it guards, so parallel requests cannot all slip under the limit. Password-reset tokens
 * join the single-use mail tokens.
 */
export class AuthThrottlePasswordReset1764195000000 implements MigrationInterface {
  name = 'AuthThrottlePasswordReset1764195000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE throttle_hit (
        id bigserial PRIMARY KEY,
        bucket text NOT NULL,
        hit_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_throttle_hit_bucket ON throttle_hit (bucket, hit_at)`);
    await q.query(`CREATE INDEX ix_throttle_hit_expires ON throttle_hit (expires_at)`);
    await q.query(`DROP TABLE login_attempt`);
    await q.query(`ALTER TABLE user_token DROP CONSTRAINT user_token_purpose_check`);
    await q.query(`ALTER TABLE user_token ADD CONSTRAINT ck_user_token_purpose CHECK (purpose IN ('email_verification', 'password_reset'))`);
    await q.query(`CREATE INDEX ix_user_token_user_purpose ON user_token (user_id, purpose)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_user_token_user_purpose`);
    await q.query(`DELETE FROM user_token WHERE purpose = 'password_reset'`);
    await q.query(`ALTER TABLE user_token DROP CONSTRAINT ck_user_token_purpose`);
    await q.query(`ALTER TABLE user_token ADD CONSTRAINT user_token_purpose_check CHECK (purpose IN ('email_verification'))`);
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
    await q.query(`DROP TABLE throttle_hit`);
  }
}
