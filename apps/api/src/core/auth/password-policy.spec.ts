import { checkPassword } from './password-policy';

describe('checkPassword', () => {
  const me = ['jean.martin@example.org', 'Jean Martin', 'Les Amis du Nord'];

  it.each(['motdepasse123', 'azertyuiop12', 'password1234', 'qwertyuiop123', 'Motdepasse2016'])('refuses the common "%s"', (password) => {
    expect(checkPassword(password, me)).toEqual([expect.objectContaining({ field: 'password', code: 'PASSWORD_TOO_WEAK' })]);
  });

  it("refuses the person's own name, email or organisation", () => {
    expect(checkPassword('jeanmartin2024', me)[0]?.code).toBe('PASSWORD_TOO_WEAK');
    expect(checkPassword('LesAmisduNord59', me)[0]?.code).toBe('PASSWORD_TOO_WEAK');
  });

  it('refuses fewer than 12 characters, with the minimum as a parameter', () => {
    expect(checkPassword('Xk#9vq!Lr2', me)).toEqual([expect.objectContaining({ code: 'PASSWORD_TOO_SHORT', params: { min: 12 } })]);
  });

  it('accepts a passphrase of unrelated words, on the given field', () => {
    expect(checkPassword('girafe-parapluie-tambour', me)).toEqual([]);
    expect(checkPassword('motdepasse123', me, 'newPassword')[0]?.field).toBe('newPassword');
  });
});
