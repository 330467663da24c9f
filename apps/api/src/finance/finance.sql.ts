/**
 * The budget's statements as text, shared by FinanceService and `tools/bench-finance.mjs` (which sends
 * them directly beside the endpoint), so that the two cannot drift.
 */

/**
 * $1 = call id. One row per axis × year cell (or one row with null cell columns for a call without
 * cells; none for an unknown call). Amounts are the cells' own totals, kept by the transactions that
 * lock the cell (commitments, payments); the only count is per cell, through `ix_convention_year_allocation`:
 * conventions that commit money in the cell. `conventionTotal` counts each convention once, whatever
 * the number of its years.
 */
export const BUDGET_SQL = `
  SELECT c.envelope_cents AS "envelopeCents",
         (SELECT count(DISTINCT cy.convention_id) FROM call_allocation a JOIN convention_year cy ON cy.allocation_id = a.id
           WHERE a.call_id = c.id AND cy.committed_cents > 0)::int AS "conventionTotal",
         x.code AS "axisCode", x.label_fr AS "axisLabel", ca.year, ca.amount_cents AS "allocatedCents",
         ca.committed_cents AS "committedCents", ca.paid_cents AS "paidCents",
         (SELECT count(*) FROM convention_year cy WHERE cy.allocation_id = ca.id AND cy.committed_cents > 0)::int AS "conventionCount"
    FROM call c
    LEFT JOIN call_allocation ca ON ca.call_id = c.id
    LEFT JOIN call_axis x ON x.id = ca.axis_id
   WHERE c.id = $1
   ORDER BY x.position, ca.year`;

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
