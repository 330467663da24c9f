import type { Role } from '@tremplin/contracts';

/** Who is acting, carried explicitly from the controller into services (and into the audit trail). */
export interface Actor {
  userId: string;
  email: string;
  role: Role;
  organizationId: string | null;
  requestId: string | null;
}
