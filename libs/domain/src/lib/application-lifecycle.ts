import type { AllocationIssue } from './allocation';
import { defineStateMachine } from './state-machine';

/** The lifecycle of an application (candidature), in one place for the API, the UI and the tests. */
/**
 * In the order of the database enum (sorting by status follows it): `inadmissible` comes last because it
 * was the enum's former last value `ineligible`, renamed in place (PostgreSQL cannot reorder an enum).
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'information_requested',
  'admissible',
  'under_review',
  'reviewed',
  'retained',
  'waitlisted',
  'rejected',
  'withdrawn',
  'inadmissible',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type ApplicationAction =
  | 'submit'
  | 'request_information'
  | 'resubmit'
  | 'declare_admissible'
  | 'declare_inadmissible'
  | 'start_review'
  | 'complete_review'
  | 'reopen_review'
  | 'retain'
  | 'waitlist'
  | 'reject'
  | 'withdraw';

export const applicationLifecycle = defineStateMachine<ApplicationStatus, ApplicationAction>('application', {
  submit: { from: ['draft'], to: 'submitted' },
  request_information: { from: ['submitted', 'under_review'], to: 'information_requested' },
  resubmit: { from: ['information_requested'], to: 'submitted' },
  // Admissibility (recevabilité) is decided on the submitted version, before any review.
  declare_admissible: { from: ['submitted'], to: 'admissible' },
  declare_inadmissible: { from: ['submitted'], to: 'inadmissible' },
  start_review: { from: ['admissible'], to: 'under_review' },
  complete_review: { from: ['under_review'], to: 'reviewed' },
  // A reviewer who declares a conflict after the last review leaves a review to redo.
  reopen_review: { from: ['reviewed'], to: 'under_review' },
  // A waitlisted application may be retained later, when money frees up.
  retain: { from: ['reviewed', 'waitlisted'], to: 'retained' },
  waitlist: { from: ['reviewed'], to: 'waitlisted' },
  reject: { from: ['reviewed'], to: 'rejected' },
  // Until a decision is published, the association may withdraw.
  withdraw: {
    from: ['draft', 'submitted', 'information_requested', 'admissible', 'under_review', 'reviewed'],
    to: 'withdrawn',
  },
});

/** Statuses in which the association may still edit the content (a draft, or answering a request). */
export const EDITABLE_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['draft', 'information_requested'];

export function isApplicationEditable(status: ApplicationStatus): boolean {
  return EDITABLE_APPLICATION_STATUSES.includes(status);
}

/** Why an application is declared inadmissible; the letter to the association names it. */
export const INADMISSIBILITY_REASONS = ['incomplete', 'out_of_scope', 'ineligible_organization', 'late'] as const;
export type InadmissibilityReason = (typeof INADMISSIBILITY_REASONS)[number];

export const ADMISSIBILITY_COMMENT_MAX_LENGTH = 2000;

export interface AdmissibilityDecisionInput {
  admissible: boolean;
  /** Required when inadmissible, forbidden otherwise. */
  reason?: string | null;
  /** Free text explaining the decision: required when inadmissible (it goes into the letter). */
  comment?: string | null;
}

export function isInadmissibilityReason(value: unknown): value is InadmissibilityReason {
  return typeof value === 'string' && (INADMISSIBILITY_REASONS as readonly string[]).includes(value);
}

/** Checks an admissibility decision; an empty array means it can be recorded. */
export function checkAdmissibilityDecision(input: AdmissibilityDecisionInput): AllocationIssue[] {
  const issues: AllocationIssue[] = [];
  const comment = input.comment ?? '';
  if (comment.length > ADMISSIBILITY_COMMENT_MAX_LENGTH) {
    issues.push({ field: 'comment', code: 'ADMISSIBILITY_COMMENT_TOO_LONG', params: { max: ADMISSIBILITY_COMMENT_MAX_LENGTH } });
  }
  if (input.admissible) {
    if (input.reason !== undefined && input.reason !== null) {
      issues.push({ field: 'reason', code: 'ADMISSIBILITY_REASON_FORBIDDEN' });
    }
    return issues;
  }
  if (!isInadmissibilityReason(input.reason)) {
    issues.push({ field: 'reason', code: 'ADMISSIBILITY_REASON_INVALID', params: { allowed: INADMISSIBILITY_REASONS.join(',') } });
  }
  if (comment.trim() === '') {
    issues.push({ field: 'comment', code: 'ADMISSIBILITY_COMMENT_REQUIRED' });
  }
  return issues;
}
