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
  'applications.own', // an association's own applications: create, edit, submit, withdraw, documents
  'applications.read', // read applications within the access policy's scope (own, assigned, or all)
  'applications.read-all', // staff: every submitted application (the instruction list), not only assigned ones
  'applications.request-information', // staff asks the association for more information
  'applications.decide-admissibility', // an instructor marks a submitted application admissible or not
  'messages.write', // write in an application's thread (within the access policy's scope)
  'mails.read', // the mail outbox (admin page)
  'grantor.manage', // who grants: name, SIRET, address, president (one record)
  'reviews.perform', // a reviewer's own queue, profile, ties, conflicts and reviews
  'reviews.manage', // reviewer profiles, assignments (automatic and manual), review progress of a call
  'committee.decide', // committee sessions, ranking, decisions and their publication
  'conventions.own', // an association's own conventions: read, sign, follow installments and payments
  'conventions.manage', // staff: every convention — generate, send, sign for the Département, amend, suspend, close, terminate
  'payments.record', // finance: record payments against installments (mandates)
  'finance.read', // the budget: envelope, commitments and payments by axis × year, installments due, exports
  'reports.approve', // marks a convention year's report approved (the entry point the yearly-report workflow will use)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Deny by default: a role has only what is listed here. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  association: ['auth.self', 'organizations.own', 'applications.own', 'applications.read', 'messages.write', 'conventions.own'],
  reviewer: ['auth.self', 'applications.read', 'applications.request-information', 'messages.write', 'reviews.perform'],
  finance: [
    'auth.self', 'calls.revise-budget', 'audit.read', 'applications.read', 'applications.read-all',
    'conventions.manage', 'payments.record', 'finance.read',
  ],
  admin: [
    'auth.self', 'calls.manage', 'calls.revise-budget', 'users.manage', 'users.read', 'audit.read',
    'applications.read', 'applications.read-all', 'applications.request-information', 'applications.decide-admissibility',
    'messages.write', 'mails.read', 'grantor.manage', 'reviews.manage', 'committee.decide',
    'conventions.manage', 'finance.read', 'reports.approve',
  ],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The roles that hold every one of the permissions (e.g. who is told of a new message). */
export function rolesWith(...permissions: readonly Permission[]): Role[] {
  return ROLES.filter((role) => permissions.every((permission) => roleHasPermission(role, permission)));
}

