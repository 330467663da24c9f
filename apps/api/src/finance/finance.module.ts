import { Module } from '@nestjs/common';
import { FinanceController } from './finance.controller';
import { FinanceService } from './finance.service';

/** Issue #8 §4: the budget by axis × year, its CSV, and the outlook of installments and payments. */
@Module({ controllers: [FinanceController], providers: [FinanceService] })
export class FinanceModule {}
