// Pure helpers of the finance dashboard: grouping the budget's cells per axis, choosing the default call,
// the drill-down links and the due-date windows. No Angular, no ECharts: unit-tested directly.
import type { BudgetAmountsView, BudgetCellView, BudgetView, CallSummaryView, DueWindowView, FinanceOutlookView, Lang } from '@tremplin/contracts';

export interface AxisGroup {
  axisCode: string;
  axisLabel: string;
  /** The axis's cells, one per year, in year order. */
  cells: BudgetCellView[];
  /**
   * The axis over all its years (sums of its cells). No convention count: a convention appears in each
   * year it funds, so yearly counts do not add up (the API's totals count each convention once).
   */
  total: AxisAmounts;
}

export type AxisAmounts = Omit<BudgetAmountsView, 'conventionCount'>;

const ZERO: AxisAmounts = { allocatedCents: 0, committedCents: 0, paidCents: 0, remainingToCommitCents: 0, remainingToPayCents: 0 };

function add(a: AxisAmounts, b: AxisAmounts): AxisAmounts {
  return {
    allocatedCents: a.allocatedCents + b.allocatedCents,
    committedCents: a.committedCents + b.committedCents,
    paidCents: a.paidCents + b.paidCents,
    remainingToCommitCents: a.remainingToCommitCents + b.remainingToCommitCents,
    remainingToPayCents: a.remainingToPayCents + b.remainingToPayCents,
  };
}

/** The cells grouped by axis (axes in the order the API gives them, years ascending). */
export function groupByAxis(budget: Pick<BudgetView, 'cells'>): AxisGroup[] {
  const groups = new Map<string, AxisGroup>();
  for (const cell of budget.cells) {
    let group = groups.get(cell.axisCode);
    if (!group) {
      group = { axisCode: cell.axisCode, axisLabel: cell.axisLabel, cells: [], total: ZERO };
      groups.set(cell.axisCode, group);
    }
    group.cells.push(cell);
    group.total = add(group.total, cell);
  }
  for (const group of groups.values()) group.cells.sort((a, b) => a.year - b.year);
  return [...groups.values()];
}

/** The budget's years, ascending. */
export function budgetYears(budget: Pick<BudgetView, 'cells'>): number[] {
  return [...new Set(budget.cells.map((c) => c.year))].sort((a, b) => a - b);
}

const allocated = (c: CallSummaryView): boolean => c.envelopeCents > 0 && c.axes.some((a) => a.envelopeCents > 0);
const recentFirst = (calls: readonly CallSummaryView[]): CallSummaryView[] => [...calls].sort((a, b) => b.opensAt.localeCompare(a.opensAt));

/**
 * The calls that may have conventions, most recent first: closed (conventions follow the committee) and
 * allocated. The dashboard opens on the first of them whose budget counts conventions (at most `limit` asked).
 */
export function callsWithPossibleConventions(calls: readonly CallSummaryView[], limit = 5): CallSummaryView[] {
  return recentFirst(calls)
    .filter((c) => c.status === 'closed' && allocated(c))
    .slice(0, limit);
}

/**
 * When no call has conventions yet: the most recent closed call with allocations, else the most recent call
 * with allocations, else the most recent call.
 */
export function fallbackCallId(calls: readonly CallSummaryView[]): string | null {
  const sorted = recentFirst(calls);
  return (sorted.find((c) => c.status === 'closed' && allocated(c)) ?? sorted.find(allocated) ?? sorted[0])?.id ?? null;
}

/** Drill-down from a budget cell to its conventions (the conventions list reads these query parameters). */
export function cellConventionsLink(callId: string, cell: Pick<BudgetCellView, 'axisCode' | 'year'>): { path: string; queryParams: Record<string, string> } {
  return { path: '/conventions', queryParams: { callId, axisCode: cell.axisCode, year: String(cell.year) } };
}

/** `YYYY-MM-DD` plus a number of days (calendar arithmetic in UTC: no daylight-saving drift). */
export function addDays(isoDay: string, days: number): string {
  const [y, m, d] = isoDay.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface DueLine {
  kind: 'overdue' | 'window';
  /** 30, 60 or 90 for a window. */
  withinDays: number | null;
  installmentCount: number;
  amountCents: number;
  /** The installments worklist, due on or before this day. */
  link: { path: string; queryParams: Record<string, string> };
}

/**
 * Overdue first, then the 30/60/90-day windows, each linking to the installments worklist: a window up to
 * its last day; the overdue ones (status due, due on or before the outlook's day, as the API counts them)
 * with the `due` status filter.
 */
export function dueLines(callId: string, outlook: Pick<FinanceOutlookView, 'asOf' | 'dueWindows' | 'overdue'>): DueLine[] {
  const path = '/conventions/echeances';
  const windows = [...outlook.dueWindows].sort((a: DueWindowView, b: DueWindowView) => a.withinDays - b.withinDays);
  return [
    {
      kind: 'overdue' as const,
      withinDays: null,
      installmentCount: outlook.overdue.installmentCount,
      amountCents: outlook.overdue.amountCents,
      link: { path, queryParams: { callId, status: 'due', dueBefore: outlook.asOf.slice(0, 10) } },
    },
    ...windows.map((w) => ({
      kind: 'window' as const,
      withinDays: w.withinDays,
      installmentCount: w.installmentCount,
      amountCents: w.amountCents,
      link: { path, queryParams: { callId, dueBefore: addDays(outlook.asOf, w.withinDays) } },
    })),
  ];
}

/** Share of the envelope, e.g. « 12,5 % » (one decimal at most); empty when there is no envelope. */
export function envelopeShare(cents: number, envelopeCents: number, lang: Lang): string {
  if (envelopeCents <= 0) return '';
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(cents / envelopeCents);
}
