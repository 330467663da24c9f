import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DecisionRequest, type DecisionView } from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { DecisionsService } from './decisions.service';

/** One application's decision: recorded by the committee, read by whoever may read the application. */
@ApiTags('committee')
@ApiBearerAuth()
@Controller('applications')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @RequirePermission('committee.decide')
  @Post(':id/decision')
  @HttpCode(200)
  decide(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: DecisionRequest): Promise<DecisionView> {
    return this.decisions.decide(actor, id, body);
  }

  /** Staff who decide see the simulation; the association sees its decision once published (404 before). */
  @RequirePermission('applications.read')
  @Get(':id/decision')
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<DecisionView> {
    return this.decisions.get(actor, id);
  }

  @RequirePermission('applications.read')
  @Get(':id/decision-letter')
  async letter(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<StreamableFile> {
    const { fileName, content } = await this.decisions.letter(actor, id);
    return new StreamableFile(content, { type: 'application/pdf', disposition: `attachment; filename="${fileName}"`, length: content.length });
  }
}
