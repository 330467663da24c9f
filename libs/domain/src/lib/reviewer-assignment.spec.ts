import fc from 'fast-check';
import { benchmarkAssignment, warmUpSolver } from './reviewer-assignment-benchmark';
import {
  assignReviewers,
  expertiseMatch,
  type AssignmentApplication,
  type AssignmentInput,
  type AssignmentReviewer,
  type AssignmentSuccess,
  type ReviewerPair,
} from './reviewer-assignment';

const app = (id: string, axisCode: string, ...territories: string[]): AssignmentApplication => ({ id, axisCode, territories });
const reviewer = (id: string, axes: string[], territories: string[], capacity: number, active = true): AssignmentReviewer => ({
  id,
  axes,
  territories,
  capacity,
  active,
});

function assigned(result: Awaited<ReturnType<typeof assignReviewers>>): AssignmentSuccess {
  if (result.status !== 'assigned') throw new Error(`expected an assignment, got ${JSON.stringify(result.reasons)}`);
  return result;
}

const pairsOf = (result: AssignmentSuccess): string[] => result.assignments.map((p) => `${p.applicationId}:${p.reviewerId}`);

describe('expertiseMatch', () => {
  it('gives 2 points for the axis and 1 for a shared territory', () => {
    const r = reviewer('R', ['MED'], ['AVE', 'DOU'], 5);
    expect(expertiseMatch(app('A', 'MED', 'DOU'), r)).toBe(3);
    expect(expertiseMatch(app('A', 'MED', 'VAL'), r)).toBe(2);
    expect(expertiseMatch(app('A', 'INN', 'AVE', 'VAL'), r)).toBe(1);
    expect(expertiseMatch(app('A', 'INN'), r)).toBe(0);
  });
});

