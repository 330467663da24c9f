import { Readable } from 'node:stream';
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

  /** Every payment of the call's conventions (date, convention, organisation, axis, year, installment, amount, mandate, accounting reference), streamed. */
  @RequirePermission('finance.read')
  @Get('payments.csv')
  async paymentsCsv(@Param('id', UuidParam) id: string): Promise<StreamableFile> {
    // Checked before the first byte, so that an unknown call is a 404 and not a broken download.
    const { fileName, lines } = await this.finance.paymentsCsv(id);
    return new StreamableFile(Readable.from(lines), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${fileName}"` });
  }

  @RequirePermission('finance.read')
  @Get('finance-outlook')
  outlook(@Param('id', UuidParam) id: string, @Query() query: FinanceOutlookQuery): Promise<FinanceOutlookView> {
    return this.finance.outlook(id, query.asOf);
  }
}
