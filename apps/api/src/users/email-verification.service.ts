import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppException } from '../core/errors/app.exception';
import { OutboxService } from '../notifications/outbox.service';
import { hashMailToken, newMailToken } from './tokens';
import { User } from './user.entity';
import { UserToken } from './user-token.entity';

export const EMAIL_VERIFICATION_TTL_HOURS = 48;
/** One new link a minute per person at most: enough for a typo in a spam filter, too slow to flood a mailbox. */
const RESEND_INTERVAL_SECONDS = 60;

/** Submitting (and other commitments) needs a confirmed address; preparing a draft does not. 409, as submission answers. */
export function assertEmailVerified(user: Pick<User, 'emailVerifiedAt'>): void {
  if (!user.emailVerifiedAt) throw AppException.conflict('EMAIL_NOT_VERIFIED');
}

export const actorOf = (user: User, requestId: string | null): Actor => ({
  userId: user.id, email: user.email, role: user.role, organizationId: user.organizationId, requestId,
});

@Injectable()
export class EmailVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes a new single-use token and its mail, in the caller's transaction (sign-up, resend). */
  async issue(manager: EntityManager, user: User): Promise<void> {
    const { token, hash } = newMailToken();
    await manager.insert(UserToken, {
      userId: user.id, purpose: 'email_verification', tokenHash: hash,
      expiresAt: new Date(Date.now() + EMAIL_VERIFICATION_TTL_HOURS * 3_600_000), usedAt: null,
    });
    const link = `${this.config.publicUrl}/verification?token=${encodeURIComponent(token)}`;
    await this.outbox.enqueue(manager, {
      to: user.email,
      kind: 'email-verification',
      subject: 'Confirmez votre adresse e-mail – Tremplin',
      text: [
        `Bonjour ${user.fullName},`,
        '',
        'Votre compte Tremplin est créé. Pour confirmer votre adresse e-mail, ouvrez ce lien (valable 48 heures) :',
        '',
        link,
        '',
        "Tant que votre adresse n'est pas confirmée, vous pouvez préparer vos candidatures mais pas les déposer.",
        '',
        "Si vous n'êtes pas à l'origine de cette inscription, ignorez ce message : aucun dossier ne sera déposé.",
        '',
        "L'équipe Tremplin",
      ].join('\n'),
    });
  }

  /** Single use, 48 hours; any failure is the same answer so that a token cannot be probed. */
  async verify(token: string, requestId: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await manager
        .getRepository(UserToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash AND t.purpose = :purpose', { hash: hashMailToken(token), purpose: 'email_verification' })
        .getOne();
      if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) throw new AppException(HttpStatus.BAD_REQUEST, 'INVALID_TOKEN');
      const user = await manager.findOneOrFail(User, { where: { id: row.userId } });
      if (!user.active) throw new AppException(HttpStatus.BAD_REQUEST, 'INVALID_TOKEN');
      // Every outstanding link of this person is spent with this one.
      await manager.update(UserToken, { userId: user.id, purpose: 'email_verification', usedAt: IsNull() }, { usedAt: new Date() });
      if (!user.emailVerifiedAt) {
        const verifiedAt = new Date();
        await manager.update(User, { id: user.id }, { emailVerifiedAt: verifiedAt });
        await this.audit.record(manager, actorOf(user, requestId), {
          action: 'user.email-verified', entityType: 'user', entityId: user.id,
          diff: { emailVerifiedAt: { before: null, after: verifiedAt.toISOString() } },
        });
      }
    });
  }

  async resend(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The row lock serialises two clicks at once, so the one-a-minute rule holds.
      const user = await manager.getRepository(User).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id: actor.userId }).getOneOrFail();
      if (user.emailVerifiedAt) throw AppException.conflict('EMAIL_ALREADY_VERIFIED');
      const [recent] = await manager.query<Array<{ wait: number }>>(
        `SELECT ceil(extract(epoch FROM max(created_at) + make_interval(secs => $2) - now()))::int AS wait
           FROM user_token WHERE user_id = $1 AND purpose = 'email_verification'`,
        [user.id, RESEND_INTERVAL_SECONDS],
      );
      const wait = recent?.wait ?? 0;
      if (wait > 0) {
        throw new AppException(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_ATTEMPTS', { retryAfterSeconds: wait }, undefined, { 'Retry-After': String(wait) });
      }
      await this.issue(manager, user);
      await this.audit.record(manager, actor, { action: 'user.email-verification-resent', entityType: 'user', entityId: user.id });
    });
  }
}
