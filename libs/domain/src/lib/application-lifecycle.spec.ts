import fc from 'fast-check';
import { APPLICATION_STATUSES, applicationLifecycle, isApplicationEditable, type ApplicationAction } from './application-lifecycle';
import { IllegalTransitionError } from './state-machine';

const ACTIONS: ApplicationAction[] = [
  'submit', 'request_information', 'resubmit', 'start_review', 'complete_review',
  'retain', 'waitlist', 'reject', 'withdraw', 'declare_ineligible',
];

describe('application lifecycle', () => {
  it('follows the happy path draft → submitted → under review → reviewed → retained', () => {
    let s = applicationLifecycle.next('draft', 'submit');
    s = applicationLifecycle.next(s, 'start_review');
    s = applicationLifecycle.next(s, 'complete_review');
    expect(applicationLifecycle.next(s, 'retain')).toBe('retained');
  });

  it('loops through information requests', () => {
    const asked = applicationLifecycle.next('submitted', 'request_information');
    expect(asked).toBe('information_requested');
    expect(applicationLifecycle.next(asked, 'resubmit')).toBe('submitted');
    expect(applicationLifecycle.next('under_review', 'request_information')).toBe('information_requested');
  });

  it('allows withdrawal until a decision, never after', () => {
    for (const s of ['draft', 'submitted', 'information_requested', 'under_review', 'reviewed'] as const) {
      expect(applicationLifecycle.can(s, 'withdraw')).toBe(true);
    }
    for (const s of ['retained', 'waitlisted', 'rejected', 'withdrawn', 'ineligible'] as const) {
      expect(applicationLifecycle.can(s, 'withdraw')).toBe(false);
      expect(() => applicationLifecycle.next(s, 'withdraw')).toThrow(IllegalTransitionError);
    }
  });

  it('final states allow no action at all', () => {
    for (const s of ['retained', 'waitlisted', 'rejected', 'withdrawn', 'ineligible'] as const) {
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

  it('property: any sequence of allowed actions from a draft never returns to draft', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 20 }), (actions) => {
        let state: (typeof APPLICATION_STATUSES)[number] = 'draft';
        for (const action of actions) {
          if (!applicationLifecycle.can(state, action)) continue;
          state = applicationLifecycle.next(state, action);
          // Checked after every step taken: once left, draft is never reached again.
          expect(state).not.toBe('draft');
        }
      }),
    );
  });
});
