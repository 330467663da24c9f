import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ApplicationView, InformationRequestInput } from '@tremplin/contracts';
import { applicationLifecycle } from '@tremplin/domain';
import { AccessPolicy } from '../core/access/access.policy';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppException } from '../core/errors/app.exception';
import { OutboxService } from '../notifications/outbox.service';
import { User } from '../users/user.entity';
import { auditDiff } from './application-diff';
import { GrantorService } from '../grantor/grantor.service';
import { informationRequestMail } from './application-mails';
import { isCalendarDate, parisToday } from './application-rules';
import { Application } from './application.entity';
import { ApplicationsService } from './applications.service';
import { InformationRequest } from './information-request.entity';

/** Staff ask the association for more: the application reopens for editing until it is resubmitted. */
@Injectable()
export class InformationRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly applications: ApplicationsService,
    private readonly grantor: GrantorService,
  ) {}

  async request(actor: Actor, id: string, input: InformationRequestInput): Promise<ApplicationView> {
    const dueDate = input.dueDate.slice(0, 10);
    if (!isCalendarDate(dueDate)) throw AppException.validation([{ field: 'dueDate', code: 'DATE_INVALID', message: 'DATE_INVALID' }]);
    if (dueDate <= parisToday(new Date())) throw AppException.validation([{ field: 'dueDate', code: 'DUE_DATE_PAST', message: 'DUE_DATE_PAST' }]);
    return this.dataSource.transaction(async (manager) => {
      const app = await this.access.readableApplication(manager, actor, id, { lock: true });
      const status = applicationLifecycle.next(app.status, 'request_information');
      const now = new Date();
      const { identifiers } = await manager.insert(InformationRequest, { applicationId: id, requestedBy: actor.userId, message: input.message, dueDate });
      await manager.update(Application, { id }, { status, version: app.version + 1, updatedAt: now });
      // Every member of the organisation is told: whoever prepared the application may be away.
      const members = await manager.find(User, { where: { organizationId: app.organizationId, active: true }, order: { email: 'ASC' } });
      const link = `${this.config.publicUrl.replace(/\/$/, '')}/candidatures/${id}`;
      const grantor = await this.grantor.current(manager);
      for (const member of members) {
        await this.outbox.enqueue(
          manager,
          informationRequestMail({ to: member.email, reference: app.reference ?? '', title: app.title, message: input.message, dueDate, link, grantor }),
        );
      }
      const view = await this.applications.view(manager, actor, await manager.findOneByOrFail(Application, { id }));
      // Last: the audit chain's lock is held from here to the commit only.
      await this.audit.record(manager, actor, {
        action: 'application.information-requested', entityType: 'application', entityId: id,
        diff: auditDiff({ status: app.status, request: null }, { status, request: { id: String(identifiers[0]?.['id']), dueDate, message: input.message } }),
      });
      return view;
    });
  }
}
