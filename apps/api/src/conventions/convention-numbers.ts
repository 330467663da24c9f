import { formatConventionNumber } from '@tremplin/domain';
import type { EntityManager } from 'typeorm';

/**
 * Draws the next convention number of a call inside the caller's transaction. The upsert locks the
 * call's counter row until commit, so concurrent drafts take their turn, and a transaction that rolls
 * back gives its number back: numbers stay gap-free (CONV-2016-0001, 0002, …).
 */
export async function drawConventionNumber(manager: EntityManager, callId: string, callYear: number): Promise<string> {
  const [row] = (await manager.query(
    `INSERT INTO convention_counter (call_id, last_sequence) VALUES ($1, 1)
     ON CONFLICT (call_id) DO UPDATE SET last_sequence = convention_counter.last_sequence + 1
     RETURNING last_sequence AS "sequence"`,
    [callId],
  )) as Array<{ sequence: number }>;
  if (!row) throw new Error(`no counter row for call ${callId}`);
  return formatConventionNumber(callYear, row.sequence);
}
