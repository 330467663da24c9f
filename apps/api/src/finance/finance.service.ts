import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BudgetView, FinanceOutlookView } from '@tremplin/contracts';
import { AppException } from '../core/errors/app.exception';
import { BUDGET_SQL, OUTLOOK_DUE_SQL, OUTLOOK_MONTHS_SQL, toBudgetView, type BudgetRow } from './finance.sql';
import { paymentsCsvLines } from './payments-csv';

/** The budget as the cells keep it, and what falls due: SQL aggregates only, never every row in Node. */
@Injectable()
export class FinanceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async budget(callId: string): Promise<BudgetView> {
    const view = toBudgetView(callId, (await this.dataSource.query(BUDGET_SQL, [callId])) as BudgetRow[]);
    if (!view) throw AppException.notFound();
    return view;
  }

  /** The call's payments as CSV lines (404 for an unknown call, before anything is streamed). */
  async paymentsCsv(callId: string): Promise<{ fileName: string; lines: AsyncGenerator<string> }> {
    const [call] = (await this.dataSource.query(`SELECT code FROM call WHERE id = $1`, [callId])) as Array<{ code: string }>;
    if (!call) throw AppException.notFound();
    return { fileName: `paiements-${call.code}.csv`, lines: paymentsCsvLines(this.dataSource, callId) };
  }

  async outlook(callId: string, asOf?: string): Promise<FinanceOutlookView> {
    const [call] = (await this.dataSource.query(
      `SELECT to_char(COALESCE($2::date, (now() AT TIME ZONE 'Europe/Paris')::date), 'YYYY-MM-DD') AS "asOf" FROM call WHERE id = $1`,
      [callId, asOf ?? null],
    )) as Array<{ asOf: string }>;
    if (!call) throw AppException.notFound();
    const [[due], months] = (await Promise.all([
      this.dataSource.query(OUTLOOK_DUE_SQL, [callId, call.asOf]),
      this.dataSource.query(OUTLOOK_MONTHS_SQL, [callId]),
    ])) as [Array<Record<string, string | number>>, Array<{ month: string; amountCents: string; paymentCount: number }>];
    const n = (key: string): number => Number(due?.[key] ?? 0);
    return {
      callId,
      asOf: call.asOf,
      dueWindows: ([30, 60, 90] as const).map((withinDays) => ({ withinDays, installmentCount: n(`count${withinDays}`), amountCents: n(`amount${withinDays}`) })),
      overdue: { installmentCount: n('overdueCount'), amountCents: n('overdueCents') },
      paymentsByMonth: months.map((m) => ({ month: m.month, amountCents: Number(m.amountCents), paymentCount: Number(m.paymentCount) })),
    };
  }
}
