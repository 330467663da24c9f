import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { warmUpSolver } from '@tremplin/domain/solver';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { ConflictsController } from './conflicts.controller';
import { ConflictsService } from './conflicts.service';
import { CalibrationService } from './calibration.service';
import { ApplicationReviewsController, CalibrationController, ReviewsController } from './reviews.controller';
import { ReviewScoringService } from './review-scoring.service';
import { ReviewerProfilesController } from './reviewer-profiles.controller';
import { ReviewerProfilesService } from './reviewer-profiles.service';

/** Review (issue #7): reviewer profiles, assignment, conflicts of interest, scoring and calibration. */
@Module({
  controllers: [ReviewerProfilesController, AssignmentsController, ConflictsController, ReviewsController, ApplicationReviewsController, CalibrationController],
  providers: [ReviewerProfilesService, AssignmentsService, ConflictsService, ReviewScoringService, CalibrationService],
  exports: [AssignmentsService, ConflictsService],
})
export class ReviewsModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReviewsModule');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Compiles the solver's hot paths once, after start, so the first automatic assignment is fast. Not in tests: CPU is shared. */
  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test') return;
    setTimeout(() => {
      warmUpSolver().catch((error: unknown) => this.logger.warn(`Solver warm-up failed: ${String(error)}`));
    }, 0).unref();
  }
}
