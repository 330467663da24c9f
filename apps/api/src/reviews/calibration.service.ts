import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CalibrationQuery, CalibrationView } from '@tremplin/contracts';
import { severitiesFromMoments } from '@tremplin/domain';
import { AppException } from '../core/errors/app.exception';
import { pageParams } from '../core/pagination';
import { normalizedScoresSql } from './calibration.sql';

interface StatRow { reviewer_id: string; full_name: string; review_count: number; sum_hundredths: string; sum_squares: string }
interface ApplicationRow {
  id: string; reference: string; title: string; axis_code: string; review_count: number;
  score_hundredths: number | null; divergent: boolean; normalized_hundredths: number | null;
}

/**
 * Calibration of a call (issue #7 §5): each reviewer's severity from their kept moments
 * (`reviewer_call_stat`, never by reading every review) and a page of applications with their raw and
 * normalised scores.
 */
@Injectable()
export class CalibrationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forCall(callId: string, query: CalibrationQuery): Promise<CalibrationView> {
    const manager = this.dataSource.manager;
    const [call] = await manager.query<unknown[]>('SELECT 1 FROM call WHERE id = $1', [callId]);
    if (!call) throw AppException.notFound();
    const stats = await manager.query<StatRow[]>(
      `SELECT s.reviewer_id, u.full_name, s.review_count, s.sum_hundredths, s.sum_squares
         FROM reviewer_call_stat s JOIN app_user u ON u.id = s.reviewer_id
        WHERE s.call_id = $1 AND s.review_count > 0`, [callId],
    );
    const severities = severitiesFromMoments(stats.map((s) => ({
      reviewerId: s.reviewer_id, count: s.review_count, sumHundredths: Number(s.sum_hundredths), sumSquares: Number(s.sum_squares),
    })));
    const names = new Map(stats.map((s) => [s.reviewer_id, s.full_name]));

    const { page, pageSize, offset } = pageParams(query.page, query.pageSize);
    const filter = `a.call_id = $1 AND a.review_count > 0 AND ($2::text IS NULL OR x.code = $2)`;
    const [count] = await manager.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM application a JOIN call_axis x ON x.id = a.axis_id WHERE ${filter}`, [callId, query.axisCode ?? null],
    );
    // The page first (through the index on reference), then the normalised scores of those rows only.
    const rows = await manager.query<ApplicationRow[]>(
      `WITH page AS (
         SELECT a.id, a.reference, a.title, x.code AS axis_code, a.review_count, a.score_hundredths, a.divergent
           FROM application a JOIN call_axis x ON x.id = a.axis_id
          WHERE ${filter}
          ORDER BY a.reference, a.id LIMIT $3 OFFSET $4)
       SELECT p.*, ns.normalized_hundredths
         FROM page p LEFT JOIN (${normalizedScoresSql('$1', 'IN (SELECT id FROM page)')}) ns ON ns.application_id = p.id
        ORDER BY p.reference, p.id`,
      [callId, query.axisCode ?? null, pageSize, offset],
    );
    return {
      callId,
      reviewCount: severities.reviewers.reduce((acc, r) => acc + r.count, 0),
      callMean: severities.callMean,
      callStdDev: severities.callStdDev,
      reviewers: severities.reviewers.map((r) => ({ ...r, reviewerName: names.get(r.reviewerId) ?? '' })),
      applications: {
        items: rows.map((r) => ({
          applicationId: r.id, reference: r.reference, title: r.title, axisCode: r.axis_code, reviewCount: r.review_count,
          rawScore: r.score_hundredths === null ? null : r.score_hundredths / 100,
          normalizedScore: r.normalized_hundredths === null ? null : r.normalized_hundredths / 100,
          divergent: r.divergent,
        })),
        total: count?.total ?? 0,
        page,
        pageSize,
      },
    };
  }
}
