import type { EntityManager } from 'typeorm';

export interface BulkColumn<T> {
  name: string;
  /** PostgreSQL type of one value; the parameter is sent as an array of it. */
  type: string;
  value: (row: T) => string | number | boolean | null;
  /** SQL turning the unnested value (`v`) into the column's value, e.g. `string_to_array(v, ',')`. */
  convert?: (v: string) => string;
}

/**
 * Inserts many rows with one statement per batch: each column travels as one array parameter and
 * `unnest` turns the arrays back into rows, so the cost is a few round trips, not one per row.
 */
export async function bulkInsert<T>(manager: EntityManager, table: string, columns: ReadonlyArray<BulkColumn<T>>, rows: readonly T[], batchSize = 1000): Promise<void> {
  const aliases = columns.map((_, i) => `c${i}`);
  const sql =
    `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) ` +
    `SELECT ${columns.map((c, i) => (c.convert ? c.convert(`u.c${i}`) : `u.c${i}`)).join(', ')} ` +
    `FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')}) AS u(${aliases.join(', ')})`;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    await manager.query(sql, columns.map((c) => batch.map(c.value)));
  }
}
