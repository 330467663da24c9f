import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  EnvelopeFitQuery, EnvelopeFitView, EnvelopeLineView, RankingAmount, RankingQuery, RankingRowView, RankingScore, RankingView,
} from '@tremplin/contracts';
import { fitEnvelope } from '@tremplin/domain/solver';
import { AppException } from '../core/errors/app.exception';
import { pageParams } from '../core/pagination';
import { normalizedScoreCtes } from './normalized-score.sql';

/** Statuses an admissible application goes through; withdrawn, inadmissible and earlier ones are not ranked. */
export const RANKED_STATUSES = ['admissible', 'under_review', 'reviewed', 'retained', 'waitlisted', 'rejected'] as const;

export interface RankingAxis {
  callId: string;
  axisId: string;
  axisCode: string;
  years: number[];
  allocations: Array<{ year: number; allocationCents: number }>;
}

export interface RankingOptions {
  score: RankingScore;
  amount: RankingAmount;
  /** Threshold in hundredths of a point. */
  minScoreHundredths: number;
}

export interface RankingPage {
  total: number;
  cutLineRank: number | null;
  items: RankingRowView[];
}

interface RankingRow {
  rank: string;
  total_count: string;
  cut_rank: string | null;
  below: boolean;
  id: string;
  reference: string;
  title: string;
  organization_name: string;
  status: string;
  raw_h: number | null;
  norm_h: number | null;
  review_count: number;
  expected: number;
  submitted: number;
  conflict: boolean;
  divergent: boolean;
  amounts: string[];
  requested: string[];
  recommended: Array<string | null>;
  running: string[];
  total_amount: string;
  outcome: 'retained' | 'waitlisted' | 'rejected' | null;
  published: boolean | null;
  decision_version: number | null;
}

const hundredthsToScore = (h: number | null): number | null => (h === null ? null : h / 100);

/**
 * The committee's ranking of one axis against its envelope, in one SQL statement: the axis's
 * applications ordered by the chosen score, the amount per call year, running totals per year (window
 * sums over the whole axis order) and the strict cut line, of which only the requested page gets its
 * joins (organisation, assignments, decision). Cost: the axis's applications, their reviews and
 * requests — never the rest of the call.
 */
