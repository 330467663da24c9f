export * from './lib/roles';
export * from './lib/errors';
export * from './lib/common';
export * from './lib/auth';
export * from './lib/users';
export * from './lib/audit';
export * from './lib/calls';
export * from './lib/organizations';
