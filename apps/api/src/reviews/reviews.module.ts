import { Module } from '@nestjs/common';
import { CalibrationService } from './calibration.service';
import { ApplicationReviewsController, CalibrationController, ReviewsController } from './reviews.controller';
import { ReviewScoringService } from './review-scoring.service';

@Module({
  controllers: [ReviewsController, ApplicationReviewsController, CalibrationController],
  providers: [ReviewScoringService, CalibrationService],
})
export class ReviewsModule {}
