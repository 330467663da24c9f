import { Module } from '@nestjs/common';
import { RankingController } from './ranking.controller';
import { RankingService } from './ranking.service';

/** The committee: ranking of an axis against its envelope (sessions and decisions join it). */
@Module({ controllers: [RankingController], providers: [RankingService], exports: [RankingService] })
export class CommitteeModule {}
