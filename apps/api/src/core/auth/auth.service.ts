import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { LoginResponse, UserView } from '@tremplin/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AppException } from '../errors/app.exception';
import { AuditService } from '../audit/audit.service';
import { User } from '../../users/user.entity';
import { toUserView } from '../../users/user.mapper';
import { hashPassword, verifyPassword } from './password';
import { RefreshToken } from './refresh-token.entity';
import { LoginAttempt } from './login-attempt.entity';
import type { Actor } from './actor';

export interface IssuedSession {
  response: LoginResponse;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so that both failures cost the same time. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(emailInput: string, password: string, ip: string, requestId: string | null): Promise<IssuedSession> {
    const email = emailInput.trim().toLowerCase();
    await this.assertNotThrottled(email, ip);
    const user = await this.dataSource.getRepository(User).findOne({ where: { email } });
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), password);
    const attempts = this.dataSource.getRepository(LoginAttempt);
    if (!user || !passwordOk || !user.active) {
      await attempts.insert({ email, ip, succeeded: false, attemptedAt: new Date() });
      throw new AppException(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS');
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.insert(LoginAttempt, { email, ip, succeeded: true, attemptedAt: new Date() });
      await manager.update(User, { id: user.id }, { lastLoginAt: new Date() });
      const actor: Actor = { userId: user.id, email: user.email, role: user.role, organizationId: user.organizationId, requestId };
      await this.audit.record(manager, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
      return this.issue(manager, user, randomUUID());
    });
  }

  /** Rotates the refresh token: the old one is spent; presenting a spent one revokes its whole family. */
  async refresh(presented: string | undefined): Promise<IssuedSession> {
    if (!presented) throw new AppException(HttpStatus.UNAUTHORIZED, 'INVALID_REFRESH_TOKEN');
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: sha256(presented) })
        .getOne();
      if (!token) return null;
      if (token.revokedAt) {
        // Reuse of a spent token: someone may hold a stolen copy. End every session of that family.
        await manager.update(RefreshToken, { familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return null;
      }
      if (token.expiresAt.getTime() <= Date.now()) return null;
      const user = await manager.findOne(User, { where: { id: token.userId } });
      if (!user?.active) return null;
      const session = await this.issue(manager, user, token.familyId);
      const next = await manager.findOneOrFail(RefreshToken, { where: { tokenHash: sha256(session.refreshToken) } });
      await manager.update(RefreshToken, { id: token.id }, { revokedAt: new Date(), replacedById: next.id });
      return session;
    });
    if (!outcome) throw new AppException(HttpStatus.UNAUTHORIZED, 'INVALID_REFRESH_TOKEN');
    return outcome;
  }

  async logout(presented: string | undefined): Promise<void> {
    if (!presented) return;
    const token = await this.dataSource.getRepository(RefreshToken).findOne({ where: { tokenHash: sha256(presented) } });
    if (!token) return;
    await this.dataSource
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('family_id = :family AND revoked_at IS NULL', { family: token.familyId })
      .execute();
  }

  async me(actor: Actor): Promise<UserView> {
    const user = await this.dataSource.getRepository(User).findOneOrFail({ where: { id: actor.userId } });
    return toUserView(user);
  }

  /** A new session inside the caller's transaction: sign-up and accepting an invitation sign the person in at once. */
  openSession(manager: EntityManager, user: User): Promise<IssuedSession> {
    return this.issue(manager, user, randomUUID());
  }

  private async issue(manager: EntityManager, user: User, familyId: string): Promise<IssuedSession> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, role: user.role },
      { expiresIn: this.config.accessTokenTtlSeconds },
    );
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
    await manager.insert(RefreshToken, {
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: refreshExpiresAt,
      revokedAt: null,
      replacedById: null,
    });
    return {
      response: { accessToken, expiresIn: this.config.accessTokenTtlSeconds, user: toUserView(user) },
      refreshToken,
      refreshExpiresAt,
    };
  }

  private async assertNotThrottled(email: string, ip: string): Promise<void> {
    const { maxFailuresPerEmail, maxFailuresPerIp, windowSeconds } = this.config.login;
    // Failures since the last success for this email (a success resets its counter), within the window.
    const [row] = await this.dataSource.query(
      `SELECT
         (SELECT count(*) FROM login_attempt a
            WHERE a.email = $1 AND NOT a.succeeded AND a.attempted_at > now() - make_interval(secs => $3)
              AND a.attempted_at > COALESCE((SELECT max(attempted_at) FROM login_attempt s WHERE s.email = $1 AND s.succeeded), '-infinity')
         )::int AS email_failures,
         (SELECT min(attempted_at) FROM login_attempt a
            WHERE a.email = $1 AND NOT a.succeeded AND a.attempted_at > now() - make_interval(secs => $3)) AS email_oldest,
         (SELECT count(*) FROM login_attempt a
            WHERE a.ip = $2 AND NOT a.succeeded AND a.attempted_at > now() - make_interval(secs => $3))::int AS ip_failures,
         (SELECT min(attempted_at) FROM login_attempt a
            WHERE a.ip = $2 AND NOT a.succeeded AND a.attempted_at > now() - make_interval(secs => $3)) AS ip_oldest`,
      [email, ip, windowSeconds],
    );
    const blockedSince: Date | null =
      row.email_failures >= maxFailuresPerEmail ? row.email_oldest : row.ip_failures >= maxFailuresPerIp ? row.ip_oldest : null;
    if (blockedSince) {
      const retryAfterSeconds = Math.max(1, Math.ceil((new Date(blockedSince).getTime() + windowSeconds * 1000 - Date.now()) / 1000));
      throw new AppException(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_ATTEMPTS', { retryAfterSeconds }, undefined, {
        'Retry-After': String(retryAfterSeconds),
      });
    }
  }
}
