/** Same minimum as the API (RegisterRequest, AcceptInvitationRequest). */
export const PASSWORD_MIN_LENGTH = 12;

export type PasswordStrength = 'empty' | 'tooShort' | 'weak' | 'fair' | 'good';

const OBVIOUS = /(password|motdepasse|azerty|qwerty|123456|abcdef|tremplin|soleil|bonjour)/i;

/**
 * A hint while typing, not the rule: the API refuses common or guessable passwords (zxcvbn) and
 * says so on the field. Long passphrases score best.
 */
export function passwordStrength(password: string): PasswordStrength {
  if (password === '') return 'empty';
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (OBVIOUS.test(password) || /^(.)\1+$/.test(password) || new Set(password).size < 6) return 'weak';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length >= 20 || (password.length >= 16 && classes >= 2)) return 'good';
  return classes >= 3 ? 'fair' : 'weak';
}
