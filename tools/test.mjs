#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest — lint and type checks, unit tests,
// API integration tests on a throwaway PostgreSQL, then browser tests in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const nx = join(root, 'node_modules', '.bin', 'nx');
const steps = [
  ['lint, type checks and unit tests', [nx, 'run-many', '-t', 'lint', 'typecheck', 'test', '--parallel=2', '--skip-nx-cache', '--output-style=static']],
  ['API integration tests (real PostgreSQL)', [nx, 'run', 'api:integration', '--skip-nx-cache', '--output-style=static']],
  ['browser tests (Chromium + axe-core)', [nx, 'run', 'web-e2e:e2e', '--skip-nx-cache', '--output-style=static']],
];
const only = process.argv[2];
const timings = [];
for (const [name, [command, ...args]] of steps) {
  if (only && !name.startsWith(only)) continue;
  console.log(`\n=== ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  timings.push(`${name}: ${seconds} s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n✓ all checks passed\n  ${timings.join('\n  ')}`);
