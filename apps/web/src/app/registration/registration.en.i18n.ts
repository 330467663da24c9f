import type { SIGNUP_FR, VERIFY_FR, INVITATION_FR } from './registration.i18n';

/** English texts of sign-up, address verification and invitations: same keys as the French (checked by the type), loaded only when chosen. */

export const SIGNUP_EN: typeof SIGNUP_FR = {
  title: 'Create an association account',
  intro:
    "Create your association's account and describe it: you can then prepare and submit your applications. A confirmed email address is needed to submit.",
  cta: 'Create an association account',
  haveAccount: 'Already have an account?',
  login: 'Sign in',
  account: 'Your account',
  email: 'Email address',
  emailHint: 'A confirmation link will be sent to it.',
  fullName: 'Full name',
  password: 'Password',
  organization: 'Your organisation',
  submit: 'Create the account',
  welcome: 'Account created. Confirm your email address with the link you received.',
  siretTaken: 'This organisation already has an account.',
  emailTaken: 'This email address already has an account.',
};

export const VERIFY_EN: typeof VERIFY_FR = {
  title: 'Email address confirmation',
  checking: 'Checking the link…',
  done: 'Your email address is confirmed. You can submit your applications.',
  missing: 'This link is incomplete: open the exact link you received by email.',
  toApplications: 'Go to my applications',
  toLogin: 'Sign in',
};

export const INVITATION_EN: typeof INVITATION_FR = {
  title: 'Join an organisation',
  intro: 'You were invited to join an organisation on Tremplin. Give your name and choose a password.',
  missing: 'This invitation link is incomplete: open the exact link you received by email.',
  submit: 'Create my account',
  welcome: 'Welcome! You joined the organisation.',
};
