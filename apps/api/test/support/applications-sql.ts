import { randomUUID } from 'node:crypto';
import type { ApplicationStatus } from '@tremplin/domain';
import type { TestApp } from './test-app';

/**
 * An application of `email`'s organisation on the open call, written directly in SQL so that tests of
 * documents and messages do not depend on the application endpoints. Any status but `draft` is given
 * a reference and a first frozen version, as submission would.
 */
export async function insertApplication(t: TestApp, email: string, status: ApplicationStatus = 'draft'): Promise<string> {
  const submitted = status !== 'draft';
  const rows = await t.sql<{ id: string }>(
    `INSERT INTO application (call_id, axis_id, organization_id, status, reference, title, submitted_version, submitted_at, created_by)
     SELECT c.id, ax.id, u.organization_id, $2::application_status, $3, $4, $5, CASE WHEN $5 > 0 THEN now() END, u.id
       FROM app_user u, call c JOIN call_axis ax ON ax.call_id = c.id
      WHERE u.email = $1 AND c.closes_at > now()
      ORDER BY c.closes_at, ax.position LIMIT 1
     RETURNING id`,
    [email, status, submitted ? `TEST-${randomUUID().slice(0, 8)}` : null, `Projet test ${status}`, submitted ? 1 : 0],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error(`no open call or no user ${email} to create an application`);
  if (submitted) {
    // Staff read this frozen version, not the row: its content as submitted, without documents.
    await t.sql(
      `INSERT INTO application_version (application_id, version_no, snapshot, submitted_at, submitted_by)
       SELECT a.id, 1, jsonb_build_object('reference', a.reference, 'versionNo', 1, 'title', a.title, 'summary', a.summary,
                'project', a.project, 'budget', a.budget, 'declaration', a.declaration, 'documents', '[]'::jsonb),
              a.submitted_at, a.created_by
         FROM application a WHERE a.id = $1`,
      [id],
    );
  }
  return id;
}
