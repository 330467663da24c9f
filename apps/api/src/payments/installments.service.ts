import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { INSTALLMENT_STATUSES, type ConventionStatus, type InstallmentStatus } from '@tremplin/domain';
import {
  type InstallmentView, type ListInstallmentsQuery, type Page, type RecordPaymentRequest, type RecordedPaymentView,
} from '@tremplin/contracts';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';
import { pageParams } from '../core/pagination';
import { conventionScopeSql } from '../conventions/conventions-read';
import { recordPayment } from '../conventions/payments';
import {
  CONVENTION_INSTALLMENTS_SQL, INSTALLMENT_SQL, makeDueSql, toInstallmentView, worklistSql, type InstallmentRow,
} from './installments.sql';

const INSTALLMENT_STATUS_WORDS: Record<InstallmentStatus, { fr: string; en: string }> = {
  planned: { fr: "prévue et pas encore exigible (l'avance à sa date, le solde une fois le bilan de l'année approuvé)", en: "planned and not due yet (the advance on its date, the balance once the year's report is approved)" },
  due: { fr: 'exigible', en: 'due' },
  paid: { fr: 'déjà payée', en: 'already paid' },
  cancelled: { fr: 'annulée', en: 'cancelled' },
};

const CONVENTION_STATUS_WORDS: Record<ConventionStatus, { fr: string; en: string }> = {
  draft: { fr: 'en projet', en: 'a draft' },
  sent: { fr: 'envoyée pour signature', en: 'sent for signature' },
  signed_by_association: { fr: "signée par l'association seulement", en: 'signed by the association only' },
  signed_by_department: { fr: 'signée, pas encore active', en: 'signed, not yet active' },
  active: { fr: 'active', en: 'active' },
  suspended: { fr: 'suspendue', en: 'suspended' },
  closed: { fr: 'close', en: 'closed' },
  terminated: { fr: 'résiliée', en: 'terminated' },
};

/** 1 to 200 printable ASCII characters, no surrounding space (a UUID, a ULID, a mandate reference…). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

/** The header's value, or null when absent; 400 naming the header when malformed. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
    throw AppException.validation([{ field: 'Idempotency-Key', code: 'IDEMPOTENCY_KEY_INVALID', message: 'Idempotency-Key must be 1 to 200 printable ASCII characters' }]);
  }
  return header;
}

/**
 * Installments (échéances) and payments (mandatements): the association follows its own, finance reads
 * every one and records payments. Money moves only through `recordPayment`, in the transaction that also
 * writes the audit event. Planned installments become due by `makeDue` (see InstallmentDueJob).
 */
