import type { PASSWORD_FR, PASSWORD_RESET_FR } from './password.i18n';

/** English texts of password strength, reset and change: same keys as the French (checked by the type), loaded only when chosen. */

export const PASSWORD_EN: typeof PASSWORD_FR = {
  label: 'Password',
  hint: 'At least {{min}} characters. A phrase of several words is easy to remember and hard to guess.',
  strength: {
    empty: 'Strength: type a password.',
    tooShort: 'Strength: too short.',
    weak: 'Strength: weak — too easy to guess.',
    fair: 'Strength: fair — one more word would make it stronger.',
    good: 'Strength: good.',
  },
};

export const PASSWORD_RESET_EN: typeof PASSWORD_RESET_FR = {
  titles: {
    forgot: 'Forgotten password',
    reset: 'New password',
    change: 'Change my password',
  },
  forgotLink: 'Forgot your password?',
  forgotTitle: 'Forgotten password',
  forgotIntro:
    'Enter the email address of your account: we will send a link there to choose a new password. The link is valid for one hour and works only once.',
  send: 'Send the link',
  sent: 'If an account uses {{email}}, a link has just been sent there. Check your spam folder too.',
  backToLogin: 'Back to sign-in',
  resetTitle: 'Choose a new password',
  resetIntro: 'Choose your new password. Every open session of your account will be closed.',
  missingToken: 'This link is incomplete. Open the link from the email, or ask for a new one.',
  askAgain: 'Ask for a new link',
  newPassword: 'New password',
  currentPassword: 'Current password',
  save: 'Save the password',
  done: 'Password changed. Sign in with your new password.',
  menu: 'Change my password',
  changeTitle: 'Change my password',
  changeIntro: 'Enter your current password, then the new one. Your other sessions (other browsers, other devices) will be closed.',
  changed: 'Password changed. Your other sessions have been closed.',
};