export function rankingSql(options: Pick<RankingOptions, 'score' | 'amount'>): string {
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
  recommended AS (
    SELECT ra.application_id, rr.year, round(avg(rr.amount_cents))::bigint AS cents
      FROM axis_apps x
      JOIN review_assignment ra ON ra.application_id = x.id AND ra.review_status = 'submitted'
      JOIN review_recommendation rr ON rr.assignment_id = ra.id
     GROUP BY ra.application_id, rr.year
  ),
  ordered AS (
    SELECT x.id, x.score_hundredths AS raw_h, n.normalized_hundredths AS norm_h,
           row_number() OVER (ORDER BY ${scoreColumn} DESC NULLS LAST, x.reference, x.id) AS rank
      FROM axis_apps x
      LEFT JOIN norm_app n ON n.application_id = x.id
  ),
  amounts AS (
    SELECT o.id, o.rank, y.year, y.allocation, COALESCE(q.amount_cents, 0) AS requested, r.cents AS recommended, ${amount} AS amount
      FROM ordered o
      CROSS JOIN years y
      LEFT JOIN application_request q ON q.application_id = o.id AND q.year = y.year
      LEFT JOIN recommended r ON r.application_id = o.id AND r.year = y.year
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

/** Reads a query-string score (regex-checked by the DTO) as hundredths, refusing above 100. */
export function scoreParam(value: string | undefined, field: string): number {
  if (value === undefined) return 0;
  const hundredths = Math.round(Number(value) * 100);
  if (hundredths > 10_000) throw AppException.validation([{ field, code: 'max', message: `${field} must not exceed 100` }]);
  return hundredths;
}

@Injectable()
export class RankingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The call and axis, with the axis × year allocations; 404 for an unknown call, 400 for an axis it does not have. */
  async axis(callId: string, axisCode: string): Promise<RankingAxis> {
    const calls = await this.dataSource.query<Array<{ years: number[] }>>(`SELECT years FROM call WHERE id = $1`, [callId]);
    const call = calls[0];
    if (!call) throw AppException.notFound();
    const axes = await this.dataSource.query<Array<{ id: string }>>(`SELECT id FROM call_axis WHERE call_id = $1 AND code = $2`, [callId, axisCode]);
    const axis = axes[0];
    if (!axis) throw AppException.validation([{ field: 'axis', code: 'unknown', message: `axis ${axisCode} is not an axis of this call` }]);
    const rows = await this.dataSource.query<Array<{ year: number; amount_cents: string }>>(
      `SELECT year, amount_cents FROM call_allocation WHERE call_id = $1 AND axis_id = $2`, [callId, axis.id],
    );
    const byYear = new Map(rows.map((r) => [r.year, Number(r.amount_cents)]));
    const years = [...call.years].sort((a, b) => a - b);
    return { callId, axisId: axis.id, axisCode, years, allocations: years.map((year) => ({ year, allocationCents: byYear.get(year) ?? 0 })) };
  }

  /** Ranks `limit` rows after the first `offset` (the running totals always count the whole axis order). */
  async rows(axis: RankingAxis, options: RankingOptions, offset: number, limit: number | null): Promise<RankingPage> {
    const rows = await this.dataSource.query<RankingRow[]>(rankingSql(options), [axis.callId, axis.axisId, offset, limit]);
    let total = Number(rows[0]?.total_count ?? 0);
    let cutLineRank = rows[0]?.cut_rank == null ? null : Number(rows[0].cut_rank);
    if (rows.length === 0 && offset > 0) {
      // A page past the end still tells how many rows there are and where the line is.
      const first = await this.dataSource.query<RankingRow[]>(rankingSql(options), [axis.callId, axis.axisId, 0, 1]);
      total = Number(first[0]?.total_count ?? 0);
      cutLineRank = first[0]?.cut_rank == null ? null : Number(first[0].cut_rank);
    }
    return { total, cutLineRank, items: rows.map((row) => this.toView(row, axis, options)) };
  }

  async ranking(callId: string, query: RankingQuery): Promise<RankingView> {
    const options = this.options(query);
    const axis = await this.axis(callId, query.axis);
    const { page, pageSize, offset } = pageParams(query.page, query.pageSize);
    const result = await this.rows(axis, options, offset, pageSize);
    return {
      callId, axisCode: axis.axisCode, score: options.score, amount: options.amount, years: axis.years, allocations: axis.allocations,
      cutLineRank: result.cutLineRank, minScore: options.minScoreHundredths / 100, total: result.total, page, pageSize, items: result.items,
    };
  }

  options(query: { score?: RankingScore; amount?: RankingAmount; minScore?: string }): RankingOptions {
    return { score: query.score ?? 'raw', amount: query.amount ?? 'requested', minScoreHundredths: scoreParam(query.minScore, 'minScore') };
  }

  /** The strict rank-order line beside the integer program's best set within every year's allocation. */
  async envelopeFit(callId: string, query: EnvelopeFitQuery): Promise<EnvelopeFitView> {
    const options = this.options(query);
    const reductionBasisPoints = scoreParam(query.maxReductionPercent, 'maxReductionPercent');
    const axis = await this.axis(callId, query.axis);
    const { items } = await this.rows(axis, options, 0, null);
    const scoreOf = (row: RankingRowView): number => (options.score === 'normalized' ? row.normalizedScore : row.rawScore) ?? 0;
    const fit = await fitEnvelope(
      items.map((row) => ({ id: row.applicationId, score: scoreOf(row), amounts: row.years.map((y) => ({ year: y.year, amountCents: y.amountCents })) })),
      axis.allocations.map((a) => ({ year: a.year, amountCents: a.allocationCents })),
      { maxReductionBasisPoints: reductionBasisPoints, minScore: options.minScoreHundredths / 100, timeLimitSeconds: 3 },
    );
    const allocationOf = new Map(axis.allocations.map((a) => [a.year, a.allocationCents]));
    const line = (ids: string[], totalScore: number, amounts: Array<{ year: number; amountCents: number }>, used: Array<{ year: number; amountCents: number }>): EnvelopeLineView => ({
      applicationIds: ids,
      projects: ids.length,
      totalScore,
      amounts,
      used: used.map((u) => ({ year: u.year, amountCents: u.amountCents, allocationCents: allocationOf.get(u.year) ?? 0 })),
    });
    const strict = line(fit.strict.ids, fit.strict.totalScore, fit.strict.requested, fit.strict.requested);
    const suggested = line(fit.ids, fit.totalScore, fit.requested, fit.granted);
    const byId = new Map(items.map((row) => [row.applicationId, row]));
    const inStrict = new Set(strict.applicationIds);
    const inSuggested = new Set(suggested.applicationIds);
    const entry = (id: string) => ({ applicationId: id, reference: byId.get(id)?.reference ?? '', rank: byId.get(id)?.rank ?? 0 });
    const years = axis.years.map((year, y) => ({ year, amountCents: (suggested.used[y]?.amountCents ?? 0) - (strict.used[y]?.amountCents ?? 0) }));
    return {
      callId, axisCode: axis.axisCode, score: options.score, amount: options.amount,
      minScore: options.minScoreHundredths / 100, maxReductionPercent: reductionBasisPoints / 100,
      strict,
      suggested: { ...suggested, reductionPercent: fit.reductionBasisPoints / 100 },
      difference: {
        added: suggested.applicationIds.filter((id) => !inStrict.has(id)).map(entry),
        dropped: strict.applicationIds.filter((id) => !inSuggested.has(id)).map(entry),
        projects: suggested.projects - strict.projects,
        years,
        totalCents: years.reduce((acc, y) => acc + y.amountCents, 0),
      },
      solver: { status: fit.status, gap: fit.gap },
    };
  }

  private toView(row: RankingRow, axis: RankingAxis, options: RankingOptions): RankingRowView {
    const raw = hundredthsToScore(row.raw_h);
    const normalized = hundredthsToScore(row.norm_h);
    const chosen = options.score === 'normalized' ? row.norm_h : row.raw_h;
    return {
      rank: Number(row.rank),
      applicationId: row.id,
      reference: row.reference,
      title: row.title,
      organizationName: row.organization_name,
      status: row.status,
      rawScore: raw,
      normalizedScore: normalized,
      reviewCount: row.review_count,
      expectedReviewCount: row.expected,
      years: axis.years.map((year, y) => ({
        year,
        amountCents: Number(row.amounts[y] ?? 0),
        requestedCents: Number(row.requested[y] ?? 0),
        recommendedCents: row.recommended[y] == null ? null : Number(row.recommended[y]),
        runningTotalCents: Number(row.running[y] ?? 0),
        allocationCents: axis.allocations[y]?.allocationCents ?? 0,
      })),
      totalAmountCents: Number(row.total_amount),
      aboveCutLine: !row.below,
      flags: {
        belowThreshold: (chosen ?? 0) < options.minScoreHundredths,
        divergent: row.divergent,
        incompleteReviews: row.submitted < row.expected,
        conflict: row.conflict,
      },
      decision: row.outcome === null ? null : { outcome: row.outcome, published: row.published === true, version: row.decision_version ?? 1 },
    };
  }
}
