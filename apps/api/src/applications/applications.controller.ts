import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AdmissibilityBatchRequest,
  AdmissibilityRequest,
  CreateApplicationRequest,
  InformationRequestInput,
  ListApplicationsQuery,
  UpdateApplicationRequest,
  VersionedRequest,
  type AdmissibilityBatchResult,
  type ApplicationSummaryView,
  type ApplicationVersionView,
  type ApplicationView,
  type Page,
} from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { AdmissibilityService } from './admissibility.service';
import { ApplicationSubmissionService } from './application-submission.service';
import { ApplicationsService } from './applications.service';
import { InformationRequestsService } from './information-requests.service';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly submission: ApplicationSubmissionService,
    private readonly informationRequests: InformationRequestsService,
    private readonly admissibility: AdmissibilityService,
  ) {}

  /** Batch marking from the staff list: all or nothing (one refusal rolls the whole batch back). */
  @RequirePermission('applications.decide-admissibility')
  @Post('admissibility')
  @HttpCode(200)
  decideAdmissibilityMany(@CurrentActor() actor: Actor, @Body() body: AdmissibilityBatchRequest): Promise<AdmissibilityBatchResult> {
    return this.admissibility.decideMany(actor, body);
  }

  @RequirePermission('applications.own')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateApplicationRequest): Promise<ApplicationView> {
    return this.applications.create(actor, body);
  }

  @RequirePermission('applications.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListApplicationsQuery): Promise<Page<ApplicationSummaryView>> {
    return this.applications.list(actor, query);
  }

  @RequirePermission('applications.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ApplicationView> {
    return this.applications.get(actor, id);
  }

  @RequirePermission('applications.own')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateApplicationRequest): Promise<ApplicationView> {
    return this.applications.update(actor, id, body);
  }

  @RequirePermission('applications.own')
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: VersionedRequest): Promise<ApplicationView> {
    return this.submission.submit(actor, id, body);
  }

  @RequirePermission('applications.own')
  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: VersionedRequest): Promise<ApplicationView> {
    return this.applications.withdraw(actor, id, body);
  }

  @RequirePermission('applications.read')
  @Get(':id/receipt')
  async receipt(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<StreamableFile> {
    const { fileName, content } = await this.submission.receipt(actor, id);
    return new StreamableFile(content, { type: 'application/pdf', disposition: `attachment; filename="${fileName}"`, length: content.length });
  }

  /** Staff only (an association gets 404): the frozen versions and what changed between them. */
  @RequirePermission('applications.read')
  @Get(':id/versions')
  versions(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ApplicationVersionView[]> {
    return this.applications.versions(actor, id);
  }

  @RequirePermission('applications.request-information')
  @Post(':id/information-requests')
  requestInformation(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: InformationRequestInput): Promise<ApplicationView> {
    return this.informationRequests.request(actor, id, body);
  }

  @RequirePermission('applications.decide-admissibility')
  @Post(':id/admissibility')
  @HttpCode(200)
  decideAdmissibility(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: AdmissibilityRequest): Promise<ApplicationView> {
    return this.admissibility.decide(actor, id, body);
  }

  /** The inadmissibility letter: the association and staff who may read the application (404 otherwise). */
  @RequirePermission('applications.read')
  @Get(':id/inadmissibility-letter')
  async inadmissibilityLetter(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<StreamableFile> {
    const { fileName, content } = await this.admissibility.letter(actor, id);
    return new StreamableFile(content, { type: 'application/pdf', disposition: `attachment; filename="${fileName}"`, length: content.length });
  }
}