describe('assignReviewers', () => {
  it('answers "nothing to add" when every application already has its k reviewers, with or without balance', async () => {
    const input = {
      applications: [{ id: 'a', axisCode: 'X', territories: [] }],
      reviewers: [{ id: 'r1', axes: ['X'], territories: [], capacity: 5 }, { id: 'r2', axes: [], territories: [], capacity: 5 }, { id: 'r3', axes: [], territories: [], capacity: 5 }],
      reviewersPerApplication: 2,
      existing: [{ applicationId: 'a', reviewerId: 'r1' }, { applicationId: 'a', reviewerId: 'r2' }],
    };
    for (const balanceLoads of [true, false]) {
      const result = await assignReviewers({ ...input, balanceLoads });
      expect(result).toMatchObject({ status: 'assigned', assignments: [], matchTotal: 0 });
      if (result.status === 'assigned') expect(result.loads.map((l) => [l.reviewerId, l.load, l.added])).toEqual([['r1', 1, 0], ['r2', 1, 0], ['r3', 0, 0]]);
    }
  });

  it('chooses the best matches under capacity (hand-checked optimum)', async () => {
    // Greedy would give A both MED experts; the optimum keeps one MED expert for B.
    const result = assigned(
      await assignReviewers({
        applications: [app('A', 'MED', 'AVE'), app('B', 'MED', 'VAL')],
        reviewers: [reviewer('R1', ['MED'], ['AVE'], 1), reviewer('R2', ['MED'], ['VAL'], 1), reviewer('R3', [], ['AVE'], 1), reviewer('R4', [], [], 1)],
        reviewersPerApplication: 2,
      }),
    );
    // A: R1 (3) + R3 (1) = 4; B: R2 (3) + R4 (0) = 3 → 7, the most possible (R4 must take something).
    expect(pairsOf(result)).toEqual(['A:R1', 'A:R3', 'B:R2', 'B:R4']);
    expect(result.matchTotal).toBe(7);
    expect(result.matchCounts).toEqual({ 0: 1, 1: 1, 2: 0, 3: 2 });
    expect(result.optimal).toBe(true);
  });

  it('never assigns a declared conflict, and reassigns around it', async () => {
    const base: AssignmentInput = {
      applications: [app('A', 'MED', 'AVE')],
      reviewers: [reviewer('R1', ['MED'], ['AVE'], 1), reviewer('R2', ['MED'], [], 1), reviewer('R3', [], [], 1)],
      reviewersPerApplication: 2,
    };
    expect(pairsOf(assigned(await assignReviewers(base)))).toEqual(['A:R1', 'A:R2']);
    // R1 declares a conflict after being assigned: R2 is kept, the replacement is R3.
    const again = assigned(
      await assignReviewers({ ...base, conflicts: [{ applicationId: 'A', reviewerId: 'R1' }], existing: [{ applicationId: 'A', reviewerId: 'R2' }] }),
    );
    expect(pairsOf(again)).toEqual(['A:R3']);
    expect(again.loads).toEqual([
      { reviewerId: 'R1', capacity: 1, load: 0, added: 0 },
      { reviewerId: 'R2', capacity: 1, load: 1, added: 0 },
      { reviewerId: 'R3', capacity: 1, load: 1, added: 1 },
    ]);
  });

  it('balances loads among reviewers of equal capacity even against expertise', async () => {
    // Four MED applications, k = 1, two reviewers of capacity 4: R1 matches all, R2 none.
    // Without the balance R1 would take all four; with it, 2 and 2.
    const input: AssignmentInput = {
      applications: ['A', 'B', 'C', 'D'].map((id) => app(id, 'MED')),
      reviewers: [reviewer('R1', ['MED'], [], 4), reviewer('R2', [], [], 4)],
      reviewersPerApplication: 1,
    };
    const balanced = assigned(await assignReviewers(input));
    expect(balanced.loads.map((l) => l.load)).toEqual([2, 2]);
    expect(balanced.matchTotal).toBe(4);
    const free = assigned(await assignReviewers({ ...input, balanceLoads: false }));
    expect(free.loads.map((l) => l.load)).toEqual([4, 0]);
    expect(free.matchTotal).toBe(8);
  });

  it('leaves inactive reviewers out, without holding the others’ balance down', async () => {
    const result = assigned(
      await assignReviewers({
        applications: ['A', 'B'].map((id) => app(id, 'MED')),
        reviewers: [reviewer('R1', ['MED'], [], 2), reviewer('R2', ['MED'], [], 2, false)],
        reviewersPerApplication: 1,
      }),
    );
    expect(pairsOf(result)).toEqual(['A:R1', 'B:R1']);
  });

  it('explains infeasibility precisely', async () => {
    const reviewers = [reviewer('R1', [], [], 1), reviewer('R2', [], [], 1)];
    expect(
      await assignReviewers({
        applications: [app('A', 'MED'), app('B', 'MED')],
        reviewers,
        reviewersPerApplication: 2,
        conflicts: [{ applicationId: 'B', reviewerId: 'R2' }],
      }),
    ).toEqual({
      status: 'infeasible',
      reasons: [
        { field: 'applications', code: 'ASSIGNMENT_NOT_ENOUGH_REVIEWERS', params: { applicationId: 'B', available: 1, needed: 2 } },
        { field: 'reviewers', code: 'ASSIGNMENT_CAPACITY_TOO_LOW', params: { needed: 4, capacity: 2 } },
      ],
    });
    expect(
      await assignReviewers({
        applications: [app('A', 'MED')],
        reviewers,
        reviewersPerApplication: 1,
        existing: [{ applicationId: 'A', reviewerId: 'R1' }, { applicationId: 'A', reviewerId: 'R2' }],
        conflicts: [{ applicationId: 'A', reviewerId: 'R2' }],
      }),
    ).toEqual({
      status: 'infeasible',
      reasons: [
        { field: 'existing', code: 'ASSIGNMENT_EXISTING_CONFLICT', params: { applicationId: 'A', reviewerId: 'R2' } },
        { field: 'existing', code: 'ASSIGNMENT_TOO_MANY_REVIEWERS', params: { applicationId: 'A', count: 2, needed: 1 } },
      ],
    });
  });

  it('reports when only the balance rule makes it impossible', async () => {
    // R1 already reviews A, B and C (kept); D can only go to R1, R2 having declared a conflict.
    const result = await assignReviewers({
      applications: [app('A', 'MED'), app('B', 'MED'), app('C', 'MED'), app('D', 'MED')],
      reviewers: [reviewer('R1', [], [], 5), reviewer('R2', [], [], 5)],
      reviewersPerApplication: 1,
      existing: [{ applicationId: 'A', reviewerId: 'R1' }, { applicationId: 'B', reviewerId: 'R1' }, { applicationId: 'C', reviewerId: 'R1' }],
      conflicts: [{ applicationId: 'D', reviewerId: 'R2' }],
    });
    // Loads would be 4 and 0: the balance rule cannot hold, and the answer says so.
    expect(result).toEqual({ status: 'infeasible', reasons: [{ field: 'reviewers', code: 'ASSIGNMENT_NO_BALANCED_SOLUTION' }] });
  });

  it('is deterministic: the same data in another order gives the same assignment', async () => {
    const input = (await import('./reviewer-assignment-benchmark')).syntheticAssignmentInput({ applications: 60, reviewers: 6, seed: 7 });
    const first = await assignReviewers(input);
    const shuffled = await assignReviewers({
      ...input,
      applications: [...input.applications].reverse(),
      reviewers: [...input.reviewers].reverse(),
      conflicts: [...(input.conflicts ?? [])].reverse(),
    });
    expect(shuffled).toEqual(first);
  });

  it('says so when the time limit stops the solver before any assignment, rather than assigning nobody', async () => {
    const input = (await import('./reviewer-assignment-benchmark')).syntheticAssignmentInput({ applications: 400, reviewers: 12 });
    expect(await assignReviewers({ ...input, timeLimitSeconds: 0.001 })).toEqual({
      status: 'time_limit',
      reasons: [{ field: 'reviewers', code: 'ASSIGNMENT_TIME_LIMIT', params: { seconds: 0.001 } }],
    });
  });

  it('refuses malformed input', async () => {
    await expect(assignReviewers({ applications: [], reviewers: [], reviewersPerApplication: 0 })).rejects.toThrow(RangeError);
    await expect(assignReviewers({ applications: [app('A', 'M'), app('A', 'M')], reviewers: [], reviewersPerApplication: 1 })).rejects.toThrow(RangeError);
    await expect(assignReviewers({ applications: [], reviewers: [reviewer('R', [], [], 1.5)], reviewersPerApplication: 1 })).rejects.toThrow(RangeError);
  });

  const AXES = ['MED', 'INN', 'REM'];
  const TERRITORIES = ['AVE', 'DOU', 'VAL'];
  const instance = fc
    .record({
      apps: fc.array(fc.tuple(fc.constantFrom(...AXES), fc.constantFrom(...TERRITORIES)), { minLength: 1, maxLength: 12 }),
      reviewers: fc.array(
        fc.tuple(fc.subarray(AXES), fc.subarray(TERRITORIES), fc.integer({ min: 0, max: 8 }), fc.boolean(), fc.boolean()),
        { minLength: 1, maxLength: 6 },
      ),
      k: fc.integer({ min: 1, max: 3 }),
      conflicts: fc.array(fc.tuple(fc.nat(11), fc.nat(5)), { maxLength: 10 }),
    })
    .map(({ apps, reviewers, k, conflicts }) => ({
      applications: apps.map(([axis, territory], i) => app(`A${i}`, axis, territory)),
      // Capacities 2, 4 or 6 only, so that several reviewers share one and the balance rule bites.
      reviewers: reviewers.map(([axes, territories, capacity, , inactive], r) => reviewer(`R${r}`, axes, territories, 2 * Math.ceil(capacity / 3) + 2, !(inactive && r > 0))),
      reviewersPerApplication: k,
      conflicts: conflicts.map(([a, r]): ReviewerPair => ({ applicationId: `A${a}`, reviewerId: `R${r}` })),
    }));

  it('property: k distinct reviewers each, no conflict, no inactive reviewer, capacity kept, equal-capacity loads within 1', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (input) => {
        const result = await assignReviewers(input);
        if (result.status !== 'assigned') {
          expect(result.status).toBe('infeasible');
          expect(result.reasons.length).toBeGreaterThan(0);
          return;
        }
        const conflicts = new Set(input.conflicts.map((c) => `${c.applicationId}:${c.reviewerId}`));
        const byApp = new Map<string, Set<string>>();
        for (const pair of result.assignments) {
          expect(conflicts.has(`${pair.applicationId}:${pair.reviewerId}`)).toBe(false);
          const set = byApp.get(pair.applicationId) ?? new Set<string>();
          expect(set.has(pair.reviewerId)).toBe(false);
          set.add(pair.reviewerId);
          byApp.set(pair.applicationId, set);
        }
        for (const application of input.applications) expect(byApp.get(application.id)?.size).toBe(input.reviewersPerApplication);
        const loads = new Map(input.reviewers.map((r) => [r.id, 0]));
        for (const pair of result.assignments) loads.set(pair.reviewerId, (loads.get(pair.reviewerId) ?? 0) + 1);
        for (const r of input.reviewers) {
          expect(loads.get(r.id) ?? 0).toBeLessThanOrEqual(r.capacity);
          if (!r.active) expect(loads.get(r.id)).toBe(0);
        }
        for (const capacity of new Set(input.reviewers.map((r) => r.capacity))) {
          const group = input.reviewers.filter((r) => r.active && r.capacity === capacity).map((r) => loads.get(r.id) ?? 0);
          if (group.length > 1) expect(Math.max(...group) - Math.min(...group)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('benchmark function: a synthetic call is solved and timed (150 × 12 here; 1,500 × 12 in the benchmark)', async () => {
    const bench = await benchmarkAssignment({ applications: 150, reviewers: 12 });
    expect(bench.applications).toBe(150);
    const result = assigned(bench.result);
    expect(result.assignments).toHaveLength(300);
    expect(bench.solveMs).toBeGreaterThan(0);
  });

  it('warms the solver up with a small synthetic assignment', async () => {
    await expect(warmUpSolver(40)).resolves.toBeUndefined();
  });
});
