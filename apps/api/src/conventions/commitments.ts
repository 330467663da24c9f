import { HttpStatus } from '@nestjs/common';
import { checkCommitment, formatEuros } from '@tremplin/domain';
import type { EntityManager } from 'typeorm';
import { AppException } from '../core/errors/app.exception';

interface YearCellRow {
  year: number;
  allocationId: string;
  axisCode: string;
  amountCents: string;
  yearCommittedCents: string;
  allocatedCents: string;
  cellCommittedCents: string;
  cellPaidCents: string;
}

export interface CommittedYear {
  year: number;
  allocationId: string;
  deltaCents: number;
}

/**
 * Brings what each year of a convention commits up (or down, after an amendment) to its amount, against
 * its axis × year cell, inside the caller's transaction (the Département's signature, an amendment).
 * The cells are locked FOR UPDATE, in id order so that two conventions sharing cells never deadlock;
 * a second signer waits, then sees the first one's commitment. A cell that would go beyond its
 * allocation refuses the whole transaction with a 409 naming the cell and what remains.
 */
export async function commitConventionYears(
  manager: EntityManager,
  conventionId: string,
  /** An amendment's new amounts by year (the year's amount and commitment move together); default: the stored amounts. */
  newAmounts: ReadonlyMap<number, number> = new Map(),
): Promise<CommittedYear[]> {
  const rows: YearCellRow[] = await manager.query(
    `SELECT cy.year, ca.id AS "allocationId", ax.code AS "axisCode", cy.amount_cents AS "amountCents",
            cy.committed_cents AS "yearCommittedCents", ca.amount_cents AS "allocatedCents",
            ca.committed_cents AS "cellCommittedCents", ca.paid_cents AS "cellPaidCents"
       FROM convention_year cy
       JOIN call_allocation ca ON ca.id = cy.allocation_id
       JOIN call_axis ax ON ax.id = ca.axis_id
      WHERE cy.convention_id = $1
      ORDER BY ca.id
        FOR UPDATE OF ca`,
    [conventionId],
  );
  const committed: CommittedYear[] = [];
  for (const row of rows) {
    const targetCents = newAmounts.get(row.year) ?? Number(row.amountCents);
    const deltaCents = targetCents - Number(row.yearCommittedCents);
    if (deltaCents === 0 && targetCents === Number(row.amountCents)) continue;
    const refusal = checkCommitment(
      {
        axisCode: row.axisCode,
        year: row.year,
        allocatedCents: Number(row.allocatedCents),
        committedCents: Number(row.cellCommittedCents),
        paidCents: Number(row.cellPaidCents),
      },
      deltaCents,
    );
    if (refusal) {
      throw new AppException(HttpStatus.CONFLICT, refusal.code === 'COMMITMENT_BELOW_PAID' ? 'COMMITMENT_BELOW_PAID' : 'COMMITMENT_EXCEEDS_ALLOCATION', {
        axisCode: refusal.axisCode,
        year: refusal.year,
        remainingFr: formatEuros(refusal.remainingCents, 'fr'),
        remainingEn: formatEuros(refusal.remainingCents, 'en'),
        requestedFr: formatEuros(Math.abs(refusal.requestedCents), 'fr'),
        requestedEn: formatEuros(Math.abs(refusal.requestedCents), 'en'),
      });
    }
    await manager.query(`UPDATE call_allocation SET committed_cents = committed_cents + $2 WHERE id = $1`, [row.allocationId, deltaCents]);
    await manager.query(`UPDATE convention_year SET amount_cents = $3, committed_cents = $3 WHERE convention_id = $1 AND year = $2`, [
      conventionId,
      row.year,
      targetCents,
    ]);
    committed.push({ year: row.year, allocationId: row.allocationId, deltaCents });
  }
  return committed;
}
