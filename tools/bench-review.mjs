#!/usr/bin/env node
// Benchmark of the committee ranking (not a timed test). For each scale (default 1 and 10, N × 1,500
// applications) it seeds a throwaway embedded PostgreSQL, gives the 2016 call reviews and scores when
// the seed has none (two submitted reviews per application from twelve reviewers of different
// severities, the per-reviewer moments, the consolidated scores, the per-year requests), starts the
// built API and drives `GET /api/calls/:id/ranking` on the call's largest axis with C concurrent
// clients (default 20) for a fixed time per case, beside the SAME statements the endpoint sends (the
// call, the axis, its allocations and the ranking statement, whose text comes from
// apps/api/src/committee/ranking.sql.ts) sent directly with `pg` through a pool of the API's size.
// It checks both return the same rows, prints req/s, p50, p95, the API/SQL ratio, the growth between
// scales, and the reviewer assignment solve time for 1,500 applications × 12 reviewers (libs/domain
// `benchmarkAssignment`). Loopback only; the temp folders are removed at the end.
//
//   node tools/bench-review.mjs [--scales 1,10] [--seconds 5] [--concurrency 20] [--explain]
//
// Needs the built API (`npx nx build api`); builds nothing itself.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createRequire } from 'node:module';

import { POOL_SIZE, scales, seconds, concurrency, explain, environment, get, login } from './bench-support.mjs';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

/** `concurrency` loops calling `fn` for `seconds` (after a one-second warm-up): req/s, p50, p95 in ms. */
async function load(fn) {
  const run = async (ms, samples) => {
    const deadline = performance.now() + ms;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          await fn();
          samples?.push(performance.now() - t0);
        }
      }),
    );
  };
  await run(1000, null);
  const samples = [];
  const started = performance.now();
  await run(seconds * 1000, samples);
  const elapsed = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  return { rps: samples.length / elapsed, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), n: samples.length };
}


const require = createRequire(import.meta.url);
require('@swc-node/register');
const { rankingSql } = require('../apps/api/src/committee/ranking.sql.ts');
const { benchmarkAssignment } = require('../libs/domain/src/solver.ts');

/**
 * Reviews and scores for the 2016 call when the seed made none, so that the ranking has data: the
 * applications still waiting go under review, each gets two submitted reviews (reviewers n mod 12 and
 * n+5 mod 12, totals spread by a hash, each reviewer with its own severity), then the moments and the
 * consolidated scores the scoring work keeps up to date, and the per-year requests of the submitted
 * versions (as migration 1764280000000 writes them).
 */
async function fillReviews(pool, callId) {
  const [{ n }] = (await pool.query(`SELECT count(*)::int AS n FROM review_assignment WHERE call_id = $1 AND review_status = 'submitted'`, [callId])).rows;
  if (n > 0) return { filled: false, reviews: n };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`UPDATE application SET status = 'under_review' WHERE call_id = $1 AND status IN ('submitted', 'information_requested')`, [callId]);
    await client.query(
      `INSERT INTO application_request (application_id, year, amount_cents)
       SELECT v.application_id, (y->>'year')::int, COALESCE((y->'products'->>'p74Departement')::bigint, 0)
         FROM application a
         JOIN application_version v ON v.application_id = a.id AND v.version_no = a.submitted_version
         CROSS JOIN LATERAL jsonb_array_elements(v.snapshot->'budget') y
        WHERE a.call_id = $1 AND a.submitted_version > 0 AND y ? 'year'
       ON CONFLICT DO NOTHING`, [callId],
    );
    await client.query(
      `INSERT INTO app_user (email, full_name, password_hash, role, email_verified_at)
       SELECT 'bench-reviewer-' || lpad(g::text, 2, '0') || '@example.org', 'Évaluateur ' || g, 'x', 'reviewer', now() FROM generate_series(1, 12) g
       ON CONFLICT DO NOTHING`,
    );
    await client.query(
      `WITH apps AS (SELECT a.id, row_number() OVER (ORDER BY a.id) AS n FROM application a WHERE a.call_id = $1 AND a.status = 'under_review'),
            revs AS (SELECT u.id, row_number() OVER (ORDER BY u.email) - 1 AS k FROM app_user u WHERE u.email LIKE 'bench-reviewer-%')
       INSERT INTO review_assignment (call_id, application_id, reviewer_id, status, due_on, review_status, total_hundredths, opinion, submitted_at)
       SELECT $1, apps.id, revs.id, 'accepted', current_date, 'submitted',
              least(10000, greatest(0, 3000 + abs(hashtext(apps.id::text || revs.k::text)) % 6000 + (revs.k - 6) * 250)), 'favourable', now()
         FROM apps JOIN revs ON revs.k = apps.n % 12 OR revs.k = (apps.n + 5) % 12`, [callId],
    );
    await client.query(
      `INSERT INTO reviewer_call_stat (call_id, reviewer_id, review_count, sum_hundredths, sum_squares)
       SELECT call_id, reviewer_id, count(*), sum(total_hundredths), sum(total_hundredths::bigint * total_hundredths)
         FROM review_assignment WHERE call_id = $1 AND review_status = 'submitted' GROUP BY call_id, reviewer_id
       ON CONFLICT (call_id, reviewer_id) DO UPDATE SET review_count = EXCLUDED.review_count, sum_hundredths = EXCLUDED.sum_hundredths, sum_squares = EXCLUDED.sum_squares`,
      [callId],
    );
    await client.query(
      `UPDATE application a SET review_count = s.c, review_sum_hundredths = s.total, review_min_hundredths = s.low, review_max_hundredths = s.high,
              score_hundredths = div(2 * s.total + s.c, 2 * s.c)::int, divergent = s.high - s.low > 2000
         FROM (SELECT application_id, count(*)::int AS c, sum(total_hundredths)::int AS total, min(total_hundredths) AS low, max(total_hundredths) AS high
                 FROM review_assignment WHERE call_id = $1 AND review_status = 'submitted' GROUP BY application_id) s
        WHERE s.application_id = a.id`, [callId],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  await pool.query('ANALYZE application, review_assignment, reviewer_call_stat, application_request');
  const [{ m }] = (await pool.query(`SELECT count(*)::int AS m FROM review_assignment WHERE call_id = $1 AND review_status = 'submitted'`, [callId])).rows;
  return { filled: true, reviews: m };
}

