#!/usr/bin/env node
// The baseline of tools/bench-applications.mjs: a bare `node:http` + `pg` server that answers
// `GET /list?<the endpoint's query>` by sending the same statements as `GET /api/applications` (the
// guard's user lookup, then the list's one statement) through a pool of the API's size, and writes the
// same JSON. No framework, no token check, no validation: what the API costs above this is its own.
//
//   PG_CONFIG='{"host":…}' POOL_SIZE=10 READER_ID=<uuid> PORT=<port> node tools/bench-applications-bare.mjs
import http from 'node:http';
import pg from 'pg';
import { listStatements, pageOf } from './bench-applications-sql.mjs';

const pool = new pg.Pool({ ...JSON.parse(process.env.PG_CONFIG ?? '{}'), max: Number(process.env.POOL_SIZE ?? 10) });
const readerId = process.env.READER_ID ?? '';

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://bench');
    if (url.pathname !== '/list') {
      res.writeHead(404).end();
      return;
    }
    const query = Object.fromEntries(url.searchParams);
    const { user, list } = listStatements(query, readerId);
    const [found] = (await pool.query(user)).rows;
    if (!found?.active) {
      res.writeHead(401).end();
      return;
    }
    const body = JSON.stringify(pageOf((await pool.query(list)).rows, query));
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
