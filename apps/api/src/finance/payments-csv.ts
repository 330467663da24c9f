import type { DataSource } from 'typeorm';
import { CSV_BOM, csvLine, euros } from '../committee/ranking-csv';

/** Rows fetched per round trip from the export's cursor. */
export const PAYMENTS_CSV_BATCH = 2000;

interface PaymentCsvRow {
  paidOn: string;
  number: string;
  organizationName: string;
  siret: string | null;
  axisCode: string;
  year: number;
  kind: 'advance' | 'balance';
  amountCents: string;
  mandateNumber: string;
  accountingReference: string;
}

/** $1 = call id. Every payment of the call's conventions, in the order they were paid; the axis is the year's budget cell's. */
const PAYMENTS_SQL = `
  SELECT to_char(p.paid_on, 'DD/MM/YYYY') AS "paidOn", c.number, o.legal_name AS "organizationName", o.siret,
         ax.code AS "axisCode", i.year, i.kind::text AS kind, p.amount_cents AS "amountCents",
         p.mandate_number AS "mandateNumber", p.accounting_reference AS "accountingReference"
    FROM payment p
    JOIN convention c ON c.id = p.convention_id
    JOIN installment i ON i.id = p.installment_id
    JOIN organization o ON o.id = c.organization_id
    JOIN convention_year cy ON cy.convention_id = i.convention_id AND cy.year = i.year
    JOIN call_allocation ca ON ca.id = cy.allocation_id
    JOIN call_axis ax ON ax.id = ca.axis_id
   WHERE c.call_id = $1
   ORDER BY p.paid_on, c.number, i.year, i.kind, p.id`;

const KIND_FR = { advance: 'Avance', balance: 'Solde' } as const;

export const PAYMENTS_CSV_HEADER = csvLine([
  'Date de paiement', 'Convention', 'Organisme', 'SIRET', 'Axe', 'Année', 'Échéance', 'Montant (€)', 'N° de mandat', 'Référence comptable',
]);

function paymentCsvRow(r: PaymentCsvRow): string {
  return csvLine([r.paidOn, r.number, r.organizationName, r.siret, r.axisCode, r.year, KIND_FR[r.kind], euros(Number(r.amountCents)), r.mandateNumber, r.accountingReference]);
}

/**
 * The call's payments as a French CSV (the ranking export's helpers: `;`, BOM, decimal comma, formulas
 * defused), streamed: one statement through a server-side cursor in a read-only repeatable-read
 * transaction — one consistent snapshot, one sort, `PAYMENTS_CSV_BATCH` rows in memory at a time. If the
 * client goes away, the generator's `finally` ends the transaction and frees the connection.
 */
export async function* paymentsCsvLines(dataSource: DataSource, callId: string): AsyncGenerator<string> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    await runner.query(`DECLARE payments_csv NO SCROLL CURSOR FOR ${PAYMENTS_SQL}`, [callId]);
    yield CSV_BOM + PAYMENTS_CSV_HEADER;
    for (;;) {
      const rows = (await runner.query(`FETCH ${PAYMENTS_CSV_BATCH} FROM payments_csv`)) as PaymentCsvRow[];
      if (rows.length) yield rows.map(paymentCsvRow).join('');
      if (rows.length < PAYMENTS_CSV_BATCH) break;
    }
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
}
