/**
 * The normalised score in SQL, computed exactly as libs/domain `normalizeScores` does (its doc is the
 * specification), from the per-reviewer moments kept in `reviewer_call_stat` instead of re-reading
 * every review of the call:
 * - call μ, σ: mean and population standard deviation of every submitted total of the call
 *   (Σ count, Σ sum, Σ squares over the call's reviewer stats);
 * - per review by reviewer r (μr, σr): count < 2 (or no stats) → the raw total; σr = 0 → μ;
 *   else μ + σ × (total − μr) / σr; clamped to 0‥10000 hundredths, rounded half-up to the hundredth;
 * - per application: mean of its reviews' normalised totals, rounded half-up (integer arithmetic).
 * Variances are taken as n·Σx² − (Σx)² in exact numeric, then the same IEEE double operations as
 * the domain function, in the same order, so that both give the same hundredths.
 */

/** n·Σx² − (Σx)² of a stats row (exact), aliased `alias`. */
const scaledVariance = (alias: string): string =>
  `(${alias}.review_count::numeric * ${alias}.sum_squares - ${alias}.sum_hundredths::numeric * ${alias}.sum_hundredths)`;

/**
 * CTEs (without the leading WITH, ending without a comma) giving `norm_app(application_id,
 * normalized_hundredths)` for the applications of the relation `applications` (a CTE with an `id`
 * column), `callParam` being the placeholder of the call id.
 */
export function normalizedScoreCtes(callParam: string, applications: string): string {
  return `
  norm_call AS (
    SELECT sum(st.sum_hundredths)::float8 / NULLIF(sum(st.review_count), 0)::float8 AS mu,
           sqrt((sum(st.review_count)::numeric * sum(st.sum_squares) - sum(st.sum_hundredths)::numeric * sum(st.sum_hundredths))::float8)
             / NULLIF(sum(st.review_count), 0)::float8 AS sigma
      FROM reviewer_call_stat st
     WHERE st.call_id = ${callParam}
  ),
  -- Per application through its index (a lateral aggregate), so that only the axis's reviews are read.
  norm_app AS (
    SELECT x.id AS application_id, n.normalized_hundredths
      FROM ${applications} x
      CROSS JOIN norm_call c
      CROSS JOIN LATERAL (
        -- sum() of bigint is numeric: div() keeps the integer floor of meanFromSum (never a numeric round).
        SELECT div(2 * sum(r.hundredths) + count(*), 2 * count(*))::int AS normalized_hundredths
          FROM (
            SELECT floor(CASE
                     WHEN s.review_count IS NULL OR s.review_count < 2 THEN ra.total_hundredths::float8
                     WHEN ${scaledVariance('s')} = 0 THEN least(10000::float8, greatest(0::float8, c.mu))
                     ELSE least(10000::float8, greatest(0::float8,
                       c.mu + (c.sigma * (ra.total_hundredths::float8 - s.sum_hundredths::float8 / s.review_count::float8))
                              / (sqrt(${scaledVariance('s')}::float8) / s.review_count::float8)))
                   END + 0.5)::bigint AS hundredths
              FROM review_assignment ra
              LEFT JOIN reviewer_call_stat s ON s.call_id = ${callParam} AND s.reviewer_id = ra.reviewer_id
             WHERE ra.application_id = x.id AND ra.review_status = 'submitted'
          ) r
        HAVING count(*) > 0
      ) n
  )`;
}
