import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CommitteeSessionDetailView, CommitteeSessionView, OpenCommitteeSessionRequest, ProjectedYearView } from '@tremplin/contracts';
import { Call } from '../calls/call.entity';
import { CallAxis } from '../calls/call-axis.entity';
import { diffOf } from '../core/audit/audit-chain';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';
import { CommitteeSession } from './committee.entities';

interface SessionRow {
  id: string; call_id: string; axis_code: string; sits_on: string; deliberation_reference: string; status: 'open' | 'published';
  opened_at: Date; published_at: Date | null; version: number; retained: string; waitlisted: string; rejected: string;
}

/** The session list's query: one row per session with its decision counts (one aggregate, not one query per session). */
const SESSION_SELECT = `
  SELECT s.id, s.call_id, ax.code AS axis_code, to_char(s.sits_on, 'YYYY-MM-DD') AS sits_on, s.deliberation_reference, s.status,
         s.opened_at, s.published_at, s.version,
         count(d.application_id) FILTER (WHERE d.outcome = 'retained') AS retained,
         count(d.application_id) FILTER (WHERE d.outcome = 'waitlisted') AS waitlisted,
         count(d.application_id) FILTER (WHERE d.outcome = 'rejected') AS rejected
    FROM committee_session s
    JOIN call_axis ax ON ax.id = s.axis_id
    LEFT JOIN committee_decision d ON d.session_id = s.id`;

function toView(r: SessionRow): CommitteeSessionView {
  return {
    id: r.id, callId: r.call_id, axisCode: r.axis_code, sitsOn: r.sits_on, deliberationReference: r.deliberation_reference, status: r.status,
    openedAt: new Date(r.opened_at).toISOString(), publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null, version: r.version,
    counts: { retained: Number(r.retained), waitlisted: Number(r.waitlisted), rejected: Number(r.rejected) },
  };
}

/** Committee sessions: one per axis sitting; opening one locks that axis's scores (the review work checks the table). */
@Injectable()
export class CommitteeSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async open(actor: Actor, callId: string, input: OpenCommitteeSessionRequest): Promise<CommitteeSessionDetailView> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Call, { id: callId }))) throw AppException.notFound();
      const axis = await manager.findOneBy(CallAxis, { callId, code: input.axisCode });
      if (!axis) throw AppException.validation([{ field: 'axisCode', code: 'AXIS_UNKNOWN', message: 'AXIS_UNKNOWN' }]);
      // Serialises the openings on one axis, so that the check below sees a concurrent opening (the unique index backs it).
      await manager.query('SELECT 1 FROM call_axis WHERE id = $1 FOR UPDATE', [axis.id]);
      if (await manager.existsBy(CommitteeSession, { callId, axisId: axis.id, status: 'open' })) {
        throw AppException.conflict('COMMITTEE_SESSION_ALREADY_OPEN', { axisCode: axis.code });
      }
      const session = await manager.save(manager.create(CommitteeSession, {
        callId, axisId: axis.id, sitsOn: input.sitsOn, deliberationReference: input.deliberationReference.trim(), openedBy: actor.userId,
      }));
      await this.audit.record(manager, actor, {
        action: 'committee-session.opened', entityType: 'committee_session', entityId: session.id,
        diff: diffOf({ axisCode: null, sitsOn: null, deliberationReference: null }, { axisCode: axis.code, sitsOn: input.sitsOn, deliberationReference: session.deliberationReference }),
      });
      return this.detail(manager, session.id);
    });
  }

  async list(callId: string): Promise<CommitteeSessionView[]> {
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Call, { id: callId }))) throw AppException.notFound();
    const rows: SessionRow[] = await manager.query(
      `${SESSION_SELECT} WHERE s.call_id = $1 GROUP BY s.id, ax.code, ax.position ORDER BY s.opened_at DESC, ax.position`, [callId],
    );
    return rows.map(toView);
  }

  async get(id: string): Promise<CommitteeSessionDetailView> {
    return this.detail(this.dataSource.manager, id);
  }

  async detail(manager: EntityManager, id: string): Promise<CommitteeSessionDetailView> {
    const [row] = (await manager.query(`${SESSION_SELECT} WHERE s.id = $1 GROUP BY s.id, ax.code`, [id])) as SessionRow[];
    if (!row) throw AppException.notFound();
    const session = await manager.findOneByOrFail(CommitteeSession, { id });
    return { ...toView(row), projected: await projectedUse(manager, session.callId, session.axisId) };
  }
}

/**
 * Projected use of each year's allocation of one axis: retained grants of every decision in the axis,
 * published or still a simulation (SQL aggregates over bigint).
 */
export async function projectedUse(manager: EntityManager, callId: string, axisId: string): Promise<ProjectedYearView[]> {
  const rows: Array<{ year: number; allocation: string; published: string; granted: string }> = await manager.query(
    `SELECT al.year, al.amount_cents AS allocation,
            COALESCE(sum(g.amount_cents) FILTER (WHERE d.published_at IS NOT NULL), 0) AS published,
            COALESCE(sum(g.amount_cents), 0) AS granted
       FROM call_allocation al
       LEFT JOIN (decision_grant g
                  JOIN committee_decision d ON d.application_id = g.application_id AND d.outcome = 'retained'
                  JOIN application a ON a.id = d.application_id AND a.call_id = $1 AND a.axis_id = $2)
              ON g.year = al.year
      WHERE al.call_id = $1 AND al.axis_id = $2
      GROUP BY al.year, al.amount_cents
      ORDER BY al.year`,
    [callId, axisId],
  );
  return rows.map((r) => ({
    year: r.year, allocationCents: Number(r.allocation), publishedCents: Number(r.published), grantedCents: Number(r.granted),
    remainingCents: Number(BigInt(r.allocation) - BigInt(r.granted)),
  }));
}

