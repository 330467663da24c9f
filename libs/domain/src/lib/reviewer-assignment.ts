/**
 * Optimal assignment of reviewers to applications, solved as an integer program with HiGHS:
 *   maximise Σ match(a, r) · x_ar
 *   subject to  Σ_r x_ar = k − (reviewers already on a)          for each application a
 *               load_r = existing_r + Σ_a x_ar ≤ capacity_r        for each reviewer r
 *               L_g ≤ load_r ≤ L_g + 1                             for each reviewer r of capacity group g
 *               x_ar ∈ {0, 1}, no x for a declared conflict, an inactive reviewer or an existing pair.
 * The load balance (busiest − least busy ≤ 1 among reviewers of equal capacity) can be turned off
 * for a small reassignment, where already-made assignments may leave no balanced completion.
 * Inputs are sorted by id first, so the same data gives the same assignment whatever its order.
 */
import type { ModelData } from 'highs';
import type { AllocationIssue } from './allocation';
import { loadSolver, solveMip } from './mip-solver';

export interface AssignmentApplication {
  id: string;
  axisCode: string;
  territories: readonly string[];
}

export interface AssignmentReviewer {
  id: string;
  axes: readonly string[];
  territories: readonly string[];
  /** Most applications this reviewer takes in the call, existing assignments included. */
  capacity: number;
  /** Inactive reviewers get nothing new. Default true. */
  active?: boolean;
}

export interface ReviewerPair {
  applicationId: string;
  reviewerId: string;
}

export interface AssignmentInput {
  applications: readonly AssignmentApplication[];
  reviewers: readonly AssignmentReviewer[];
  /** k: distinct reviewers each application must end with. */
  reviewersPerApplication: number;
  /** Declared conflicts of interest: never assigned. */
  conflicts?: readonly ReviewerPair[];
  /** Assignments already made and kept: they count towards k and towards the reviewer's load. */
  existing?: readonly ReviewerPair[];
  /** Default true. */
  balanceLoads?: boolean;
  /** Default 30 s; the best assignment found so far is returned when reached (or a time_limit failure). */
  timeLimitSeconds?: number;
}

/** Expertise match: 2 points when the reviewer covers the axis, 1 more when they share a territory. */
export const MATCH_POINTS = { axis: 2, territory: 1 } as const;

export function expertiseMatch(application: AssignmentApplication, reviewer: AssignmentReviewer): number {
  const axis = reviewer.axes.includes(application.axisCode) ? MATCH_POINTS.axis : 0;
  const territory = application.territories.some((t) => reviewer.territories.includes(t)) ? MATCH_POINTS.territory : 0;
  return axis + territory;
}

export interface AssignedPair extends ReviewerPair {
  match: number;
}

export interface ReviewerLoad {
  reviewerId: string;
  capacity: number;
  /** Existing plus new assignments. */
  load: number;
  added: number;
}

export interface AssignmentSuccess {
  status: 'assigned';
  /** False when the time limit stopped the solver on a feasible, not proven best, assignment. */
  optimal: boolean;
  /** New assignments only, sorted by application then reviewer id. */
  assignments: AssignedPair[];
  loads: ReviewerLoad[];
  /** Σ match of the new assignments. */
  matchTotal: number;
  /** How many new assignments have each match value (0 to 3). */
  matchCounts: Record<number, number>;
}

export interface AssignmentFailure {
  /** `time_limit`: the solver found no assignment in the time allowed (none is known to be impossible). */
  status: 'infeasible' | 'time_limit';
  /** Why, each with a stable code (and the application or reviewer concerned). */
  reasons: AllocationIssue[];
}

export type AssignmentResult = AssignmentSuccess | AssignmentFailure;

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const pairKey = (applicationId: string, reviewerId: string): string => JSON.stringify([applicationId, reviewerId]);

function validate(input: AssignmentInput): void {
  const k = input.reviewersPerApplication;
  if (!Number.isInteger(k) || k < 1) throw new RangeError('reviewersPerApplication must be a positive integer');
  for (const [label, list] of [['applications', input.applications], ['reviewers', input.reviewers]] as const) {
    const ids = new Set(list.map((item) => item.id));
    if (ids.size !== list.length) throw new RangeError(`${label}: duplicate id`);
  }
  input.reviewers.forEach((reviewer, index) => {
    if (!Number.isInteger(reviewer.capacity) || reviewer.capacity < 0) {
      throw new RangeError(`reviewers[${index}].capacity must be a non-negative integer`);
    }
  });
}

