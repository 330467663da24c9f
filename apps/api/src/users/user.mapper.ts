import type { UserAdminView, UserView } from '@tremplin/contracts';
import type { User } from './user.entity';

export function toUserView(user: User): UserView {
  return {
    id: user.id, email: user.email, fullName: user.fullName, role: user.role, organizationId: user.organizationId, active: user.active,
    emailVerified: user.emailVerifiedAt !== null,
  };
}

export function toUserAdminView(user: User): UserAdminView {
  return {
    ...toUserView(user),
    organizationName: user.organization?.legalName ?? null,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}
