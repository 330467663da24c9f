import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  DecisionBatchRequest, OpenCommitteeSessionRequest, PublishDecisionsRequest,
  type CommitteeSessionDetailView, type CommitteeSessionView, type DecisionBatchResult, type PublishResult,
} from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { CommitteeSessionsService } from './committee-sessions.service';
import { DecisionsService } from './decisions.service';

/** The committee's sittings on an axis, their decisions on a selection, and their publication. */
@ApiTags('committee')
@ApiBearerAuth()
@Controller()
export class CommitteeSessionsController {
  constructor(
    private readonly sessions: CommitteeSessionsService,
    private readonly decisions: DecisionsService,
  ) {}

  @RequirePermission('committee.decide')
  @Post('calls/:id/committee-sessions')
  open(@CurrentActor() actor: Actor, @Param('id', UuidParam) callId: string, @Body() body: OpenCommitteeSessionRequest): Promise<CommitteeSessionDetailView> {
    return this.sessions.open(actor, callId, body);
  }

  @RequirePermission('committee.decide')
  @Get('calls/:id/committee-sessions')
  list(@Param('id', UuidParam) callId: string): Promise<CommitteeSessionView[]> {
    return this.sessions.list(callId);
  }

  /** The session with the projected use of each year's allocation of its axis (simulation included). */
  @RequirePermission('committee.decide')
  @Get('committee-sessions/:id')
  get(@Param('id', UuidParam) id: string): Promise<CommitteeSessionDetailView> {
    return this.sessions.get(id);
  }

  @RequirePermission('committee.decide')
  @Post('committee-sessions/:id/decisions')
  @HttpCode(200)
  decideMany(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: DecisionBatchRequest): Promise<DecisionBatchResult> {
    return this.decisions.decideMany(actor, id, body);
  }

  @RequirePermission('committee.decide')
  @Post('calls/:id/decisions/publish')
  @HttpCode(200)
  publish(@CurrentActor() actor: Actor, @Param('id', UuidParam) callId: string, @Body() body: PublishDecisionsRequest): Promise<PublishResult> {
    return this.decisions.publish(actor, callId, body.sessionId);
  }
}