/** Problems visible before solving, named precisely (the solver alone would only say « infeasible »). */
function precheck(
  applications: readonly AssignmentApplication[],
  reviewers: readonly AssignmentReviewer[],
  k: number,
  conflicts: ReadonlySet<string>,
  existing: ReadonlyMap<string, Set<string>>,
  existingLoad: ReadonlyMap<string, number>,
): AllocationIssue[] {
  const issues: AllocationIssue[] = [];
  const knownReviewers = new Set(reviewers.map((r) => r.id));
  const knownApplications = new Set(applications.map((a) => a.id));
  for (const [applicationId, reviewerIds] of existing) {
    for (const reviewerId of reviewerIds) {
      if (!knownApplications.has(applicationId) || !knownReviewers.has(reviewerId)) {
        issues.push({ field: 'existing', code: 'ASSIGNMENT_UNKNOWN_PAIR', params: { applicationId, reviewerId } });
      } else if (conflicts.has(pairKey(applicationId, reviewerId))) {
        issues.push({ field: 'existing', code: 'ASSIGNMENT_EXISTING_CONFLICT', params: { applicationId, reviewerId } });
      }
    }
  }
  for (const reviewer of reviewers) {
    const load = existingLoad.get(reviewer.id) ?? 0;
    if (load > reviewer.capacity) {
      issues.push({ field: 'reviewers', code: 'ASSIGNMENT_OVER_CAPACITY', params: { reviewerId: reviewer.id, load, capacity: reviewer.capacity } });
    }
  }
  let needed = 0;
  for (const application of applications) {
    const already = existing.get(application.id)?.size ?? 0;
    const missing = k - already;
    if (missing < 0) {
      issues.push({ field: 'existing', code: 'ASSIGNMENT_TOO_MANY_REVIEWERS', params: { applicationId: application.id, count: already, needed: k } });
      continue;
    }
    needed += missing;
    const available = reviewers.filter(
      (r) =>
        r.active !== false &&
        r.capacity > (existingLoad.get(r.id) ?? 0) &&
        !conflicts.has(pairKey(application.id, r.id)) &&
        !(existing.get(application.id)?.has(r.id) ?? false),
    ).length;
    if (available < missing) {
      issues.push({ field: 'applications', code: 'ASSIGNMENT_NOT_ENOUGH_REVIEWERS', params: { applicationId: application.id, available, needed: missing } });
    }
  }
  const freeCapacity = reviewers
    .filter((r) => r.active !== false)
    .reduce((acc, r) => acc + Math.max(0, r.capacity - (existingLoad.get(r.id) ?? 0)), 0);
  if (freeCapacity < needed) {
    issues.push({ field: 'reviewers', code: 'ASSIGNMENT_CAPACITY_TOO_LOW', params: { needed, capacity: freeCapacity } });
  }
  return issues;
}

/** Never hand out a solution that breaks a rule, whatever the solver's tolerances did. */
function checkSolution(
  open: readonly AssignmentApplication[],
  assignments: readonly ReviewerPair[],
  reviewers: readonly AssignmentReviewer[],
  k: number,
  existing: ReadonlyMap<string, Set<string>>,
  existingLoad: ReadonlyMap<string, number>,
): void {
  const perApplication = new Map<string, number>();
  const perReviewer = new Map<string, number>();
  for (const pair of assignments) {
    perApplication.set(pair.applicationId, (perApplication.get(pair.applicationId) ?? 0) + 1);
    perReviewer.set(pair.reviewerId, (perReviewer.get(pair.reviewerId) ?? 0) + 1);
  }
  const short = open.find((a) => (perApplication.get(a.id) ?? 0) + (existing.get(a.id)?.size ?? 0) !== k);
  const over = reviewers.find((r) => (perReviewer.get(r.id) ?? 0) + (existingLoad.get(r.id) ?? 0) > r.capacity);
  if (short !== undefined || over !== undefined) throw new Error('Reviewer assignment: the solver returned an invalid assignment');
}

