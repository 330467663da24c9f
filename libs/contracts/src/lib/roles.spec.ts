import { ERROR_MESSAGES, FIELD_MESSAGES, fillMessage } from './errors';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, roleHasPermission, rolesWith } from './roles';

describe('role permissions', () => {
  it('only admins manage calls and accounts', () => {
    for (const role of ROLES) {
      expect(roleHasPermission(role, 'calls.manage')).toBe(role === 'admin');
      expect(roleHasPermission(role, 'users.manage')).toBe(role === 'admin');
    }
  });
  it('only associations reach their own organisation routes', () => {
    for (const role of ROLES) expect(roleHasPermission(role, 'organizations.own')).toBe(role === 'association');
  });
  it('finance and administrators read every submitted application; reviewers only what the policy assigns them', () => {
    expect(ROLES.filter((role) => roleHasPermission(role, 'applications.read-all'))).toEqual(['finance', 'admin']);
  });
  it('money: finance and admin manage conventions and read the budget; only finance records payments; only admin approves reports', () => {
    expect(rolesWith('conventions.manage')).toEqual(['finance', 'admin']);
    expect(rolesWith('finance.read')).toEqual(['finance', 'admin']);
    expect(rolesWith('payments.record')).toEqual(['finance']);
    expect(rolesWith('reports.approve')).toEqual(['admin']);
    expect(rolesWith('conventions.own')).toEqual(['association']);
  });
  it('names the roles holding all the given permissions', () => {
    expect(rolesWith('applications.read-all', 'messages.write')).toEqual(['admin']);
    expect(rolesWith('applications.read')).toEqual(['association', 'reviewer', 'finance', 'admin']);
    expect(rolesWith('applications.own')).toEqual(['association']);
  });
  it('grants only known permissions, and every permission to someone', () => {
    const granted = new Set(Object.values(ROLE_PERMISSIONS).flat());
    for (const permission of granted) expect(PERMISSIONS).toContain(permission);
    for (const permission of PERMISSIONS) expect(granted.has(permission)).toBe(true);
  });
});

describe('messages', () => {
  it('every message exists in French and English', () => {
    for (const table of [ERROR_MESSAGES, FIELD_MESSAGES]) {
      for (const message of Object.values(table)) {
        expect(message.fr.length).toBeGreaterThan(3);
        expect(message.en.length).toBeGreaterThan(3);
      }
    }
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillMessage('Retry in {s} s ({x})', { s: 30 })).toBe('Retry in 30 s ({x})');
  });
});
