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
