import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { InstallmentsService } from './installments.service';

/**
 * Installments becoming due by date. One approach, one statement: `InstallmentsService.makeDue`, a
 * set-based UPDATE of the planned installments that `checkInstallmentDue` allows (advance whose date has
 * come, balance whose report is approved) of active conventions, with a system audit event. It runs
 *  - where the answer depends on it, narrowed to what is read or paid: the payment (that installment),
 *    a convention's schedule (that convention), finance's worklist (everything);
 *  - and here, every INSTALLMENT_DUE_INTERVAL_MS (default one hour; 0 in tests, which call it by hand),
 *    so that the dashboard's figures and the association's page are right even when nobody opens the list.
 * Several API processes may run it at once: the UPDATE's row locks and its `status = 'planned'` condition
 * make the second one a no-op, never a double event.
 */
@Injectable()
export class InstallmentDueJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('InstallmentDueJob');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly installments: InstallmentsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.installmentDueIntervalMs > 0) this.schedule(10_000);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.installments
        .makeDueEverywhere()
        .then((ids) => ids.length > 0 && this.logger.log(`${ids.length} installment(s) became due`))
        .catch((error: unknown) => this.logger.error(`Installment due pass failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.running = null;
          if (this.timer !== null) this.schedule(this.config.installmentDueIntervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
