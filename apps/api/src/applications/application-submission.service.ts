import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { ApplicationView, DocumentKind, VersionedRequest } from '@tremplin/contracts';
import { applicationLifecycle } from '@tremplin/domain';
import { Call } from '../calls/call.entity';
import { CallAxis } from '../calls/call-axis.entity';
import { AccessPolicy } from '../core/access/access.policy';
import { diffOf } from '../core/audit/audit-chain';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppException } from '../core/errors/app.exception';
import { GrantorService } from '../grantor/grantor.service';
import { OutboxService } from '../notifications/outbox.service';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { acknowledgementMail } from './application-mails';
import { renderReceipt } from './application-receipt';
import { applicationReference, DOCUMENT_KIND_NAMES, parisDateTime, submissionIssues } from './application-rules';
import { ApplicationVersion } from './application-version.entity';
import { ApplicationRequest } from './application-request.entity';
import { Application } from './application.entity';
import { normalizeBudget, normalizeProject, type ApplicationSnapshot } from './application.mapper';
import { ApplicationsService, callWindowParams, currentDocuments } from './applications.service';
import { InformationRequest } from './information-request.entity';

/** Submission (first or in answer to a request), its frozen versions and the receipt. */
@Injectable()
export class ApplicationSubmissionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly applications: ApplicationsService,
    private readonly grantor: GrantorService,
  ) {}

  /**
   * Everything in one transaction: status, reference, frozen version, call structure lock,
   * acknowledgement mail and audit event — all of it happens, or none.
   */
  async submit(actor: Actor, id: string, input: VersionedRequest): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const app = await this.access.ownApplication(manager, actor, id, { lock: true });
      const action = app.status === 'information_requested' ? 'resubmit' : 'submit';
      const status = applicationLifecycle.next(app.status, action);
      if (app.version !== input.version) throw AppException.conflict('STALE_VERSION');
      const call = await lockCall(manager, app.callId);
      // The server's clock decides. The deadline closes first submissions; an answer to the
      // Département's request for information comes after it by nature.
      const now = new Date();
      if (action === 'submit' && now.getTime() >= call.closesAt.getTime()) {
        throw AppException.conflict('SUBMISSION_CLOSED', { deadlineFr: parisDateTime(call.closesAt, 'fr'), deadlineEn: parisDateTime(call.closesAt, 'en') });
      }
      if (action === 'submit' && now.getTime() < call.opensAt.getTime()) throw AppException.conflict('CALL_NOT_OPEN', callWindowParams(call));
      const user = await manager.findOneByOrFail(User, { id: actor.userId });
      if (!user.emailVerifiedAt) throw AppException.conflict('EMAIL_NOT_VERIFIED');

      const documents = await currentDocuments(manager, id);
      const project = normalizeProject(app.project);
      const budget = normalizeBudget(app.budget);
      const issues = submissionIssues(
        { title: app.title, summary: app.summary, project, budget, declaration: app.declaration, documentKinds: documents.map((d) => d.kind) },
        call.years,
      );
      if (issues.length) throw new AppException(HttpStatus.BAD_REQUEST, 'APPLICATION_INCOMPLETE', undefined, issues);

      const axis = await manager.findOneByOrFail(CallAxis, { id: app.axisId });
      const organization = await manager.findOneByOrFail(Organization, { id: app.organizationId });
      const reference = app.reference ?? (await nextReference(manager, call, axis.code));
      const versionNo = app.submittedVersion + 1;
      const { name: grantorName, siret: grantorSiret, address: grantorAddress } = await this.grantor.current(manager);
      const snapshot: ApplicationSnapshot = {
        reference,
        versionNo,
        submittedAt: now.toISOString(),
        submittedBy: { id: user.id, email: user.email, fullName: user.fullName },
        // Who received it, as configured at that moment: the receipt keeps saying so.
        grantor: { name: grantorName, siret: grantorSiret, address: grantorAddress },
        call: { id: call.id, code: call.code, title: call.title, years: [...call.years] },
        axis: { code: axis.code, labelFr: axis.labelFr, labelEn: axis.labelEn },
        organization: {
          id: organization.id, legalName: organization.legalName, siret: organization.siret, rna: organization.rna,
          legalForm: organization.legalForm, addressLine: organization.addressLine, postalCode: organization.postalCode, city: organization.city,
          territory: organization.territory, legalRepName: organization.legalRepName, legalRepFunction: organization.legalRepFunction,
        },
        title: app.title,
        summary: app.summary,
        axisCode: axis.code,
        project,
        budget,
        declaration: app.declaration,
        documents: documents.map((d) => ({ id: d.id, kind: d.kind, fileName: d.fileName, sha256: d.sha256 })),
      };
      // Versions are inserted, never updated: (application_id, version_no) is the primary key.
      await manager.query(
        'INSERT INTO application_version (application_id, version_no, snapshot, submitted_at, submitted_by) VALUES ($1, $2, $3::jsonb, $4, $5)',
        [id, versionNo, JSON.stringify(snapshot), now, user.id],
      );
      // The yearly amounts of the version just frozen, as bigint rows the ranking and committee sum.
      await manager.delete(ApplicationRequest, { applicationId: id });
      await manager.insert(ApplicationRequest, budget.map((b) => ({ applicationId: id, year: b.year, amountCents: b.products.p74Departement })));
      await manager.update(Application, { id }, {
        status, reference, submittedVersion: versionNo, submittedAt: app.submittedAt ?? now, version: app.version + 1, updatedAt: now,
      });
      if (action === 'resubmit') await manager.update(InformationRequest, { applicationId: id, answeredAt: IsNull() }, { answeredAt: now });
      // The first submission freezes the call's structure (axes, years, grid): see CallsService.
      if (!call.structureLockedAt) await manager.query('UPDATE call SET structure_locked_at = $2 WHERE id = $1 AND structure_locked_at IS NULL', [call.id, now]);
      await this.outbox.enqueue(
        manager,
        acknowledgementMail({
          to: user.email, fullName: user.fullName, reference, title: app.title, callTitle: call.title, axisLabel: axis.labelFr,
          organizationName: organization.legalName, submittedAt: now, versionNo,
          amounts: budget.map((b) => ({ year: b.year, requestedCents: b.products.p74Departement })),
          link: `${this.config.publicUrl.replace(/\/$/, '')}/candidatures/${id}`,
          grantor: { name: grantorName },
        }),
      );
      const view = await this.applications.view(manager, actor, await manager.findOneByOrFail(Application, { id }));
      // Last: the audit chain's lock is held from here to the commit only.
      await this.audit.record(manager, actor, {
        action: action === 'submit' ? 'application.submitted' : 'application.resubmitted', entityType: 'application', entityId: id,
        diff: diffOf(
          { status: app.status, reference: app.reference, submittedVersion: app.submittedVersion },
          { status, reference, submittedVersion: versionNo },
        ),
      });
      return view;
    });
  }

  /** The PDF receipt of the last submitted version, built from the frozen snapshot (not the live draft). */
  async receipt(actor: Actor, id: string): Promise<{ fileName: string; content: Buffer }> {
    const manager = this.dataSource.manager;
    const app = await this.access.readableApplication(manager, actor, id);
    if (app.submittedVersion === 0 || !app.reference) throw AppException.conflict('APPLICATION_NOT_SUBMITTED');
    const version = await manager.findOneByOrFail(ApplicationVersion, { applicationId: id, versionNo: app.submittedVersion });
    const s = version.snapshot as unknown as ApplicationSnapshot;
    // Versions frozen before the grantor was recorded in snapshots take the current record.
    const grantor = s.grantor ?? (await this.grantor.current(manager));
    const content = await renderReceipt({
      grantor: { name: grantor.name, siret: grantor.siret, address: grantor.address },
      reference: s.reference,
      versionNo: s.versionNo,
      submittedAt: version.submittedAt,
      callTitle: s.call.title,
      axisLabel: s.axis.labelFr,
      organization: { legalName: s.organization.legalName, siret: s.organization.siret, rna: s.organization.rna },
      title: s.title,
      amounts: s.budget.map((b) => ({ year: b.year, requestedCents: b.products.p74Departement })),
      documents: s.documents.map((d) => ({ kindLabel: DOCUMENT_KIND_NAMES[d.kind as DocumentKind]?.fr ?? d.kind, fileName: d.fileName, sha256: d.sha256 })),
    });
    return { fileName: `accuse-reception-${s.reference}.pdf`, content };
  }
}

