import { defineStateMachine } from './state-machine';

/**
 * A reviewer's assignment to one application (issue #7 §2–§3). Same order as the database enum
 * `review_assignment_status`.
 * - assigned: not opened yet; the reviewer sees the organisation's name, the axis and the title only;
 * - accepted: the reviewer confirmed having no conflict of interest, reads and scores;
 * - recused: the reviewer declared a conflict (déport): they never see the application again;
 * - withdrawn: staff moved the application to another reviewer.
 * Recused and withdrawn are final: a reviewer is never put back on an application they left.
 */
export const ASSIGNMENT_STATUSES = ['assigned', 'accepted', 'recused', 'withdrawn'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export type AssignmentAction = 'accept' | 'recuse' | 'withdraw';

export const assignmentLifecycle = defineStateMachine<AssignmentStatus, AssignmentAction>('review-assignment', {
  accept: { from: ['assigned'], to: 'accepted' },
  recuse: { from: ['assigned', 'accepted'], to: 'recused' },
  withdraw: { from: ['assigned', 'accepted'], to: 'withdrawn' },
});

/** Statuses that count in a reviewer's load and towards an application's k reviewers. */
export const ACTIVE_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['assigned', 'accepted'];

export function isActiveAssignment(status: AssignmentStatus): boolean {
  return ACTIVE_ASSIGNMENT_STATUSES.includes(status);
}

/** Kinds of tie between a reviewer and an organisation (déport). Equal to the database's CHECK lists. */
export const TIE_KINDS = ['member', 'employee', 'officer', 'funder', 'relative', 'other'] as const;
export type TieKind = (typeof TIE_KINDS)[number];

export const TIE_COMMENT_MAX_LENGTH = 1000;
/** Most applications a reviewer may take in one call. Equal to the database CHECK. */
export const REVIEWER_CAPACITY_MAX = 10000;

/** What an expertise match of 0–3 points (axis 2 + territory 1) is called on the result page. */
export type MatchQuality = 'axisAndTerritory' | 'axis' | 'territory' | 'none';

export function matchQuality(points: number): MatchQuality {
  if (points >= 3) return 'axisAndTerritory';
  if (points === 2) return 'axis';
  if (points === 1) return 'territory';
  return 'none';
}
