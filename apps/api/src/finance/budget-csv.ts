import type { BudgetView } from '@tremplin/contracts';
import { CSV_BOM, csvLine, euros } from '../committee/ranking-csv';

/** The budget's cells and totals as a French spreadsheet opens them (the ranking export's helpers: `;`, BOM, decimal comma, formulas defused). */
export function budgetCsv(budget: BudgetView): string {
  const header = csvLine([
    'Axe', 'Libellé', 'Année', 'Dotation (€)', 'Engagé (€)', 'Payé (€)', 'Reste à engager (€)', 'Reste à payer (€)', 'Conventions',
  ]);
  const cells = budget.cells.map((c) =>
    csvLine([c.axisCode, c.axisLabel, c.year, euros(c.allocatedCents), euros(c.committedCents), euros(c.paidCents), euros(c.remainingToCommitCents), euros(c.remainingToPayCents), c.conventionCount]),
  );
  const t = budget.totals;
  const totals = csvLine(['Total', `Enveloppe ${euros(budget.envelopeCents)} €`, '', euros(t.allocatedCents), euros(t.committedCents), euros(t.paidCents), euros(t.remainingToCommitCents), euros(t.remainingToPayCents), t.conventionCount]);
  return CSV_BOM + header + cells.join('') + totals;
}
