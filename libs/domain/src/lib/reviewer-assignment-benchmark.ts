/**
 * A reproducible synthetic call to time the reviewer assignment (the goal: 1,500
 * applications × 12 reviewers in under 2 s). Used by a fast unit test at small size and by
 * benchmarks at full size; the solver's one-off loading is timed apart from the solve.
 */
import { assignReviewers, type AssignmentApplication, type AssignmentInput, type AssignmentResult, type AssignmentReviewer } from './reviewer-assignment';
import { loadSolver } from './mip-solver';

const AXES = ['MED', 'INN', 'REM', 'FRE', 'SOC'];
const TERRITORIES = ['AVE', 'CAM', 'DOU', 'FLI', 'FLM', 'VAL', 'MLI', 'MRT'];

/** mulberry32: a tiny seeded generator, so the same seed gives the same instance everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticAssignmentOptions {
  applications?: number;
  reviewers?: number;
  reviewersPerApplication?: number;
  /** Share of (application, reviewer) pairs with a declared conflict. */
  conflictRate?: number;
  seed?: number;
}

export function syntheticAssignmentInput(options: SyntheticAssignmentOptions = {}): AssignmentInput {
  const count = options.applications ?? 1500;
  const reviewerCount = options.reviewers ?? 12;
  const k = options.reviewersPerApplication ?? 2;
  const next = random(options.seed ?? 2016);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const applications: AssignmentApplication[] = Array.from({ length: count }, (_, i) => ({
    id: `A${String(i).padStart(5, '0')}`,
    axisCode: pick(AXES),
    territories: [pick(TERRITORIES), pick(TERRITORIES)],
  }));
  // Enough capacity for everyone with some slack; two capacity groups so the balance rule matters.
  const fair = Math.ceil((count * k) / reviewerCount);
  const reviewers: AssignmentReviewer[] = Array.from({ length: reviewerCount }, (_, r) => ({
    id: `R${String(r).padStart(3, '0')}`,
    axes: [AXES[r % AXES.length] ?? 'MED', AXES[(r + 2) % AXES.length] ?? 'MED'],
    territories: [TERRITORIES[r % TERRITORIES.length] ?? 'AVE', TERRITORIES[(r + 3) % TERRITORIES.length] ?? 'AVE'],
    capacity: r % 3 === 0 ? Math.ceil(fair * 0.8) : Math.ceil(fair * 1.25),
  }));
  const rate = options.conflictRate ?? 0.02;
  const conflicts = applications.flatMap((a) => reviewers.filter(() => next() < rate).map((r) => ({ applicationId: a.id, reviewerId: r.id })));
  return { applications, reviewers, reviewersPerApplication: k, conflicts };
}

export interface AssignmentBenchmark {
  applications: number;
  reviewers: number;
  /** One-off WebAssembly compilation (0 when already loaded). */
  loadMs: number;
  /** Model building and solving. */
  solveMs: number;
  result: AssignmentResult;
}

export async function benchmarkAssignment(options: SyntheticAssignmentOptions = {}): Promise<AssignmentBenchmark> {
  const input = syntheticAssignmentInput(options);
  const loadStart = performance.now();
  await loadSolver();
  const loadMs = performance.now() - loadStart;
  const solveStart = performance.now();
  const result = await assignReviewers(input);
  return { applications: input.applications.length, reviewers: input.reviewers.length, loadMs, solveMs: performance.now() - solveStart, result };
}

/**
 * Loads the solver and runs one small assignment, so that V8 has compiled HiGHS's hot paths before
 * the first real request: measured here, the first 1,500 × 12 solve of a process costs ≈ 3.7 s of
 * CPU cold and ≈ 1.3 s after this warm-up (≈ 1 s once fully warm). It blocks the thread while it
 * solves (≈ 0.5–1 s of CPU): call it at start-up, before listening.
 */
export async function warmUpSolver(applications = 300): Promise<void> {
  const result = await assignReviewers(syntheticAssignmentInput({ applications, reviewers: 12 }));
  if (result.status !== 'assigned') throw new Error('Solver warm-up: the synthetic assignment failed');
}
