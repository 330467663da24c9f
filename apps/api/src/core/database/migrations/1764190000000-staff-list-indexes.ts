import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the staff list (`GET /api/applications`): one per offered sort, led by the call (the
 * default view is one call) and ending with `id` (the tie-breaker), partial on what staff may see
 * (`submitted_version > 0`), so that a page is read from the index in order and only its rows are
 * joined; the count is an index-only scan. The two unprefixed ones serve the view across calls.
 */
const INDEXES: ReadonlyArray<[name: string, table: string, definition: string]> = [
  ['ix_application_staff_call_updated', 'application', '(call_id, updated_at, id) WHERE submitted_version > 0'],
  ['ix_application_staff_call_submitted', 'application', '(call_id, submitted_at, id) WHERE submitted_version > 0'],
  ['ix_application_staff_call_reference', 'application', '(call_id, reference, id) WHERE submitted_version > 0'],
  ['ix_application_staff_call_title', 'application', '(call_id, title, id) WHERE submitted_version > 0'],
  ['ix_application_staff_call_requested', 'application', '(call_id, requested_cents, id) WHERE submitted_version > 0'],
  ['ix_application_staff_call_status', 'application', '(call_id, status, id) WHERE submitted_version > 0'],
  // Counts under an axis (and status) filter without visiting the table.
  ['ix_application_staff_call_axis', 'application', '(call_id, axis_id, status) WHERE submitted_version > 0'],
  ['ix_application_staff_updated', 'application', '(updated_at, id) WHERE submitted_version > 0'],
  ['ix_application_staff_submitted', 'application', '(submitted_at, id) WHERE submitted_version > 0'],
  // Sorting by organisation walks the names in order and joins each one's applications.
  ['ix_organization_legal_name', 'organization', '(legal_name, id)'],
];

export class StaffListIndexes1764190000000 implements MigrationInterface {
  name = 'StaffListIndexes1764190000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, table, definition] of INDEXES) await q.query(`CREATE INDEX ${name} ON ${table} ${definition}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX ${name}`);
  }
}