const CASES = [
  { name: 'raw score, page 1', score: 'raw', amount: 'requested', page: 1, pageSize: 25 },
  { name: 'normalised score, page 1', score: 'normalized', amount: 'requested', page: 1, pageSize: 25 },
  { name: 'normalised, recommended, page 10', score: 'normalized', amount: 'recommended', page: 10, pageSize: 25 },
];

/** The statements RankingService sends for one page (apps/api/src/committee/ranking.service.ts). */
async function rankingDirect(pool, callId, axisCode, c) {
  await pool.query('SELECT years FROM call WHERE id = $1', [callId]);
  const axis = (await pool.query('SELECT id FROM call_axis WHERE call_id = $1 AND code = $2', [callId, axisCode])).rows[0];
  await pool.query('SELECT year, amount_cents FROM call_allocation WHERE call_id = $1 AND axis_id = $2', [callId, axis.id]);
  return (await pool.query(rankingSql(c), [callId, axis.id, (c.page - 1) * c.pageSize, c.pageSize])).rows;
}

async function benchScale(scale) {
  const envt = await environment(scale);
  const onSignal = () => void envt.cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let pool = null;
  try {
    console.log(`\nScale ${scale}: seeding (≈ ${scale * 1500} applications) in ${envt.dataDir} …`);
    const seeded = await envt.seed();
    console.log(`  ${seeded.line} — ${(seeded.wallMs / 1000).toFixed(1)} s for the whole \`main.js seed\``);
    await envt.start();
    const token = await login(envt.apiPort);
    const calls = JSON.parse(String(await get(envt.apiPort, '/api/calls', token)));
    const callId = calls.find((c) => c.code === 'AAP-NORD-2016')?.id;
    if (!callId) throw new Error('the 2016 call is missing');
    pool = new pg.Pool({ ...envt.pgConfig(), max: POOL_SIZE });
    const fill = await fillReviews(pool, callId);
    console.log(`  ${fill.filled ? 'filled' : 'found'} ${fill.reviews} submitted reviews on the 2016 call`);
    const [largest] = (await pool.query(
      `SELECT x.code, count(*)::int AS n FROM application a JOIN call_axis x ON x.id = a.axis_id
        WHERE a.call_id = $1 AND a.status IN ('admissible','under_review','reviewed','retained','waitlisted','rejected')
        GROUP BY x.code ORDER BY n DESC, x.code LIMIT 1`, [callId],
    )).rows;
    console.log(`  axis ${largest.code}: ${largest.n} ranked applications`);
    const results = [];
    for (const c of CASES) {
      const path = `/api/calls/${callId}/ranking?${new URLSearchParams({ axis: largest.code, score: c.score, amount: c.amount, page: String(c.page), pageSize: String(c.pageSize) })}`;
      const viaApi = JSON.parse(String(await get(envt.apiPort, path, token)));
      const rows = await rankingDirect(pool, callId, largest.code, c);
      const same = JSON.stringify(viaApi.items.map((i) => [i.applicationId, i.years.map((y) => y.runningTotalCents)])) ===
        JSON.stringify(rows.map((r) => [r.id, r.running.map(Number)]));
      if (!same) console.warn(`  ! ${c.name}: the direct SQL does not return what the endpoint returned`);
      const api = await load(() => get(envt.apiPort, path, token));
      const sql = await load(() => rankingDirect(pool, callId, largest.code, c));
      results.push({ name: c.name, rows: largest.n, cut: viaApi.cutLineRank, same, api, sql });
      process.stdout.write('.');
      if (explain) {
        const axisId = (await pool.query('SELECT id FROM call_axis WHERE call_id = $1 AND code = $2', [callId, largest.code])).rows[0].id;
        const plan = (await pool.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${rankingSql(c)}`, values: [callId, axisId, (c.page - 1) * c.pageSize, c.pageSize] })).rows.map((r) => r['QUERY PLAN']);
        console.log(`\n-- scale ${scale}, ${c.name}\n${plan.join('\n')}`);
      }
    }
    console.log('');
    return { scale, axis: largest.code, results };
  } finally {
    await pool?.end().catch(() => undefined);
    await envt.cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const f1 = (v) => v.toFixed(1);
try {
  const runs = [];
  for (const scale of scales) runs.push(await benchScale(scale));
  console.log(`\nCommittee ranking GET /api/calls/:id/ranking — ${concurrency} concurrent clients, ${seconds} s per case after 1 s of warm-up; SQL = the same statements sent with pg through a pool of ${POOL_SIZE} (the API's pool size)`);
  for (const run of runs) {
    console.log(`\nScale ${run.scale}: axis ${run.axis}`);
    console.log(['case'.padEnd(34), 'rows'.padStart(6), 'cut'.padStart(5), 'API req/s'.padStart(9), 'p50'.padStart(7), 'p95'.padStart(7), 'SQL req/s'.padStart(9), 'p50'.padStart(7), 'p95'.padStart(7), 'API/SQL'.padStart(7), 'same'].join(' '));
    for (const r of run.results) {
      console.log([
        r.name.padEnd(34), String(r.rows).padStart(6), String(r.cut ?? '—').padStart(5), f1(r.api.rps).padStart(9), f1(r.api.p50).padStart(7), f1(r.api.p95).padStart(7),
        f1(r.sql.rps).padStart(9), f1(r.sql.p50).padStart(7), f1(r.sql.p95).padStart(7), `${(r.api.p50 / r.sql.p50).toFixed(2)}×`.padStart(7), r.same ? 'yes' : 'NO',
      ].join(' '));
    }
  }
  if (runs.length > 1) {
    const [small, large] = [runs[0], runs[runs.length - 1]];
    console.log(`\nGrowth scale ${large.scale} / scale ${small.scale} (p50 ratio; ≤ 2× is the goal for ${large.scale / small.scale}× the data)`);
    console.log(['case'.padEnd(34), 'API p50'.padStart(8), 'SQL p50'.padStart(8)].join(' '));
    for (const r of large.results) {
      const base = small.results.find((s) => s.name === r.name);
      console.log([r.name.padEnd(34), `${(r.api.p50 / base.api.p50).toFixed(2)}×`.padStart(8), `${(r.sql.p50 / base.sql.p50).toFixed(2)}×`.padStart(8)].join(' '));
    }
  }
  const bench = await benchmarkAssignment({ applications: 1500, reviewers: 12, reviewersPerApplication: 2 });
  const again = await benchmarkAssignment({ applications: 1500, reviewers: 12, reviewersPerApplication: 2 });
  console.log(`\nReviewer assignment, 1,500 applications × 12 reviewers (k = 2): WebAssembly load ${Math.round(bench.loadMs)} ms once, solve ${Math.round(bench.solveMs)} ms then ${Math.round(again.solveMs)} ms (${bench.result.status}${bench.result.optimal === false ? ', not proven optimal' : ''}; goal < 2,000 ms)`);
  console.log('\nTimes in ms. API = HTTP round trip incl. auth, validation, the statements and JSON; the load generator runs on the same machine.');
  process.exitCode = runs.every((run) => run.results.every((r) => r.same)) ? 0 : 3;
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
}
