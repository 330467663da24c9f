import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, IsNull } from 'typeorm';
import type { ChangePasswordRequest, PasswordResetConfirmRequest } from '@tremplin/contracts';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { AuthService, type IssuedSession } from '../core/auth/auth.service';
import { hashPassword } from '../core/auth/password';
import { checkPassword } from '../core/auth/password-policy';
import { ThrottleService } from '../core/auth/throttle.service';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppException } from '../core/errors/app.exception';
import { OutboxService } from '../notifications/outbox.service';
import { actorOf } from './email-verification.service';
import { hashMailToken, newMailToken } from './tokens';
import { User } from './user.entity';
import { UserToken } from './user-token.entity';

export const PASSWORD_RESET_TTL_MINUTES = 60;
/**
 * A reset request answers no sooner than this, whether the address has an account (a token and a mail are
 * written) or not (nothing is): the response time does not tell which.
 */
const RESET_REQUEST_MIN_MS = 300;

/** « Mot de passe oublié ? » and the signed-in password change. Both end every other session of the account. */
@Injectable()
export class PasswordService {
  private readonly logger = new Logger('PasswordService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly throttle: ThrottleService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Mails a single-use link valid one hour to an active account with that address; answers the same otherwise. */
  async requestReset(email: string, requestId: string | null): Promise<void> {
    const started = Date.now();
    try {
      await this.dataSource.transaction(async (manager) => {
        const user = await manager.findOne(User, { where: { email } });
        if (!user?.active) return;
        const { token, hash } = newMailToken();
        await manager.insert(UserToken, {
          userId: user.id, purpose: 'password_reset', tokenHash: hash,
          expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60_000), usedAt: null,
        });
        const link = `${this.config.publicUrl}/mot-de-passe/nouveau?token=${encodeURIComponent(token)}`;
        await this.outbox.enqueue(manager, {
          to: user.email,
          kind: 'password-reset',
          subject: 'Réinitialisation de votre mot de passe – Tremplin',
          text: [
            `Bonjour ${user.fullName},`,
            '',
            'Une réinitialisation du mot de passe de votre compte Tremplin a été demandée. Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, une seule fois) :',
            '',
            link,
            '',
            'Toutes vos sessions ouvertes seront alors fermées.',
            '',
            "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.",
            '',
            "L'équipe Tremplin",
          ].join('\n'),
        });
        await this.audit.record(manager, actorOf(user, requestId), { action: 'user.password-reset-requested', entityType: 'user', entityId: user.id });
      });
    } catch (error) {
      // The answer must not differ either when writing fails: log it, answer as usual.
      this.logger.error(`Password reset request failed: ${String(error)}`);
    }
    const remaining = RESET_REQUEST_MIN_MS - (Date.now() - started);
    if (remaining > 0) await sleep(remaining);
  }

  /** Sets the new password (same policy as sign-up), spends every reset link of the account and ends all its sessions. */
  async confirmReset(input: PasswordResetConfirmRequest, requestId: string | null): Promise<void> {
    const hash = hashMailToken(input.token);
    const preview = await this.dataSource.getRepository(UserToken).findOne({ where: { tokenHash: hash, purpose: 'password_reset' } });
    if (!preview || !usable(preview)) throw invalidToken();
    const owner = await this.dataSource.getRepository(User).findOne({ where: { id: preview.userId }, relations: { organization: true } });
    if (!owner?.active) throw invalidToken();
    const issues = checkPassword(input.password, personalWords(owner));
    if (issues.length) throw AppException.validation(issues);
    // Hashing costs ~50 ms of CPU and memory: done before the transaction holds a connection.
    const passwordHash = await hashPassword(input.password);
    await this.dataSource.transaction(async (manager) => {
      // Re-read under lock: two clicks on the same link change the password once.
      const token = await manager
        .getRepository(UserToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash AND t.purpose = :purpose', { hash, purpose: 'password_reset' })
        .getOne();
      if (!token || !usable(token)) throw invalidToken();
      const user = await manager.findOneOrFail(User, { where: { id: token.userId } });
      if (!user.active) throw invalidToken();
      const now = new Date();
      await manager.update(UserToken, { userId: user.id, purpose: 'password_reset', usedAt: IsNull() }, { usedAt: now });
      // Opening the mailed link proves the mailbox, as the verification link does.
      const verifies = user.emailVerifiedAt === null;
      await manager.update(User, { id: user.id }, verifies ? { passwordHash, emailVerifiedAt: now } : { passwordHash });
      await this.auth.revokeAllSessions(manager, user.id);
      await this.audit.record(manager, actorOf(user, requestId), {
        action: 'user.password-reset', entityType: 'user', entityId: user.id,
        ...(verifies ? { diff: { emailVerifiedAt: { before: null, after: now.toISOString() } } } : {}),
      });
    });
    // The person proved they own the account: failed logins counted against it no longer hold them back.
    await this.throttle.forgive([], [`login:email:${owner.email}`]);
  }

  /**
   * The current password is checked like a login (counted and throttled per account and IP); every session
   * of the account is ended and a new one opened for this browser.
   */
  async change(actor: Actor, input: ChangePasswordRequest, ip: string): Promise<IssuedSession> {
    const user = await this.auth.checkPassword(actor.email, input.currentPassword, ip);
    if (!user || user.id !== actor.userId) {
      throw AppException.validation([{ field: 'currentPassword', code: 'CURRENT_PASSWORD_WRONG', message: 'current password is wrong' }]);
    }
    const owner = await this.dataSource.getRepository(User).findOneOrFail({ where: { id: user.id }, relations: { organization: true } });
    const issues = checkPassword(input.newPassword, personalWords(owner), 'newPassword');
    if (issues.length) throw AppException.validation(issues);
    const passwordHash = await hashPassword(input.newPassword);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      await this.auth.revokeAllSessions(manager, user.id);
      await this.audit.record(manager, actor, { action: 'user.password-changed', entityType: 'user', entityId: user.id });
      return this.auth.openSession(manager, user);
    });
  }
}

function usable(token: UserToken): boolean {
  return token.usedAt === null && token.expiresAt.getTime() > Date.now();
}

function invalidToken(): AppException {
  return new AppException(HttpStatus.BAD_REQUEST, 'INVALID_TOKEN');
}

/** What a guesser would try first: the person's email, name and organisation. */
function personalWords(user: User): string[] {
  return [user.email, user.fullName, ...(user.organization ? [user.organization.legalName] : [])];
}
