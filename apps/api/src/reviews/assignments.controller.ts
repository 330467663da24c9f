import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AutoAssignRequest, ListAssignmentsQuery, ReassignRequest, ReviewQueueQuery, UpdateAssignmentRequest,
  type AssignmentSummaryView, type AssignmentView, type AutoAssignResult, type Page, type ReassignResult, type ReviewQueueItemView,
} from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { AssignmentsService } from './assignments.service';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  /** Optimal assignment of the call's admissible applications (optionally one axis). */
  @RequirePermission('reviews.manage')
  @Post('calls/:id/assignments/auto')
  @HttpCode(200)
  auto(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: AutoAssignRequest): Promise<AutoAssignResult> {
    return this.assignments.autoAssign(actor, id, body);
  }

  @RequirePermission('reviews.manage')
  @Get('calls/:id/assignments')
  list(@Param('id', UuidParam) id: string, @Query() query: ListAssignmentsQuery): Promise<Page<AssignmentView>> {
    return this.assignments.list(id, query);
  }

  @RequirePermission('reviews.manage')
  @Get('calls/:id/assignments/summary')
  summary(@Param('id', UuidParam) id: string): Promise<AssignmentSummaryView> {
    return this.assignments.summary(id);
  }

  @RequirePermission('reviews.manage')
  @Post('assignments/:id/reassign')
  @HttpCode(200)
  reassign(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: ReassignRequest): Promise<ReassignResult> {
    return this.assignments.reassign(actor, id, body);
  }

  @RequirePermission('reviews.manage')
  @Patch('assignments/:id')
  updateDueDate(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateAssignmentRequest): Promise<AssignmentView> {
    return this.assignments.updateDueDate(actor, id, body);
  }

  /** The reviewer's own queue, due first. */
  @RequirePermission('reviews.perform')
  @Get('reviews/assignments')
  queue(@CurrentActor() actor: Actor, @Query() query: ReviewQueueQuery): Promise<Page<ReviewQueueItemView>> {
    return this.assignments.queue(actor, query);
  }

  /** The reviewer confirms having no conflict of interest. */
  @RequirePermission('reviews.perform')
  @Post('assignments/:id/accept')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ReviewQueueItemView> {
    return this.assignments.accept(actor, id);
  }
}
