import type { RankingRowView, RankingScore } from '@tremplin/contracts';

/**
 * French CSV as spreadsheets in France open it: `;` between fields, a UTF-8 byte-order mark, CRLF
 * line ends, amounts in euros with a decimal comma. No other export existed in the repo to reuse.
 */
export const CSV_BOM = '\uFEFF';

/** Quoted when needed; a cell that a spreadsheet would run as a formula is defused with a leading quote. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: Array<string | number | null>): string => `${cells.map(csvCell).join(';')}\r\n`;

/** Integer cents → euros with a decimal comma, exact (123456 → "1234,56"). */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A score out of 100 with a decimal comma (73.5 → "73,50"); empty when there is none. */
export const scoreCell = (score: number | null): string => (score === null ? '' : score.toFixed(2).replace('.', ','));

const OUTCOMES: Record<string, string> = { retained: 'retenu', waitlisted: "liste d'attente", rejected: 'rejeté' };

export function rankingCsvHeader(years: readonly number[], score: RankingScore): string {
  return csvLine([
    'Rang', 'Référence', 'Titre', 'Organisme', 'Statut',
    `Score brut${score === 'raw' ? ' (classement)' : ''}`, `Score normalisé${score === 'normalized' ? ' (classement)' : ''}`,
    'Avis rendus', 'Avis attendus',
    ...years.flatMap((y) => [`Montant ${y} (€)`, `Cumul ${y} (€)`, `Enveloppe ${y} (€)`]),
    'Total (€)', 'Au-dessus de la ligne', 'Sous le seuil', 'Avis divergents', 'Avis incomplets', 'Déport', 'Décision',
  ]);
}

export function rankingCsvRow(row: RankingRowView): string {
  const yes = (flag: boolean): string => (flag ? 'oui' : 'non');
  return csvLine([
    row.rank, row.reference, row.title, row.organizationName, row.status,
    scoreCell(row.rawScore), scoreCell(row.normalizedScore), row.reviewCount, row.expectedReviewCount,
    ...row.years.flatMap((y) => [euros(y.amountCents), euros(y.runningTotalCents), euros(y.allocationCents)]),
    euros(row.totalAmountCents), yes(row.aboveCutLine), yes(row.flags.belowThreshold), yes(row.flags.divergent),
    yes(row.flags.incompleteReviews), yes(row.flags.conflict),
    row.decision ? `${OUTCOMES[row.decision.outcome] ?? row.decision.outcome}${row.decision.published ? '' : ' (simulation)'}` : '',
  ]);
}
