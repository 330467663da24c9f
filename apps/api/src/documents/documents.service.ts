import { HttpStatus, Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { ApiErrorDetail, DocumentKind, DocumentView } from '@tremplin/contracts';
import { applicationLifecycle, isApplicationEditable } from '@tremplin/domain';
import type { Application } from '../applications/application.entity';
import { AccessPolicy } from '../core/access/access.policy';
import { diffOf } from '../core/audit/audit-chain';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';
import { ApplicationDocument } from './application-document.entity';
import { detectAcceptedType, attachmentDisposition, safeFileName } from './document-files';
import { documentSnapshot, toDocumentView } from './document.mapper';
import { StorageService } from './storage.service';
import type { UploadedDocumentFile } from './upload';

/** A thread takes attachments until the application reaches a state the lifecycle never leaves. */
export function isApplicationFinal(application: Application): boolean {
  return applicationLifecycle.actionsFrom(application.status).length === 0;
}

@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly storage: StorageService,
  ) {}

  /** The association adds a document to its application (content documents only while it is editable). */
  async upload(actor: Actor, applicationId: string, kind: DocumentKind, file: UploadedDocumentFile): Promise<DocumentView> {
    return this.store(actor, file, kind, async (manager) => {
      const application = await this.access.ownApplication(manager, actor, applicationId, { lock: kind !== 'message' });
      if (kind === 'message') assertThreadTakesAttachments(application);
      else assertDocumentsEditable(application);
      return application;
    });
  }

  /** Either side uploads a file to attach to its next message in the thread. */
  async uploadMessageAttachment(actor: Actor, applicationId: string, file: UploadedDocumentFile): Promise<DocumentView> {
    return this.store(actor, file, 'message', async (manager) => {
      const application = await this.access.readableApplication(manager, actor, applicationId);
      assertThreadTakesAttachments(application);
      return application;
    });
  }

  /** The documents the actor may read: the working copy's for members, the last submitted version's for staff. */
  async list(actor: Actor, applicationId: string): Promise<DocumentView[]> {
    const manager = this.dataSource.manager;
    const application = await this.access.readableApplication(manager, actor, applicationId);
    const documents = await this.access
      .scopeDocuments(manager.getRepository(ApplicationDocument).createQueryBuilder('d'), 'd', actor, application, { lastVersionOnly: true })
      .orderBy('d.uploaded_at', 'ASC')
      .addOrderBy('d.id')
      .getMany();
    return documents.map(toDocumentView);
  }

  async download(actor: Actor, applicationId: string, documentId: string): Promise<StreamableFile> {
    const manager = this.dataSource.manager;
    const application = await this.access.readableApplication(manager, actor, applicationId);
    const document = await this.access
      .scopeDocuments(manager.getRepository(ApplicationDocument).createQueryBuilder('d'), 'd', actor, application)
      .andWhere('d.id = :documentId', { documentId })
      .getOne();
    if (!document) throw AppException.notFound();
    const stream = await this.storage.get(document.storageKey);
    return new StreamableFile(stream, { type: document.mimeType, length: document.sizeBytes, disposition: attachmentDisposition(document.fileName) });
  }

  /** Soft delete: the row and the bytes stay, as frozen versions and the audit trail refer to them. */
  async remove(actor: Actor, applicationId: string, documentId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.access.ownApplication(manager, actor, applicationId, { lock: true });
      const document = await this.access
        .scopeDocuments(manager.getRepository(ApplicationDocument).createQueryBuilder('d'), 'd', actor, application)
        .andWhere('d.id = :documentId', { documentId })
        .setLock('pessimistic_write')
        .getOne();
      if (!document) throw AppException.notFound();
      if (document.kind !== 'message') assertDocumentsEditable(application);
      else if (document.messageId !== null) throw AppException.conflict('ATTACHMENT_SENT');
      await manager.update(ApplicationDocument, { id: document.id, deletedAt: IsNull() }, { deletedAt: () => 'now()' });
      await this.audit.record(manager, actor, {
        action: 'document.deleted', entityType: 'application_document', entityId: document.id, diff: diffOf(documentSnapshot(document), null),
      });
    });
  }

  /**
   * Checks the bytes, then writes them to storage and the row in the transaction that checked access.
   * If the transaction fails after the write, the bytes are removed again.
   */
  private async store(
    actor: Actor,
    file: UploadedDocumentFile,
    kind: DocumentKind,
    authorize: (manager: EntityManager) => Promise<Application>,
  ): Promise<DocumentView> {
    const stored: { key?: string } = {};
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Access first: a caller who may not see the application learns nothing from the file checks.
        const application = await authorize(manager);
        const type = await detectAcceptedType(file.buffer);
        if (!type) throw new AppException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_FILE_TYPE');
        const named = safeFileName(file.originalname, type);
        if (!named.ok) {
          const mismatch: ApiErrorDetail & { params: Record<string, string> } = {
            field: 'file', code: 'FILE_EXTENSION_MISMATCH', message: 'FILE_EXTENSION_MISMATCH', params: { extension: named.extension, detected: type.label },
          };
          throw new AppException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_FILE_TYPE', undefined, [mismatch]);
        }
        stored.key = await this.storage.put(file.buffer);
        const document = await manager.save(
          manager.create(ApplicationDocument, {
            applicationId: application.id,
            messageId: null,
            kind,
            fileName: named.fileName,
            mimeType: type.mime,
            sizeBytes: file.buffer.length,
            sha256: createHash('sha256').update(file.buffer).digest('hex'),
            storageKey: stored.key,
            uploadedBy: actor.userId,
            deletedAt: null,
          }),
        );
        await this.audit.record(manager, actor, {
          action: 'document.uploaded', entityType: 'application_document', entityId: document.id, diff: diffOf(null, documentSnapshot(document)),
        });
        return toDocumentView(document);
      });
    } catch (error) {
      if (stored.key) await this.storage.delete(stored.key).catch(() => undefined);
      throw error;
    }
  }
}

function assertDocumentsEditable(application: Application): void {
  if (!isApplicationEditable(application.status)) throw AppException.conflict('DOCUMENTS_LOCKED', { status: application.status });
}

function assertThreadTakesAttachments(application: Application): void {
  if (application.submittedVersion === 0) throw AppException.conflict('THREAD_NOT_OPEN');
  if (isApplicationFinal(application)) throw AppException.conflict('THREAD_CLOSED', { status: application.status });
}
