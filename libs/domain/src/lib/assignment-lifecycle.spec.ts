import fc from 'fast-check';
import { assignmentLifecycle, ASSIGNMENT_STATUSES, isActiveAssignment, matchQuality, type AssignmentAction, type AssignmentStatus } from './assignment-lifecycle';
import { IllegalTransitionError } from './state-machine';

describe('assignment lifecycle', () => {
  it('allows exactly the written transitions', () => {
    const table: Array<[AssignmentStatus, AssignmentAction, AssignmentStatus | null]> = [
      ['assigned', 'accept', 'accepted'],
      ['assigned', 'recuse', 'recused'],
      ['assigned', 'withdraw', 'withdrawn'],
      ['accepted', 'accept', null],
      ['accepted', 'recuse', 'recused'],
      ['accepted', 'withdraw', 'withdrawn'],
      ['recused', 'accept', null],
      ['recused', 'recuse', null],
      ['recused', 'withdraw', null],
      ['withdrawn', 'accept', null],
      ['withdrawn', 'recuse', null],
      ['withdrawn', 'withdraw', null],
    ];
    for (const [from, action, to] of table) {
      if (to === null) expect(() => assignmentLifecycle.next(from, action)).toThrow(IllegalTransitionError);
      else expect(assignmentLifecycle.next(from, action)).toBe(to);
    }
  });

  it('lists the actions a reviewer or staff may take', () => {
    expect(assignmentLifecycle.actionsFrom('assigned')).toEqual(['accept', 'recuse', 'withdraw']);
    expect(assignmentLifecycle.actionsFrom('accepted')).toEqual(['recuse', 'withdraw']);
    expect(assignmentLifecycle.actionsFrom('recused')).toEqual([]);
    expect(assignmentLifecycle.actionsFrom('withdrawn')).toEqual([]);
  });

  it('never leaves recused or withdrawn, and only active assignments move (property)', () => {
    const actions: AssignmentAction[] = ['accept', 'recuse', 'withdraw'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 12 }), (sequence) => {
        let state: AssignmentStatus = 'assigned';
        for (const action of sequence) {
          const before = state;
          if (assignmentLifecycle.can(state, action)) state = assignmentLifecycle.next(state, action);
          if (!isActiveAssignment(before)) expect(state).toBe(before);
          expect(ASSIGNMENT_STATUSES).toContain(state);
        }
      }),
    );
  });

  it('names match points', () => {
    expect([3, 2, 1, 0].map(matchQuality)).toEqual(['axisAndTerritory', 'axis', 'territory', 'none']);
  });
});
