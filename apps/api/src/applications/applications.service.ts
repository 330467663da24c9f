import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import {
  roleHasPermission,
  type ApplicationSummaryView,
  type ApplicationVersionView,
  type ApplicationView,
  type CreateApplicationRequest,
  type ListApplicationsQuery,
  type Page,
  type Permission,
  type Role,
  type UpdateApplicationRequest,
  type VersionedRequest,
} from '@tremplin/contracts';
import {
  APPLICATION_STATUSES,
  applicationLifecycle,
  checkBudgetAmounts,
  emptyBudgetYear,
  isApplicationEditable,
  isCallOpen,
  totalRequestedCents,
  type ApplicationAction,
  type ApplicationStatus,
} from '@tremplin/domain';
import { Call } from '../calls/call.entity';
import { CallAxis } from '../calls/call-axis.entity';
import { AccessPolicy } from '../core/access/access.policy';
import { diffOf } from '../core/audit/audit-chain';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';
import { containsPattern } from '../core/like';
import { pageParams } from '../core/pagination';
import { ApplicationDocument } from '../documents/application-document.entity';
import { unreadMessagesSql } from '../messages/unread';
import { Organization } from '../organizations/organization.entity';
import { auditDiff, diffPaths } from './application-diff';
import {
  budgetIssues,
  budgetTotalIssues,
  duplicateBudgetYears,
  parisDateTime,
  submissionIssues,
  type FieldIssue,
} from './application-rules';
import { ApplicationVersion } from './application-version.entity';
import { Application } from './application.entity';
import {
  budgetRecord,
  declarationRecord,
  normalizeBudget,
  normalizeProject,
  projectRecord,
  toApplicationView,
  toSummaryView,
  versionContent,
  type ApplicationListRow,
  type ApplicationSnapshot,
} from './application.mapper';
import { InformationRequest } from './information-request.entity';

/** Which permission each lifecycle action needs; actions without an endpoint yet are not offered. */
const ACTION_PERMISSIONS: Partial<Record<ApplicationAction, Permission>> = {
  submit: 'applications.own',
  resubmit: 'applications.own',
  withdraw: 'applications.own',
  request_information: 'applications.request-information',
  declare_admissible: 'applications.decide-admissibility',
  declare_inadmissible: 'applications.decide-admissibility',
};

/**
 * The offered sorts, each backed by an index (staff-list-indexes migration). No NULLS clause: the
 * default order (NULL counts as the largest value) is the one a single index serves in both directions;
 * only an association's own drafts have no reference or submission date.
 */
interface ListSort { column: string; organization?: true }
const BY_UPDATE: ListSort = { column: 'a.updated_at' };
const SORTS: Record<string, ListSort> = {
  reference: { column: 'a.reference' },
  title: { column: 'a.title' },
  submittedAt: { column: 'a.submitted_at' },
  updatedAt: BY_UPDATE,
  requestedCents: { column: 'a.requested_cents' },
  organization: { column: 'o.legal_name', organization: true },
  status: { column: 'a.status' },
};

export function callWindowParams(call: Call): Record<string, string> {
  return {
    opensAtFr: parisDateTime(call.opensAt, 'fr'), closesAtFr: parisDateTime(call.closesAt, 'fr'),
    opensAtEn: parisDateTime(call.opensAt, 'en'), closesAtEn: parisDateTime(call.closesAt, 'en'),
  };
}

