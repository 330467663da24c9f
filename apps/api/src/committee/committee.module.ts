import { Module } from '@nestjs/common';
import { CommitteeSessionsController } from './committee-sessions.controller';
import { CommitteeSessionsService } from './committee-sessions.service';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

/** The committee (issue #7 §6–7): sessions on an axis, decisions, publication, letters. */
@Module({
  controllers: [CommitteeSessionsController, DecisionsController],
  providers: [CommitteeSessionsService, DecisionsService],
})
export class CommitteeModule {}
