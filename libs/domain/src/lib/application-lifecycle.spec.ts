import fc from 'fast-check';
import {
  APPLICATION_STATUSES,
  applicationLifecycle,
  checkAdmissibilityDecision,
  isApplicationEditable,
  type ApplicationAction,
  type ApplicationStatus,
} from './application-lifecycle';
import { IllegalTransitionError } from './state-machine';

const ACTIONS: ApplicationAction[] = [
  'submit', 'request_information', 'resubmit', 'declare_admissible', 'declare_inadmissible', 'start_review',
  'complete_review', 'reopen_review', 'retain', 'waitlist', 'reject', 'withdraw',
];

const FINAL: ApplicationStatus[] = ['retained', 'rejected', 'withdrawn', 'inadmissible'];

describe('application lifecycle', () => {
  it('follows the happy path draft → submitted → admissible → under review → reviewed → retained', () => {
    let s = applicationLifecycle.next('draft', 'submit');
    s = applicationLifecycle.next(s, 'declare_admissible');
    expect(s).toBe('admissible');
    s = applicationLifecycle.next(s, 'start_review');
    expect(s).toBe('under_review');
    s = applicationLifecycle.next(s, 'complete_review');
    expect(applicationLifecycle.next(s, 'retain')).toBe('retained');
  });

  it('decides admissibility only on a submitted application', () => {
    expect(applicationLifecycle.next('submitted', 'declare_inadmissible')).toBe('inadmissible');
    for (const s of APPLICATION_STATUSES.filter((status) => status !== 'submitted')) {
      expect(applicationLifecycle.can(s, 'declare_admissible')).toBe(false);
      expect(applicationLifecycle.can(s, 'declare_inadmissible')).toBe(false);
    }
  });

  it('starts a review only once the application is admissible', () => {
    expect(applicationLifecycle.can('admissible', 'start_review')).toBe(true);
    expect(() => applicationLifecycle.next('submitted', 'start_review')).toThrow(IllegalTransitionError);
    expect(() => applicationLifecycle.next('inadmissible', 'start_review')).toThrow(IllegalTransitionError);
  });

  it('decides retained, waitlisted or rejected only after the review; a waitlisted one may be retained later', () => {
    expect(applicationLifecycle.next('reviewed', 'waitlist')).toBe('waitlisted');
    expect(applicationLifecycle.next('reviewed', 'reject')).toBe('rejected');
    expect(applicationLifecycle.next('waitlisted', 'retain')).toBe('retained');
    expect(applicationLifecycle.actionsFrom('waitlisted')).toEqual(['retain']);
    for (const action of ['retain', 'waitlist', 'reject'] as const) {
      expect(applicationLifecycle.can('under_review', action)).toBe(false);
      expect(applicationLifecycle.can('admissible', action)).toBe(false);
    }
  });

  it('reopens a completed review (a reviewer withdrew for a conflict)', () => {
    expect(applicationLifecycle.next('reviewed', 'reopen_review')).toBe('under_review');
  });

  it('loops through information requests', () => {
    const asked = applicationLifecycle.next('submitted', 'request_information');
    expect(asked).toBe('information_requested');
    expect(applicationLifecycle.next(asked, 'resubmit')).toBe('submitted');
    expect(applicationLifecycle.next('under_review', 'request_information')).toBe('information_requested');
  });

  it('allows withdrawal until a decision, never after', () => {
    for (const s of ['draft', 'submitted', 'information_requested', 'admissible', 'under_review', 'reviewed'] as const) {
      expect(applicationLifecycle.can(s, 'withdraw')).toBe(true);
    }
    for (const s of ['retained', 'waitlisted', 'rejected', 'withdrawn', 'inadmissible'] as const) {
      expect(applicationLifecycle.can(s, 'withdraw')).toBe(false);
      expect(() => applicationLifecycle.next(s, 'withdraw')).toThrow(IllegalTransitionError);
    }
  });

  it('final states allow no action at all', () => {
    for (const s of FINAL) {
      expect(applicationLifecycle.actionsFrom(s)).toEqual([]);
    }
  });

  it('only drafts and applications under an information request are editable', () => {
    expect(APPLICATION_STATUSES.filter(isApplicationEditable)).toEqual(['draft', 'information_requested']);
  });

  it('property: next() succeeds exactly when can() says so, and always lands on a known status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...APPLICATION_STATUSES), fc.constantFrom(...ACTIONS), (state, action) => {
        if (applicationLifecycle.can(state, action)) {
          expect(APPLICATION_STATUSES).toContain(applicationLifecycle.next(state, action));
        } else {
          expect(() => applicationLifecycle.next(state, action)).toThrow(IllegalTransitionError);
        }
      }),
    );
  });

  it('no transition leads back to draft, from any status', () => {
    const intoDraft = APPLICATION_STATUSES.flatMap((state) =>
      ACTIONS.filter((action) => applicationLifecycle.can(state, action) && applicationLifecycle.next(state, action) === 'draft').map((action) => `${state} --${action}-->`),
    );
    expect(intoDraft).toEqual([]);
  });

  it('property: any sequence of allowed actions from a draft never returns to draft, and nothing reaches a decision unreviewed', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 30 }), (actions) => {
        let state: ApplicationStatus = 'draft';
        let admitted = false;
        let reviewed = false;
        for (const action of actions) {
          if (!applicationLifecycle.can(state, action)) continue;
          state = applicationLifecycle.next(state, action);
          expect(state).not.toBe('draft');
          if (state === 'admissible') admitted = true;
          if (state === 'reviewed') reviewed = true;
          if (state === 'under_review') expect(admitted).toBe(true);
          if (state === 'retained' || state === 'waitlisted' || state === 'rejected') expect(reviewed).toBe(true);
        }
      }),
    );
  });
});

