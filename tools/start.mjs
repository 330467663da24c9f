#!/usr/bin/env node
// `npm start`: build the API and the web app when needed (Nx's cache makes a rebuild of unchanged
// sources a no-op), then serve both on one port. The API starts an embedded PostgreSQL when no
// DATABASE_URL is given. SIGTERM/SIGINT are passed on so PostgreSQL stops cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: process.env.NX_DAEMON ?? 'false', NX_TUI: 'false' };
const nx = join(root, 'node_modules', '.bin', 'nx');
const apiMain = join(root, 'dist', 'apps', 'api', 'main.js');
const webIndex = join(root, 'dist', 'apps', 'web', 'browser', 'index.html');

if (process.env.TREMPLIN_SKIP_BUILD !== 'true' || !existsSync(apiMain) || !existsSync(webIndex)) {
  const started = Date.now();
  const build = spawnSync(nx, ['run-many', '-t', 'build', '-p', 'api', 'web', '--output-style=static'], { cwd: root, env, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('Build failed: see the messages above.');
    process.exit(build.status ?? 1);
  }
  console.log(`Build ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const server = spawn(process.execPath, ['--enable-source-maps', apiMain, ...process.argv.slice(2)], { cwd: root, env: process.env, stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
