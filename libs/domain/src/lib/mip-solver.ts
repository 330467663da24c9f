/**
 * The one door to the HiGHS solver (WebAssembly, npm `highs`). Loading compiles 3.5 MB of
 * WebAssembly (≈ 0.8 s): it is done once per process and shared. Only the `@tremplin/domain/solver`
 * entry point reaches this file, so the web bundle never carries the solver.
 */
import loadHighs, { type Highs, type ModelData } from 'highs';

let loading: Promise<Highs> | undefined;

/** The loaded solver, compiled on first use; later calls share the same instance. */
export function loadSolver(): Promise<Highs> {
  loading ??= loadHighs().catch((error: unknown) => {
    // Let a later call try again rather than keeping a rejected promise forever.
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * `optimal`: proven best. `feasible`: a limit stopped the solver on a solution not proven best.
 * `time_limit`: a limit stopped it before any solution. `infeasible`: proven impossible.
 */
export type MipOutcome = 'optimal' | 'feasible' | 'time_limit' | 'infeasible' | 'failed';

export interface MipResult {
  outcome: MipOutcome;
  /** Variable values rounded to integers; empty unless the outcome is optimal or feasible. */
  values: Float64Array;
  /** Relative distance to the best bound proven (0 when optimal); null without a solution. */
  gap: number | null;
}

/** HiGHS info `primal_solution_status`: 2 means a feasible primal solution is held. */
const FEASIBLE_SOLUTION = 2;

export interface MipOptions {
  timeLimitSeconds: number;
  /** A feasible start: HiGHS then never returns anything worse. */
  start?: readonly number[];
  /** Integer costs on integer columns: any gap below 1 proves optimality, so stop there. */
  integralObjective?: boolean;
}

/** Builds the model, solves it and disposes the native instance whatever happens. */
export function solveMip(highs: Highs, data: ModelData, options: MipOptions): MipResult {
  const statuses = highs.constants.modelStatus;
  return highs.withModel((model): MipResult => {
    model.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds,
      mip_rel_gap: 0,
      mip_abs_gap: options.integralObjective === true ? 0.999 : 1e-6,
      random_seed: 0,
    });
    model.passModel(data);
    if (options.start !== undefined) model.setSolution({ colValue: options.start });
    const { modelStatus } = model.run();
    const none = new Float64Array(0);
    if (modelStatus === statuses.infeasible || modelStatus === statuses.unboundedOrInfeasible) return { outcome: 'infeasible', values: none, gap: null };
    const limited = modelStatus === statuses.timeLimit || modelStatus === statuses.iterationLimit || modelStatus === statuses.solutionLimit;
    if (modelStatus !== statuses.optimal && !limited) return { outcome: 'failed', values: none, gap: null };
    // A limit may stop the solver before it holds any solution: its column values are then meaningless.
    if (Number(model.info.get('primal_solution_status')) !== FEASIBLE_SOLUTION) return { outcome: limited ? 'time_limit' : 'failed', values: none, gap: null };
    const values = model.getSolution().colValue.map((value) => Math.round(value));
    const optimal = modelStatus === statuses.optimal;
    return { outcome: optimal ? 'optimal' : 'feasible', values, gap: optimal ? 0 : Number(model.info.get('mip_gap')) };
  });
}