/** The parts of an application that PATCH replaces, as compared in the audit trail. */
function contentOf(a: Application, axisCode: string): Record<string, unknown> {
  return { title: a.title, summary: a.summary, axisCode, project: normalizeProject(a.project), budget: normalizeBudget(a.budget), declaration: a.declaration };
}

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: CreateApplicationRequest): Promise<ApplicationView> {
    const organizationId = actor.organizationId;
    if (!organizationId) throw new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN');
    return this.dataSource.transaction(async (manager) => {
      const call = await manager.findOneBy(Call, { id: input.callId });
      if (!call) throw AppException.validation([{ field: 'callId', code: 'CALL_UNKNOWN', message: 'CALL_UNKNOWN' }]);
      if (!isCallOpen(call, new Date())) throw AppException.conflict('CALL_NOT_OPEN', callWindowParams(call));
      const axis = await manager.findOneBy(CallAxis, { callId: call.id, code: input.axisCode });
      if (!axis) throw AppException.validation([{ field: 'axisCode', code: 'AXIS_UNKNOWN', message: 'AXIS_UNKNOWN' }]);
      const project = projectRecord({});
      const { identifiers } = await manager.insert(Application, {
        callId: call.id, axisId: axis.id, organizationId, status: 'draft', title: input.title, summary: '',
        project, budget: call.years.map(emptyBudgetYear), declaration: null, territories: [], requestedCents: 0,
        version: 1, submittedVersion: 0, createdBy: actor.userId,
      });
      const id = String(identifiers[0]?.['id']);
      const view = await this.view(manager, actor, await manager.findOneByOrFail(Application, { id }));
      // Last: the audit chain's lock is held from here to the commit only.
      await this.audit.record(manager, actor, {
        action: 'application.created', entityType: 'application', entityId: id,
        diff: diffOf(null, { callCode: call.code, axisCode: axis.code, organizationId, title: input.title }),
      });
      return view;
    });
  }

  /**
   * One page and its total in ONE statement (one round trip, no query builder: this is the hottest read).
   * The page's ids come first, read in order from an index that matches the filter and the sort (see the
   * staff-list-indexes migration), and only those rows are joined to their call, axis, organisation and
   * unread count; the total is a scalar subquery over the filter alone (an index-only scan for the
   * default view). A page past the end still returns one row, carrying the total and no application.
   */
  async list(actor: Actor, query: ListApplicationsQuery): Promise<Page<ApplicationSummaryView>> {
    const { page, pageSize, offset } = pageParams(query.page, query.pageSize);
    const values: unknown[] = [];
    const bind = (value: unknown): string => `$${values.push(value)}`;
    const where = [this.access.applicationScopeSql('a', actor, (_name, value) => bind(value))];
    if (query.callId) where.push(`a.call_id = ${bind(query.callId)}`);
    // `= ANY(ARRAY(…))`: the axis ids become a value the planner compares against the index it walks.
    if (query.axisCode) where.push(`a.axis_id = ANY(ARRAY(SELECT fx.id FROM call_axis fx WHERE fx.code = ${bind(query.axisCode)}))`);
    const statuses = parseStatuses(query.status);
    if (statuses.length) where.push(`a.status IN (${statuses.map(bind).join(', ')})`);
    if (query.territory) where.push(`a.territories @> ARRAY[${bind(query.territory)}]::text[]`);
    const q = query.q?.trim();
    if (q) {
      // Accent- and case-insensitive (tremplin_fold); search_text and the folded legal_name both carry a
      // trigram index, and `= ANY(ARRAY(...))` lets the planner combine them (an OR over IN did not).
      const pattern = bind(containsPattern(q));
      where.push(
        `(a.search_text LIKE tremplin_fold(${pattern}) OR a.organization_id = ANY(ARRAY(SELECT fo.id FROM organization fo WHERE tremplin_fold(fo.legal_name) LIKE tremplin_fold(${pattern}))))`,
      );
    }
    const filter = where.join(' AND ');
    const sort = (query.sort && SORTS[query.sort]) || BY_UPDATE;
    const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
    const ids =
      `SELECT a.id FROM application a${sort.organization ? ' JOIN organization o ON o.id = a.organization_id' : ''} WHERE ${filter}` +
      ` ORDER BY ${sort.column} ${direction}, a.id ${direction} LIMIT ${pageSize} OFFSET ${offset}`;
    const reader = bind(actor.userId);
    // Members see their working copy; everyone else the page's rows as last submitted (title, territories,
    // amount requested from the frozen version), even while an association edits an answer.
    const frozen = !this.access.readsWorkingCopies(actor);
    const shown = frozen
      ? `COALESCE(v.snapshot->>'title', a.title) AS title,
         CASE WHEN v.snapshot IS NULL THEN a.territories
              ELSE ARRAY(SELECT jsonb_array_elements_text(v.snapshot->'project'->'territories')) END AS territories,
         COALESCE((SELECT SUM((y->'products'->>'p74Departement')::bigint) FROM jsonb_array_elements(v.snapshot->'budget') y), a.requested_cents) AS requested_cents`
      : 'a.title, a.territories, a.requested_cents';
    const rows: Array<ApplicationListRow & { total: string }> = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM application a WHERE ${filter}) AS total, listed.*
         FROM (SELECT 1) one
         LEFT JOIN (
           SELECT a.id, a.reference, a.call_id, c.code AS call_code, x.code AS axis_code, a.organization_id,
                  o.legal_name AS organization_name, ${shown}, a.status,
                  a.submitted_at, a.updated_at, ${unreadMessagesSql('a.id', reader)} AS unread_messages,
                  ${sort.column} AS sort_value
             FROM (${ids}) page
             JOIN application a ON a.id = page.id
             JOIN call c ON c.id = a.call_id
             JOIN call_axis x ON x.id = a.axis_id
             JOIN organization o ON o.id = a.organization_id
             ${frozen ? 'LEFT JOIN application_version v ON v.application_id = a.id AND v.version_no = a.submitted_version' : ''}
         ) listed ON true
        ORDER BY listed.sort_value ${direction}, listed.id ${direction}`,
      values,
    );
    const total = Number(rows[0]?.total ?? 0);
    return { items: rows.filter((row) => row.id !== null).map(toSummaryView), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<ApplicationView> {
    const manager = this.dataSource.manager;
    return this.view(manager, actor, await this.access.readableApplication(manager, actor, id));
  }

  /** A draft save: optimistic locking on `version`; each part given replaces the stored one. */
  async update(actor: Actor, id: string, input: UpdateApplicationRequest): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const app = await this.access.ownApplication(manager, actor, id, { lock: true });
      if (!isApplicationEditable(app.status)) throw AppException.conflict('APPLICATION_NOT_EDITABLE', { status: app.status });
      if (app.version !== input.version) throw AppException.conflict('STALE_VERSION');
      const call = await manager.findOneByOrFail(Call, { id: app.callId });
      const currentAxis = await manager.findOneByOrFail(CallAxis, { id: app.axisId });
      const issues: FieldIssue[] = [];
      let axis = currentAxis;
      if (input.axisCode !== undefined && input.axisCode !== currentAxis.code) {
        const wanted = await manager.findOneBy(CallAxis, { callId: app.callId, code: input.axisCode });
        if (!wanted) issues.push({ field: 'axisCode', code: 'AXIS_UNKNOWN', message: 'AXIS_UNKNOWN' });
        // The reference names the axis: once submitted, the axis stays.
        else if (app.submittedVersion > 0) issues.push({ field: 'axisCode', code: 'AXIS_LOCKED', message: 'AXIS_LOCKED' });
        else axis = wanted;
      }
      const budget = input.budget ? budgetRecord(input.budget) : normalizeBudget(app.budget);
      if (input.budget) {
        // A draft may be unbalanced; only shapes and amounts are checked while it is being filled.
        issues.push(...duplicateBudgetYears(budget), ...budgetIssues(checkBudgetAmounts(budget, call.years)), ...budgetTotalIssues(budget));
      }
      if (issues.length) throw AppException.validation(issues);

      const before = contentOf(app, currentAxis.code);
      const project = input.project ? projectRecord(input.project) : normalizeProject(app.project);
      const changes = {
        axisId: axis.id,
        title: input.title ?? app.title,
        summary: input.summary ?? app.summary,
        project,
        budget,
        declaration: input.declaration ? declarationRecord(input.declaration) : app.declaration,
        territories: project.territories,
        requestedCents: totalRequestedCents(budget),
        version: app.version + 1,
        updatedAt: new Date(),
      };
      await manager.update(Application, { id }, changes);
      const after = await manager.findOneByOrFail(Application, { id });
      const view = await this.view(manager, actor, after);
      // Last: the audit chain's lock is held from here to the commit only.
      await this.audit.record(manager, actor, {
        action: 'application.updated', entityType: 'application', entityId: id,
        diff: { version: { before: app.version, after: after.version }, ...auditDiff(before, contentOf(after, axis.code)) },
      });
      return view;
    });
  }

  async withdraw(actor: Actor, id: string, input: VersionedRequest): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const app = await this.access.ownApplication(manager, actor, id, { lock: true });
      const status = applicationLifecycle.next(app.status, 'withdraw');
      if (app.version !== input.version) throw AppException.conflict('STALE_VERSION');
      const now = new Date();
      await manager.update(Application, { id }, { status, withdrawnAt: now, version: app.version + 1, updatedAt: now });
      const view = await this.view(manager, actor, await manager.findOneByOrFail(Application, { id }));
      // Last: the audit chain's lock is held from here to the commit only.
      await this.audit.record(manager, actor, {
        action: 'application.withdrawn', entityType: 'application', entityId: id,
        diff: diffOf({ status: app.status }, { status }),
      });
      return view;
    });
  }

  /**
   * The frozen versions with what changed from one to the next. Staff only: to an association this view
   * does not exist (404, like anything it may not see); it has its own current application and receipts.
   */
  async versions(actor: Actor, id: string): Promise<ApplicationVersionView[]> {
    const manager = this.dataSource.manager;
    const application = await this.access.readableApplication(manager, actor, id);
    if (this.access.readsWorkingCopy(actor, application)) throw AppException.notFound();
    const rows = await manager.find(ApplicationVersion, { where: { applicationId: id }, order: { versionNo: 'ASC' } });
    return rows.map((row, i) => {
      const previous = rows[i - 1];
      return {
        versionNo: row.versionNo,
        submittedAt: row.submittedAt.toISOString(),
        submittedBy: row.submittedBy,
        changes: previous
          ? diffPaths(versionContent(previous.snapshot as unknown as ApplicationSnapshot), versionContent(row.snapshot as unknown as ApplicationSnapshot))
          : {},
      };
    });
  }

  /**
   * The full view of one application as `actor` sees it (actions and missing items included). Members of
   * the owning organisation see the working copy; everyone else the last submitted version, frozen.
   */
  async view(manager: EntityManager, actor: Actor, app: Application): Promise<ApplicationView> {
    const call = await manager.findOneByOrFail(Call, { id: app.callId });
    const axis = await manager.findOneByOrFail(CallAxis, { id: app.axisId });
    const organization = await manager.findOneByOrFail(Organization, { id: app.organizationId });
    const frozen = this.access.readsWorkingCopy(actor, app) ? null : await submittedContent(manager, app);
    const documents = frozen ? frozen.documents : await currentDocuments(manager, app.id);
    const openRequest =
      app.status === 'information_requested'
        ? await manager.findOne(InformationRequest, { where: { applicationId: app.id, answeredAt: IsNull() }, order: { createdAt: 'DESC' } })
        : null;
    const unread: Array<{ unread: number }> = await manager.query(`SELECT ${unreadMessagesSql('$1::uuid', '$2::uuid')} AS unread`, [app.id, actor.userId]);
    // What is missing before (re)submission concerns the working copy: only its authors are told.
    const missing = isApplicationEditable(app.status) && !frozen
      ? submissionIssues(
          {
            title: app.title, summary: app.summary, project: normalizeProject(app.project), budget: normalizeBudget(app.budget),
            declaration: app.declaration, documentKinds: documents.map((d) => d.kind),
          },
          call.years,
        ).map(({ field, code }) => ({ field, code }))
      : [];
    const shown: Application = frozen ? { ...app, ...frozen.content } : app;
    return toApplicationView(shown, {
      callCode: call.code,
      callTitle: call.title,
      callYears: [...call.years].sort((a, b) => a - b),
      callClosesAt: call.closesAt,
      axisCode: axis.code,
      organizationName: organization.legalName,
      documents,
      openRequest,
      unreadMessages: Number(unread[0]?.unread ?? 0),
      allowedActions: allowedActions(app.status, actor.role, isCallOpen(call, new Date())),
      missing,
    });
  }
}

/**
 * The content of the last submitted version, as frozen at submission, with its documents (rows are only
 * ever soft-deleted, so a document the association removed since is still there). Null for a draft.
 */
async function submittedContent(
  manager: EntityManager, app: Application,
): Promise<{ content: Pick<Application, 'title' | 'summary' | 'project' | 'budget' | 'declaration' | 'territories' | 'requestedCents'>; documents: ApplicationDocument[] } | null> {
  if (app.submittedVersion === 0) return null;
  const version = await manager.findOneByOrFail(ApplicationVersion, { applicationId: app.id, versionNo: app.submittedVersion });
  const snapshot = version.snapshot as unknown as ApplicationSnapshot;
  const project = normalizeProject(snapshot.project);
  const budget = normalizeBudget(snapshot.budget);
  const ids = (snapshot.documents ?? []).map((d) => d.id);
  const documents = ids.length
    ? await manager.find(ApplicationDocument, { where: { id: In(ids), applicationId: app.id }, order: { uploadedAt: 'ASC', id: 'ASC' } })
    : [];
  return {
    content: {
      title: snapshot.title, summary: snapshot.summary, project, budget, declaration: snapshot.declaration,
      territories: project.territories, requestedCents: totalRequestedCents(budget),
    },
    documents,
  };
}

/** The application's own documents (not message attachments), oldest first. */
export function currentDocuments(manager: EntityManager, applicationId: string): Promise<ApplicationDocument[]> {
  return manager.find(ApplicationDocument, {
    where: { applicationId, deletedAt: IsNull(), kind: Not('message' as const) },
    order: { uploadedAt: 'ASC', id: 'ASC' },
  });
}

/** What the caller may do now: the lifecycle's actions that its role may take (and `edit` for drafts). */
export function allowedActions(status: ApplicationStatus, role: Role, callOpen: boolean): string[] {
  const actions: string[] = applicationLifecycle.actionsFrom(status).filter((action) => {
    const permission = ACTION_PERMISSIONS[action];
    // A first submission needs the call open; answering an information request does not.
    return permission !== undefined && roleHasPermission(role, permission) && (action !== 'submit' || callOpen);
  });
  return isApplicationEditable(status) && roleHasPermission(role, 'applications.own') ? ['edit', ...actions] : actions;
}

function parseStatuses(raw: string | undefined): ApplicationStatus[] {
  if (!raw) return [];
  const values = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = values.filter((v) => !(APPLICATION_STATUSES as readonly string[]).includes(v));
  if (unknown.length) {
    throw AppException.validation(unknown.map((value): FieldIssue => ({ field: 'status', code: 'STATUS_UNKNOWN', message: 'STATUS_UNKNOWN', params: { value } })));
  }
  return values as ApplicationStatus[];
}
