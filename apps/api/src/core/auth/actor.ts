import type { Role } from '@tremplin/contracts';

/** Who is acting, carried explicitly from the controller into services (and into the audit trail). */
export interface Actor {
  userId: string;
  email: string;
  role: Role;
  organizationId: string | null;
  requestId: string | null;
}

/** For system work (seed, migrations-time jobs) that has no signed-in user. */
export const SYSTEM_ACTOR = null;
