// Starts the built portal for the browser tests on a throwaway embedded PostgreSQL in a temp folder
// (never the demo's .data), seeded with the demo; removes it all on exit.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'tremplin-e2e-'));
chmodSync(dataDir, 0o755);
const server = spawn(process.execPath, ['dist/apps/api/main.js'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: '',
    DATA_DIR: dataDir,
    PORT: process.env.E2E_PORT ?? '4310',
    EMBEDDED_POSTGRES_PORT: process.env.E2E_PG_PORT ?? '55439',
    LOG_LEVEL: 'warn',
    // Browser tests log in many times from one address.
    LOGIN_MAX_FAILURES_PER_IP: '1000',
    ACCOUNT_THROTTLE_MAX_PER_IP: '1000',
  },
});
const stop = (signal) => server.kill(signal);
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
server.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
