import { Module } from '@nestjs/common';
import { AdmissibilityService } from './admissibility.service';
import { ApplicationSubmissionService } from './application-submission.service';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { InformationRequestsService } from './information-requests.service';

@Module({
  controllers: [ApplicationsController],
  providers: [AdmissibilityService, ApplicationsService, ApplicationSubmissionService, InformationRequestsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
