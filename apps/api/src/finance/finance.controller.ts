import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FinanceOutlookQuery, type BudgetView, type FinanceOutlookView } from '@tremplin/contracts';
import { RequirePermission } from '../core/auth/access.decorators';
import { UuidParam } from '../core/uuid.pipe';
import { budgetCsv } from './budget-csv';
import { FinanceService } from './finance.service';

@ApiTags('finance')
@ApiBearerAuth()
@Controller('calls/:id')
export class FinanceController {
  constructor(private readonly finance: FinanceService) {}

  @RequirePermission('finance.read')
  @Get('budget')
  budget(@Param('id', UuidParam) id: string): Promise<BudgetView> {
    return this.finance.budget(id);
  }

  @RequirePermission('finance.read')
  @Get('budget.csv')
  async budgetCsv(@Param('id', UuidParam) id: string): Promise<StreamableFile> {
    const budget = await this.finance.budget(id);
    return new StreamableFile(Buffer.from(budgetCsv(budget), 'utf8'), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="budget.csv"' });
  }

  @RequirePermission('finance.read')
  @Get('finance-outlook')
  outlook(@Param('id', UuidParam) id: string, @Query() query: FinanceOutlookQuery): Promise<FinanceOutlookView> {
    return this.finance.outlook(id, query.asOf);
  }
}
