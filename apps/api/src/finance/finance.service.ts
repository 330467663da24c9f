import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BudgetAmountsView, BudgetCellView, BudgetView, FinanceOutlookView } from '@tremplin/contracts';
import { AppException } from '../core/errors/app.exception';
import { BUDGET_SQL, OUTLOOK_DUE_SQL, OUTLOOK_MONTHS_SQL } from './finance.sql';

interface BudgetRow {
  envelopeCents: string;
  conventionTotal: number;
  axisCode: string | null;
  axisLabel: string | null;
  year: number | null;
  allocatedCents: string | null;
  committedCents: string | null;
  paidCents: string | null;
  conventionCount: number;
}

function amounts(allocated: number, committed: number, paid: number, conventionCount: number): BudgetAmountsView {
  return {
    allocatedCents: allocated, committedCents: committed, paidCents: paid,
    remainingToCommitCents: allocated - committed, remainingToPayCents: committed - paid, conventionCount,
  };
}

/** The budget as the cells keep it, and what falls due: SQL aggregates only, never every row in Node. */
@Injectable()
export class FinanceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async budget(callId: string): Promise<BudgetView> {
    const rows = (await this.dataSource.query(BUDGET_SQL, [callId])) as BudgetRow[];
    const first = rows[0];
    if (!first) throw AppException.notFound();
    const cells: BudgetCellView[] = rows
      .filter((r) => r.axisCode !== null)
      .map((r) => ({
        axisCode: r.axisCode ?? '', axisLabel: r.axisLabel ?? '', year: Number(r.year),
        ...amounts(Number(r.allocatedCents), Number(r.committedCents), Number(r.paidCents), r.conventionCount),
      }));
    const sum = (pick: (c: BudgetCellView) => number): number => cells.reduce((total, c) => total + pick(c), 0);
    return {
      callId,
      envelopeCents: Number(first.envelopeCents),
      totals: amounts(sum((c) => c.allocatedCents), sum((c) => c.committedCents), sum((c) => c.paidCents), first.conventionTotal),
      cells,
    };
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
