/**
 * The normalised score in SQL — the one definition, used by the calibration, the reviews panel and the
 * committee's ranking — computed exactly as libs/domain `normalizeScores` does (its doc is the
 * specification), from the per-reviewer moments kept in `reviewer_call_stat` instead of re-reading every
 * review of the call:
 * - call μ, σ: mean and population standard deviation of every submitted total of the call
 *   (Σ count, Σ sum, Σ squares over the call's reviewer stats);
 * - per review by reviewer r (μr, σr): count < 2 (or no stats) → the raw total; σr = 0 → μ;
 *   else μ + σ × (total − μr) / σr; clamped to 0‥10000 hundredths, rounded half-up to the hundredth;
 * - per application: the half-up mean of its reviews' normalised totals (meanFromSum, integer arithmetic).
 * Only submitted reviews of accepted assignments count, as for the consolidated score: a recused or
 * withdrawn reviewer's review never weighs. Variances are taken as n·Σx² − (Σx)² in exact numeric,
 * then the same IEEE double operations as the domain function, in the same order, so that both give
 * the same hundredths (`reviews.int-spec` and `ranking.int-spec` compare them with the domain function).
 * Kept free of Nest and TypeORM imports: the ranking benchmark sends this text to PostgreSQL directly.
 */

/** n·Σx² − (Σx)² of a stats row (exact), aliased `alias`. */
const scaledVariance = (alias: string): string =>
  `(${alias}.review_count::numeric * ${alias}.sum_squares - ${alias}.sum_hundredths::numeric * ${alias}.sum_hundredths)`;

/**
 * CTEs (without the leading WITH, ending without a comma) giving `norm_app(application_id, review_count,
 * normalized_hundredths)` for the applications of the relation `applications` (a CTE with an `id`
 * column; applications without a submitted review get no row), `callParam` being the call id's parameter.
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
  -- Per application through its index (a lateral aggregate), so that only these applications' reviews are read.
  norm_app AS (
    SELECT x.id AS application_id, n.review_count, n.normalized_hundredths
      FROM ${applications} x
      CROSS JOIN norm_call c
      CROSS JOIN LATERAL (
        -- sum() of bigint is numeric: div() keeps the integer floor of meanFromSum (never a numeric round).
        SELECT count(*)::int AS review_count, div(2 * sum(r.hundredths) + count(*), 2 * count(*))::int AS normalized_hundredths
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
             WHERE ra.application_id = x.id AND ra.status = 'accepted' AND ra.review_status = 'submitted'
          ) r
        HAVING count(*) > 0
      ) n
  )`;
}

/**
 * The same as a sub-select of rows `application_id, review_count, normalized_hundredths`, for the
 * applications of the call (`callIdParam`) that have a submitted review, optionally restricted by
 * `applicationIdCondition` (e.g. `= ANY($2::uuid[])` or `IN (SELECT id FROM page)`); the call's moments
 * stay those of the whole call. Use: `LEFT JOIN (${normalizedScoresSql('$1')}) ns ON ns.application_id = a.id`.
 */
export function normalizedScoresSql(callIdParam: string, applicationIdCondition?: string): string {
  const restrict = applicationIdCondition ? ` AND ra.application_id ${applicationIdCondition}` : '';
  return `
    WITH scored_apps AS (
      SELECT DISTINCT ra.application_id AS id FROM review_assignment ra
       WHERE ra.call_id = ${callIdParam} AND ra.status = 'accepted' AND ra.review_status = 'submitted'${restrict}
    ),
    ${normalizedScoreCtes(callIdParam, 'scored_apps')}
    SELECT application_id, review_count, normalized_hundredths FROM norm_app`;
}
