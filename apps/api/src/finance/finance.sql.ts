import type { BudgetAmountsView, BudgetCellView, BudgetView } from '@tremplin/contracts';

/**
 * The budget's statements as text and the view made of their rows, shared by FinanceService and the
 * benchmark's bare server (`tools/bench-finance-sql.mjs`, which sends them beside the endpoint), so
 * that the two cannot drift.
 */

/**
 * $1 = call id. One row per axis × year cell (or one row with null cell columns for a call without
 * cells; none for an unknown call). Everything per cell is the cell's own: its committed and paid totals
 * (kept by the transactions that lock the cell: commitments, payments) and its number of conventions
 * committing money in it (kept by a trigger, migration CellConventionCount), so the statement reads the
 * call's 15 cells whatever the number of conventions. `conventionTotal` counts each convention once: those
 * the Département has signed (any later status), from the index on (call_id, status).
 */
export const BUDGET_SQL = `
  SELECT c.envelope_cents AS "envelopeCents",
         (SELECT count(*) FROM convention v WHERE v.call_id = $1
             AND v.status IN ('signed_by_department','active','suspended','closed','terminated'))::int AS "conventionTotal",
         x.code AS "axisCode", x.label_fr AS "axisLabel", ca.year, ca.amount_cents AS "allocatedCents",
         ca.committed_cents AS "committedCents", ca.paid_cents AS "paidCents", ca.convention_count AS "conventionCount"
    FROM call c
    LEFT JOIN call_allocation ca ON ca.call_id = c.id
    LEFT JOIN call_axis x ON x.id = ca.axis_id
   WHERE c.id = $1
   ORDER BY x.position, ca.year`;

export interface BudgetRow {
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

/** The endpoint's view of BUDGET_SQL's rows; null for an unknown call (no row). */
export function toBudgetView(callId: string, rows: BudgetRow[]): BudgetView | null {
  const first = rows[0];
  if (!first) return null;
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

/**
 * $1 = call id, $2 = as-of day. Open installments (planned or due, what remains on them) falling due
 * within 30, 60 and 90 days after $2 (cumulative windows), and those already due and unpaid whose date
 * has passed (overdue). A planned balance whose report is not approved is neither: it waits for the report.
 */
export const OUTLOOK_DUE_SQL = `
  SELECT count(*) FILTER (WHERE i.due_on > $2::date AND i.due_on <= $2::date + 30)::int AS "count30",
         COALESCE(sum(i.amount_cents - i.paid_cents) FILTER (WHERE i.due_on > $2::date AND i.due_on <= $2::date + 30), 0) AS "amount30",
         count(*) FILTER (WHERE i.due_on > $2::date AND i.due_on <= $2::date + 60)::int AS "count60",
         COALESCE(sum(i.amount_cents - i.paid_cents) FILTER (WHERE i.due_on > $2::date AND i.due_on <= $2::date + 60), 0) AS "amount60",
         count(*) FILTER (WHERE i.due_on > $2::date AND i.due_on <= $2::date + 90)::int AS "count90",
         COALESCE(sum(i.amount_cents - i.paid_cents) FILTER (WHERE i.due_on > $2::date AND i.due_on <= $2::date + 90), 0) AS "amount90",
         count(*) FILTER (WHERE i.status = 'due' AND i.due_on <= $2::date)::int AS "overdueCount",
         COALESCE(sum(i.amount_cents - i.paid_cents) FILTER (WHERE i.status = 'due' AND i.due_on <= $2::date), 0) AS "overdueCents"
    FROM installment i JOIN convention c ON c.id = i.convention_id
   WHERE c.call_id = $1 AND i.status IN ('planned', 'due') AND i.due_on <= $2::date + 90`;

/** $1 = call id. Payments per month, every month from the first to the last payment (0 when none that month). */
export const OUTLOOK_MONTHS_SQL = `
  WITH monthly AS (
    SELECT date_trunc('month', p.paid_on)::date AS month, sum(p.amount_cents) AS amount, count(*)::int AS n
      FROM payment p JOIN convention c ON c.id = p.convention_id
     WHERE c.call_id = $1
     GROUP BY 1)
  SELECT to_char(m.month, 'YYYY-MM') AS month, COALESCE(monthly.amount, 0) AS "amountCents", COALESCE(monthly.n, 0) AS "paymentCount"
    FROM (SELECT generate_series(min(month), max(month), interval '1 month')::date AS month FROM monthly) m
    LEFT JOIN monthly ON monthly.month = m.month
   ORDER BY m.month`;
