import { roleHasPermission, type ConventionSessionView, type ConventionSummaryView, type ListConventionsQuery, type Page } from '@tremplin/contracts';
import { CONVENTION_STATUSES, type ConventionStatus } from '@tremplin/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';
import { containsPattern } from '../core/like';
import { pageParams } from '../core/pagination';

/** The columns of a convention summary, shared by the list and the detail (one statement each). */
export const SUMMARY_SELECT = `
  c.id, c.number, c.status::text AS status, c.call_id AS "callId", cl.years[1] AS "callYear", c.application_id AS "applicationId",
  a.reference AS "applicationReference", a.title AS "projectTitle", c.organization_id AS "organizationId", o.legal_name AS "organizationName",
  ax.code AS "axisCode", ax.label_fr AS "axisLabel", c.total_cents AS "totalCents", c.paid_cents AS "paidCents",
  c.document_version AS "documentVersion", c.sent_at AS "sentAt", c.association_signed_at AS "associationSignedAt",
  c.department_signed_at AS "departmentSignedAt", c.updated_at AS "updatedAt", c.version`;
export const SUMMARY_FROM = `convention c
  JOIN application a ON a.id = c.application_id
  JOIN organization o ON o.id = c.organization_id
  JOIN call_axis ax ON ax.id = a.axis_id
  JOIN call cl ON cl.id = c.call_id`;

