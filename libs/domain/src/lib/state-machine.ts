/**
 * Minimal, declarative state machines. Every lifecycle (application, convention, installment…)
 * is declared once as a table of actions, so the API, the UI and the tests all read the same
 * rules instead of scattering `if (status === …)` checks.
 */

export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
}

export interface StateMachine<S extends string, A extends string> {
  readonly name: string;
  /** True when `action` is allowed from `state`. */
  can(state: S, action: A): boolean;
  /** The state after `action`; throws IllegalTransitionError when not allowed. */
  next(state: S, action: A): S;
  /** Allowed actions from `state`, in declaration order (e.g. to render buttons). */
  actionsFrom(state: S): A[];
}

export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';

  constructor(
    readonly machine: string,
    readonly state: string,
    readonly action: string,
  ) {
    super(
      `${machine}: action "${action}" is not allowed from state "${state}"`,
    );
  }
}

export function defineStateMachine<S extends string, A extends string>(
  name: string,
  transitions: Record<A, Transition<S>>,
): StateMachine<S, A> {
  // Own keys only, and a frozen copy: callers cannot alter a lifecycle after definition,
  // and an untyped caller passing "toString" or "__proto__" as an action gets `false`.
  const table = new Map<string, Transition<S>>(
    Object.entries<Transition<S>>(transitions).map(([action, transition]) => [
      action,
      Object.freeze({
        from: Object.freeze([...transition.from]),
        to: transition.to,
      }),
    ]),
  );
  const actions = [...table.keys()] as A[];

  const can = (state: S, action: A): boolean =>
    table.get(action)?.from.includes(state) ?? false;

  return Object.freeze({
    name,
    can,
    next(state: S, action: A): S {
      const transition = table.get(action);
      if (transition === undefined || !transition.from.includes(state)) {
        throw new IllegalTransitionError(name, state, action);
      }
      return transition.to;
    },
    actionsFrom: (state: S): A[] =>
      actions.filter((action) => can(state, action)),
  });
}
