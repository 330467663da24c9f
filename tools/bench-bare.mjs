#!/usr/bin/env node
// The baseline of the benchmarks (tools/bench-*.mjs): a bare `node:http` + `pg` server. It answers
// `GET <route>?<the endpoint's query>` by sending the same statements as the endpoint (the guard's user
// lookup, then the endpoint's own) through a pool of the API's size, and writes the same JSON. No
// framework, no token check, no validation: what the API costs above this is its own.
//
// ROUTES names a module of tools/ whose `bareRoutes(pool, { readerId })` returns { '/path': handler };
// a handler gets the query as an object and returns the body, or null for 404. A handler marked
// `public: true` (like a @Public() route) is served without the user lookup.
//
//   ROUTES=bench-finance-sql.mjs PG_CONFIG='{"host":…}' POOL_SIZE=10 READER_ID=<uuid> PORT=<port> node tools/bench-bare.mjs
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ ...JSON.parse(process.env.PG_CONFIG ?? '{}'), max: Number(process.env.POOL_SIZE ?? 10) });
const readerId = process.env.READER_ID ?? '';
const { bareRoutes } = await import(new URL(process.env.ROUTES ?? '', import.meta.url).href);
const routes = bareRoutes(pool, { readerId });

/** The guard's lookup of the signed-in user (apps/api/src/core/auth/auth.guard.ts), sent before every authenticated request. */
const GUARD_SQL = 'SELECT id, email, role, organization_id, active FROM app_user WHERE id = $1';

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://bench');
    const route = routes[url.pathname];
    if (!route) return void res.writeHead(404).end();
    if (!route.public) {
      const [user] = (await pool.query(GUARD_SQL, [readerId])).rows;
      if (!user?.active) return void res.writeHead(401).end();
    }
    const result = await route(Object.fromEntries(url.searchParams));
    if (result === null) return void res.writeHead(404).end();
    const body = JSON.stringify(result);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