/**
 * The call row is locked while the submission commits, so an administrator's concurrent change to the
 * call waits (and then finds the structure locked). Once locked, a shared lock is enough and concurrent
 * submissions do not queue on the call (they do on the reference counter, briefly).
 */
async function lockCall(manager: EntityManager, id: string): Promise<Call> {
  const peek = await manager.findOneByOrFail(Call, { id });
  const mode = peek.structureLockedAt ? 'pessimistic_read' : 'pessimistic_write';
  const call = await manager.getRepository(Call).createQueryBuilder('c').setLock(mode).where('c.id = :id', { id }).getOne();
  if (!call) throw AppException.notFound();
  return call;
}

/** Gapless numbering per call: the counter row is locked until the transaction ends, and rolled back with it. */
async function nextReference(manager: EntityManager, call: Call, axisCode: string): Promise<string> {
  const firstYear = Math.min(...call.years);
  const counted: Array<{ last_number: number }> = await manager.query(
    `INSERT INTO application_reference_counter (call_id, last_number) VALUES ($1, 1)
     ON CONFLICT (call_id) DO UPDATE SET last_number = application_reference_counter.last_number + 1
     RETURNING last_number`,
    [call.id],
  );
  const ranked: Array<{ earlier: number }> = await manager.query(
    `SELECT count(*)::int AS earlier FROM call other, call this
      WHERE this.id = $2 AND (SELECT min(y) FROM unnest(other.years) y) = $1 AND (other.created_at, other.id) < (this.created_at, this.id)`,
    [firstYear, call.id],
  );
  return applicationReference(firstYear, ranked[0]?.earlier ?? 0, axisCode, counted[0]?.last_number ?? 1);
}
