import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin's assignment list of a call, due first (issue #7 §2): a page of 20 reads 20 index entries
 * (call_id, due_on, id), whatever the call's size, as the staff application list does.
 */
export class AssignmentLists1764290000000 implements MigrationInterface {
  name = 'AssignmentLists1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_review_assignment_call_due ON review_assignment (call_id, due_on, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_review_assignment_call_due`);
  }
}
