import { CONVENTIONS_EN } from '../conventions/conventions.en.i18n';
import { REVIEW_QUEUE_EN } from '../reviews/review-queue.en.i18n';
import { REVIEW_ADMIN_EN } from '../review-admin/review-admin.en.i18n';
import type { FR } from './fr';
import { HOME_EN, CALLS_EN, CALL_DETAIL_EN } from '../calls/calls.en.i18n';
import { LOGIN_EN } from '../login/login.en.i18n';
import { ORGANIZATION_EN } from '../organization/organization.en.i18n';
import { ORGANIZATION_FIELDS_EN, LEGAL_FORMS_EN } from '../shared/organization/organization-profile.en.i18n';
import { ADMIN_CALLS_EN, CALL_EDITOR_EN, MATRIX_EN, REVISION_EN, CALL_TEXTS_EN } from '../admin-calls/admin-calls.en.i18n';
import { ACCOUNTS_EN } from '../accounts/accounts.en.i18n';
import { AUDIT_EN, AUDIT_LABELS_EN } from '../audit/audit.en.i18n';
import { PASSWORD_EN, PASSWORD_RESET_EN } from '../password/password.en.i18n';
import { SIGNUP_EN, VERIFY_EN, INVITATION_EN } from '../registration/registration.en.i18n';
import { APPLICATIONS_EN, NEW_APPLICATION_EN, APPLICATION_PAGE_EN, WIZARD_EN, AUTOSAVE_EN, BUDGET_COMPLETENESS_EN, WIZARD_STEPS_EN } from '../applications/applications.en.i18n';
import { APPLICATION_FIELDS_EN, BUDGET_ACCOUNTS_EN, BUDGET_EN, DOCUMENT_KINDS_EN, DOCUMENTS_EN, DECLARATION_EN } from '../shared/applications/application-content.en.i18n';
import { MESSAGES_EN } from '../shared/messages/messages.en.i18n';
import { INSTRUCTION_EN, ADMISSIBILITY_EN } from '../instruction/instruction.en.i18n';
import { MAILS_EN } from '../admin-mails/admin-mails.en.i18n';
import { GRANTOR_PAGE_EN } from '../grantor/grantor.en.i18n';
import { LEGAL_EN } from '../legal/legal.en.i18n';
import { ERROR_PAGE_EN } from '../errors/error-page.en.i18n';
import { COMMITTEE_EN } from '../committee/committee.en.i18n';
import { REVIEW_FORM_EN } from '../reviews/review-form/review-form.en.i18n';
import { RANKING_EN } from '../committee/ranking/ranking.en.i18n';
import { FINANCE_EN } from '../finance/finance.en.i18n';

