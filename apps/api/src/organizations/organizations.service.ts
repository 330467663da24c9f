import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { InvitationView, InviteMemberRequest, OrganizationProfileView, UpdateOrganizationRequest } from '@tremplin/contracts';
import { ownOrganizationId } from '../core/access/access.policy';
import { diffOf } from '../core/audit/audit-chain';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppException } from '../core/errors/app.exception';
import { GrantorService } from '../grantor/grantor.service';
import { OutboxService } from '../notifications/outbox.service';
import { newMailToken } from '../users/tokens';
import { User } from '../users/user.entity';
import { Invitation } from './invitation.entity';
import { Organization } from './organization.entity';
import { profileOf, toInvitationView, toOrganizationProfileView } from './organization.mapper';
import { checkProfile, conflictFromUniqueViolation } from './organization-profile';

export const INVITATION_TTL_DAYS = 7;

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly grantor: GrantorService,
  ) {}

  /** A member sees its own organisation, and only that one. */
  mine(actor: Actor): Promise<OrganizationProfileView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const org = await manager.findOne(Organization, { where: { id: ownOrganizationId(actor) } });
      if (!org) throw AppException.notFound();
      return this.view(manager, org);
    });
  }

  /** Admins only; the whole profile with the `version` it was read at (a stale one changes nothing). */
  async update(actor: Actor, input: UpdateOrganizationRequest): Promise<OrganizationProfileView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const org = await this.lockAsAdmin(manager, actor);
        const { fields, issues } = checkProfile(input);
        if (issues.length) throw AppException.validation(issues);
        if (input.version !== org.version) throw AppException.conflict('STALE_VERSION');
        if (fields.siret && fields.siret !== org.siret && (await siretTaken(manager, fields.siret, org.id))) {
          throw new AppException(HttpStatus.CONFLICT, 'SIRET_TAKEN');
        }
        const { iban, ...rest } = fields;
        const changes: Partial<Organization> = iban === undefined ? rest : { ...rest, iban };
        const changed = (Object.keys(changes) as Array<keyof typeof changes>).some((key) => changes[key] !== org[key]);
        // Saving the same profile again is not a change: the version stays, nothing is audited.
        if (!changed) return this.view(manager, org);
        // The row lock taken above makes this conditional update certain to hit; `version` moves on with it.
        await manager.update(Organization, { id: org.id, version: org.version }, changes);
        const after = await manager.findOneOrFail(Organization, { where: { id: org.id } });
        const diff = diffOf(profileOf(org), profileOf(after));
        // A new IBAN may mask to the same text (same bank, same last digits): the trail still says it changed.
        if (after.iban !== org.iban && !diff['ibanMasked']) diff['ibanMasked'] = { before: profileOf(org).ibanMasked, after: profileOf(after).ibanMasked };
        await this.audit.record(manager, actor, { action: 'organization.updated', entityType: 'organization', entityId: org.id, diff });
        return this.view(manager, after);
      });
    } catch (error) {
      throw conflictFromUniqueViolation(error);
    }
  }

  /** A new invitation replaces any pending one for the same address: only the latest link works. */
  invite(actor: Actor, input: InviteMemberRequest): Promise<InvitationView> {
    return this.dataSource.transaction(async (manager) => {
      const org = await this.lockAsAdmin(manager, actor);
      const email = input.email.trim().toLowerCase();
      if (await manager.exists(User, { where: { email } })) throw AppException.conflict('EMAIL_TAKEN');
      await manager.update(
        Invitation,
        { organizationId: org.id, email, acceptedAt: IsNull(), expiresAt: MoreThan(new Date()) },
        { expiresAt: new Date() },
      );
      const { token, hash } = newMailToken();
      const { identifiers } = await manager.insert(Invitation, {
        organizationId: org.id, email, invitedBy: actor.userId, tokenHash: hash,
        expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000), acceptedAt: null,
      });
      const invitation = await manager.findOneOrFail(Invitation, { where: { id: String(identifiers[0]?.['id']) } });
      const inviter = await manager.findOneOrFail(User, { where: { id: actor.userId } });
      const grantor = await this.grantor.current(manager);
      await this.outbox.enqueue(manager, {
        to: email,
        kind: 'invitation',
        subject: `${inviter.fullName} vous invite à rejoindre ${org.legalName} sur Tremplin`,
        text: [
          'Bonjour,',
          '',
          `${inviter.fullName} (${inviter.email}) vous invite à rejoindre l'espace de ${org.legalName} sur Tremplin,`,
          `le portail des appels à projets d'insertion (${grantor.name}).`,
          '',
          `Pour créer votre compte, ouvrez ce lien (valable ${INVITATION_TTL_DAYS} jours) :`,
          '',
          `${this.config.publicUrl}/invitation?token=${encodeURIComponent(token)}`,
          '',
          "Si vous ne connaissez pas cette organisation, ignorez ce message : aucun compte ne sera créé.",
          '',
          "L'équipe Tremplin",
        ].join('\n'),
      });
      await this.audit.record(manager, actor, {
        action: 'organization.member-invited', entityType: 'organization', entityId: org.id,
        diff: diffOf(null, { invitationId: invitation.id, email, expiresAt: invitation.expiresAt.toISOString() }),
      });
      return toInvitationView(invitation);
    });
  }

  /** The organisation always keeps one active admin: the row lock on the organisation serialises two demotions. */
  setMemberAdmin(actor: Actor, memberId: string, isAdmin: boolean): Promise<OrganizationProfileView> {
    return this.dataSource.transaction(async (manager) => {
      const org = await this.lockAsAdmin(manager, actor);
      const member = await manager.findOne(User, { where: { id: memberId, organizationId: org.id } });
      if (!member) throw AppException.notFound();
      if (member.organizationAdmin !== isAdmin) {
        if (!isAdmin) {
          const otherAdmins = await manager
            .getRepository(User)
            .createQueryBuilder('u')
            .where('u.organization_id = :org AND u.organization_admin AND u.active AND u.id <> :id', { org: org.id, id: member.id })
            .getCount();
          if (otherAdmins === 0) throw AppException.conflict('LAST_ORGANIZATION_ADMIN');
        }
        await manager.update(User, { id: member.id }, { organizationAdmin: isAdmin });
        await this.audit.record(manager, actor, {
          action: 'organization.member-admin-changed', entityType: 'user', entityId: member.id,
          diff: diffOf({ organizationAdmin: member.organizationAdmin }, { organizationAdmin: isAdmin }),
        });
      }
      return this.view(manager, org);
    });
  }

  /** Locks the caller's organisation row and checks, in the same transaction, that the caller administers it. */
  private async lockAsAdmin(manager: EntityManager, actor: Actor): Promise<Organization> {
    const org = await manager
      .getRepository(Organization)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id', { id: ownOrganizationId(actor) })
      .getOne();
    if (!org) throw AppException.notFound();
    const me = await manager.findOne(User, { where: { id: actor.userId, organizationId: org.id } });
    if (!me?.organizationAdmin) throw new AppException(HttpStatus.FORBIDDEN, 'ORGANIZATION_ADMIN_REQUIRED');
    return org;
  }

  private async view(manager: EntityManager, org: Organization): Promise<OrganizationProfileView> {
    const members = await manager.find(User, { where: { organizationId: org.id }, order: { createdAt: 'ASC', email: 'ASC' } });
    const invitations = await manager.find(Invitation, {
      where: { organizationId: org.id, acceptedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'ASC' },
    });
    return toOrganizationProfileView(org, members, invitations);
  }
}

export async function siretTaken(manager: EntityManager, siret: string, exceptId: string | null): Promise<boolean> {
  const qb = manager.getRepository(Organization).createQueryBuilder('o').where('o.siret = :siret', { siret });
  if (exceptId) qb.andWhere('o.id <> :id', { id: exceptId });
  return (await qb.getCount()) > 0;
}
