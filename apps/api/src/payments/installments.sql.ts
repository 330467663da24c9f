import type { InstallmentKind, InstallmentStatus } from '@tremplin/domain';
import type { InstallmentView, PaymentView } from '@tremplin/contracts';

/**
 * The statements of the installment reads, as text, so that the integration tests and any bench can
 * send exactly what the service sends. Each view row carries its payments as a JSON array built in the
 * same statement (no query per installment).
 */

/** Today in Paris: an advance planned for a day falls due at that day's midnight, French time. */
export const PARIS_TODAY = `(now() AT TIME ZONE 'Europe/Paris')::date`;

const VIEW_COLUMNS = `
  i.id, i.convention_id AS "conventionId", c.number AS "conventionNumber", o.legal_name AS "organizationName",
  i.year, i.kind, i.amount_cents AS "amountCents", i.paid_cents AS "paidCents", to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn",
  i.status::text AS status, cy.report_approved_at IS NOT NULL AS "reportApproved", i.version,
  COALESCE((SELECT json_agg(json_build_object(
              'id', p.id, 'installmentId', p.installment_id, 'amountCents', p.amount_cents, 'paidOn', to_char(p.paid_on, 'YYYY-MM-DD'),
              'mandateNumber', p.mandate_number, 'accountingReference', p.accounting_reference,
              'createdAt', p.created_at, 'createdByName', u.full_name) ORDER BY p.paid_on, p.created_at, p.id)
              FROM payment p JOIN app_user u ON u.id = p.created_by WHERE p.installment_id = i.id), '[]'::json) AS payments`;

const VIEW_JOINS = `
  JOIN convention c ON c.id = i.convention_id
  JOIN organization o ON o.id = c.organization_id
  JOIN convention_year cy ON cy.convention_id = i.convention_id AND cy.year = i.year`;

/** One convention's installments, every status, in schedule order. $1 = convention id. */
export const CONVENTION_INSTALLMENTS_SQL = `
  SELECT ${VIEW_COLUMNS}
    FROM installment i ${VIEW_JOINS}
   WHERE i.convention_id = $1
   ORDER BY i.year, i.kind, i.created_at, i.id`;

/** One installment as a view. $1 = installment id. */
export const INSTALLMENT_SQL = `SELECT ${VIEW_COLUMNS} FROM installment i ${VIEW_JOINS} WHERE i.id = $1`;

/** Work order of finance's list: what can be paid now first, then by date. */
const STATUS_ORDER = `array_position(ARRAY['due','planned','paid','cancelled'], i.status::text)`;

export interface WorklistFilter {
  callId?: string;
  axisCode?: string;
  statuses: InstallmentStatus[];
  dueBefore?: string;
}

/**
 * The worklist page and its total in one statement (the total as a scalar subquery over the filter, so a
 * page past the end still returns it). Filters are added only when given, so each shape gets its plan.
 */
export function worklistSql(filter: WorklistFilter, offset: number, limit: number): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const bind = (value: unknown): string => `$${values.push(value)}`;
  const where = [`i.status::text = ANY(${bind(filter.statuses)}::text[])`];
  if (filter.callId) where.push(`c.call_id = ${bind(filter.callId)}`);
  if (filter.axisCode) {
    // The axis of the cell the installment's year is committed against.
    where.push(`EXISTS (SELECT 1 FROM convention_year fy JOIN call_allocation fa ON fa.id = fy.allocation_id JOIN call_axis fx ON fx.id = fa.axis_id
                         WHERE fy.convention_id = i.convention_id AND fy.year = i.year AND fx.code = ${bind(filter.axisCode)})`);
  }
  if (filter.dueBefore) where.push(`i.due_on <= ${bind(filter.dueBefore)}::date`);
  const filtered = `FROM installment i JOIN convention c ON c.id = i.convention_id WHERE ${where.join(' AND ')}`;
  const text = `
    SELECT (SELECT count(*) ${filtered})::int AS total, listed.*
      FROM (SELECT 1) one
      LEFT JOIN (
        SELECT ${VIEW_COLUMNS}, ${STATUS_ORDER} AS status_rank
          FROM (SELECT i.id ${filtered} ORDER BY ${STATUS_ORDER}, i.due_on, c.number, i.year, i.kind, i.id
                OFFSET ${bind(offset)} LIMIT ${bind(limit)}) page
          JOIN installment i ON i.id = page.id ${VIEW_JOINS}) listed ON true
     ORDER BY listed.status_rank, listed."dueOn", listed."conventionNumber", listed.year, listed.kind, listed.id`;
  return { text, values };
}

export interface InstallmentRow {
  id: string;
  conventionId: string;
  conventionNumber: string;
  organizationName: string;
  year: number;
  kind: InstallmentKind;
  amountCents: string;
  paidCents: string;
  dueOn: string;
  status: InstallmentStatus;
  reportApproved: boolean;
  version: number;
  payments: Array<Omit<PaymentView, 'amountCents'> & { amountCents: number | string }>;
}

export function toInstallmentView(row: InstallmentRow): InstallmentView {
  return {
    id: row.id,
    conventionId: row.conventionId,
    conventionNumber: row.conventionNumber,
    organizationName: row.organizationName,
    year: row.year,
    kind: row.kind,
    amountCents: Number(row.amountCents),
    paidCents: Number(row.paidCents),
    dueOn: row.dueOn,
    status: row.status,
    reportApproved: row.reportApproved,
    payments: row.payments.map((p) => ({ ...p, amountCents: Number(p.amountCents), createdAt: new Date(p.createdAt).toISOString() })),
    version: row.version,
  };
}

/**
 * Makes due, in one set-based UPDATE, the planned installments of active conventions that
 * `checkInstallmentDue` allows: an advance whose date has come, a balance whose year's report is
 * approved. `scope` narrows it to one installment or one convention (the payment and read paths);
 * without, every call (the interval job). Returns what changed, for the audit event.
 */
export function makeDueSql(scope: { installmentId?: string; conventionId?: string }, today?: string): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const bind = (value: unknown): string => `$${values.push(value)}`;
  const day = today ? `${bind(today)}::date` : PARIS_TODAY;
  const narrow = scope.installmentId ? `AND i.id = ${bind(scope.installmentId)}` : scope.conventionId ? `AND i.convention_id = ${bind(scope.conventionId)}` : '';
  const text = `
    UPDATE installment i SET status = 'due', version = i.version + 1
      FROM convention c, convention_year cy
     WHERE i.status = 'planned' ${narrow}
       AND c.id = i.convention_id AND c.status = 'active'
       AND cy.convention_id = i.convention_id AND cy.year = i.year
       AND ((i.kind = 'advance' AND i.due_on <= ${day}) OR (i.kind = 'balance' AND cy.report_approved_at IS NOT NULL))
    RETURNING i.id, i.convention_id AS "conventionId", i.year, i.kind`;
  return { text, values };
}
