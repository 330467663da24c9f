import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  EnvelopeFitQuery, EnvelopeFitView, EnvelopeLineView, RankingAmount, RankingQuery, RankingRowView, RankingScore, RankingView,
} from '@tremplin/contracts';
import { AppException } from '../core/errors/app.exception';
import { pageParams } from '../core/pagination';
import { EnvelopeFitRunner } from './envelope-fit-runner';
import { rankingSql } from './ranking.sql';

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

/** Reads a query-string score (regex-checked by the DTO) as hundredths, refusing above 100. */
export function scoreParam(value: string | undefined, field: string): number {
  if (value === undefined) return 0;
  const hundredths = Math.round(Number(value) * 100);
  if (hundredths > 10_000) throw AppException.validation([{ field, code: 'max', message: `${field} must not exceed 100` }]);
  return hundredths;
}

@Injectable()
export class RankingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fitRunner: EnvelopeFitRunner,
  ) {}

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
    // A rejected project is out of both lines (its amount is freed in the ranking: it would count for nothing).
    const items = (await this.rows(axis, options, 0, null)).items.filter((row) => row.decision?.outcome !== 'rejected');
    const scoreOf = (row: RankingRowView): number => (options.score === 'normalized' ? row.normalizedScore : row.rawScore) ?? 0;
    // In a worker thread: the solve (up to 3 s) must not stop the API answering everyone else.
    const fit = await this.fitRunner.fit(
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
