// Secondary entry point @tremplin/domain/solver: rules that need the HiGHS solver (WebAssembly).
// Kept apart from the main entry so that the web bundle never pulls the 3.5 MB solver in.
export * from './lib/mip-solver';
export * from './lib/envelope-fit';
export * from './lib/reviewer-assignment';
export * from './lib/reviewer-assignment-benchmark';
