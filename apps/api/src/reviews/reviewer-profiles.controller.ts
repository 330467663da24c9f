import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListReviewersQuery, ReviewerProfileRequest, type ReviewerView } from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { ReviewerProfilesService } from './reviewer-profiles.service';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviewers')
export class ReviewerProfilesController {
  constructor(private readonly profiles: ReviewerProfilesService) {}

  /** Reviewer accounts with their profile; with `?callId=`, their load in that call. */
  @RequirePermission('reviews.manage')
  @Get()
  list(@Query() query: ListReviewersQuery): Promise<ReviewerView[]> {
    return this.profiles.list(query);
  }

  @RequirePermission('reviews.manage')
  @Put(':userId/profile')
  update(@CurrentActor() actor: Actor, @Param('userId', UuidParam) userId: string, @Body() body: ReviewerProfileRequest): Promise<ReviewerView> {
    return this.profiles.update(actor, userId, body);
  }
}
