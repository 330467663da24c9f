import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { EnvelopeFitQuery, RankingQuery, type EnvelopeFitView, type RankingView } from '@tremplin/contracts';
import { RequirePermission } from '../core/auth/access.decorators';
import { UuidParam } from '../core/uuid.pipe';
import { CSV_BOM, rankingCsvHeader, rankingCsvRow } from './ranking-csv';
import { RankingService } from './ranking.service';

/** Rows fetched per statement while streaming the CSV: memory stays bounded whatever the axis size. */
const CSV_BATCH = 500;

@ApiTags('committee')
@ApiBearerAuth()
@Controller('calls/:id')
export class RankingController {
  constructor(private readonly ranking: RankingService) {}

  @RequirePermission('committee.decide')
  @Get('ranking')
  get(@Param('id', UuidParam) id: string, @Query() query: RankingQuery): Promise<RankingView> {
    return this.ranking.ranking(id, query);
  }

  /** The whole ranking (every page), same filters, streamed in batches. */
  @RequirePermission('committee.decide')
  @Get('ranking.csv')
  async csv(@Param('id', UuidParam) id: string, @Query() query: RankingQuery): Promise<StreamableFile> {
    const options = this.ranking.options(query);
    // Checked before the first byte, so that a bad call or axis is still a 404/400 and not a broken download.
    const axis = await this.ranking.axis(id, query.axis);
    const service = this.ranking;
    async function* lines(): AsyncGenerator<string> {
      yield CSV_BOM + rankingCsvHeader(axis.years, options.score);
      for (let offset = 0; ; offset += CSV_BATCH) {
        const { items } = await service.rows(axis, options, offset, CSV_BATCH);
        if (items.length > 0) yield items.map(rankingCsvRow).join('');
        if (items.length < CSV_BATCH) return;
      }
    }
    const fileName = `classement-${axis.axisCode}-${options.score}.csv`;
    return new StreamableFile(Readable.from(lines()), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${fileName}"` });
  }

  @RequirePermission('committee.decide')
  @Get('envelope-fit')
  envelopeFit(@Param('id', UuidParam) id: string, @Query() query: EnvelopeFitQuery): Promise<EnvelopeFitView> {
    return this.ranking.envelopeFit(id, query);
  }
}
