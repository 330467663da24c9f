import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AdmissibilityBatchRequest, AdmissibilityBatchResult, AdmissibilityDecisionInput, AdmissibilityRequest, ApplicationView,
} from '@tremplin/contracts';
import { applicationLifecycle, checkAdmissibilityDecision, type InadmissibilityReason } from '@tremplin/domain';
import { Call } from '../calls/call.entity';
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
import { inadmissibilityMail } from './application-mails';
import type { FieldIssue } from './application-rules';
import { Application } from './application.entity';
import { ApplicationsService } from './applications.service';
import { INADMISSIBILITY_REASON_LABELS, renderInadmissibilityLetter } from './inadmissibility-letter';

interface Decision { admissible: boolean; reason: InadmissibilityReason | null; comment: string | null }
interface PendingAudit { id: string; action: string; diff: ReturnType<typeof diffOf> }

/** Admissibility (recevabilité): an instructor marks a submitted application admissible, or inadmissible with a reason. */
@Injectable()
export class AdmissibilityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly applications: ApplicationsService,
    private readonly grantor: GrantorService,
  ) {}

  async decide(actor: Actor, id: string, input: AdmissibilityRequest): Promise<ApplicationView> {
    const decision = checked(input);
    return this.dataSource.transaction(async (manager) => {
      const app = await this.access.readableApplication(manager, actor, id, { lock: true });
      const pending = await this.apply(manager, actor, app, decision, input.version);
      const view = await this.applications.view(manager, actor, await manager.findOneByOrFail(Application, { id }));
      // Last: the audit chain's lock is held from here to the commit only.
      await this.audit.record(manager, actor, { action: pending.action, entityType: 'application', entityId: id, diff: pending.diff });
      return view;
    });
  }

  /** All or nothing: any application that cannot take the decision (unknown, not submitted) refuses the batch. */
  async decideMany(actor: Actor, input: AdmissibilityBatchRequest): Promise<AdmissibilityBatchResult> {
    const decision = checked(input);
    return this.dataSource.transaction(async (manager) => {
      const pendings: PendingAudit[] = [];
      // Locked in one order (by id), so that two overlapping batches cannot deadlock.
      for (const id of [...input.ids].sort()) {
        const app = await this.access.readableApplication(manager, actor, id, { lock: true });
        pendings.push(await this.apply(manager, actor, app, decision, null));
      }
      const rows = await manager.findBy(Application, input.ids.map((id) => ({ id })));
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const p of pendings) await this.audit.record(manager, actor, { action: p.action, entityType: 'application', entityId: p.id, diff: p.diff });
      return {
        items: input.ids.map((id) => {
          const row = byId.get(id) as Application;
          return { id, reference: row.reference, status: row.status, version: row.version };
        }),
      };
    });
  }

  /** The PDF letter of an inadmissible application: for its association and for staff (404 otherwise). */
  async letter(actor: Actor, id: string): Promise<{ fileName: string; content: Buffer }> {
    const manager = this.dataSource.manager;
    const app = await this.access.readableApplication(manager, actor, id);
    if (app.admissible !== false || !app.inadmissibilityReason || !app.admissibilityDecidedAt || !app.reference) throw AppException.notFound();
    const call = await manager.findOneByOrFail(Call, { id: app.callId });
    const organization = await manager.findOneByOrFail(Organization, { id: app.organizationId });
    const content = await renderInadmissibilityLetter({
      grantor: await this.grantor.current(manager),
      reference: app.reference,
      decidedAt: app.admissibilityDecidedAt,
      callTitle: call.title,
      organization: { legalName: organization.legalName, addressLine: organization.addressLine, postalCode: organization.postalCode, city: organization.city },
      title: app.title,
      reason: app.inadmissibilityReason,
      comment: app.admissibilityComment ?? '',
    });
    return { fileName: `irrecevabilite-${app.reference}.pdf`, content };
  }

  /** Status through the lifecycle (409 when illegal), optional version check, decision columns, and the mail when inadmissible. */
  private async apply(manager: EntityManager, actor: Actor, app: Application, d: Decision, version: number | null): Promise<PendingAudit> {
    const status = applicationLifecycle.next(app.status, d.admissible ? 'declare_admissible' : 'declare_inadmissible');
    if (version !== null && app.version !== version) throw AppException.conflict('STALE_VERSION');
    const now = new Date();
    await manager.update(Application, { id: app.id }, {
      status, version: app.version + 1, updatedAt: now,
      admissible: d.admissible, inadmissibilityReason: d.reason, admissibilityComment: d.comment,
      admissibilityDecidedAt: now, admissibilityDecidedBy: actor.userId,
    });
    if (!d.admissible && d.reason) {
      // Every member of the organisation is told, as for an information request.
      const members = await manager.find(User, { where: { organizationId: app.organizationId, active: true }, order: { email: 'ASC' } });
      const grantor = await this.grantor.current(manager);
      const link = `${this.config.publicUrl.replace(/\/$/, '')}/candidatures/${app.id}`;
      for (const member of members) {
        await this.outbox.enqueue(manager, inadmissibilityMail({
          to: member.email, reference: app.reference ?? '', title: app.title, reasonLabel: INADMISSIBILITY_REASON_LABELS[d.reason],
          comment: d.comment ?? '', link, grantor,
        }));
      }
    }
    return {
      id: app.id,
      action: d.admissible ? 'application.declared-admissible' : 'application.declared-inadmissible',
      diff: diffOf(
        { status: app.status, admissible: null, reason: null, comment: null },
        { status, admissible: d.admissible, reason: d.reason, comment: d.comment },
      ),
    };
  }
}

/** The domain rule, as 400 errors naming the field. */
function checked(input: AdmissibilityDecisionInput): Decision {
  const issues = checkAdmissibilityDecision(input);
  if (issues.length) {
    throw AppException.validation(issues.map((i): FieldIssue => ({ field: i.field, code: i.code, message: i.code, ...(i.params ? { params: i.params } : {}) })));
  }
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  return { admissible: input.admissible, reason: input.admissible ? null : (input.reason ?? null), comment };
}