/** English UI texts: same keys as French (the type checks it), loaded only when chosen. */
export const EN: typeof FR = {
  titles: {
    home: 'Calls for projects',
    callDetail: 'Call for projects',
    login: 'Sign in',
    organization: 'My organisation',
    adminCalls: 'Manage calls',
    callNew: 'New call',
    callEdit: 'Edit call',
    accounts: 'Accounts',
    audit: 'Audit log',
    accessibility: 'Accessibility statement',
    forbidden: 'Access denied',
    notFound: 'Page not found',
    signup: 'Create an association account',
    verify: 'Email address confirmation',
    invitation: 'Join an organisation',
    applications: 'My applications',
    application: 'Application',
    instruction: 'Applications',
    instructionApplication: 'Application review',
    mails: 'Emails',
  },
  shell: {
    skipLink: 'Skip to content',
    subtitle: 'Département du Nord — calls for projects for integration into work',
    language: 'Language',
    mainNav: 'Main navigation',
    userMenu: 'account menu',
    role: 'Role',
    logout: 'Sign out',
    footerOwner: 'Tremplin — Département du Nord',
    accessibility: 'Accessibility: non-compliant (not yet audited)',
  },
  nav: {
    calls: 'Calls for projects',
    login: 'Sign in',
    organization: 'My organisation',
    manageCalls: 'Manage calls',
    myApplications: 'My applications',
    instruction: 'Applications',
    mails: 'Emails',
    accounts: 'Accounts',
    audit: 'Audit log',
  },
  roles: {
    association: 'Association',
    reviewer: 'Reviewer',
    finance: 'Finance',
    admin: 'Administrator',
  },
  common: {
    loading: 'Loading',
    retry: 'Try again',
    close: 'Close',
    cancel: 'Cancel',
    total: 'Total',
    actions: 'Actions',
    description: 'Description',
    notProvided: 'Not provided',
    colon: ':',
    requiredHint: 'Fields marked with an asterisk (*) are required.',
    yes: 'Yes',
    no: 'No',
    newWindow: 'new window',
  },
  errors: {
    network: 'The server does not answer. Check your connection and try again.',
    unexpected: 'An unexpected error occurred. Please try again later.',
  },
  forms: {
    summaryTitle: 'The form contains errors',
    required: 'This field is required.',
    invalid: 'Invalid value.',
    pattern: 'Invalid format: see the help below the field.',
    min: 'The value must be at least {{min}}.',
    max: 'The value must be at most {{max}}.',
    minLength: 'At least {{min}} characters.',
    maxLength: 'At most {{max}} characters.',
    euros: 'Unreadable amount: type for example 12,500.00.',
    eurosPositive: 'Enter an amount greater than zero, for example 74,300,000.00.',
    negative: 'An amount cannot be negative.',
    datesOrder: 'Closing must come after opening.',
    tooLarge: 'Amount too large: at most 10 billion euros per line.',
    integer: 'Enter a whole number.',
    email: 'Invalid email address (example: name@domain.fr).',
    postalCode: 'Postcode: 5 digits (e.g. 59000).',
    phone: 'Phone number: digits, spaces, +, dots or dashes (6 to 20 characters).',
    website: 'A full web address is expected, starting with https:// or http://.',
    perYear: 'Give a value for each of the {{count}} years, or none for now.',
  },
  paginator: {
    itemsPerPage: 'Rows per page',
    next: 'Next page',
    previous: 'Previous page',
    first: 'First page',
    last: 'Last page',
    range: '{{start}} – {{end}} of {{length}}',
    rangeEmpty: '0 of {{length}}',
  },
  chart: {
    showTable: 'Show the data as a table',
    label: 'Label',
    amount: 'Amount',
    share: 'Share',
  },
  home: HOME_EN,
  calls: CALLS_EN,
  callDetail: CALL_DETAIL_EN,
  login: LOGIN_EN,
  organization: ORGANIZATION_EN,
  adminCalls: ADMIN_CALLS_EN,
  callEditor: CALL_EDITOR_EN,
  matrix: MATRIX_EN,
  revision: REVISION_EN,
  accounts: ACCOUNTS_EN,
  audit: AUDIT_EN,
  organizationFields: ORGANIZATION_FIELDS_EN,
  legalForms: LEGAL_FORMS_EN,
  password: PASSWORD_EN,
  signup: SIGNUP_EN,
  verify: VERIFY_EN,
  verifyBanner: {
    title: 'Check your email address',
    text: 'A confirmation link was sent to {{email}}. You can prepare your applications, but not submit them until your address is confirmed.',
    resend: 'Send the link again',
    sent: 'A new confirmation link has just been sent.',
  },
  invitation: INVITATION_EN,
  applicationStatus: {
    draft: 'Draft',
    submitted: 'Submitted',
    information_requested: 'Information requested',
    admissible: 'Admissible',
    under_review: 'Under review',
    reviewed: 'Reviewed',
    retained: 'Retained',
    waitlisted: 'Waiting list',
    rejected: 'Not retained',
    withdrawn: 'Withdrawn',
    inadmissible: 'Inadmissible',
  },
  applications: APPLICATIONS_EN,
  newApplication: NEW_APPLICATION_EN,
  applicationPage: APPLICATION_PAGE_EN,
  wizard: WIZARD_EN,
  applicationFields: APPLICATION_FIELDS_EN,
  budgetAccounts: BUDGET_ACCOUNTS_EN,
  budget: BUDGET_EN,
  documentKinds: DOCUMENT_KINDS_EN,
  documents: DOCUMENTS_EN,
  upload: {
    progressLabel: 'Uploading {{name}}',
    progress: 'Uploading "{{name}}": {{percent}}%',
  },
  declaration: DECLARATION_EN,
  autosave: AUTOSAVE_EN,
  messages: MESSAGES_EN,
  instruction: INSTRUCTION_EN,
  mails: MAILS_EN,
  passwordReset: PASSWORD_RESET_EN,
  errorPage: ERROR_PAGE_EN,
  budgetCompleteness: BUDGET_COMPLETENESS_EN,
  grantorPage: GRANTOR_PAGE_EN,
  auditLabels: AUDIT_LABELS_EN,
  callTexts: CALL_TEXTS_EN,
  /** Plural messages by CLDR category (Intl.PluralRules): `other` is required. */
  plurals: {
    stepMissing: { one: '{{count}} item to complete', other: '{{count}} items to complete' },
    missingTitle: { one: 'Before submitting, {{count}} item to complete', other: 'Before submitting, {{count}} items to complete' },
    unread: { one: '{{count}} unread', other: '{{count}} unread' },
    changes: { one: '{{count}} change', other: '{{count}} changes' },
  },
  wizardSteps: WIZARD_STEPS_EN,
  legal: LEGAL_EN,
  admissibility: ADMISSIBILITY_EN,
  reviewQueue: REVIEW_QUEUE_EN,
  reviewAdmin: REVIEW_ADMIN_EN,
  committee: COMMITTEE_EN,
  reviewForm: REVIEW_FORM_EN,
  ranking: RANKING_EN,
  conventions: CONVENTIONS_EN,
  finance: FINANCE_EN,
};
