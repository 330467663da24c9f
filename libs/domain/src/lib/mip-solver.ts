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

export type MipOutcome = 'optimal' | 'time_limit' | 'infeasible' | 'failed';

export interface MipResult {
  outcome: MipOutcome;
  /** Variable values, rounded to integers for integer columns; empty unless a solution exists. */
  values: Float64Array;
}

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
    const solved = modelStatus === statuses.optimal;
    const limited = modelStatus === statuses.timeLimit || modelStatus === statuses.iterationLimit || modelStatus === statuses.solutionLimit;
    const infeasible = modelStatus === statuses.infeasible || modelStatus === statuses.unboundedOrInfeasible;
    if (!solved && !limited) return { outcome: infeasible ? 'infeasible' : 'failed', values: new Float64Array(0) };
    const values = model.getSolution().colValue;
    // A time limit without any feasible point leaves no usable values.
    if (limited && values.length !== data.numCols) return { outcome: 'failed', values: new Float64Array(0) };
    return { outcome: solved ? 'optimal' : 'time_limit', values: values.map((value) => Math.round(value)) };
  });
}
