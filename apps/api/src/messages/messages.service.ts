import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { ApiErrorDetail, DocumentView, MessageInput, MessageView, UnreadCountView } from '@tremplin/contracts';
import type { Application } from '../applications/application.entity';
import { AccessPolicy } from '../core/access/access.policy';
import { diffOf } from '../core/audit/audit-chain';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppException } from '../core/errors/app.exception';
import { ApplicationDocument } from '../documents/application-document.entity';
import { toDocumentView } from '../documents/document.mapper';
import { GrantorService } from '../grantor/grantor.service';
import { OutboxService } from '../notifications/outbox.service';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { ApplicationMessage } from './application-message.entity';
import { toMessageView } from './message.mapper';
import { MessageRead } from './message-read.entity';
import { unreadMessagesSql } from './unread';

@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly grantor: GrantorService,
  ) {}

  /** The thread, oldest first; reading it marks it read for the caller. */
  async list(actor: Actor, applicationId: string): Promise<MessageView[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.readableApplication(manager, actor, applicationId);
      const messages = await manager.find(ApplicationMessage, { where: { applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const authors = await this.authorsOf(manager, messages);
      const documents = await attachmentsOf(manager, messages);
      await manager
        .createQueryBuilder()
        .insert()
        .into(MessageRead)
        .values({ userId: actor.userId, applicationId, lastReadAt: () => 'now()' })
        .orUpdate(['last_read_at'], ['user_id', 'application_id'])
        .execute();
      return messages.map((m) => toMessageView(m, authors.get(m.authorId), documents.get(m.id) ?? [], actor.userId));
    });
  }

  async post(actor: Actor, applicationId: string, input: MessageInput): Promise<MessageView> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.access.readableApplication(manager, actor, applicationId);
      // Staff see an application only once submitted: before that, nobody would read the thread.
      if (application.submittedVersion === 0) throw AppException.conflict('THREAD_NOT_OPEN');
      const attachments = await this.claimAttachments(manager, actor, applicationId, input.documentIds ?? []);
      const message = await manager.save(manager.create(ApplicationMessage, { applicationId, authorId: actor.userId, body: input.body }));
      if (attachments.length) {
        await manager.update(ApplicationDocument, { id: In(attachments.map((d) => d.id)) }, { messageId: message.id });
      }
      await this.notify(manager, actor, application);
      await this.audit.record(manager, actor, {
        action: 'message.posted', entityType: 'application_message', entityId: message.id,
        diff: diffOf(null, { applicationId, bodyLength: input.body.length, documentIds: attachments.map((d) => d.id) }),
      });
      const author = await manager.findOneByOrFail(User, { id: actor.userId });
      return toMessageView(message, author, attachments.map((d) => toDocumentView(d)), actor.userId);
    });
  }

  async unreadCount(actor: Actor, applicationId: string): Promise<UnreadCountView> {
    const manager = this.dataSource.manager;
    await this.access.readableApplication(manager, actor, applicationId);
    // The same count the staff list shows, one definition of "unread".
    const [row] = await manager.query<Array<{ unread: number }>>(`SELECT ${unreadMessagesSql('$1::uuid', '$2::uuid')} AS unread`, [applicationId, actor.userId]);
    return { unread: row?.unread ?? 0 };
  }

  /**
   * Files the caller uploaded to this thread and has not sent yet (kind `message`), locked so that two
   * messages cannot carry the same file.
   */
  private async claimAttachments(manager: EntityManager, actor: Actor, applicationId: string, ids: readonly string[]): Promise<ApplicationDocument[]> {
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
    if (wanted.length === 0) return [];
    const found = await manager.find(ApplicationDocument, {
      where: { id: In(wanted), applicationId, kind: 'message', messageId: IsNull(), deletedAt: IsNull(), uploadedBy: actor.userId },
      lock: { mode: 'pessimistic_write' },
    });
    const foundIds = new Set(found.map((d) => d.id));
    const issues: ApiErrorDetail[] = ids
      .map((id, index) => ({ id, index }))
      .filter(({ id }) => !foundIds.has(id.toLowerCase()))
      .map(({ index }) => ({ field: `documentIds[${index}]`, code: 'DOCUMENT_NOT_ATTACHABLE', message: 'DOCUMENT_NOT_ATTACHABLE' }));
    if (issues.length) throw AppException.validation(issues);
    return wanted.map((id) => found.find((d) => d.id === id)).filter((d): d is ApplicationDocument => d !== undefined);
  }

  /** A mail to the other side: from the association to the Département's administrators, and back. */
  private async notify(manager: EntityManager, actor: Actor, application: Application): Promise<void> {
    const fromAssociation = this.access.readsWorkingCopy(actor, application);
    const recipients = await this.access
      .threadRecipients(manager.getRepository(User).createQueryBuilder('u').select(['u.id', 'u.email']), 'u', actor, application)
      .orderBy('u.email')
      .getMany();
    if (recipients.length === 0) return;
    const organization = await manager.findOneByOrFail(Organization, { id: application.organizationId });
    const grantor = await this.grantor.current(manager);
    const label = oneLine(`${application.reference ?? ''} « ${application.title} »`).trim();
    const subject = oneLine(`Nouveau message — candidature ${application.reference ?? application.title}`).slice(0, 200);
    const text = fromAssociation
      ? [
          'Bonjour,',
          '',
          `${organization.legalName} a écrit un nouveau message au sujet de la candidature ${label}.`,
          '',
          `Lisez-le et répondez dans Tremplin : ${this.config.publicUrl}/instruction/${application.id}`,
        ]
      : [
          'Bonjour,',
          '',
          `${grantor.name} vous a écrit au sujet de votre candidature ${label}.`,
          '',
          `Lisez le message et répondez dans Tremplin : ${this.config.publicUrl}/candidatures/${application.id}`,
        ];
    text.push('', `— Tremplin, ${grantor.name}`, '(Message automatique : le contenu des échanges reste dans Tremplin.)');
    for (const recipient of recipients) {
      await this.outbox.enqueue(manager, { to: recipient.email, subject, text: text.join('\n'), kind: 'message' });
    }
  }

  private async authorsOf(manager: EntityManager, messages: ApplicationMessage[]): Promise<Map<string, User>> {
    const ids = [...new Set(messages.map((m) => m.authorId))];
    if (ids.length === 0) return new Map();
    const users = await manager.find(User, { where: { id: In(ids) }, select: { id: true, fullName: true, role: true } });
    return new Map(users.map((u) => [u.id, u]));
  }
}

async function attachmentsOf(manager: EntityManager, messages: ApplicationMessage[]): Promise<Map<string, DocumentView[]>> {
  const byMessage = new Map<string, DocumentView[]>();
  if (messages.length === 0) return byMessage;
  const documents = await manager.find(ApplicationDocument, {
    where: { messageId: In(messages.map((m) => m.id)), deletedAt: IsNull() },
    order: { uploadedAt: 'ASC', id: 'ASC' },
  });
  for (const document of documents) {
    const messageId = document.messageId ?? '';
    byMessage.set(messageId, [...(byMessage.get(messageId) ?? []), toDocumentView(document)]);
  }
  return byMessage;
}

/** Mail subjects and one-line labels never carry a line break (header injection, broken layout). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
