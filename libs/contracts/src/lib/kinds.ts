// Lists shared by the API (validation, database CHECK constraints) and the web (forms, filters).
// No class-validator here, so that the web can import this file alone (`@tremplin/contracts/kinds`).

/** What an uploaded file is; `message` marks an attachment to a message. Equal to the database's CHECK list. */
export const DOCUMENT_KINDS = ['statutes', 'officers', 'bank_details', 'activity_report', 'accounts', 'budget', 'other', 'message'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Documents the call requires before submission, in the order of the form. */
export const REQUIRED_DOCUMENT_KINDS = ['statutes', 'officers', 'bank_details', 'activity_report', 'accounts', 'budget'] as const satisfies readonly DocumentKind[];

/** What an outbox mail is about (the admin « Courriels » filter). Equal to the database's CHECK list. */
export const MAIL_KINDS = ['email-verification', 'invitation', 'acknowledgement', 'information-request', 'message', 'password-reset', 'inadmissibility', 'review-assignment', 'decision', 'convention'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
