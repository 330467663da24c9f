import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AcceptInvitationRequest, RegisterRequest } from '@tremplin/contracts';
import { diffOf } from '../core/audit/audit-chain';
import { AuditService } from '../core/audit/audit.service';
import { AuthService, type IssuedSession } from '../core/auth/auth.service';
import { hashPassword } from '../core/auth/password';
import { checkPassword } from '../core/auth/password-policy';
import { AppException } from '../core/errors/app.exception';
import { actorOf, EmailVerificationService } from '../users/email-verification.service';
import { hashMailToken } from '../users/tokens';
import { User } from '../users/user.entity';
import { Invitation } from './invitation.entity';
import { Organization } from './organization.entity';
import { profileOf } from './organization.mapper';
import { checkProfile, conflictFromUniqueViolation } from './organization-profile';
import { siretTaken } from './organizations.service';

/** Public sign-up of an association, and joining one by invitation. Both sign the person in at once. */
@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly emailVerification: EmailVerificationService,
  ) {}

  /** The organisation, its first (admin) member, the verification link and the audit, in one transaction. */
  async register(input: RegisterRequest, requestId: string | null): Promise<IssuedSession> {
    const { fields, issues } = checkProfile(input.organization, 'organization.');
    issues.push(...checkPassword(input.password, [input.email, input.fullName, fields.legalName]));
    if (issues.length) throw AppException.validation(issues);
    // Hashing costs ~50 ms of CPU and memory: done before the transaction holds a connection.
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (await manager.exists(User, { where: { email: input.email } })) throw AppException.conflict('EMAIL_TAKEN');
        if (fields.siret && (await siretTaken(manager, fields.siret, null))) throw new AppException(HttpStatus.CONFLICT, 'SIRET_TAKEN');
        const { identifiers: orgIds } = await manager.insert(Organization, { ...fields, iban: fields.iban ?? null });
        const org = await manager.findOneOrFail(Organization, { where: { id: String(orgIds[0]?.['id']) } });
        const { identifiers: userIds } = await manager.insert(User, {
          email: input.email, fullName: input.fullName, passwordHash, role: 'association', organizationId: org.id,
          active: true, organizationAdmin: true, emailVerifiedAt: null,
        });
        const user = await manager.findOneOrFail(User, { where: { id: String(userIds[0]?.['id']) } });
        const actor = actorOf(user, requestId);
        await this.audit.record(manager, actor, {
          action: 'organization.registered', entityType: 'organization', entityId: org.id, diff: diffOf(null, profileOf(org)),
        });
        await this.audit.record(manager, actor, {
          action: 'user.registered', entityType: 'user', entityId: user.id,
          diff: diffOf(null, { email: user.email, fullName: user.fullName, role: user.role, organizationId: org.id, organizationAdmin: true }),
        });
        await this.emailVerification.issue(manager, user);
        return this.auth.openSession(manager, user);
      });
    } catch (error) {
      throw conflictFromUniqueViolation(error);
    }
  }

  /** The invited person proved the mailbox by opening the link: the account starts verified, not admin. */
  async acceptInvitation(input: AcceptInvitationRequest, requestId: string | null): Promise<IssuedSession> {
    const hash = hashMailToken(input.token);
    const preview = await this.dataSource.getRepository(Invitation).findOne({ where: { tokenHash: hash } });
    if (!preview || !usable(preview)) throw new AppException(HttpStatus.BAD_REQUEST, 'INVALID_TOKEN');
    const org = await this.dataSource.getRepository(Organization).findOneOrFail({ where: { id: preview.organizationId } });
    const issues = checkPassword(input.password, [preview.email, input.fullName, org.legalName]);
    if (issues.length) throw AppException.validation(issues);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Re-read under lock: two clicks on the same link create one account.
        const invitation = await manager
          .getRepository(Invitation)
          .createQueryBuilder('i')
          .setLock('pessimistic_write')
          .where('i.token_hash = :hash', { hash })
          .getOne();
        if (!invitation || !usable(invitation)) throw new AppException(HttpStatus.BAD_REQUEST, 'INVALID_TOKEN');
        if (await manager.exists(User, { where: { email: invitation.email } })) throw AppException.conflict('EMAIL_TAKEN');
        const now = new Date();
        const { identifiers } = await manager.insert(User, {
          email: invitation.email, fullName: input.fullName, passwordHash, role: 'association', organizationId: invitation.organizationId,
          active: true, organizationAdmin: false, emailVerifiedAt: now,
        });
        const user = await manager.findOneOrFail(User, { where: { id: String(identifiers[0]?.['id']) } });
        await manager.update(Invitation, { id: invitation.id }, { acceptedAt: now });
        await this.audit.record(manager, actorOf(user, requestId), {
          action: 'organization.invitation-accepted', entityType: 'organization', entityId: invitation.organizationId,
          diff: diffOf(null, { invitationId: invitation.id, userId: user.id, email: user.email, fullName: user.fullName, organizationAdmin: false }),
        });
        return this.auth.openSession(manager, user);
      });
    } catch (error) {
      throw conflictFromUniqueViolation(error);
    }
  }
}

function usable(invitation: Invitation): boolean {
  return invitation.acceptedAt === null && invitation.expiresAt.getTime() > Date.now();
}
