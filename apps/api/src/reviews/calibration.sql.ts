/**
 * The normalised score of each application, in SQL, computed exactly as libs/domain `normalizeScores`
 * does (same formula, same operation order in IEEE doubles, same half-up rounding to hundredths), from
 * the submitted reviews (`review_assignment`) and the kept moments of each reviewer (`reviewer_call_stat`).
 * `reviews.int-spec.ts` checks it against the domain function on a fixture.
 *
 * Use (e.g. the ranking SQL), with the call id as the parameter named in `callIdParam`:
 *
 *   SELECT a.id, ns.normalized_hundredths
 *     FROM application a
 *     LEFT JOIN (${normalizedScoresSql('$1')}) ns ON ns.application_id = a.id
 *    WHERE a.call_id = $1
 *
 * Rows: `application_id uuid`, `review_count int`, `normalized_hundredths int` (0‥10000, i.e. the score × 100);
 * applications without a submitted review have no row. `applicationIdCondition`, a condition on the
 * application id such as `= ANY($2)` (a uuid[] parameter) or `IN (SELECT id FROM page)`, restricts the rows
 * to some applications (one page) while the call's moments stay those of the whole call.
 *
 * The rule (see normalizeScores): with μ, σ the mean and population σ of every submitted total of the call,
 * μr, σr those of reviewer r: r with ≥ 2 reviews and σr > 0 → clamp(μ + σ·(total − μr)/σr, 0, 10000);
 * ≥ 2 reviews all equal → clamp(μ); a single review → the total. Each is rounded half-up to a hundredth;
 * the application's score is the half-up mean of those (meanFromSum).
 */
export function normalizedScoresSql(callIdParam: string, applicationIdCondition?: string): string {
  // n·Σx² − (Σx)² exactly (numeric), then one conversion to double — as the domain's integer moments.
  const scaled = (n: string, s: string, q: string) => `((${n})::numeric * (${q}) - (${s})::numeric * (${s}))::float8`;
  const restrict = applicationIdCondition ? ` AND ra.application_id ${applicationIdCondition}` : '';
  return `
    WITH call_moments AS (
      SELECT sum(review_count)::float8 AS n,
             sum(sum_hundredths)::float8 / sum(review_count)::float8 AS mu,
             sqrt(${scaled('sum(review_count)', 'sum(sum_hundredths)', 'sum(sum_squares)')}) / sum(review_count)::float8 AS sigma
        FROM reviewer_call_stat
       WHERE call_id = ${callIdParam} AND review_count > 0
    ), normalized AS (
      SELECT ra.application_id,
             floor(CASE
               WHEN rs.review_count < 2 THEN ra.total_hundredths::float8
               WHEN ${scaled('rs.review_count', 'rs.sum_hundredths', 'rs.sum_squares')} = 0 THEN LEAST(10000::float8, GREATEST(0::float8, cm.mu))
               ELSE LEAST(10000::float8, GREATEST(0::float8,
                 cm.mu + (cm.sigma * (ra.total_hundredths::float8 - rs.sum_hundredths::float8 / rs.review_count::float8))
                   / (sqrt(${scaled('rs.review_count', 'rs.sum_hundredths', 'rs.sum_squares')}) / rs.review_count::float8)))
             END + 0.5)::bigint AS hundredths
        FROM review_assignment ra
        JOIN reviewer_call_stat rs ON rs.call_id = ra.call_id AND rs.reviewer_id = ra.reviewer_id
        CROSS JOIN call_moments cm
       WHERE ra.call_id = ${callIdParam} AND ra.status = 'accepted' AND ra.review_status = 'submitted'${restrict}
    )
    SELECT application_id, count(*)::int AS review_count,
           div(2 * sum(hundredths) + count(*), 2 * count(*))::int AS normalized_hundredths
      FROM normalized
     GROUP BY application_id`;
}
