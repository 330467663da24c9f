import type { MAILS_FR } from './admin-mails.i18n';

/** English texts of the mail outbox (admin « Courriels »): same keys as the French (checked by the type), loaded only when chosen. */

export const MAILS_EN: typeof MAILS_FR = {
  title: 'Emails',
  intro: 'Emails sent by Tremplin (outbox). With no mail server configured, as in the demo, they stay here: open an email to follow its links.',
  filtersLabel: 'Filter emails',
  to: 'Recipient',
  kind: 'Kind',
  refresh: 'Refresh',
  count: 'Emails found: {{count}}',
  caption: 'Emails, newest first',
  text: 'Email text',
  toggle: 'Show the email "{{subject}}" to {{to}}',
  createdAt: 'Created on',
  subject: 'Subject',
  state: 'State',
  sent: 'Sent on {{date}}',
  pending: 'Pending',
  error: 'Last error',
  attempts: 'Attempts',
  none: 'No emails.',
  kinds: {
    'email-verification': 'Address confirmation',
    invitation: 'Invitation',
    acknowledgement: 'Acknowledgement of receipt',
    'information-request': 'Information request',
    message: 'New message',
    'password-reset': 'Password reset',
    inadmissibility: 'Inadmissibility',
    'review-assignment': 'Review assignments',
    decision: 'Committee decision',
    convention: 'Convention to sign',
  },
};
