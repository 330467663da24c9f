import type { LOGIN_FR } from './login.i18n';

/** English texts of the sign-in page: same keys as the French (checked by the type), loaded only when chosen. */

export const LOGIN_EN: typeof LOGIN_FR = {
  title: 'Sign in',
  intro: 'Sign in with your email address and password.',
  email: 'Email address',
  password: 'Password',
  emailRequired: 'Enter your email address.',
  emailInvalid: 'Invalid email address (example: name@domain.org).',
  passwordRequired: 'Enter your password.',
  showPassword: 'Show password',
  submit: 'Sign in',
  demoTitle: 'Demo accounts',
  demoIntro: 'All demo accounts use the password',
  useDemo: 'Fill in',
  noAccount: 'Your association has no account yet?',
};
