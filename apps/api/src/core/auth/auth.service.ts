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
import { ThrottleService } from './throttle.service';
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
    private readonly throttle: ThrottleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(emailInput: string, password: string, ip: string, requestId: string | null): Promise<IssuedSession> {
    const email = emailInput.trim().toLowerCase();
    const user = await this.checkPassword(email, password, ip);
    if (!user) throw new AppException(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS');
    return this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { lastLoginAt: new Date() });
      const actor: Actor = { userId: user.id, email: user.email, role: user.role, organizationId: user.organizationId, requestId };
      await this.audit.record(manager, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
      return this.issue(manager, user, randomUUID());
    });
  }

  /**
   * The one place a password is checked (login, password change). The attempt is counted per email and per IP
   * *before* the hash is verified — a 429 beyond the limits — and taken back when the password is right: only
   * failures count, and a success clears the email's count. Returns the active user, or null.
   */
  async checkPassword(email: string, password: string, ip: string): Promise<User | null> {
    const { maxFailuresPerEmail, maxFailuresPerIp, windowSeconds } = this.config.login;
    const emailBucket = `login:email:${email}`;
    const hits = await this.throttle.hit([
      { bucket: emailBucket, limit: maxFailuresPerEmail, windowSeconds },
      { bucket: `login:ip:${ip}`, limit: maxFailuresPerIp, windowSeconds },
    ]);
    const user = await this.dataSource.getRepository(User).findOne({ where: { email } });
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !passwordOk || !user.active) return null;
    await this.throttle.forgive(hits, [emailBucket]);
    return user;
  }

  /** Ends every session of an account (password reset or change), in the caller's transaction. */
  async revokeAllSessions(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
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
}
