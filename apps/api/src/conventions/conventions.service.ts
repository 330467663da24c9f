import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import {
  roleHasPermission,
  type AmendmentInstallmentDiff, type AmendmentRequest, type AmendmentYearDiff, type ApiErrorDetail, type ConventionBatchView, type ConventionDocumentQuery,
  type ConventionSessionView, type ConventionSummaryView, type ConventionTransitionRequest, type ConventionView, type CreateConventionRequest,
  type CreateSessionConventionsRequest, type ListConventionSessionsQuery, type ListConventionsQuery, type Page, type ReportApprovalRequest, type SignedScanRequest,
} from '@tremplin/contracts';
import {
  buildInstallmentSchedule, checkInstallmentDue, checkTermination, conventionLifecycle, formatEuros, IllegalTransitionError, installmentLifecycle,
  splitYearAmount, type ConventionAction, type ConventionStatus, type InstallmentKind, type InstallmentStatus,
} from '@tremplin/domain';
import { parisToday } from '../applications/application-rules';
import { Call } from '../calls/call.entity';
import { diffOf } from '../core/audit/audit-chain';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppException } from '../core/errors/app.exception';
import { detectAcceptedType } from '../documents/document-files';
import { StorageService } from '../documents/storage.service';
import type { UploadedDocumentFile } from '../documents/upload';
import { GrantorService, type GrantorIdentity } from '../grantor/grantor.service';
import { OutboxService } from '../notifications/outbox.service';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { commitConventionYears } from './commitments';
import { ensureConventionDocument } from './convention-document-store';
import { renderConventionDocument, type ConventionDocumentData } from './convention-document';
import { Convention, ConventionAmendment, ConventionYear, Installment } from './convention.entities';
import { conventionSentMail } from './convention-mails';
import { drawConventionNumber } from './convention-numbers';
import { ConventionSigning } from './convention-signing';
import { conventionScopeSql, listConventionSessions, listConventions, SUMMARY_FROM, SUMMARY_SELECT, toSummary, type SummaryRow } from './conventions-read';

const KIND_FR: Record<InstallmentKind, string> = { advance: 'avance', balance: 'solde' };
const STATUS_WORDS: Record<string, { fr: string; en: string }> = {
  paid: { fr: 'payée', en: 'paid' }, partly: { fr: 'partiellement payée', en: 'partly paid' }, cancelled: { fr: 'annulée', en: 'cancelled' },
};

/**
 * The due dates an amendment moves (unchanged ones left out). Only a planned, unpaid installment moves:
 * installmentLifecycle has no way back from due to planned, so a due one is refused (409) rather than
 * left due at a later date; a paid, partly paid or cancelled one is refused too.
 */
function plannedDateMoves(
  installments: readonly LockedInstallment[],
  requests: ReadonlyArray<{ year: number; kind: InstallmentKind; dueOn: string }>,
): AmendmentInstallmentDiff[] {
  const moves: AmendmentInstallmentDiff[] = [];
  requests.forEach((r, i) => {
    const ofKind = installments.filter((x) => x.year === r.year && x.kind === r.kind);
    const params = { year: r.year, kindFr: KIND_FR[r.kind], kindEn: r.kind };
    if (!ofKind.length) {
      throw AppException.validation([{ field: `installments[${i}].kind`, code: 'AMENDMENT_INSTALLMENT_UNKNOWN', message: 'AMENDMENT_INSTALLMENT_UNKNOWN', params } as ApiErrorDetail]);
    }
    const live = ofKind.find((x) => x.status !== 'cancelled');
    const refused = !live ? 'cancelled' : live.status === 'paid' ? 'paid' : live.paidCents > 0 ? 'partly' : null;
    if (refused) {
      const words = STATUS_WORDS[refused] as { fr: string; en: string };
      throw AppException.conflict('INSTALLMENT_NOT_MOVABLE', { ...params, statusFr: words.fr, statusEn: words.en });
    }
    if (live?.status === 'due') throw AppException.conflict('INSTALLMENT_DUE_NOT_MOVABLE', params);
    if (live && live.dueOn !== r.dueOn) moves.push({ year: r.year, kind: r.kind, beforeDueOn: live.dueOn, afterDueOn: r.dueOn });
  });
  return moves;
}

/** A batch of conventions is drafted in transactions of this many (see createForSession). */
const BATCH_CHUNK = 25;

interface RetainedApplication {
  id: string;
  callId: string;
  axisId: string;
  organizationId: string;
  reference: string | null;
  title: string;
  outcome: string;
  publishedAt: Date | null;
  deliberationReference: string;
  sitsOn: string;
}

interface LockedInstallment {
  id: string;
  year: number;
  kind: InstallmentKind;
  status: InstallmentStatus;
  amountCents: number;
  paidCents: number;
  dueOn: string;
}

const TARGET_ACTION: Partial<Record<ConventionStatus, ConventionAction>> = {
  sent: 'send',
  signed_by_association: 'sign_by_association',
  signed_by_department: 'sign_by_department',
  suspended: 'suspend',
  closed: 'close',
  terminated: 'terminate',
};

/** The lifecycle action that reaches `to` from `from` (active is reached by activate, or resume after a suspension). */
function actionFor(from: ConventionStatus, to: ConventionStatus): ConventionAction {
  if (to === 'active') return from === 'suspended' ? 'resume' : 'activate';
  const action = TARGET_ACTION[to];
  if (!action) throw new IllegalTransitionError('convention', from, to);
  return action;
}

/** The association's legal representative signs; everything else is the Département's (finance, admin). */
function mayPerform(actor: Actor, action: ConventionAction): boolean {
  return action === 'sign_by_association' ? roleHasPermission(actor.role, 'conventions.own') : roleHasPermission(actor.role, 'conventions.manage');
}

const required = (field: string): ApiErrorDetail & { params?: Record<string, string | number> } => ({
  field, code: 'CONVENTION_FIELD_REQUIRED', message: 'CONVENTION_FIELD_REQUIRED',
});

