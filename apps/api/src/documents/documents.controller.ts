import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UploadDocumentRequest, type DocumentView } from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { DocumentsService } from './documents.service';
import { RequiredFilePipe, UploadOneDocument, type UploadedDocumentFile } from './upload';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('applications/:id')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @RequirePermission('applications.own')
  @Post('documents')
  @UploadOneDocument({ withKind: true })
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: UploadDocumentRequest,
    @UploadedFile(RequiredFilePipe) file: UploadedDocumentFile,
  ): Promise<DocumentView> {
    return this.documents.upload(actor, id, body.kind, file);
  }

  /** A file for the next message in the thread, by either side (kind `message`). */
  @RequirePermission('messages.write')
  @Post('messages/attachments')
  @UploadOneDocument({ withKind: false })
  uploadAttachment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @UploadedFile(RequiredFilePipe) file: UploadedDocumentFile,
  ): Promise<DocumentView> {
    return this.documents.uploadMessageAttachment(actor, id, file);
  }

  @RequirePermission('applications.read')
  @Get('documents')
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<DocumentView[]> {
    return this.documents.list(actor, id);
  }

  @RequirePermission('applications.read')
  @Get('documents/:documentId')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  download(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Param('documentId', UuidParam) documentId: string): Promise<StreamableFile> {
    return this.documents.download(actor, id, documentId);
  }

  @RequirePermission('applications.own')
  @Delete('documents/:documentId')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Param('documentId', UuidParam) documentId: string): Promise<void> {
    return this.documents.remove(actor, id, documentId);
  }
}
