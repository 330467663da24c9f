import type { InvitationView, OrganizationProfileView, Territory } from '@tremplin/contracts';
import { maskIban } from '@tremplin/domain';
import type { User } from '../users/user.entity';
import type { Invitation } from './invitation.entity';
import type { Organization } from './organization.entity';

export function toInvitationView(invitation: Invitation): InvitationView {
  return {
    id: invitation.id, email: invitation.email, createdAt: invitation.createdAt.toISOString(), expiresAt: invitation.expiresAt.toISOString(),
  };
}

export function toOrganizationProfileView(org: Organization, members: User[], invitations: Invitation[]): OrganizationProfileView {
  return {
    ...profileOf(org),
    id: org.id,
    version: org.version,
    members: members.map((m) => ({ id: m.id, email: m.email, fullName: m.fullName, isAdmin: m.organizationAdmin, verified: m.emailVerifiedAt !== null })),
    pendingInvitations: invitations.map(toInvitationView),
  };
}

/** The profile as people see it — and as the audit trail records it: the IBAN only ever masked. */
export function profileOf(org: Organization): Omit<OrganizationProfileView, 'id' | 'version' | 'members' | 'pendingInvitations'> {
  return {
    legalName: org.legalName,
    siret: org.siret,
    rna: org.rna,
    legalForm: org.legalForm,
    addressLine: org.addressLine,
    postalCode: org.postalCode,
    city: org.city,
    territory: org.territory as Territory,
    legalRepName: org.legalRepName,
    legalRepFunction: org.legalRepFunction,
    contactName: org.contactName,
    phone: org.phone,
    ibanMasked: org.iban ? maskIban(org.iban) : null,
    bic: org.bic,
    website: org.website,
  };
}
