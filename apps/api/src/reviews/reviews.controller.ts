import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CalibrationQuery, SaveReviewRequest, VersionedRequest,
  type ApplicationReviewsView, type CalibrationView, type ReviewView,
} from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { CalibrationService } from './calibration.service';
import { ReviewScoringService } from './review-scoring.service';

/** A reviewer's review of one assignment: read, save (draft or revision), submit. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller('assignments/:id/review')
export class ReviewsController {
  constructor(private readonly scoring: ReviewScoringService) {}

  @RequirePermission('reviews.perform')
  @Get()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ReviewView> {
    return this.scoring.get(actor, id);
  }

  @RequirePermission('reviews.perform')
  @Put()
  save(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: SaveReviewRequest): Promise<ReviewView> {
    return this.scoring.save(actor, id, body);
  }

  @RequirePermission('reviews.perform')
  @Post('submit')
  @HttpCode(200)
  submit(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: VersionedRequest): Promise<ReviewView> {
    return this.scoring.submit(actor, id, body);
  }
}

/** The reviews of an application, under the blind rule (the service decides who sees what; 404 otherwise). */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller('applications/:id/reviews')
export class ApplicationReviewsController {
  constructor(private readonly scoring: ReviewScoringService) {}

  @RequirePermission('applications.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ApplicationReviewsView> {
    return this.scoring.forApplication(actor, id);
  }
}

/** Reviewers' severity and normalised scores of a call, for the committee. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller('calls/:id/calibration')
export class CalibrationController {
  constructor(private readonly calibration: CalibrationService) {}

  @RequirePermission('committee.decide')
  @Get()
  get(@Param('id', UuidParam) id: string, @Query() query: CalibrationQuery): Promise<CalibrationView> {
    return this.calibration.forCall(id, query);
  }
}