export interface SummaryRow {
  id: string;
  number: string;
  status: ConventionStatus;
  callId: string;
  callYear: number;
  applicationId: string;
  applicationReference: string | null;
  projectTitle: string;
  organizationId: string;
  organizationName: string;
  axisCode: string;
  axisLabel: string;
  totalCents: string;
  paidCents: string;
  documentVersion: number;
  sentAt: Date | null;
  associationSignedAt: Date | null;
  departmentSignedAt: Date | null;
  updatedAt: Date;
  version: number;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toSummary(r: SummaryRow): ConventionSummaryView {
  return {
    id: r.id, number: r.number, status: r.status, callId: r.callId, callYear: Number(r.callYear), applicationId: r.applicationId,
    applicationReference: r.applicationReference ?? '', projectTitle: r.projectTitle, organizationId: r.organizationId,
    organizationName: r.organizationName, axisCode: r.axisCode, axisLabel: r.axisLabel, totalCents: Number(r.totalCents),
    paidCents: Number(r.paidCents), documentVersion: r.documentVersion, sentAt: iso(r.sentAt), associationSignedAt: iso(r.associationSignedAt),
    departmentSignedAt: iso(r.departmentSignedAt), updatedAt: r.updatedAt.toISOString(), version: r.version,
  };
}

/**
 * Which conventions the actor reaches, as SQL over `c`: an association's members their organisation's
 * only, once sent; staff holding conventions.manage or finance.read every one. Anyone else: none (the guard
 * already refuses them; this is the second lock).
 */
export function conventionScopeSql(actor: Actor, bind: (value: unknown) => string): string {
  if (roleHasPermission(actor.role, 'conventions.manage') || roleHasPermission(actor.role, 'finance.read')) return 'TRUE';
  // A draft is the Département's working copy: the association sees its convention once sent.
  if (roleHasPermission(actor.role, 'conventions.own') && actor.organizationId) return `c.organization_id = ${bind(actor.organizationId)} AND c.status <> 'draft'`;
  return 'FALSE';
}

const SORT_SQL: Record<NonNullable<ListConventionsQuery['sort']>, string> = {
  number: 'c.number',
  organization: 'o.legal_name',
  totalCents: 'c.total_cents',
  paidCents: 'c.paid_cents',
  status: 'c.status',
  updatedAt: 'c.updated_at',
};

/**
 * `GET /api/conventions`: ONE statement gives the page and the total. Both are computed on the
 * convention table alone when the filters allow (scope, call, status, budget cell), so that they run
 * on its indexes — (call_id, status, number), (organization_id, …), and for an axis × year cell the
 * cell's years in number order (ix_convention_year_cell_listing: a page is O(page), the count an
 * index-only scan of the cell) — and the joins that make a summary (application,
 * organisation, axis, call) are done for the page's rows only. A text search or a sort by
 * organisation joins what it needs.
 */
export interface ConventionListStatement {
  /** The page with its total on every row. */
  text: string;
  values: unknown[];
  /** The total alone (its parameters are the first `countValues` values). */
  countText: string;
  countValues: number;
  page: number;
  pageSize: number;
  offset: number;
}

/** The list's statement, apart from running it, so that the benchmark sends exactly what the API sends. */
export function conventionListStatement(actor: Actor, query: ListConventionsQuery): ConventionListStatement {
  const { page, pageSize, offset } = pageParams(query.page, query.pageSize);
  const params: unknown[] = [];
  const bind = (value: unknown) => (params.push(value), `$${params.length}`);
  const scope = conventionScopeSql(actor, bind);
  const where = [scope];
  const callId = query.callId ? bind(query.callId) : null;
  if (callId) where.push(`c.call_id = ${callId}`);
  // One budget cell (call × axis × year): its conventions are one range of ix_convention_year_cell_listing,
  // in number order. Otherwise, an axis or a year alone goes through the matching cells.
  const cell = callId && query.axisCode && query.year
    ? `(SELECT ca.id FROM call_allocation ca JOIN call_axis ax ON ax.id = ca.axis_id
         WHERE ca.call_id = ${callId} AND ax.code = ${bind(query.axisCode)} AND ca.year = ${bind(Number(query.year))})`
    : null;
  const cellYears = cell ? `convention_year cy WHERE cy.allocation_id = ${cell} AND cy.amount_cents > 0` : null;
  if (cellYears) {
    where.push(`c.id IN (SELECT cy.convention_id FROM ${cellYears})`);
  } else if (query.axisCode || query.year) {
    // Through the cells (call × axis × year, its primary key), so that no other call's axis nor other year is read.
    const cells = [`ca.id = cy.allocation_id`];
    if (callId) cells.push(`ca.call_id = ${callId}`);
    if (query.axisCode) {
      cells.push(`ca.axis_id IN (SELECT ax.id FROM call_axis ax WHERE ax.code = ${bind(query.axisCode)}${callId ? ` AND ax.call_id = ${callId}` : ''})`);
    }
    if (query.year) cells.push(`ca.year = ${bind(Number(query.year))}`, 'cy.amount_cents > 0');
    where.push(`c.id IN (SELECT cy.convention_id FROM convention_year cy JOIN call_allocation ca ON ${cells.join(' AND ')})`);
  }
  if (query.status) {
    const statuses = query.status.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = statuses.filter((s) => !(CONVENTION_STATUSES as readonly string[]).includes(s));
    if (unknown.length || statuses.length === 0) {
      throw AppException.validation([{ field: 'status', code: 'isIn', message: `status must be among ${CONVENTION_STATUSES.join(', ')}` }]);
    }
    where.push(`c.status = ANY(${bind(statuses)}::convention_status[])`);
  }
  const sort = query.sort ?? 'number';
  const search = query.q?.trim();
  if (search) {
    const pattern = bind(containsPattern(search));
    where.push(`(c.number ILIKE ${pattern} OR o.legal_name ILIKE ${pattern} OR a.title ILIKE ${pattern})`);
  }
  const filtered = `${search ? 'convention c JOIN application a ON a.id = c.application_id JOIN organization o ON o.id = c.organization_id'
    : sort === 'organization' ? 'convention c JOIN organization o ON o.id = c.organization_id' : 'convention c'} WHERE ${where.join(' AND ')}`;
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const order = `${SORT_SQL[sort]} ${direction}, c.id ${direction}`;
  // A whole cell as staff see it (no status, no text): counted and paged on the cell's years alone.
  const wholeCell = cellYears && scope === 'TRUE' && !query.status && !search ? cellYears : null;
  const countFrom = wholeCell ?? filtered;
  const countValues = params.length;
  const pageIds = wholeCell && sort === 'number'
    ? `SELECT cy.convention_id FROM ${wholeCell} ORDER BY cy.convention_number ${direction}, cy.convention_id ${direction}`
    : `SELECT c.id FROM ${filtered} ORDER BY ${order}`;
  const text = `SELECT ${SUMMARY_SELECT}, (SELECT count(*) FROM ${countFrom}) AS total
       FROM ${SUMMARY_FROM}
      WHERE c.id IN (${pageIds} LIMIT ${bind(pageSize)} OFFSET ${bind(offset)})
      ORDER BY ${order}`;
  return { text, values: params, countText: `SELECT count(*) AS total FROM ${countFrom}`, countValues, page, pageSize, offset };
}

export async function listConventions(manager: EntityManager, actor: Actor, query: ListConventionsQuery): Promise<Page<ConventionSummaryView>> {
  const statement = conventionListStatement(actor, query);
  const rows: Array<SummaryRow & { total: string }> = await manager.query(statement.text, statement.values);
  let total = rows[0] ? Number(rows[0].total) : 0;
  // Past the last page there is no row to carry the total: only then count apart.
  if (!rows.length && statement.offset > 0) {
    const [row] = (await manager.query(statement.countText, statement.values.slice(0, statement.countValues))) as Array<{ total: string }>;
    total = Number(row?.total ?? 0);
  }
  return { items: rows.map(toSummary), total, page: statement.page, pageSize: statement.pageSize };
}

/**
 * `GET /api/conventions/sessions`: a call's published committee sessions with their published retained
 * decisions and how many of those have no convention yet, in one statement (newest sitting first).
 */
export function listConventionSessions(manager: EntityManager, callId: string): Promise<ConventionSessionView[]> {
  // int4 counts come back from pg as numbers.
  return manager.query(
    `SELECT s.id, s.call_id AS "callId", ax.code AS "axisCode", ax.label_fr AS "axisLabelFr", ax.label_en AS "axisLabelEn",
            to_char(s.sits_on, 'YYYY-MM-DD') AS "sitsOn", s.deliberation_reference AS "deliberationReference",
            count(d.application_id)::int AS "retainedCount",
            count(d.application_id) FILTER (WHERE NOT EXISTS (SELECT 1 FROM convention c WHERE c.application_id = d.application_id))::int AS "withoutConventionCount"
       FROM committee_session s
       JOIN call_axis ax ON ax.id = s.axis_id
       LEFT JOIN committee_decision d ON d.session_id = s.id AND d.outcome = 'retained' AND d.published_at IS NOT NULL
      WHERE s.call_id = $1 AND s.status = 'published'
      GROUP BY s.id, ax.code, ax.label_fr, ax.label_en
      ORDER BY s.sits_on DESC, ax.code, s.id`,
    [callId],
  ) as Promise<ConventionSessionView[]>;
}
