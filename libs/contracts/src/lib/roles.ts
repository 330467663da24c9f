/** The four kinds of account. Names are shared by the API guard and the web navigation. */
export const ROLES = ['association', 'reviewer', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['reviewer', 'finance', 'admin'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Permissions: what a route requires. A route declares exactly one (or is public). */
export const PERMISSIONS = [
  'auth.self', // any signed-in user: own profile, logout
  'calls.manage', // create and edit calls, axes, envelopes, grids
  'calls.revise-budget', // audited budget revisions after structure lock
  'users.manage', // staff accounts, deactivation
  'users.read',
  'audit.read',
  'organizations.own', // an association's own organisation
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Deny by default: a role has only what is listed here. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  association: ['auth.self', 'organizations.own'],
  reviewer: ['auth.self'],
  finance: ['auth.self', 'calls.revise-budget', 'audit.read'],
  admin: ['auth.self', 'calls.manage', 'calls.revise-budget', 'users.manage', 'users.read', 'audit.read'],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
