#!/usr/bin/env node
/**
 * Times the optimal reviewer assignment (libs/domain, HiGHS) on a synthetic call:
 *   node tools/bench-assignment.cjs [--applications 1500] [--reviewers 12] [--k 2] [--runs 3]
 * Prints the one-off WebAssembly load, then per run the wall-clock and CPU time of building and
 * solving the model (goal: 1,500 × 12 under 2 s), the match quality and the spread of loads.
 */
require('@swc-node/register');
const { benchmarkAssignment } = require('../libs/domain/src/solver.ts');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

async function main() {
  const applications = option('applications', 1500);
  const reviewers = option('reviewers', 12);
  const k = option('k', 2);
  const runs = option('runs', 3);
  for (let run = 1; run <= runs; run++) {
    const cpu = process.cpuUsage();
    const bench = await benchmarkAssignment({ applications, reviewers, reviewersPerApplication: k });
    const used = process.cpuUsage(cpu);
    const result = bench.result;
    const loads = result.status === 'assigned' ? result.loads.map((l) => l.load) : [];
    console.log(
      JSON.stringify({
        run,
        applications,
        reviewers,
        k,
        wasmLoadMs: Math.round(bench.loadMs),
        solveMs: Math.round(bench.solveMs),
        cpuMs: Math.round((used.user + used.system) / 1000),
        status: result.status,
        optimal: result.status === 'assigned' ? result.optimal : undefined,
        matchTotal: result.status === 'assigned' ? result.matchTotal : undefined,
        matchCounts: result.status === 'assigned' ? result.matchCounts : undefined,
        loads: loads.join(' '),
        reasons: result.status === 'infeasible' ? result.reasons : undefined,
      }),
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
