import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListReviewersQuery, ReviewerProfileRequest, ReviewerView } from '@tremplin/contracts';
import { AuditService } from '../core/audit/audit.service';
import { diffOf } from '../core/audit/audit-chain';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';

interface ReviewerRow {
  user_id: string; full_name: string; email: string; account_active: boolean;
  axis_codes: string[] | null; territories: string[] | null; capacity: number | null; active: boolean | null; version: number | null;
  load: number | null;
}

/** Defaults of the database for a reviewer who has no profile yet (version 0: not saved). */
const NO_PROFILE = { axisCodes: [], territories: [], capacity: 40, active: true, version: 0 };

/** Reviewer profiles (issue #7 §2): what each reviewer knows and how much they take, edited by staff. */
@Injectable()
export class ReviewerProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListReviewersQuery): Promise<ReviewerView[]> {
    return this.read(this.dataSource.manager, null, query.callId ?? null);
  }

  async update(actor: Actor, userId: string, input: ReviewerProfileRequest): Promise<ReviewerView> {
    return this.dataSource.transaction(async (manager) => {
      const [user] = await manager.query(`SELECT id FROM app_user WHERE id = $1 AND role = 'reviewer' FOR UPDATE`, [userId]);
      if (!user) throw AppException.notFound();
      const unknown: Array<{ code: string }> = await manager.query(
        `SELECT c.code FROM unnest($1::text[]) AS c(code) WHERE NOT EXISTS (SELECT 1 FROM call_axis x WHERE x.code = c.code) ORDER BY c.code`, [input.axisCodes],
      );
      if (unknown.length) {
        throw AppException.validation([{ field: 'axisCodes', code: 'AXIS_UNKNOWN', message: 'AXIS_UNKNOWN' }]);
      }
      const [current] = await this.read(manager, userId, null);
      if (!current || current.profile.version !== input.version) throw AppException.conflict('STALE_VERSION');
      const axisCodes = [...input.axisCodes].sort();
      const territories = [...input.territories].sort();
      await manager.query(
        `INSERT INTO reviewer_profile (user_id, axis_codes, territories, capacity, active) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET axis_codes = $2, territories = $3, capacity = $4, active = $5,
           updated_at = now(), version = reviewer_profile.version + 1`,
        [userId, axisCodes, territories, input.capacity, input.active],
      );
      const [view] = await this.read(manager, userId, null);
      if (!view) throw AppException.notFound();
      const { version: _before, ...before } = current.profile;
      const { version: _after, ...after } = view.profile;
      await this.audit.record(manager, actor, { action: 'reviewer.profile-updated', entityType: 'user', entityId: userId, diff: diffOf(before, after) });
      return view;
    });
  }

  private async read(manager: EntityManager, userId: string | null, callId: string | null): Promise<ReviewerView[]> {
    const rows: ReviewerRow[] = await manager.query(
      `SELECT u.id AS user_id, u.full_name, u.email, u.active AS account_active,
              p.axis_codes, p.territories, p.capacity, p.active, p.version,
              CASE WHEN $2::uuid IS NULL THEN NULL ELSE
                (SELECT count(*)::int FROM review_assignment ra WHERE ra.call_id = $2::uuid AND ra.reviewer_id = u.id AND ra.status IN ('assigned','accepted')) END AS load
         FROM app_user u LEFT JOIN reviewer_profile p ON p.user_id = u.id
        WHERE u.role = 'reviewer' AND ($1::uuid IS NULL OR u.id = $1::uuid)
        ORDER BY u.full_name, u.id`,
      [userId, callId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      fullName: r.full_name,
      email: r.email,
      accountActive: r.account_active,
      profile: r.version === null
        ? { ...NO_PROFILE }
        : { axisCodes: r.axis_codes ?? [], territories: (r.territories ?? []) as ReviewerView['profile']['territories'], capacity: r.capacity ?? 0, active: r.active ?? false, version: r.version },
      load: r.load,
    }));
  }
}