@Injectable()
export class InstallmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Makes due what `checkInstallmentDue` allows in one set-based UPDATE (narrowed by `scope`), with one
   * system audit event when anything changed. Runs in the caller's transaction.
   */
  async makeDue(manager: EntityManager, scope: { installmentId?: string; conventionId?: string } = {}, today?: string): Promise<string[]> {
    const { text, values } = makeDueSql(scope, today);
    const [rows] = (await manager.query(text, values)) as [Array<{ id: string; conventionId: string; year: number; kind: string }>, number];
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id).sort();
    await this.audit.record(manager, null, {
      action: 'installments.made-due', entityType: 'installment', entityId: ids.length === 1 ? (ids[0] ?? null) : null,
      diff: { status: { before: 'planned', after: 'due' }, installments: { before: null, after: ids } },
    });
    return ids;
  }

  /** Every call's installments (the interval job), in its own transaction. */
  makeDueEverywhere(today?: string): Promise<string[]> {
    return this.dataSource.transaction((manager) => this.makeDue(manager, {}, today));
  }

  /** A convention's schedule with its payments; 404 when the convention is not in the actor's scope. */
  async forConvention(actor: Actor, conventionId: string): Promise<InstallmentView[]> {
    return this.dataSource.transaction(async (manager) => {
      // The conventions' own scope: whoever cannot read the convention cannot read its schedule (404).
      const params: unknown[] = [conventionId];
      const scope = conventionScopeSql(actor, (value) => (params.push(value), `$${params.length}`));
      const [convention] = (await manager.query(`SELECT c.id FROM convention c WHERE c.id = $1 AND ${scope}`, params)) as Array<{ id: string }>;
      if (!convention) throw AppException.notFound();
      await this.makeDue(manager, { conventionId });
      const rows = (await manager.query(CONVENTION_INSTALLMENTS_SQL, [conventionId])) as InstallmentRow[];
      return rows.map(toInstallmentView);
    });
  }

  /** Finance's worklist: what can be paid now first, then by date; one statement for the page and its total. */
  async worklist(query: ListInstallmentsQuery): Promise<Page<InstallmentView>> {
    const statuses = parseStatuses(query.status);
    const { page, pageSize, offset } = pageParams(query.page, query.pageSize);
    return this.dataSource.transaction(async (manager) => {
      await this.makeDue(manager);
      const { text, values } = worklistSql({ callId: query.callId, axisCode: query.axisCode, statuses, dueBefore: query.dueBefore }, offset, pageSize);
      const rows = (await manager.query(text, values)) as Array<InstallmentRow & { total: number; status_rank: number | null }>;
      const total = rows[0]?.total ?? 0;
      return { items: rows.filter((r) => r.id !== null).map(toInstallmentView), total, page, pageSize };
    });
  }

  /**
   * Records one payment. The installment is locked first (the order of every money path), so that a
   * replay, the checks and the payment itself see one state. A key already used returns its first
   * payment (`replayed`) whatever happened since; a key reused for a different body → 409.
   */
  async pay(actor: Actor, installmentId: string, body: RecordPaymentRequest, idempotencyKey: string | null): Promise<RecordedPaymentView> {
    return this.dataSource.transaction(async (manager) => {
      const [locked] = (await manager.query(`SELECT id, convention_id AS "conventionId" FROM installment WHERE id = $1 FOR UPDATE`, [installmentId])) as Array<{ id: string; conventionId: string }>;
      if (!locked) throw AppException.notFound();
      const input = {
        installmentId, amountCents: body.amountCents, paidOn: body.paidOn, mandateNumber: body.mandateNumber,
        accountingReference: body.accountingReference, idempotencyKey, createdBy: actor.userId,
      };
      const replay = idempotencyKey !== null && (await manager.query(`SELECT 1 FROM payment WHERE idempotency_key = $1`, [idempotencyKey])).length > 0;
      if (!replay) {
        await this.assertConventionActive(manager, locked.conventionId);
        await this.makeDue(manager, { installmentId });
        const [{ status }] = (await manager.query(`SELECT status::text AS status FROM installment WHERE id = $1`, [installmentId])) as [{ status: InstallmentStatus }];
        if (status !== 'due') {
          const words = INSTALLMENT_STATUS_WORDS[status];
          throw new AppException(HttpStatus.CONFLICT, 'INSTALLMENT_NOT_PAYABLE', { status, statusFr: words.fr, statusEn: words.en });
        }
      }
      const recorded = await recordPayment(manager, input);
      const payment = recorded.payment;
      if (recorded.replayed) {
        // recordPayment compares the installment and the amount; the rest of the body must match too.
        const same = payment.paidOn === body.paidOn && payment.mandateNumber === body.mandateNumber && payment.accountingReference === body.accountingReference;
        if (!same) throw AppException.conflict('IDEMPOTENCY_KEY_REUSED');
      } else {
        // recordPayment's last statement locked the convention row: a suspension committed meanwhile is seen now.
        await this.assertConventionActive(manager, locked.conventionId);
        await this.audit.record(manager, actor, {
          action: 'payment.recorded', entityType: 'installment', entityId: installmentId,
          diff: {
            payment: {
              before: null,
              after: {
                id: payment.id, amountCents: payment.amountCents, paidOn: payment.paidOn, mandateNumber: payment.mandateNumber,
                accountingReference: payment.accountingReference, idempotencyKey,
              },
            },
          },
        });
      }
      const [row] = (await manager.query(INSTALLMENT_SQL, [installmentId])) as InstallmentRow[];
      const installment = toInstallmentView(row as InstallmentRow);
      const paymentView = installment.payments.find((p) => p.id === payment.id);
      if (!paymentView) throw new Error(`payment ${payment.id} not found on installment ${installmentId}`);
      return { payment: paymentView, installment, replayed: recorded.replayed };
    });
  }

  private async assertConventionActive(manager: EntityManager, conventionId: string): Promise<void> {
    const [convention] = (await manager.query(`SELECT status::text AS status FROM convention WHERE id = $1`, [conventionId])) as Array<{ status: ConventionStatus }>;
    if (!convention) throw AppException.notFound();
    if (convention.status !== 'active') {
      const words = CONVENTION_STATUS_WORDS[convention.status];
      throw new AppException(HttpStatus.CONFLICT, 'CONVENTION_NOT_PAYABLE', { status: convention.status, statusFr: words.fr, statusEn: words.en });
    }
  }
}

/** `status=due,planned` → the listed statuses (default: what is still to pay); 400 naming the field otherwise. */
function parseStatuses(raw: string | undefined): InstallmentStatus[] {
  if (raw === undefined || raw.trim() === '') return ['due', 'planned'];
  const parts = [...new Set(raw.split(',').map((s) => s.trim()))];
  const unknown = parts.filter((s) => !(INSTALLMENT_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0 || parts.length === 0) {
    throw AppException.validation([{ field: 'status', code: 'isIn', message: `status must list values among: ${INSTALLMENT_STATUSES.join(', ')}` }]);
  }
  return parts as InstallmentStatus[];
}