/** The fields each target needs, as 400s naming them (the DTO has already checked types and ranges). */
function transitionIssues(action: ConventionAction, input: ConventionTransitionRequest, paidCents: number): ApiErrorDetail[] {
  const issues: ApiErrorDetail[] = [];
  switch (action) {
    case 'sign_by_association':
      // A scan comes with its file, through POST /signed-scan.
      if (input.method === 'scan') issues.push({ field: 'method', code: 'CONVENTION_FIELD_FORBIDDEN', message: 'CONVENTION_FIELD_FORBIDDEN' });
      if (!input.signerName?.trim()) issues.push(required('signerName'));
      if (input.acceptTerms !== true) issues.push(required('acceptTerms'));
      break;
    case 'sign_by_department':
      if (!input.deliberationReference?.trim()) issues.push(required('deliberationReference'));
      break;
    case 'suspend':
      if (!input.reason?.trim()) issues.push(required('reason'));
      break;
    case 'terminate':
      if (!input.reason?.trim()) issues.push(required('reason'));
      if (input.recoveryCents === undefined) issues.push(required('recoveryCents'));
      else {
        for (const issue of checkTermination({ recoveryCents: input.recoveryCents, paidCents })) {
          issues.push({ field: issue.field, code: issue.code, message: issue.code, ...(issue.params ? { params: issue.params } : {}) } as ApiErrorDetail);
        }
      }
      break;
    default:
      break;
  }
  return issues;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The Département's signature dictionary (shown by PDF readers): who signs for it, where, why, when. */
function departmentSignature(grantor: GrantorIdentity, reason: string, signingTime: Date) {
  return { name: grantor.name, reason, location: grantor.address.split('\n').at(-1) ?? grantor.name, contactInfo: grantor.name, signingTime };
}

const conventionSignatureReason = (number: string, signerName: string, grantor: GrantorIdentity, deliberationReference: string): string =>
  `Convention ${number} — signée par ${signerName} pour ${grantor.name} (délibération ${deliberationReference})`;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Conventions (issue #8 §1, §2, §5): drafted from a published retained decision, sent, signed by both
 * parties (the Département's signature commits the years against their cells and produces the
 * PAdES-signed PDF), amended, suspended, closed or terminated — every change through
 * `conventionLifecycle`, with its audit event in the same transaction.
 *
 * Lock order on every money path: the convention's installments, the convention, the allocation cells
 * (by id), the convention years — the order `recordPayment` also follows (installment → cell → year →
 * convention row last), so none of them deadlocks another.
 */
@Injectable()
export class ConventionsService {
  private readonly logger = new Logger('ConventionsService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly grantor: GrantorService,
    private readonly storage: StorageService,
    private readonly signing: ConventionSigning,
  ) {}

  // ------------------------------------------------------------------------------------------------
  // Creation

  async create(actor: Actor, input: CreateConventionRequest): Promise<ConventionView> {
    const stored: string[] = [];
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        const [application] = await this.retainedApplications(manager, 'a.id = $1', [input.applicationId]);
        if (!application) {
          // An application without any decision is "not retained", not "not found".
          const [exists] = (await manager.query(`SELECT 1 FROM application WHERE id = $1`, [input.applicationId])) as unknown[];
          throw exists ? AppException.conflict('CONVENTION_DECISION_NOT_PUBLISHED') : AppException.notFound();
        }
        if (application.outcome !== 'retained' || !application.publishedAt) throw AppException.conflict('CONVENTION_DECISION_NOT_PUBLISHED');
        return this.draft(manager, actor, application, stored);
      });
      return this.view(this.dataSource.manager, actor, id);
    } catch (error) {
      await this.forget(stored);
      throw error;
    }
  }

  /**
   * Drafts for every published retained decision of a session that has no convention yet, in
   * transactions of BATCH_CHUNK: each chunk holds the call's number counter (and renders its PDFs) for
   * a bounded time instead of the whole session; numbers stay gap-free (a failed chunk gives its
   * numbers back), and since only applications without a convention are taken, running the batch
   * again after a failure completes it.
   */
  async createForSession(actor: Actor, input: CreateSessionConventionsRequest): Promise<ConventionBatchView> {
    const manager = this.dataSource.manager;
    const [session] = (await manager.query(`SELECT id FROM committee_session WHERE id = $1`, [input.sessionId])) as Array<{ id: string }>;
    if (!session) throw AppException.notFound();
    const [{ already }] = (await manager.query(
      `SELECT count(*)::int AS already FROM committee_decision d JOIN convention c ON c.application_id = d.application_id
        WHERE d.session_id = $1 AND d.outcome = 'retained' AND d.published_at IS NOT NULL`,
      [input.sessionId],
    )) as [{ already: number }];
    const pending = await this.retainedApplications(
      manager,
      `d.session_id = $1 AND d.outcome = 'retained' AND d.published_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM convention c WHERE c.application_id = a.id)`,
      [input.sessionId],
      false,
    );
    const created: string[] = [];
    for (let start = 0; start < pending.length; start += BATCH_CHUNK) {
      const chunk = pending.slice(start, start + BATCH_CHUNK);
      const stored: string[] = [];
      try {
        const ids = await this.dataSource.transaction(async (m) => {
          const ids: string[] = [];
          for (const candidate of chunk) {
            // Locked and re-read: a single creation may have raced this batch.
            const [application] = await this.retainedApplications(m, 'a.id = $1', [candidate.id]);
            const [exists] = (await m.query(`SELECT 1 FROM convention WHERE application_id = $1`, [candidate.id])) as unknown[];
            if (!application || exists) continue;
            ids.push(await this.draft(m, actor, application, stored));
          }
          return ids;
        });
        created.push(...ids);
      } catch (error) {
        await this.forget(stored);
        throw error;
      }
    }
    const items = created.length ? await this.summaries(manager, created) : [];
    return { created: items, alreadyCreated: already };
  }

  private async retainedApplications(manager: EntityManager, where: string, params: unknown[], lock = true): Promise<RetainedApplication[]> {
    return manager.query(
      `SELECT a.id, a.call_id AS "callId", a.axis_id AS "axisId", a.organization_id AS "organizationId", a.reference, a.title,
              d.outcome, d.published_at AS "publishedAt", s.deliberation_reference AS "deliberationReference", s.sits_on::text AS "sitsOn"
         FROM application a
         JOIN committee_decision d ON d.application_id = a.id
         JOIN committee_session s ON s.id = d.session_id
        WHERE ${where}
        ORDER BY a.reference, a.id
        ${lock ? 'FOR UPDATE OF a' : ''}`,
      params,
    );
  }

  /** One draft in the caller's transaction: number, yearly amounts tied to their cells, the PDF and its SHA-256. */
  private async draft(manager: EntityManager, actor: Actor, app: RetainedApplication, stored: string[]): Promise<string> {
    const [existing] = (await manager.query(`SELECT number FROM convention WHERE application_id = $1`, [app.id])) as Array<{ number: string }>;
    if (existing) throw AppException.conflict('CONVENTION_ALREADY_EXISTS', { number: existing.number });
    const grants = (await manager.query(
      `SELECT g.year, g.amount_cents AS "amountCents", ca.id AS "allocationId"
         FROM decision_grant g
         LEFT JOIN call_allocation ca ON ca.call_id = $2 AND ca.axis_id = $3 AND ca.year = g.year
        WHERE g.application_id = $1 AND g.amount_cents > 0
        ORDER BY g.year`,
      [app.id, app.callId, app.axisId],
    )) as Array<{ year: number; amountCents: string; allocationId: string | null }>;
    if (!grants.length || grants.some((g) => !g.allocationId)) throw AppException.conflict('CONVENTION_DECISION_NOT_PUBLISHED');
    const call = await manager.findOneByOrFail(Call, { id: app.callId });
    const callYear = Math.min(...call.years);
    const number = await drawConventionNumber(manager, app.callId, callYear);
    const years = grants.map((g) => ({ year: g.year, amountCents: Number(g.amountCents) }));
    const data = await this.documentData(manager, {
      callId: app.callId, axisId: app.axisId, organizationId: app.organizationId, number, reference: app.reference ?? '', title: app.title,
      deliberationReference: app.deliberationReference, deliberationDate: app.sitsOn,
    }, years, 1);
    const document = await renderConventionDocument(data);
    const key = await this.storage.put(document.bytes);
    stored.push(key);
    const total = years.reduce((sum, y) => sum + y.amountCents, 0);
    const convention = await manager.save(manager.create(Convention, {
      callId: app.callId, applicationId: app.id, organizationId: app.organizationId, number, status: 'draft', documentVersion: 1,
      totalCents: total, documentStorageKey: key, documentSha256: document.sha256, createdBy: actor.userId,
    }));
    for (const g of grants) {
      await manager.insert(ConventionYear, { conventionId: convention.id, year: g.year, allocationId: g.allocationId as string, amountCents: Number(g.amountCents) });
    }
    await this.audit.record(manager, actor, {
      action: 'convention.created', entityType: 'convention', entityId: convention.id,
      diff: diffOf(null, { number, applicationId: app.id, status: 'draft', years, documentSha256: document.sha256 }),
    });
    return convention.id;
  }

  private async documentData(
    manager: EntityManager,
    c: { callId: string; axisId: string; organizationId: string; number: string; reference: string; title: string; deliberationReference: string; deliberationDate: string | null },
    years: Array<{ year: number; amountCents: number }>,
    versionNo: number,
    amendmentReason?: string,
  ): Promise<ConventionDocumentData> {
    const call = await manager.findOneByOrFail(Call, { id: c.callId });
    const [axis] = (await manager.query(`SELECT label_fr AS label FROM call_axis WHERE id = $1`, [c.axisId])) as Array<{ label: string }>;
    const org = await manager.findOneByOrFail(Organization, { id: c.organizationId });
    return {
      grantor: await this.grantor.current(manager),
      number: c.number, versionNo, ...(amendmentReason ? { amendmentReason } : {}),
      callTitle: call.title, axisLabel: axis?.label ?? '', deliberationReference: c.deliberationReference, deliberationDate: c.deliberationDate,
      organization: {
        legalName: org.legalName, siret: org.siret, rna: org.rna, addressLine: org.addressLine, postalCode: org.postalCode, city: org.city,
        legalRepName: org.legalRepName, legalRepFunction: org.legalRepFunction,
      },
      project: { reference: c.reference, title: c.title },
      years, advanceBasisPoints: call.advanceBasisPoints, generatedAt: new Date(),
    };
  }

  /** The facts of an existing convention that its documents print. */
  private async conventionFacts(manager: EntityManager, c: Convention) {
    const [row] = (await manager.query(
      `SELECT a.axis_id AS "axisId", a.reference, a.title, s.deliberation_reference AS "deliberationReference", s.sits_on::text AS "sitsOn"
         FROM application a
         LEFT JOIN committee_decision d ON d.application_id = a.id
         LEFT JOIN committee_session s ON s.id = d.session_id
        WHERE a.id = $1`,
      [c.applicationId],
    )) as Array<{ axisId: string; reference: string | null; title: string; deliberationReference: string | null; sitsOn: string | null }>;
    if (!row) throw AppException.notFound();
    return {
      callId: c.callId, axisId: row.axisId, organizationId: c.organizationId, number: c.number, reference: row.reference ?? '', title: row.title,
      deliberationReference: row.deliberationReference ?? '', deliberationDate: row.sitsOn,
    };
  }

  // ------------------------------------------------------------------------------------------------
  // Reads

  list(actor: Actor, query: ListConventionsQuery): Promise<Page<ConventionSummaryView>> {
    return listConventions(this.dataSource.manager, actor, query);
  }

  sessions(query: ListConventionSessionsQuery): Promise<ConventionSessionView[]> {
    return listConventionSessions(this.dataSource.manager, query.callId);
  }

  get(actor: Actor, id: string): Promise<ConventionView> {
    return this.view(this.dataSource.manager, actor, id);
  }

  /** The convention row the actor may reach (404 otherwise), optionally locked for update. */
  private async scoped(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Convention> {
    const params: unknown[] = [id];
    const scope = conventionScopeSql(actor, (value) => (params.push(value), `$${params.length}`));
    const [row] = (await manager.query(`SELECT c.id FROM convention c WHERE c.id = $1 AND ${scope}${lock ? ' FOR UPDATE' : ''}`, params)) as Array<{ id: string }>;
    if (!row) throw AppException.notFound();
    return manager.findOneByOrFail(Convention, { id });
  }

  private async summaries(manager: EntityManager, ids: string[]): Promise<ConventionSummaryView[]> {
    const rows: SummaryRow[] = await manager.query(`SELECT ${SUMMARY_SELECT} FROM ${SUMMARY_FROM} WHERE c.id = ANY($1::uuid[]) ORDER BY c.number`, [ids]);
    return rows.map(toSummary);
  }

  async view(manager: EntityManager, actor: Actor, id: string): Promise<ConventionView> {
    const c = await this.scoped(manager, actor, id);
    // Seeded conventions may have no stored original yet (merge of wt/seed): render it on first need.
    const original = await ensureConventionDocument(manager, this.storage, id);
    const [summary] = await this.summaries(manager, [id]);
    if (!summary) throw AppException.notFound();
    const years = (await manager.query(
      `SELECT year, amount_cents AS "amountCents", committed_cents AS "committedCents", paid_cents AS "paidCents", report_approved_at AS "reportApprovedAt"
         FROM convention_year WHERE convention_id = $1 ORDER BY year`,
      [id],
    )) as Array<{ year: number; amountCents: string; committedCents: string; paidCents: string; reportApprovedAt: Date | null }>;
    const amendments = (await manager.query(
      `SELECT am.id, am.version_no AS "versionNo", am.reason, am.diff, am.document_sha256 AS "documentSha256", am.created_at AS "createdAt",
              u.full_name AS "createdByName", am.association_signed_at AS "associationSignedAt", am.department_signed_at AS "departmentSignedAt"
         FROM convention_amendment am JOIN app_user u ON u.id = am.created_by
        WHERE am.convention_id = $1 ORDER BY am.version_no`,
      [id],
    )) as Array<{
      id: string; versionNo: number; reason: string; diff: { years?: AmendmentYearDiff[]; installments?: AmendmentInstallmentDiff[] }; documentSha256: string; createdAt: Date;
      createdByName: string; associationSignedAt: Date | null; departmentSignedAt: Date | null;
    }>;
    const org = await manager.findOneByOrFail(Organization, { id: c.organizationId });
    const grantor = await this.grantor.current(manager);
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      ...summary,
      parties: {
        grantorName: grantor.name, grantorRepresentative: grantor.presidentName, organizationName: org.legalName,
        organizationSiret: org.siret ?? '', organizationRepresentative: org.legalRepName,
      },
      years: years.map((y) => ({
        year: y.year, amountCents: Number(y.amountCents), committedCents: Number(y.committedCents), paidCents: Number(y.paidCents),
        reportApprovedAt: iso(y.reportApprovedAt),
      })),
      documentSha256: amendments.at(-1)?.documentSha256 ?? c.documentSha256 ?? original?.sha256 ?? '',
      signedDocumentSha256: c.signedDocumentSha256,
      associationSignature: c.associationSignedAt && c.associationSignerName && c.associationSignatureMethod
        ? { signerName: c.associationSignerName, signedAt: c.associationSignedAt.toISOString(), method: c.associationSignatureMethod }
        : null,
      departmentSignature: c.departmentSignedAt && c.departmentSignerName && c.deliberationReference
        ? { signerName: c.departmentSignerName, signedAt: c.departmentSignedAt.toISOString(), deliberationReference: c.deliberationReference }
        : null,
      activatedAt: iso(c.activatedAt), closedAt: iso(c.closedAt), terminatedAt: iso(c.terminatedAt),
      terminationReason: c.terminationReason, recoveryCents: c.recoveryCents,
      amendments: amendments.map((a) => ({
        id: a.id, versionNo: a.versionNo, reason: a.reason, years: a.diff.years ?? [],
        ...(a.diff.installments?.length ? { installments: a.diff.installments } : {}), documentSha256: a.documentSha256,
        createdAt: a.createdAt.toISOString(), createdByName: a.createdByName, associationSignedAt: iso(a.associationSignedAt),
        departmentSignedAt: iso(a.departmentSignedAt),
      })),
      allowedActions: conventionLifecycle.actionsFrom(c.status).filter((action) => mayPerform(actor, action)),
    };
  }

  /** The current version's PDF; `signed` the PAdES-signed convention; `version` a given version (1 = the original). */
  async document(actor: Actor, id: string, query: ConventionDocumentQuery): Promise<{ fileName: string; content: Readable }> {
    const manager = this.dataSource.manager;
    const c = await this.scoped(manager, actor, id);
    if (query.signed === '1' || query.signed === 'true') {
      const key = c.signedDocumentStorageKey ?? (c.departmentSignedAt ? await this.signSeededOriginal(manager, c) : null);
      if (!key) throw new AppException(HttpStatus.NOT_FOUND, 'NO_SIGNED_DOCUMENT');
      return { fileName: `${c.number}-signee.pdf`, content: await this.storage.get(key) };
    }
    const wanted = query.version ? Number(query.version) : c.documentVersion;
    if (wanted === 1) {
      const original = await ensureConventionDocument(manager, this.storage, c.id);
      if (!original) throw AppException.notFound();
      return { fileName: `${c.number}.pdf`, content: await this.storage.get(original.storageKey) };
    }
    const amendment = await manager.findOneBy(ConventionAmendment, { conventionId: id, versionNo: wanted });
    if (!amendment) throw AppException.notFound();
    return { fileName: `${c.number}-avenant-${wanted - 1}.pdf`, content: await this.storage.get(amendment.documentStorageKey) };
  }

  /**
   * A convention signed by the Département outside this API's signature route — the demo seed writes
   * signed conventions as rows, without signing thousands of PDFs — gets its PAdES-signed copy on first
   * request: the original (version 1, what was signed) signed with the configured certificate, dated
   * with the recorded signature instant and naming the recorded signer and deliberation. Two concurrent
   * callers may both sign: the first UPDATE wins and the other's file is removed.
   */
  private async signSeededOriginal(manager: EntityManager, c: Convention): Promise<string | null> {
    const original = await ensureConventionDocument(manager, this.storage, c.id);
    if (!original || !c.departmentSignedAt) return null;
    const grantor = await this.grantor.current(manager);
    const signed = await this.signing.sign(await readAll(await this.storage.get(original.storageKey)), departmentSignature(
      grantor, conventionSignatureReason(c.number, c.departmentSignerName ?? grantor.presidentName, grantor, c.deliberationReference ?? '—'), c.departmentSignedAt,
    ));
    const key = await this.storage.put(signed);
    const updated = (await manager.query(
      `UPDATE convention SET signed_document_storage_key = $2, signed_document_sha256 = $3
        WHERE id = $1 AND signed_document_storage_key IS NULL RETURNING id`,
      [c.id, key, sha256(signed)],
    )) as unknown[];
    // The postgres driver answers an UPDATE … RETURNING with [rows, count].
    if ((Array.isArray(updated[0]) ? (updated[0] as unknown[]) : updated).length) return key;
    await this.storage.delete(key);
    const [stored] = (await manager.query(`SELECT signed_document_storage_key AS key FROM convention WHERE id = $1`, [c.id])) as Array<{ key: string | null }>;
    return stored?.key ?? null;
  }

  // ------------------------------------------------------------------------------------------------
  // Transitions

  async transition(actor: Actor, id: string, input: ConventionTransitionRequest): Promise<ConventionView> {
    const current = await this.scoped(this.dataSource.manager, actor, id);
    const action = actionFor(current.status, input.to);
    if (!mayPerform(actor, action)) throw new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN');
    const issues = transitionIssues(action, input, current.paidCents);
    if (issues.length) throw AppException.validation(issues);
    if (action === 'sign_by_department') return this.signByDepartment(actor, current, input);
    await this.dataSource.transaction(async (manager) => {
      // Installments first when they may change (the payment path's order), then the convention.
      if (action === 'terminate' || action === 'activate' || action === 'resume' || action === 'close') await this.lockInstallments(manager, id);
      const c = await this.scoped(manager, actor, id, true);
      const next = this.checkedNext(c, action, input.version);
      const now = new Date();
      const before: Record<string, unknown> = { status: c.status };
      const after: Record<string, unknown> = { status: next };
      const changes: Partial<Convention> = { status: next, updatedAt: now, version: c.version + 1 };
      switch (action) {
        case 'send':
          changes.sentAt = now;
          await this.notifySent(manager, c);
          break;
        case 'sign_by_association': {
          changes.associationSignerId = actor.userId;
          changes.associationSignerName = (input.signerName ?? '').trim();
          changes.associationSignedAt = now;
          changes.associationSignatureMethod = 'accept';
          Object.assign(after, { associationSignerName: changes.associationSignerName, method: 'accept', acceptTerms: true, signedAt: now.toISOString() });
          break;
        }
        case 'activate':
          changes.activatedAt = now;
          after['madeDue'] = await this.makeDue(manager, id, parisToday(now));
          break;
        case 'resume':
          after['madeDue'] = await this.makeDue(manager, id, parisToday(now));
          break;
        case 'suspend':
          after['reason'] = (input.reason ?? '').trim();
          break;
        case 'close': {
          const [{ open }] = (await manager.query(
            `SELECT count(*)::int AS open FROM installment WHERE convention_id = $1 AND status IN ('planned','due')`,
            [id],
          )) as [{ open: number }];
          if (open > 0) throw AppException.conflict('CONVENTION_OPEN_INSTALLMENTS', { count: open });
          changes.closedAt = now;
          break;
        }
        case 'terminate': {
          // Checked again on the locked row: a payment may have landed since the first check.
          const late = transitionIssues(action, input, c.paidCents);
          if (late.length) throw AppException.validation(late);
          changes.terminatedAt = now;
          changes.terminationReason = (input.reason ?? '').trim();
          changes.recoveryCents = input.recoveryCents ?? 0;
          const cancelled = await this.cancelOpenInstallments(manager, id);
          const released = await this.releaseUnpaidCommitment(manager, id);
          Object.assign(after, { reason: changes.terminationReason, recoveryCents: changes.recoveryCents, cancelledInstallments: cancelled, released });
          break;
        }
        default:
          break;
      }
      await manager.update(Convention, { id }, changes);
      await this.audit.record(manager, actor, { action: `convention.${action}`, entityType: 'convention', entityId: id, diff: diffOf(before, after) });
    });
    return this.view(this.dataSource.manager, actor, id);
  }

  /** The lifecycle's next state (409 when illegal), then the version the client saw (409 when stale). */
  private checkedNext(c: Convention, action: ConventionAction, seen: number | undefined): ConventionStatus {
    const next = conventionLifecycle.next(c.status, action);
    if (seen !== undefined && seen !== c.version) throw AppException.conflict('CONVENTION_STALE', { current: c.version, seen });
    return next;
  }

  /**
   * The Département's signature: the PAdES signature (CPU) and its storage happen first, without any
   * lock; then ONE transaction locks the convention and its cells, commits each year (409 naming the
   * cell and what remains), creates the installments and records the signature. A refused or failed
   * transaction removes the signed file it would have referenced.
   */
  private async signByDepartment(actor: Actor, current: Convention, input: ConventionTransitionRequest): Promise<ConventionView> {
    this.checkedNext(current, 'sign_by_department', input.version);
    const manager = this.dataSource.manager;
    const signer = await manager.findOneByOrFail(User, { id: actor.userId });
    const grantor = await this.grantor.current(manager);
    const deliberationReference = (input.deliberationReference ?? '').trim();
    const now = new Date();
    const original = await ensureConventionDocument(manager, this.storage, current.id);
    if (!original) throw AppException.notFound();
    const unsigned = await readAll(await this.storage.get(original.storageKey));
    const signed = await this.signing.sign(unsigned, departmentSignature(
      grantor, conventionSignatureReason(current.number, signer.fullName, grantor, deliberationReference), now,
    ));
    const signedSha = sha256(signed);
    const key = await this.storage.put(signed);
    try {
      await this.dataSource.transaction(async (m) => {
        const c = await this.scoped(m, actor, current.id, true);
        const next = this.checkedNext(c, 'sign_by_department', input.version);
        // The document signed above is the one stored now (no amendment can precede this signature).
        if (c.documentSha256 !== original.sha256) throw AppException.conflict('CONVENTION_STALE', { current: c.version, seen: current.version });
        const committed = await commitConventionYears(m, c.id);
        const call = await m.findOneByOrFail(Call, { id: c.callId });
        const years = await m.find(ConventionYear, { where: { conventionId: c.id }, order: { year: 'ASC' } });
        const schedule = buildInstallmentSchedule({
          years: years.map((y) => ({ year: y.year, amountCents: y.amountCents })),
          rule: { advanceBasisPoints: call.advanceBasisPoints },
          signedOn: parisToday(now),
        });
        for (const planned of schedule) {
          await m.insert(Installment, { conventionId: c.id, year: planned.year, kind: planned.kind, amountCents: planned.amountCents, dueOn: planned.dueOn, status: 'planned' });
        }
        await m.update(Convention, { id: c.id }, {
          status: next, departmentSignerId: actor.userId, departmentSignerName: signer.fullName, deliberationReference, departmentSignedAt: now,
          signedDocumentStorageKey: key, signedDocumentSha256: signedSha, updatedAt: now, version: c.version + 1,
        });
        await this.audit.record(m, actor, {
          action: 'convention.sign_by_department', entityType: 'convention', entityId: c.id,
          diff: diffOf({ status: c.status }, {
            status: next, deliberationReference, departmentSignerName: signer.fullName, signedDocumentSha256: signedSha,
            committed: committed.map((y) => ({ year: y.year, allocationId: y.allocationId, deltaCents: y.deltaCents })),
            installments: schedule,
          }),
        });
      });
    } catch (error) {
      await this.forget([key]);
      throw error;
    }
    return this.view(this.dataSource.manager, actor, current.id);
  }

  /** The association's signature by upload of the signed scan (PDF, checked from its bytes), the same transition as accepting. */
  async signedScan(actor: Actor, id: string, fields: SignedScanRequest, file: UploadedDocumentFile): Promise<ConventionView> {
    const current = await this.scoped(this.dataSource.manager, actor, id);
    if (!mayPerform(actor, 'sign_by_association')) throw new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN');
    const type = await detectAcceptedType(file.buffer);
    if (type?.ext !== 'pdf') throw AppException.validation([{ field: 'file', code: 'CONVENTION_SCAN_NOT_PDF', message: 'CONVENTION_SCAN_NOT_PDF' }]);
    const seen = fields.version ? Number(fields.version) : undefined;
    this.checkedNext(current, 'sign_by_association', seen);
    const key = await this.storage.put(file.buffer);
    const scanSha = sha256(file.buffer);
    try {
      await this.dataSource.transaction(async (manager) => {
        const c = await this.scoped(manager, actor, id, true);
        const next = this.checkedNext(c, 'sign_by_association', seen);
        const org = await manager.findOneByOrFail(Organization, { id: c.organizationId });
        const user = await manager.findOneByOrFail(User, { id: actor.userId });
        const signerName = fields.signerName?.trim() || org.legalRepName || user.fullName;
        const now = new Date();
        await manager.update(Convention, { id }, {
          status: next, associationSignerId: actor.userId, associationSignerName: signerName, associationSignedAt: now,
          associationSignatureMethod: 'scan', associationScanStorageKey: key, associationScanSha256: scanSha, updatedAt: now, version: c.version + 1,
        });
        await this.audit.record(manager, actor, {
          action: 'convention.sign_by_association', entityType: 'convention', entityId: id,
          diff: diffOf({ status: c.status }, { status: next, method: 'scan', associationSignerName: signerName, scanSha256: scanSha, signedAt: now.toISOString() }),
        });
      });
    } catch (error) {
      await this.forget([key]);
      throw error;
    }
    return this.view(this.dataSource.manager, actor, id);
  }

  // ------------------------------------------------------------------------------------------------
  // Amendments

  /**
   * An amendment (avenant): new yearly amounts with a reason. Its PDF is rendered and PAdES-signed
   * first (no lock held); then one transaction re-checks the version, refuses a year below what is
   * paid, cancels the open installments of the changed years and replaces them (paid parts kept),
   * commits the difference against the cells (409 naming the cell) and records the new version.
   */
  async amend(actor: Actor, id: string, input: AmendmentRequest): Promise<ConventionView> {
    const manager = this.dataSource.manager;
    const current = await this.scoped(manager, actor, id);
    if (current.status !== 'active' && current.status !== 'signed_by_department') {
      throw AppException.conflict('CONVENTION_NOT_AMENDABLE', { status: current.status });
    }
    if (input.version !== undefined && input.version !== current.version) {
      throw AppException.conflict('CONVENTION_STALE', { current: current.version, seen: input.version });
    }
    const years = await manager.find(ConventionYear, { where: { conventionId: id }, order: { year: 'ASC' } });
    const known = new Set(years.map((y) => y.year));
    const seenYears = new Set<number>();
    const issues: ApiErrorDetail[] = [];
    const yearRequests = input.years ?? [];
    yearRequests.forEach((y, i) => {
      if (!known.has(y.year)) issues.push({ field: `years[${i}].year`, code: 'AMENDMENT_YEAR_UNKNOWN', message: 'AMENDMENT_YEAR_UNKNOWN', params: { year: y.year } } as ApiErrorDetail);
      else if (seenYears.has(y.year)) issues.push({ field: `years[${i}].year`, code: 'AMENDMENT_YEAR_DUPLICATE', message: 'AMENDMENT_YEAR_DUPLICATE', params: { year: y.year } } as ApiErrorDetail);
      seenYears.add(y.year);
    });
    const dateRequests = input.installments ?? [];
    const firstYear = years[0]?.year ?? 0;
    const range = { from: `${firstYear}-01-01`, to: `${(years.at(-1)?.year ?? firstYear) + 1}-12-31` };
    const seenInstallments = new Set<string>();
    dateRequests.forEach((r, i) => {
      const kindParams = { year: r.year, kindFr: KIND_FR[r.kind], kindEn: r.kind };
      if (!known.has(r.year)) issues.push({ field: `installments[${i}].year`, code: 'AMENDMENT_YEAR_UNKNOWN', message: 'AMENDMENT_YEAR_UNKNOWN', params: { year: r.year } } as ApiErrorDetail);
      else if (seenInstallments.has(`${r.year}:${r.kind}`)) {
        issues.push({ field: `installments[${i}]`, code: 'AMENDMENT_INSTALLMENT_DUPLICATE', message: 'AMENDMENT_INSTALLMENT_DUPLICATE', params: kindParams } as ApiErrorDetail);
      }
      seenInstallments.add(`${r.year}:${r.kind}`);
      if (r.dueOn < range.from || r.dueOn > range.to) {
        issues.push({ field: `installments[${i}].dueOn`, code: 'AMENDMENT_DUE_ON_OUT_OF_RANGE', message: 'AMENDMENT_DUE_ON_OUT_OF_RANGE', params: range } as ApiErrorDetail);
      }
    });
    if (issues.length) throw AppException.validation(issues);
    const wanted = new Map(yearRequests.map((y) => [y.year, y.amountCents]));
    const diff: AmendmentYearDiff[] = years
      .filter((y) => wanted.has(y.year) && wanted.get(y.year) !== y.amountCents)
      .map((y) => ({ year: y.year, beforeCents: y.amountCents, afterCents: wanted.get(y.year) as number }));
    // Checked again under lock in the transaction (a payment may have come in meanwhile).
    const dateDiff = plannedDateMoves(await this.readInstallments(manager, id), dateRequests);
    if (!diff.length && !dateDiff.length) throw AppException.conflict('CONVENTION_NOTHING_CHANGED');
    const newYears = years.map((y) => ({ year: y.year, amountCents: wanted.get(y.year) ?? y.amountCents }));
    const versionNo = current.documentVersion + 1;
    const reason = input.reason.trim();
    const facts = await this.conventionFacts(manager, current);
    // The new version restates every date an amendment has moved, this one's last (it wins).
    const earlier = await manager.find(ConventionAmendment, { where: { conventionId: id }, order: { versionNo: 'ASC' } });
    const movedDueDates = new Map<string, { year: number; kind: InstallmentKind; dueOn: string; byAmendment: number | null }>();
    for (const a of earlier) {
      for (const m of (a.diff.installments ?? []) as AmendmentInstallmentDiff[]) movedDueDates.set(`${m.year}:${m.kind}`, { year: m.year, kind: m.kind, dueOn: m.afterDueOn, byAmendment: a.versionNo - 1 });
    }
    for (const d of dateDiff) movedDueDates.set(`${d.year}:${d.kind}`, { year: d.year, kind: d.kind, dueOn: d.afterDueOn, byAmendment: null });
    const rendered = await renderConventionDocument({
      ...(await this.documentData(manager, facts, newYears, versionNo, reason)),
      movedDueDates: [...movedDueDates.values()],
    });
    const now = new Date();
    const grantor = await this.grantor.current(manager);
    const signed = await this.signing.sign(rendered.bytes, departmentSignature(grantor, `Avenant n° ${versionNo - 1} à la convention ${current.number}`, now));
    const signedSha = sha256(signed);
    const key = await this.storage.put(signed);
    try {
      await this.dataSource.transaction(async (m) => {
        const installments = await this.lockInstallments(m, id);
        const c = await this.scoped(m, actor, id, true);
        if (c.version !== current.version) throw AppException.conflict('CONVENTION_STALE', { current: c.version, seen: current.version });
        const rows = await m.find(ConventionYear, { where: { conventionId: id } });
        const byYear = new Map(rows.map((y) => [y.year, y]));
        for (const d of diff) {
          const row = byYear.get(d.year) as ConventionYear;
          if (d.afterCents < row.paidCents) {
            throw AppException.conflict('CONVENTION_YEAR_BELOW_PAID', { year: d.year, paidFr: formatEuros(row.paidCents, 'fr'), paidEn: formatEuros(row.paidCents, 'en') });
          }
        }
        // Same answer as before the PDF was rendered, or the 409 of an installment paid or made due since.
        plannedDateMoves(installments, dateRequests);
        const moved = new Map(dateDiff.map((d) => [`${d.year}:${d.kind}`, d.afterDueOn]));
        const call = await m.findOneByOrFail(Call, { id: c.callId });
        const rule = { advanceBasisPoints: call.advanceBasisPoints };
        const signedOn = parisToday(c.departmentSignedAt ?? now);
        // Replacements computed before anything is written, so that a settled year refuses the whole amendment.
        const replacements: Array<{ year: number; kind: InstallmentKind; amountCents: number; dueOn: string }> = [];
        const toCancel: LockedInstallment[] = [];
        for (const d of diff) {
          const row = byYear.get(d.year) as ConventionYear;
          const ofYear = installments.filter((i) => i.year === d.year);
          const live = (kind: InstallmentKind) => ofYear.find((i) => i.kind === kind && i.status !== 'cancelled');
          const settled = (kind: InstallmentKind) => live(kind)?.status === 'paid';
          const paidOn = (kind: InstallmentKind) => ofYear.filter((i) => i.kind === kind).reduce((s, i) => s + i.paidCents, 0);
          const remaining = d.afterCents - row.paidCents;
          const split = splitYearAmount(d.afterCents, rule);
          const advance = settled('advance') ? 0 : Math.max(0, Math.min(remaining, split.advanceCents - paidOn('advance')));
          const balance = remaining - advance;
          if (balance > 0 && settled('balance')) throw AppException.conflict('CONVENTION_YEAR_SETTLED', { year: d.year });
          toCancel.push(...ofYear.filter((i) => i.status === 'planned' || i.status === 'due'));
          // The schedule's own dates for this year (a 50 % split of 1 € only serves to get both kinds' dates).
          const dates = new Map(buildInstallmentSchedule({ years: [{ year: d.year, amountCents: 100 }], rule: { advanceBasisPoints: 5000 }, signedOn })
            .map((p) => [p.kind, p.dueOn]));
          // A date this amendment moves wins; then the date the open installment has now (an earlier
          // amendment may have moved it); then the schedule's own one.
          const dueOn = (kind: InstallmentKind, fallback: string) =>
            moved.get(`${d.year}:${kind}`) ?? ofYear.find((i) => i.kind === kind && (i.status === 'planned' || i.status === 'due'))?.dueOn ?? dates.get(kind) ?? fallback;
          if (advance > 0) replacements.push({ year: d.year, kind: 'advance', amountCents: advance, dueOn: dueOn('advance', `${d.year}-01-01`) });
          if (balance > 0) replacements.push({ year: d.year, kind: 'balance', amountCents: balance, dueOn: dueOn('balance', `${d.year + 1}-06-30`) });
        }
        // Years whose amount does not change keep their installments: only the date moves.
        const replacedYears = new Set(diff.map((d) => d.year));
        const dateMoves = dateDiff.filter((d) => !replacedYears.has(d.year))
          .map((d) => ({ id: (installments.find((i) => i.year === d.year && i.kind === d.kind && i.status === 'planned') as LockedInstallment).id, dueOn: d.afterDueOn }));
        for (const i of toCancel) {
          await m.query(`UPDATE installment SET status = $2::installment_status, version = version + 1 WHERE id = $1`, [i.id, installmentLifecycle.next(i.status, 'cancel')]);
        }
        for (const move of dateMoves) {
          await m.query(`UPDATE installment SET due_on = $2::date, version = version + 1 WHERE id = $1`, [move.id, move.dueOn]);
        }
        const committed = diff.length ? await commitConventionYears(m, id, new Map(diff.map((d) => [d.year, d.afterCents]))) : [];
        for (const r of replacements) await m.insert(Installment, { conventionId: id, ...r, status: 'planned' });
        const madeDue = c.status === 'active' ? await this.makeDue(m, id, parisToday(now)) : 0;
        await m.insert(ConventionAmendment, {
          conventionId: id, versionNo, reason, diff: { years: diff, ...(dateDiff.length ? { installments: dateDiff } : {}) }, documentStorageKey: key, documentSha256: signedSha, departmentSignedAt: now, createdBy: actor.userId,
        });
        const total = newYears.reduce((s, y) => s + y.amountCents, 0);
        await m.update(Convention, { id }, { documentVersion: versionNo, totalCents: total, updatedAt: now, version: c.version + 1 });
        await this.audit.record(m, actor, {
          action: 'convention.amended', entityType: 'convention', entityId: id,
          diff: diffOf({ documentVersion: c.documentVersion, totalCents: c.totalCents }, {
            documentVersion: versionNo, totalCents: total, reason, years: diff, installments: dateDiff, documentSha256: signedSha,
            committed: committed.map((y) => ({ year: y.year, deltaCents: y.deltaCents })),
            cancelledInstallments: toCancel.map((i) => i.id), replacements, madeDue,
          }),
        });
      });
    } catch (error) {
      await this.forget([key]);
      throw error;
    }
    return this.view(this.dataSource.manager, actor, id);
  }

  // ------------------------------------------------------------------------------------------------
  // Reports

  /**
   * Marks a year's report approved — the single entry point the yearly-report workflow will call —
   * and makes that year's balance due.
   */
  async approveReport(actor: Actor, id: string, year: number, input: ReportApprovalRequest): Promise<ConventionView> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockInstallments(manager, id);
      const c = await this.scoped(manager, actor, id, true);
      if (c.status !== 'active') throw AppException.conflict('CONVENTION_NOT_ACTIVE', { status: c.status });
      const [row] = (await manager.query(
        `SELECT report_approved_at AS "approvedAt" FROM convention_year WHERE convention_id = $1 AND year = $2 FOR UPDATE`,
        [id, year],
      )) as Array<{ approvedAt: Date | null }>;
      if (!row) throw AppException.notFound();
      if (row.approvedAt) throw AppException.conflict('REPORT_ALREADY_APPROVED', { year });
      const now = new Date();
      await manager.update(ConventionYear, { conventionId: id, year }, { reportApprovedAt: now, reportApprovedBy: actor.userId });
      const madeDue = await this.makeDue(manager, id, parisToday(now));
      await manager.update(Convention, { id }, { updatedAt: now, version: c.version + 1 });
      await this.audit.record(manager, actor, {
        action: 'convention.report-approved', entityType: 'convention', entityId: id,
        diff: diffOf({ year, reportApprovedAt: null }, { year, reportApprovedAt: now.toISOString(), comment: input.comment?.trim() || null, madeDue }),
      });
    });
    return this.view(this.dataSource.manager, actor, id);
  }

  // ------------------------------------------------------------------------------------------------
  // Helpers inside a transaction

  /** Locks every installment of the convention (by id), the first lock of the payment path. */
  private lockInstallments(manager: EntityManager, conventionId: string): Promise<LockedInstallment[]> {
    return this.readInstallments(manager, conventionId, true);
  }

  private async readInstallments(manager: EntityManager, conventionId: string, lock = false): Promise<LockedInstallment[]> {
    const rows = (await manager.query(
      `SELECT id, year, kind, status::text AS status, amount_cents AS "amountCents", paid_cents AS "paidCents", due_on::text AS "dueOn"
         FROM installment WHERE convention_id = $1 ORDER BY id${lock ? ' FOR UPDATE' : ''}`,
      [conventionId],
    )) as Array<Omit<LockedInstallment, 'amountCents' | 'paidCents'> & { amountCents: string; paidCents: string }>;
    return rows.map((r) => ({ ...r, amountCents: Number(r.amountCents), paidCents: Number(r.paidCents) }));
  }

  /** Planned installments whose time has come become due (installmentLifecycle make_due): advances by date, balances once the report is approved. */
  private async makeDue(manager: EntityManager, conventionId: string, today: string): Promise<number> {
    const rows = (await manager.query(
      `SELECT i.id, i.kind, i.status::text AS status, i.due_on::text AS "dueOn", cy.report_approved_at IS NOT NULL AS "reportApproved"
         FROM installment i JOIN convention_year cy ON cy.convention_id = i.convention_id AND cy.year = i.year
        WHERE i.convention_id = $1 AND i.status = 'planned'`,
      [conventionId],
    )) as Array<{ id: string; kind: InstallmentKind; status: InstallmentStatus; dueOn: string; reportApproved: boolean }>;
    let count = 0;
    for (const r of rows) {
      if (checkInstallmentDue({ kind: r.kind, status: r.status, dueOn: r.dueOn, today, reportApproved: r.reportApproved }).length) continue;
      await manager.query(`UPDATE installment SET status = $2::installment_status, version = version + 1 WHERE id = $1`, [
        r.id, installmentLifecycle.next(r.status, 'make_due'),
      ]);
      count++;
    }
    return count;
  }

  private async cancelOpenInstallments(manager: EntityManager, conventionId: string): Promise<number> {
    const open = (await manager.query(
      `SELECT id, status::text AS status FROM installment WHERE convention_id = $1 AND status IN ('planned','due') ORDER BY id`,
      [conventionId],
    )) as Array<{ id: string; status: InstallmentStatus }>;
    for (const i of open) {
      await manager.query(`UPDATE installment SET status = $2::installment_status, version = version + 1 WHERE id = $1`, [i.id, installmentLifecycle.next(i.status, 'cancel')]);
    }
    return open.length;
  }

  /**
   * A terminated convention keeps only what was paid committed: the rest goes back to its cells
   * (committed drops to paid), with the cells locked in id order like every commitment.
   */
  private async releaseUnpaidCommitment(manager: EntityManager, conventionId: string): Promise<Array<{ year: number; releasedCents: number }>> {
    const rows = (await manager.query(
      `SELECT cy.year, ca.id AS "allocationId", cy.committed_cents - cy.paid_cents AS "unpaid"
         FROM convention_year cy JOIN call_allocation ca ON ca.id = cy.allocation_id
        WHERE cy.convention_id = $1 ORDER BY ca.id FOR UPDATE OF ca, cy`,
      [conventionId],
    )) as Array<{ year: number; allocationId: string; unpaid: string }>;
    const released: Array<{ year: number; releasedCents: number }> = [];
    for (const r of rows) {
      const unpaid = Number(r.unpaid);
      if (unpaid <= 0) continue;
      await manager.query(`UPDATE call_allocation SET committed_cents = committed_cents - $2 WHERE id = $1`, [r.allocationId, unpaid]);
      await manager.query(`UPDATE convention_year SET committed_cents = paid_cents WHERE convention_id = $1 AND year = $2`, [conventionId, r.year]);
      released.push({ year: r.year, releasedCents: unpaid });
    }
    return released;
  }

  /** Every active member of the organisation is told (outbox, same transaction). */
  private async notifySent(manager: EntityManager, c: Convention): Promise<void> {
    const members = await manager.find(User, { where: { organizationId: c.organizationId, active: true }, order: { email: 'ASC' } });
    const facts = await this.conventionFacts(manager, c);
    const years = await manager.find(ConventionYear, { where: { conventionId: c.id }, order: { year: 'ASC' } });
    const grantor = await this.grantor.current(manager);
    const link = `${this.config.publicUrl.replace(/\/$/, '')}/conventions/${c.id}`;
    for (const member of members) {
      await this.outbox.enqueue(manager, conventionSentMail({
        to: member.email, number: c.number, projectTitle: facts.title, reference: facts.reference,
        years: years.map((y) => ({ year: y.year, amountCents: y.amountCents })), link, grantor,
      }));
    }
  }

  /** Files written for a transaction that did not commit. */
  private async forget(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.storage.delete(key).catch((error: unknown) => this.logger.warn(`could not remove ${key}: ${String(error)}`));
    }
  }
}
