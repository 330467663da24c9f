import type { AllocationIssue } from './allocation';
import { Cents, isCents } from './money';
import { defineStateMachine } from './state-machine';

/**
 * The lifecycle of a convention (the multi-year agreement signed after a retained decision), in one place
 * for the API, the UI and the tests. Order = the database enum's order.
 */
export const CONVENTION_STATUSES = [
  'draft',
  'sent',
  'signed_by_association',
  'signed_by_department',
  'active',
  'suspended',
  'closed',
  'terminated',
] as const;
export type ConventionStatus = (typeof CONVENTION_STATUSES)[number];

export type ConventionAction =
  | 'send'
  | 'sign_by_association'
  | 'sign_by_department'
  | 'activate'
  | 'suspend'
  | 'resume'
  | 'close'
  | 'terminate';

/** States in which at least one party has signed: only these may be terminated (with a recovery). */
export const SIGNED_CONVENTION_STATUSES: readonly ConventionStatus[] = [
  'signed_by_association',
  'signed_by_department',
  'active',
  'suspended',
];

export const conventionLifecycle = defineStateMachine<ConventionStatus, ConventionAction>('convention', {
  // Sending notifies the association that a convention awaits its signature.
  send: { from: ['draft'], to: 'sent' },
  // The legal representative accepts in Tremplin (time-stamped) or uploads the signed scan.
  sign_by_association: { from: ['sent'], to: 'signed_by_association' },
  // Finance or admin signs for the Département, with the deliberation reference; commitments happen here.
  sign_by_department: { from: ['signed_by_association'], to: 'signed_by_department' },
  activate: { from: ['signed_by_department'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  close: { from: ['active'], to: 'closed' },
  terminate: { from: SIGNED_CONVENTION_STATUSES, to: 'terminated' },
});

export function isConventionStatus(value: unknown): value is ConventionStatus {
  return typeof value === 'string' && (CONVENTION_STATUSES as readonly string[]).includes(value);
}

/** The association signs either by accepting in Tremplin or by uploading the signed scan. */
export const ASSOCIATION_SIGNATURE_METHODS = ['accept', 'scan'] as const;
export type AssociationSignatureMethod = (typeof ASSOCIATION_SIGNATURE_METHODS)[number];

export interface TerminationInput {
  /** What the association must give back (ordre de reversement). */
  recoveryCents: Cents;
  /** What was paid on the convention so far: nothing beyond it can be recovered. */
  paidCents: Cents;
}

/** Checks a termination's recovery amount: 0 ≤ recovery ≤ paid. An empty array means it can be recorded. */
export function checkTermination(input: TerminationInput): AllocationIssue[] {
  if (!isCents(input.recoveryCents)) return [{ field: 'recoveryCents', code: 'AMOUNT_NOT_CENTS' }];
  if (input.recoveryCents < 0) {
    return [{ field: 'recoveryCents', code: 'RECOVERY_NEGATIVE', params: { recoveryCents: input.recoveryCents } }];
  }
  if (input.recoveryCents > input.paidCents) {
    return [
      {
        field: 'recoveryCents',
        code: 'RECOVERY_ABOVE_PAID',
        params: { recoveryCents: input.recoveryCents, paidCents: input.paidCents },
      },
    ];
  }
  return [];
}
