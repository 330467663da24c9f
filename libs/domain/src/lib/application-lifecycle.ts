import { defineStateMachine } from './state-machine';

/** The lifecycle of an application (candidature), in one place for the API, the UI and the tests. */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'information_requested',
  'under_review',
  'reviewed',
  'retained',
  'waitlisted',
  'rejected',
  'withdrawn',
  'ineligible',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type ApplicationAction =
  | 'submit'
  | 'request_information'
  | 'resubmit'
  | 'start_review'
  | 'complete_review'
  | 'retain'
  | 'waitlist'
  | 'reject'
  | 'withdraw'
  | 'declare_ineligible';

export const applicationLifecycle = defineStateMachine<ApplicationStatus, ApplicationAction>('application', {
  submit: { from: ['draft'], to: 'submitted' },
  request_information: { from: ['submitted', 'under_review'], to: 'information_requested' },
  resubmit: { from: ['information_requested'], to: 'submitted' },
  start_review: { from: ['submitted'], to: 'under_review' },
  complete_review: { from: ['under_review'], to: 'reviewed' },
  retain: { from: ['reviewed'], to: 'retained' },
  waitlist: { from: ['reviewed'], to: 'waitlisted' },
  reject: { from: ['reviewed'], to: 'rejected' },
  // Until a decision is published, the association may withdraw.
  withdraw: { from: ['draft', 'submitted', 'information_requested', 'under_review', 'reviewed'], to: 'withdrawn' },
  declare_ineligible: { from: ['submitted'], to: 'ineligible' },
});

/** Statuses in which the association may still edit the content (a draft, or answering a request). */
export const EDITABLE_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['draft', 'information_requested'];

export function isApplicationEditable(status: ApplicationStatus): boolean {
  return EDITABLE_APPLICATION_STATUSES.includes(status);
}
