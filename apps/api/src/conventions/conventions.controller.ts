import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AmendmentRequest, ConventionDocumentQuery, ConventionTransitionRequest, CreateConventionRequest, CreateSessionConventionsRequest,
  ListConventionSessionsQuery, ListConventionsQuery, ReportApprovalRequest, SignedScanRequest,
  type ConventionBatchView, type ConventionSessionView, type ConventionSummaryView, type ConventionView, type Page,
} from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';
import { UuidParam } from '../core/uuid.pipe';
import { RequiredFilePipe, UploadOneDocument, type UploadedDocumentFile } from '../documents/upload';
import { ConventionsService } from './conventions.service';

const YEAR = new ParseIntPipe({ exceptionFactory: () => AppException.notFound() });

/**
 * Conventions (issue #8 §5). Reads and transitions are open to both sides; the service scopes rows
 * (an association its own, 404 otherwise) and checks which side may take each transition.
 */
@ApiTags('conventions')
@ApiBearerAuth()
@Controller('conventions')
export class ConventionsController {
  constructor(private readonly conventions: ConventionsService) {}

  @RequirePermission('conventions.manage')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateConventionRequest): Promise<ConventionView> {
    return this.conventions.create(actor, body);
  }

  @RequirePermission('conventions.manage')
  @Post('batch')
  createForSession(@CurrentActor() actor: Actor, @Body() body: CreateSessionConventionsRequest): Promise<ConventionBatchView> {
    return this.conventions.createForSession(actor, body);
  }

  @RequirePermission('conventions.own', 'conventions.manage', 'finance.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListConventionsQuery): Promise<Page<ConventionSummaryView>> {
    return this.conventions.list(actor, query);
  }

  /** Published committee sessions to draft conventions from (declared before `:id`, which would take « sessions »). */
  @RequirePermission('conventions.manage')
  @Get('sessions')
  sessions(@Query() query: ListConventionSessionsQuery): Promise<ConventionSessionView[]> {
    return this.conventions.sessions(query);
  }

  @RequirePermission('conventions.own', 'conventions.manage', 'finance.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ConventionView> {
    return this.conventions.get(actor, id);
  }

  @RequirePermission('conventions.own', 'conventions.manage', 'finance.read')
  @Get(':id/document')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  async document(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: ConventionDocumentQuery): Promise<StreamableFile> {
    const { fileName, content } = await this.conventions.document(actor, id, query);
    return new StreamableFile(content, { type: 'application/pdf', disposition: `attachment; filename="${fileName}"` });
  }

  @RequirePermission('conventions.own', 'conventions.manage')
  @Post(':id/transitions')
  @HttpCode(200)
  transition(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: ConventionTransitionRequest): Promise<ConventionView> {
    return this.conventions.transition(actor, id, body);
  }

  /** The association's legal representative signs by uploading the signed scan (PDF, multipart `file`). */
  @RequirePermission('conventions.own')
  @Post(':id/signed-scan')
  @HttpCode(200)
  @UploadOneDocument({ withKind: false })
  signedScan(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: SignedScanRequest,
    @UploadedFile(RequiredFilePipe) file: UploadedDocumentFile,
  ): Promise<ConventionView> {
    return this.conventions.signedScan(actor, id, body, file);
  }

  @RequirePermission('conventions.manage')
  @Post(':id/amendments')
  amend(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: AmendmentRequest): Promise<ConventionView> {
    return this.conventions.amend(actor, id, body);
  }

  @RequirePermission('reports.approve')
  @Post(':id/years/:year/report-approval')
  @HttpCode(200)
  approveReport(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('year', YEAR) year: number,
    @Body() body: ReportApprovalRequest,
  ): Promise<ConventionView> {
    return this.conventions.approveReport(actor, id, year, body);
  }
}
