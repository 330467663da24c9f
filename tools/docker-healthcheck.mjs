#!/usr/bin/env node
// Container health check (the slim Node image has no curl): GET /api/health on this container,
// exit 0 on HTTP 200 (PostgreSQL reachable), 1 otherwise (503, refused connection or timeout).
const port = process.env.PORT || '3000';
const bindHost = process.env.HOST || '127.0.0.1';
// A wildcard bind address is reachable on loopback; a specific address is asked directly.
const host = ['0.0.0.0', '::', '[::]'].includes(bindHost) ? '127.0.0.1' : bindHost;
const url = `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}/api/health`;

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (response.status !== 200) console.error(`${url} answered ${response.status}`);
  process.exit(response.status === 200 ? 0 : 1);
} catch (error) {
  console.error(`${url} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
