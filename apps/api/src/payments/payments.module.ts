import { Module } from '@nestjs/common';
import { InstallmentDueJob } from './installment-due.job';
import { InstallmentsController } from './installments.controller';
import { InstallmentsService } from './installments.service';

/** Issue #8 §3: installments (reads, worklist, becoming due) and payments. */
@Module({ controllers: [InstallmentsController], providers: [InstallmentsService, InstallmentDueJob], exports: [InstallmentsService] })
export class PaymentsModule {}
