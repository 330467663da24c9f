import { Module } from '@nestjs/common';
import { CommitteeSessionsController } from './committee-sessions.controller';
import { CommitteeSessionsService } from './committee-sessions.service';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { EnvelopeFitRunner } from './envelope-fit-runner';
import { RankingController } from './ranking.controller';
import { RankingService } from './ranking.service';

/** The committee (issue #7 §6–7): ranking of an axis against its envelope, sessions, decisions, publication, letters. */
@Module({
  controllers: [RankingController, CommitteeSessionsController, DecisionsController],
  providers: [RankingService, CommitteeSessionsService, DecisionsService, EnvelopeFitRunner],
  exports: [RankingService],
})
export class CommitteeModule {}
