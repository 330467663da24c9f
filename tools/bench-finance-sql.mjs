// The SQL side of tools/bench-finance.mjs, served by the bare server (tools/bench-bare.mjs, which sends
// the guard's user lookup first): the endpoints' own statements and views, taken from the API's sources
// as they are, so that the two sides cannot drift —
//   /budget?callId=…      BUDGET_SQL and toBudgetView (apps/api/src/finance/finance.sql.ts)
//   /conventions?<query>  listConventions (apps/api/src/conventions/conventions-read.ts) on the pool
//   /health               SELECT 1, the one statement of the public GET /api/health
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The API's sources (decorators and the @tremplin/* paths of the base tsconfig).
process.env.SWC_NODE_PROJECT ??= new URL('../tsconfig.base.json', import.meta.url).pathname;
require('reflect-metadata');
require('@swc-node/register');
const { BUDGET_SQL, toBudgetView } = require('../apps/api/src/finance/finance.sql.ts');
const { listConventions } = require('../apps/api/src/conventions/conventions-read.ts');

export function bareRoutes(pool, { readerId }) {
  // listConventions takes an EntityManager; it only calls query(text, values) and reads the rows.
  const manager = { query: async (text, values) => (await pool.query(text, values)).rows };
  return {
    '/budget': async ({ callId }) => toBudgetView(callId, (await pool.query(BUDGET_SQL, [callId])).rows),
    // The admin's actor, as the guard builds it from the user row (staff scope).
    '/conventions': (query) => listConventions(manager, { userId: readerId, role: 'admin', organizationId: null, email: '', requestId: null }, query),
    // Public, like the endpoint: no user lookup.
    '/health': Object.assign(async () => ((await pool.query('SELECT 1')).rows.length ? { status: 'ok', database: 'up' } : null), { public: true }),
  };
}