/** Assigns `reviewersPerApplication` distinct reviewers to every application, best expertise first. */
export async function assignReviewers(input: AssignmentInput): Promise<AssignmentResult> {
  validate(input);
  const k = input.reviewersPerApplication;
  const applications = [...input.applications].sort(byId);
  const reviewers = [...input.reviewers].sort(byId);
  const conflicts = new Set((input.conflicts ?? []).map((p) => pairKey(p.applicationId, p.reviewerId)));
  const existing = new Map<string, Set<string>>();
  const existingLoad = new Map<string, number>();
  for (const pair of input.existing ?? []) {
    const set = existing.get(pair.applicationId) ?? new Set<string>();
    if (set.has(pair.reviewerId)) continue;
    set.add(pair.reviewerId);
    existing.set(pair.applicationId, set);
    existingLoad.set(pair.reviewerId, (existingLoad.get(pair.reviewerId) ?? 0) + 1);
  }
  const reasons = precheck(applications, reviewers, k, conflicts, existing, existingLoad);
  if (reasons.length > 0) return { status: 'infeasible', reasons };

  const highs = await loadSolver();
  // Rows: one per application still missing reviewers, one capacity row per reviewer, and with
  // balance one row per reviewer tying its load to its group's level L_g (an integer column).
  const open = applications.filter((a) => k - (existing.get(a.id)?.size ?? 0) > 0);
  const appRow = new Map(open.map((a, i) => [a.id, i]));
  const reviewerIndex = new Map(reviewers.map((r, i) => [r.id, i]));
  const capacityRow = (r: number): number => open.length + r;
  const balance = input.balanceLoads !== false;
  const balanceRow = (r: number): number => open.length + reviewers.length + r;
  const numRows = open.length + reviewers.length * (balance ? 2 : 1);

  const pairs: AssignedPair[] = [];
  for (const application of open) {
    for (const reviewer of reviewers) {
      if (reviewer.active === false) continue;
      if (conflicts.has(pairKey(application.id, reviewer.id))) continue;
      if (existing.get(application.id)?.has(reviewer.id) ?? false) continue;
      if (reviewer.capacity <= (existingLoad.get(reviewer.id) ?? 0)) continue;
      pairs.push({ applicationId: application.id, reviewerId: reviewer.id, match: expertiseMatch(application, reviewer) });
    }
  }
  const groups = balance ? [...new Set(reviewers.map((r) => r.capacity))].sort((a, b) => a - b) : [];
  const numCols = pairs.length + groups.length;
  const starts = new Int32Array(numCols + 1);
  const perPair = balance ? 3 : 2;
  const nonZeros = pairs.length * perPair + (balance ? reviewers.filter((r) => r.active !== false).length : 0);
  const indices = new Int32Array(nonZeros);
  const values = new Float64Array(nonZeros);
  let at = 0;
  pairs.forEach((pair, c) => {
    const r = reviewerIndex.get(pair.reviewerId) ?? 0;
    starts[c] = at;
    indices[at] = appRow.get(pair.applicationId) ?? 0;
    values[at++] = 1;
    indices[at] = capacityRow(r);
    values[at++] = 1;
    if (balance) {
      indices[at] = balanceRow(r);
      values[at++] = 1;
    }
  });
  groups.forEach((capacity, g) => {
    starts[pairs.length + g] = at;
    reviewers.forEach((reviewer, r) => {
      // Inactive reviewers take nothing new: their load must not hold the others' level down.
      if (reviewer.capacity !== capacity || reviewer.active === false) return;
      indices[at] = balanceRow(r);
      values[at++] = -1;
    });
  });
  starts[numCols] = at;

  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  open.forEach((application, i) => {
    const missing = k - (existing.get(application.id)?.size ?? 0);
    rowLower[i] = missing;
    rowUpper[i] = missing;
  });
  reviewers.forEach((reviewer, r) => {
    const load = existingLoad.get(reviewer.id) ?? 0;
    rowLower[capacityRow(r)] = -highs.infinity;
    rowUpper[capacityRow(r)] = reviewer.active === false ? 0 : reviewer.capacity - load;
    if (balance) {
      // existing + Σx − L_g ∈ [0, 1]; an inactive reviewer's row is empty and free.
      rowLower[balanceRow(r)] = reviewer.active === false ? -highs.infinity : -load;
      rowUpper[balanceRow(r)] = reviewer.active === false ? highs.infinity : 1 - load;
    }
  });
  const maxCapacity = reviewers.reduce((acc, r) => Math.max(acc, r.capacity), 0);
  const model: ModelData = {
    numCols,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: Float64Array.from([...pairs.map((p) => p.match), ...groups.map(() => 0)]),
    colLower: new Float64Array(numCols),
    colUpper: Float64Array.from([...pairs.map(() => 1), ...groups.map(() => maxCapacity)]),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols, starts, indices, values },
    integrality: new Int32Array(numCols).fill(highs.constants.variableType.integer),
  };
  const timeLimitSeconds = input.timeLimitSeconds ?? 30;
  // Nothing left to assign and no balance column: HiGHS refuses an empty model, and the answer is known.
  const result = numCols === 0 ? { outcome: 'optimal' as const, values: [] as number[] } : solveMip(highs, model, { timeLimitSeconds, integralObjective: true });
  if (result.outcome === 'infeasible') {
    return {
      status: 'infeasible',
      reasons: [{ field: 'reviewers', code: balance ? 'ASSIGNMENT_NO_BALANCED_SOLUTION' : 'ASSIGNMENT_NO_SOLUTION' }],
    };
  }
  if (result.outcome === 'time_limit') {
    return { status: 'time_limit', reasons: [{ field: 'reviewers', code: 'ASSIGNMENT_TIME_LIMIT', params: { seconds: timeLimitSeconds } }] };
  }
  if (result.outcome === 'failed') throw new Error('Reviewer assignment: the solver failed');

  const assignments = pairs.filter((_, c) => (result.values[c] ?? 0) > 0.5);
  checkSolution(open, assignments, reviewers, k, existing, existingLoad);
  const added = new Map<string, number>();
  const matchCounts: Record<number, number> = { 0: 0, 1: 0, 2: 0, 3: 0 };
  for (const pair of assignments) {
    added.set(pair.reviewerId, (added.get(pair.reviewerId) ?? 0) + 1);
    matchCounts[pair.match] = (matchCounts[pair.match] ?? 0) + 1;
  }
  return {
    status: 'assigned',
    optimal: result.outcome === 'optimal',
    assignments,
    loads: reviewers.map((reviewer) => ({
      reviewerId: reviewer.id,
      capacity: reviewer.capacity,
      load: (existingLoad.get(reviewer.id) ?? 0) + (added.get(reviewer.id) ?? 0),
      added: added.get(reviewer.id) ?? 0,
    })),
    matchTotal: assignments.reduce((acc, pair) => acc + pair.match, 0),
    matchCounts,
  };
}