describe('checkAdmissibilityDecision', () => {
  it('accepts an admissible decision with or without a comment', () => {
    expect(checkAdmissibilityDecision({ admissible: true })).toEqual([]);
    expect(checkAdmissibilityDecision({ admissible: true, comment: 'Dossier complet' })).toEqual([]);
  });

  it('refuses a reason on an admissible decision', () => {
    expect(checkAdmissibilityDecision({ admissible: true, reason: 'late' })).toEqual([
      { field: 'reason', code: 'ADMISSIBILITY_REASON_FORBIDDEN' },
    ]);
  });

  it('accepts each listed reason with a comment', () => {
    for (const reason of ['incomplete', 'out_of_scope', 'ineligible_organization', 'late']) {
      expect(checkAdmissibilityDecision({ admissible: false, reason, comment: 'Pièces manquantes' })).toEqual([]);
    }
  });

  it('names the reason and the comment when an inadmissible decision lacks them', () => {
    expect(checkAdmissibilityDecision({ admissible: false, reason: 'because', comment: '   ' })).toEqual([
      { field: 'reason', code: 'ADMISSIBILITY_REASON_INVALID', params: { allowed: 'incomplete,out_of_scope,ineligible_organization,late' } },
      { field: 'comment', code: 'ADMISSIBILITY_COMMENT_REQUIRED' },
    ]);
    expect(checkAdmissibilityDecision({ admissible: false, reason: null, comment: 'x' }).map((i) => i.field)).toEqual(['reason']);
  });

  it('limits the comment to 2,000 characters', () => {
    expect(checkAdmissibilityDecision({ admissible: false, reason: 'late', comment: 'a'.repeat(2000) })).toEqual([]);
    expect(checkAdmissibilityDecision({ admissible: false, reason: 'late', comment: 'a'.repeat(2001) })).toEqual([
      { field: 'comment', code: 'ADMISSIBILITY_COMMENT_TOO_LONG', params: { max: 2000 } },
    ]);
  });
});
