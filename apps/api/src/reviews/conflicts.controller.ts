import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  DeclareConflictRequest, DeclareTieRequest, OrganizationSearchQuery,
  type DeclareConflictResult, type DeclareTieResult, type OrganizationNameView, type ReviewerTieView,
} from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { ConflictsService } from './conflicts.service';

/** A reviewer's own ties to organisations, and conflicts declared on an assignment. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller()
export class ConflictsController {
  constructor(private readonly conflicts: ConflictsService) {}

  @RequirePermission('reviews.perform')
  @Get('reviews/ties')
  ties(@CurrentActor() actor: Actor): Promise<ReviewerTieView[]> {
    return this.conflicts.ties(actor);
  }

  @RequirePermission('reviews.perform')
  @Post('reviews/ties')
  declareTie(@CurrentActor() actor: Actor, @Body() body: DeclareTieRequest): Promise<DeclareTieResult> {
    return this.conflicts.declareTie(actor, body);
  }

  @RequirePermission('reviews.perform')
  @Delete('reviews/ties/:id')
  @HttpCode(204)
  removeTie(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    return this.conflicts.removeTie(actor, id);
  }

  /** Id and legal name only: to pick the organisation of a tie. */
  @RequirePermission('reviews.perform')
  @Get('reviews/organizations')
  organizations(@Query() query: OrganizationSearchQuery): Promise<OrganizationNameView[]> {
    return this.conflicts.searchOrganizations(query.q);
  }

  @RequirePermission('reviews.perform')
  @Post('assignments/:id/conflict')
  @HttpCode(200)
  declareConflict(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: DeclareConflictRequest): Promise<DeclareConflictResult> {
    return this.conflicts.declareConflict(actor, id, body);
  }
}
