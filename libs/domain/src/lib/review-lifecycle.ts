import { defineStateMachine } from './state-machine';

/**
 * The lifecycle of one reviewer's review of one application (the `review_status` of an assignment).
 * `none` is an assignment nobody has written on yet (the column is NULL). A submitted review stays
 * submitted: changing it is a revision (a reason, audited), never a return to draft.
 */
export const REVIEW_STATES = ['none', 'draft', 'submitted'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export type ReviewAction = 'save_draft' | 'submit' | 'revise';

export const reviewLifecycle = defineStateMachine<ReviewState, ReviewAction>('review', {
  save_draft: { from: ['none', 'draft'], to: 'draft' },
  submit: { from: ['none', 'draft'], to: 'submitted' },
  revise: { from: ['submitted'], to: 'submitted' },
});
