import type { MESSAGES_FR } from './messages.i18n';

/** English texts of the message thread of an application: same keys as the French (checked by the type), loaded only when chosen. */

export const MESSAGES_EN: typeof MESSAGES_FR = {
  title: 'Messages',
  listLabel: 'Messages, oldest first',
  mine: 'your message',
  attachments: 'Attachments',
  empty: 'No messages yet.',
  write: 'Write a message',
  body: 'Your message',
  bodyRequired: 'Write your message.',
  attach: 'Attach a file (optional)',
  pendingAttachments: 'Files attached to the next message',
  detach: 'Remove',
  send: 'Send',
  tooManyAttachments: 'At most {{max}} attachments per message.',
};
