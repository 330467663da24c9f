import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuditEventView, AuditQuery, AuditVerification, Page } from '@tremplin/contracts';
import type { Actor } from '../auth/actor';
import { AuditEvent, type AuditDiff } from './audit-event.entity';
import { GENESIS_HASH, hashAuditEvent } from './audit-chain';
import { containsPattern } from '../like';
import { pageParams } from '../pagination';

// One constant key: appending takes a transaction-scoped advisory lock so that the chain stays a
// single line even when several API processes write at once.
const AUDIT_CHAIN_LOCK = 727_001;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  diff?: AuditDiff | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Must be called with the manager of the transaction that makes the change. */
  async record(manager: EntityManager, actor: Actor | null, entry: AuditEntry): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction of the change it records');
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const last: Array<{ seq: string; hash: string }> = await manager.query(
      'SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1',
    );
    const seq = last[0] ? Number(last[0].seq) + 1 : 1;
    const prevHash = last[0]?.hash ?? GENESIS_HASH;
    // Millisecond precision: what JS writes is exactly what PostgreSQL gives back.
    const occurredAt = new Date();
    const fields = {
      seq,
      id: randomUUID(),
      occurredAt,
      actorId: actor?.userId ?? null,
      actorEmail: actor?.email ?? null,
      actorRole: actor?.role ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      diff: entry.diff ?? null,
      requestId: actor?.requestId ?? null,
      prevHash,
    };
    const hash = hashAuditEvent(fields);
    // TypeORM's insert typing cannot express a jsonb column of `unknown` values; the entity is complete.
    await manager.insert(AuditEvent, manager.create(AuditEvent, { ...fields, seq: String(seq), hash }) as QueryDeepPartialEntity<AuditEvent>);
  }

  async list(query: AuditQuery): Promise<Page<AuditEventView>> {
    const { page, pageSize, offset } = pageParams(query.page, query.pageSize);
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actor) qb.andWhere('e.actor_email ILIKE :actor', { actor: containsPattern(query.actor) });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at <= :to', { to: query.to });
    const [rows, total] = await qb.orderBy('e.seq', 'DESC').offset(offset).limit(pageSize).getManyAndCount();
    const names = await this.namesOf(rows.map((r) => r.seq));
    return { items: rows.map((row) => toView(row, names.get(String(row.seq)))), total, page, pageSize };
  }

  /**
   * What people call the page's entities and actors (a reference and title, a code, a name), in one
   * query over the page's events: never one query per row. Ids that are not uuids (the grantor's
   * '1', 'system') are cast only when the entity type says they are.
   */
  private async namesOf(seqs: readonly string[]): Promise<Map<string, { entityLabel: string | null; actorName: string | null }>> {
    if (seqs.length === 0) return new Map();
    const rows: Array<{ seq: string; entity_label: string | null; actor_name: string | null }> = await this.dataSource.query(
      `SELECT e.seq,
              CASE e.entity_type
                WHEN 'application' THEN concat_ws(' — ', a.reference, a.title)
                WHEN 'call' THEN concat_ws(' — ', c.code, c.title)
                WHEN 'user' THEN concat(u.full_name, ' <', u.email, '>')
                WHEN 'organization' THEN o.legal_name
                WHEN 'application_document' THEN concat_ws(' — ', da.reference, d.file_name)
                WHEN 'application_message' THEN concat_ws(' — ', ma.reference, ma.title)
                WHEN 'grantor' THEN g.name
              END AS entity_label,
              actor.full_name AS actor_name
         FROM audit_event e
         LEFT JOIN application a ON e.entity_type = 'application' AND a.id = (CASE WHEN e.entity_type = 'application' THEN e.entity_id::uuid END)
         LEFT JOIN call c ON e.entity_type = 'call' AND c.id = (CASE WHEN e.entity_type = 'call' THEN e.entity_id::uuid END)
         LEFT JOIN app_user u ON e.entity_type = 'user' AND u.id = (CASE WHEN e.entity_type = 'user' THEN e.entity_id::uuid END)
         LEFT JOIN organization o ON e.entity_type = 'organization' AND o.id = (CASE WHEN e.entity_type = 'organization' THEN e.entity_id::uuid END)
         LEFT JOIN application_document d ON e.entity_type = 'application_document'
           AND d.id = (CASE WHEN e.entity_type = 'application_document' THEN e.entity_id::uuid END)
         LEFT JOIN application da ON da.id = d.application_id
         LEFT JOIN application_message m ON e.entity_type = 'application_message'
           AND m.id = (CASE WHEN e.entity_type = 'application_message' THEN e.entity_id::uuid END)
         LEFT JOIN application ma ON ma.id = m.application_id
         LEFT JOIN grantor g ON e.entity_type = 'grantor'
         LEFT JOIN app_user actor ON actor.id = e.actor_id
        WHERE e.seq = ANY($1::bigint[])`,
      [seqs.map(String)],
    );
    return new Map(rows.map((r) => [String(r.seq), { entityLabel: r.entity_label || null, actorName: r.actor_name }]));
  }

  /** Walks the whole chain in seq order, in batches, recomputing every hash. */
  async verify(): Promise<AuditVerification> {
    const batch = 2000;
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const rows = await this.dataSource
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.seq >= :from', { from: expectedSeq })
        .orderBy('e.seq', 'ASC')
        .limit(batch)
        .getMany();
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq) return broken(checked, expectedSeq, `event ${expectedSeq} is missing`);
        if (row.prevHash !== prevHash) return broken(checked, seq, `event ${seq} does not link to the previous event`);
        const recomputed = hashAuditEvent({ ...row, seq, diff: row.diff });
        if (recomputed !== row.hash) return broken(checked, seq, `event ${seq} was altered after it was written`);
        prevHash = row.hash;
        expectedSeq = seq + 1;
        checked++;
      }
      if (rows.length < batch) return { valid: true, checked, firstBrokenSeq: null, reason: null };
    }
  }
}

function broken(checked: number, seq: number, reason: string): AuditVerification {
  return { valid: false, checked, firstBrokenSeq: seq, reason };
}

function toView(e: AuditEvent, names?: { entityLabel: string | null; actorName: string | null }): AuditEventView {
  return {
    entityLabel: names?.entityLabel ?? null,
    actorName: names?.actorName ?? null,
    id: e.id,
    seq: Number(e.seq),
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorEmail: e.actorEmail,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    diff: e.diff,
    requestId: e.requestId,
    hash: e.hash,
  };
}
