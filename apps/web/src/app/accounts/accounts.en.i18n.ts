import type { ACCOUNTS_FR } from './accounts.i18n';

/** English texts of staff accounts (« Comptes »): same keys as the French (checked by the type), loaded only when chosen. */

export const ACCOUNTS_EN: typeof ACCOUNTS_FR = {
  title: 'Accounts',
  createTitle: 'Create an account',
  createIntro: "Accounts for the Département's staff (reviewers, finance, administrators). Associations create their own accounts.",
  listTitle: 'List of accounts',
  filtersLabel: 'Filter accounts',
  search: 'Search (name or email)',
  allRoles: 'All roles',
  count: 'Accounts found: {{count}}',
  fullName: 'Full name',
  email: 'Email address',
  role: 'Role',
  organization: 'Organisation',
  status: 'Status',
  lastLogin: 'Last sign-in',
  never: 'Never',
  active: 'Active',
  inactive: 'Deactivated',
  you: 'Your account',
  none: 'No account matches these criteria.',
  password: 'Initial password',
  passwordHint: 'At least {{min}} characters. Share it securely.',
  create: 'Create the account',
  created: 'Account {{email}} created.',
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  deactivated: 'Account {{email}} deactivated.',
  reactivated: 'Account {{email}} reactivated.',
  deactivateDialog: {
    title: 'Deactivate this account?',
    message: '{{name}} ({{email}}) will no longer be able to sign in. You can reactivate the account later.',
  },
  reactivateDialog: {
    title: 'Reactivate this account?',
    message: '{{name}} ({{email}}) will be able to sign in again.',
  },
};
