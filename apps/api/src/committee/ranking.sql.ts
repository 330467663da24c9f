// Kept free of Nest and TypeORM imports: the benchmark (tools/bench-review.mjs) sends this very text
// straight to PostgreSQL to compare with the endpoint.
import type { RankingAmount, RankingScore } from '@tremplin/contracts';
import { normalizedScoreCtes } from '../reviews/calibration.sql';

/** Statuses an admissible application goes through; withdrawn, inadmissible and earlier ones are not ranked. */
export const RANKED_STATUSES = ['admissible', 'under_review', 'reviewed', 'retained', 'waitlisted', 'rejected'] as const;

/**
 * The ranking's CTEs, ending with `lined(id, rank, amounts, …, passes, below, cut_rank, total_count)`: every
 * application of the axis ($1 call, $2 axis) in the chosen order, with its running totals per year and
 * whether it is below the strict cut line. The endpoint pages through it; decisions read a row's place.
 */
export function rankingLinesSql(options: { score: RankingScore; amount: RankingAmount }): string {
  // Both choices come from fixed lists (validated), never from raw input.
  const scoreColumn = options.score === 'normalized' ? 'n.normalized_hundredths' : 'x.score_hundredths';
  // A recommendation is the mean of submitted reviews; before any, the request stands (prudent for the envelope).
  const amount = options.amount === 'recommended' ? 'COALESCE(r.cents, q.amount_cents, 0)' : 'COALESCE(q.amount_cents, 0)';
  return `
  WITH axis_apps AS (
    SELECT a.id, a.reference, a.score_hundredths
      FROM application a
     WHERE a.call_id = $1 AND a.axis_id = $2 AND a.status IN (${RANKED_STATUSES.map((s) => `'${s}'`).join(', ')})
  ),
  ${normalizedScoreCtes('$1', 'axis_apps')},
  years AS (
    SELECT y.year, COALESCE(al.amount_cents, 0) AS allocation
      FROM call c
      CROSS JOIN LATERAL unnest(c.years) AS y(year)
      LEFT JOIN call_allocation al ON al.call_id = c.id AND al.axis_id = $2 AND al.year = y.year
     WHERE c.id = $1
  ),
  ordered AS (
    SELECT x.id, x.score_hundredths AS raw_h, n.normalized_hundredths AS norm_h,
           EXISTS (SELECT 1 FROM committee_decision dr WHERE dr.application_id = x.id AND dr.outcome = 'rejected') AS rejected,
           row_number() OVER (ORDER BY ${scoreColumn} DESC NULLS LAST, x.reference, x.id) AS rank
      FROM axis_apps x
      LEFT JOIN norm_app n ON n.application_id = x.id
  ),
  amounts AS (
    SELECT o.id, o.rank, y.year, y.allocation, COALESCE(q.amount_cents, 0) AS requested, r.cents AS recommended,
           -- A project the committee rejects (simulation or published) frees its amount for the rows below:
           -- the line moves down, and decisions read the same lines.
           CASE WHEN o.rejected THEN 0 ELSE ${amount} END AS amount
      FROM ordered o
      CROSS JOIN years y
      -- An aggregate keeps this a per-row primary-key lookup (one row at most) instead of a scan of every request.
      LEFT JOIN LATERAL (
        SELECT max(rq.amount_cents) AS amount_cents FROM application_request rq WHERE rq.application_id = o.id AND rq.year = y.year
      ) q ON true
      -- Per application and year through the assignment index: only the axis's reviews are read.
      LEFT JOIN LATERAL (
        SELECT round(avg(rr.amount_cents))::bigint AS cents
          FROM review_assignment ra
          JOIN review_recommendation rr ON rr.assignment_id = ra.id AND rr.year = y.year
         WHERE ra.application_id = o.id AND ra.status = 'accepted' AND ra.review_status = 'submitted'
      ) r ON true
  ),
  running AS (
    SELECT am.*, sum(am.amount) OVER (PARTITION BY am.year ORDER BY am.rank ROWS UNBOUNDED PRECEDING) AS running
      FROM amounts am
  ),
  per_app AS (
    SELECT id, rank,
           array_agg(amount ORDER BY year) AS amounts, array_agg(requested ORDER BY year) AS requested,
           array_agg(recommended ORDER BY year) AS recommended, array_agg(running ORDER BY year) AS running,
           sum(amount) AS total_amount, bool_or(running > allocation) AS passes
      FROM running
     GROUP BY id, rank
  ),
  lined AS (
    SELECT p.*,
           bool_or(p.passes) OVER (ORDER BY p.rank ROWS UNBOUNDED PRECEDING) AS below,
           min(p.rank) FILTER (WHERE p.passes) OVER () AS cut_rank,
           count(*) OVER () AS total_count
      FROM per_app p
  )
  `;
}

/**
 * The committee's ranking page ($3 offset, $4 limit) of one axis against its envelope, in one SQL
 * statement: the lines above, of which only the requested page gets its joins (organisation,
 * assignments, decision). Cost: the axis's applications, their reviews and requests — never the rest of the call.
 */
export function rankingSql(options: { score: RankingScore; amount: RankingAmount }): string {
  return `${rankingLinesSql(options)}
  SELECT l.rank, l.total_count, l.cut_rank, l.below, a.id, a.reference, a.title, org.legal_name AS organization_name, a.status::text AS status,
         o.raw_h, o.norm_h, a.review_count, a.divergent,
         COALESCE(ra.expected, 0)::int AS expected, COALESCE(ra.submitted, 0)::int AS submitted, COALESCE(ra.conflict, false) AS conflict,
         l.amounts, l.requested, l.recommended, l.running, l.total_amount,
         d.outcome, d.published_at IS NOT NULL AS published, d.version AS decision_version
    FROM (SELECT * FROM lined WHERE rank > $3 ORDER BY rank LIMIT $4) l
    JOIN ordered o ON o.id = l.id
    JOIN application a ON a.id = l.id
    JOIN organization org ON org.id = a.organization_id
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE ra.status IN ('assigned', 'accepted')) AS expected,
             count(*) FILTER (WHERE ra.review_status = 'submitted') AS submitted,
             bool_or(ra.status = 'recused') AS conflict
        FROM review_assignment ra WHERE ra.application_id = a.id
    ) ra ON true
    LEFT JOIN committee_decision d ON d.application_id = a.id
   ORDER BY l.rank`;
}

