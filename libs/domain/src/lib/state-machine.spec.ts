import fc from 'fast-check';
import { defineStateMachine, IllegalTransitionError } from './state-machine';

type ApplicationState =
  | 'DRAFT'
  | 'SUBMITTED'
  | 'UNDER_REVIEW'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'WITHDRAWN';
type ApplicationAction =
  | 'submit'
  | 'startReview'
  | 'accept'
  | 'reject'
  | 'withdraw'
  | 'reopen';

const application = defineStateMachine<ApplicationState, ApplicationAction>(
  'application',
  {
    submit: { from: ['DRAFT'], to: 'SUBMITTED' },
    startReview: { from: ['SUBMITTED'], to: 'UNDER_REVIEW' },
    accept: { from: ['UNDER_REVIEW'], to: 'ACCEPTED' },
    reject: { from: ['UNDER_REVIEW'], to: 'REJECTED' },
    withdraw: { from: ['DRAFT', 'SUBMITTED', 'UNDER_REVIEW'], to: 'WITHDRAWN' },
    reopen: { from: ['SUBMITTED'], to: 'DRAFT' },
  },
);

const states: ApplicationState[] = [
  'DRAFT',
  'SUBMITTED',
  'UNDER_REVIEW',
  'ACCEPTED',
  'REJECTED',
  'WITHDRAWN',
];
const actions: ApplicationAction[] = [
  'submit',
  'startReview',
  'accept',
  'reject',
  'withdraw',
  'reopen',
];

describe('defineStateMachine', () => {
  it('exposes its name', () => {
    expect(application.name).toBe('application');
  });

  it('allows declared transitions', () => {
    expect(application.can('DRAFT', 'submit')).toBe(true);
    expect(application.next('DRAFT', 'submit')).toBe('SUBMITTED');
    expect(application.next('UNDER_REVIEW', 'withdraw')).toBe('WITHDRAWN');
  });

  it('refuses undeclared transitions', () => {
    expect(application.can('ACCEPTED', 'withdraw')).toBe(false);
    expect(application.can('DRAFT', 'accept')).toBe(false);
  });

  it('throws IllegalTransitionError carrying machine, state and action', () => {
    let caught: unknown;
    try {
      application.next('ACCEPTED', 'reject');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({
      name: 'IllegalTransitionError',
      machine: 'application',
      state: 'ACCEPTED',
      action: 'reject',
    });
    expect((caught as Error).message).toContain('reject');
  });

  it('lists actions from a state in declaration order', () => {
    expect(application.actionsFrom('DRAFT')).toEqual(['submit', 'withdraw']);
    expect(application.actionsFrom('SUBMITTED')).toEqual([
      'startReview',
      'withdraw',
      'reopen',
    ]);
    expect(application.actionsFrom('ACCEPTED')).toEqual([]);
  });

  it('walks a full happy path', () => {
    const path: ApplicationAction[] = [
      'submit',
      'reopen',
      'submit',
      'startReview',
      'accept',
    ];
    expect(
      path.reduce<ApplicationState>(
        (state, action) => application.next(state, action),
        'DRAFT',
      ),
    ).toBe('ACCEPTED');
  });

  it('answers false for actions that are not declared at all (untyped callers)', () => {
    const loose = application as unknown as {
      can(s: string, a: string): boolean;
      next(s: string, a: string): string;
    };
    expect(loose.can('DRAFT', 'toString')).toBe(false);
    expect(loose.can('DRAFT', '__proto__')).toBe(false);
    expect(() => loose.next('DRAFT', 'hasOwnProperty')).toThrow(
      IllegalTransitionError,
    );
  });

  it('is not affected by later mutation of the definition', () => {
    const definition = {
      go: { from: ['A'] as ('A' | 'B')[], to: 'B' as const },
    };
    const machine = defineStateMachine<'A' | 'B', 'go'>('mutable', definition);
    definition.go.from.push('B');
    expect(machine.can('B', 'go')).toBe(false);
    expect(Object.isFrozen(machine)).toBe(true);
  });

  it('property: can, next and actionsFrom agree for every state and action', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...states),
        fc.constantFrom(...actions),
        (state, action) => {
          const allowed = application.can(state, action);
          expect(application.actionsFrom(state).includes(action)).toBe(allowed);
          if (allowed) {
            expect(states).toContain(application.next(state, action));
          } else {
            expect(() => application.next(state, action)).toThrow(
              IllegalTransitionError,
            );
          }
        },
      ),
    );
  });

  it('property: any sequence of allowed actions ends in a known state; terminal states have no actions', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 20 }), (choices) => {
        let state: ApplicationState = 'DRAFT';
        for (const choice of choices) {
          const available = application.actionsFrom(state);
          const action = available[choice % available.length]; // undefined when none is available
          if (action === undefined) break;
          state = application.next(state, action);
        }
        expect(states).toContain(state);
        if (['ACCEPTED', 'REJECTED', 'WITHDRAWN'].includes(state)) {
          expect(application.actionsFrom(state)).toEqual([]);
        }
      }),
    );
  });
});
