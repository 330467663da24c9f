// Public API of @tremplin/domain: pure business rules, no framework imports.
export * from './lib/money';
export * from './lib/allocation';
export * from './lib/identifiers';
export * from './lib/scoring-grid';
export * from './lib/state-machine';
export * from './lib/call-window';
export * from './lib/payment-rule';
export * from './lib/application-lifecycle';
export * from './lib/project-budget';
export * from './lib/review-scoring';
export * from './lib/review-lifecycle';
export * from './lib/calibration';
export * from './lib/envelope-ranking';
// Solver-based rules (envelope fit, reviewer assignment) live in '@tremplin/domain/solver'.
export * from './lib/assignment-lifecycle';
export * from './lib/committee-decision';
export * from './lib/convention-lifecycle';
export * from './lib/convention-number';
export * from './lib/installment-schedule';
export * from './lib/payment-rules';
