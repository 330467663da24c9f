import fc from 'fast-check';
import {
  checkTermination,
  CONVENTION_STATUSES,
  ConventionAction,
  ConventionStatus,
  conventionLifecycle,
  isConventionStatus,
} from './convention-lifecycle';
import { IllegalTransitionError } from './state-machine';

const ACTIONS: ConventionAction[] = ['send', 'sign_by_association', 'sign_by_department', 'activate', 'suspend', 'resume', 'close', 'terminate'];

describe('conventionLifecycle', () => {
  it('follows draft → sent → signed by the association → signed by the Département → active → closed', () => {
    expect(conventionLifecycle.next('draft', 'send')).toBe('sent');
    expect(conventionLifecycle.next('sent', 'sign_by_association')).toBe('signed_by_association');
    expect(conventionLifecycle.next('signed_by_association', 'sign_by_department')).toBe('signed_by_department');
    expect(conventionLifecycle.next('signed_by_department', 'activate')).toBe('active');
    expect(conventionLifecycle.next('active', 'close')).toBe('closed');
  });

  it('suspends an active convention and resumes it', () => {
    expect(conventionLifecycle.next('active', 'suspend')).toBe('suspended');
    expect(conventionLifecycle.next('suspended', 'resume')).toBe('active');
  });

  it.each<ConventionStatus>(['signed_by_association', 'signed_by_department', 'active', 'suspended'])('terminates from %s', (from) => {
    expect(conventionLifecycle.next(from, 'terminate')).toBe('terminated');
  });

  it.each<ConventionStatus>(['draft', 'sent', 'closed', 'terminated'])('refuses to terminate from %s', (from) => {
    expect(() => conventionLifecycle.next(from, 'terminate')).toThrow(IllegalTransitionError);
  });

  it('refuses to skip a signature', () => {
    expect(conventionLifecycle.can('sent', 'sign_by_department')).toBe(false);
    expect(conventionLifecycle.can('draft', 'sign_by_association')).toBe(false);
    expect(conventionLifecycle.can('signed_by_association', 'activate')).toBe(false);
    expect(conventionLifecycle.can('suspended', 'close')).toBe(false);
  });

  it('lists the actions of each state (the buttons to show)', () => {
    expect(conventionLifecycle.actionsFrom('draft')).toEqual(['send']);
    expect(conventionLifecycle.actionsFrom('active')).toEqual(['suspend', 'close', 'terminate']);
    expect(conventionLifecycle.actionsFrom('suspended')).toEqual(['resume', 'terminate']);
    expect(conventionLifecycle.actionsFrom('closed')).toEqual([]);
    expect(conventionLifecycle.actionsFrom('terminated')).toEqual([]);
  });

  it('recognises its statuses', () => {
    expect(CONVENTION_STATUSES).toHaveLength(8);
    expect(isConventionStatus('signed_by_department')).toBe(true);
    expect(isConventionStatus('signed')).toBe(false);
    expect(isConventionStatus(3)).toBe(false);
  });

  it('property: closed and terminated are final, and no action leads back to draft or sent', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 30 }), (actions) => {
        let state: ConventionStatus = 'draft';
        for (const action of actions) {
          if (!conventionLifecycle.can(state, action)) continue;
          const next = conventionLifecycle.next(state, action);
          expect(state === 'closed' || state === 'terminated').toBe(false);
          expect(next).not.toBe('draft');
          if (next === 'sent') expect(state).toBe('draft');
          state = next;
        }
      }),
    );
  });
});

describe('checkTermination', () => {
  it('accepts a recovery between 0 and what was paid', () => {
    expect(checkTermination({ recoveryCents: 0, paidCents: 0 })).toEqual([]);
    expect(checkTermination({ recoveryCents: 1_500_000, paidCents: 1_500_000 })).toEqual([]);
    expect(checkTermination({ recoveryCents: 12_345, paidCents: 1_500_000 })).toEqual([]);
  });

  it('refuses a negative recovery', () => {
    expect(checkTermination({ recoveryCents: -1, paidCents: 100 })).toEqual([
      { field: 'recoveryCents', code: 'RECOVERY_NEGATIVE', params: { recoveryCents: -1 } },
    ]);
  });

  it('refuses to recover more than was paid', () => {
    expect(checkTermination({ recoveryCents: 1_500_001, paidCents: 1_500_000 })).toEqual([
      { field: 'recoveryCents', code: 'RECOVERY_ABOVE_PAID', params: { recoveryCents: 1_500_001, paidCents: 1_500_000 } },
    ]);
  });

  it('refuses a non-integer amount', () => {
    expect(checkTermination({ recoveryCents: 10.5, paidCents: 100 })).toEqual([{ field: 'recoveryCents', code: 'AMOUNT_NOT_CENTS' }]);
  });
});
