import type { CallInput, CallView } from '@tremplin/contracts';
import type { ConventionStatus, InstallmentKind, InstallmentStatus } from '@tremplin/domain';
import { commitConventionYears } from '../../src/conventions/commitments';
import { NORD_AXES, nord2016Call } from '../../src/seed/nord-2016';
import { insertApplication } from './applications-sql';
import { bearer, DEMO, type TestApp } from './test-app';

/**
 * Conventions, their years and installments written in SQL (not through the conventions routes, which
 * another piece of work owns), committed with the one commitment function the signature uses.
 */

/** A two-axis, two-year call with hand-picked cells: MEDIATION 300,000 € / 200,000 €, INNOVATION 250,000 € / 250,000 €. */
export async function createSmallCall(t: TestApp, code: string): Promise<CallView> {
  const admin = await t.login(DEMO.admin);
  const input: CallInput = {
    ...nord2016Call(), code, opensAt: '2030-01-01T08:00:00.000Z', closesAt: '2030-03-01T11:00:00.000Z',
    years: [2016, 2017], envelopeCents: 100_000_000, axes: NORD_AXES.slice(0, 2),
    allocations: [
      { axisCode: 'MEDIATION', year: 2016, amountCents: 30_000_000 },
      { axisCode: 'MEDIATION', year: 2017, amountCents: 20_000_000 },
      { axisCode: 'INNOVATION', year: 2016, amountCents: 25_000_000 },
      { axisCode: 'INNOVATION', year: 2017, amountCents: 25_000_000 },
    ],
  };
  const res = await t.http.post('/api/calls').set(bearer(admin)).send(input);
  if (res.status !== 201) throw new Error(`call → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CallView;
}

let sequence = 0;

export interface ConventionFixture {
  callId: string;
  /** The association account whose organisation holds it. */
  email: string;
  axisCode: string;
  status: ConventionStatus;
  years: Array<{ year: number; amountCents: number }>;
  /** Commit the years against their cells (as the Département's signature does). Default: signed statuses. */
  commit?: boolean;
}

/** A convention in any status, with the signature columns its status requires; returns its id. */
export async function insertConvention(t: TestApp, f: ConventionFixture): Promise<string> {
  const applicationId = await insertApplication(t, f.email, 'retained');
  sequence += 1;
  const total = f.years.reduce((sum, y) => sum + y.amountCents, 0);
  const signedByAssociation = !['draft', 'sent'].includes(f.status);
  const signedByDepartment = !['draft', 'sent', 'signed_by_association'].includes(f.status);
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO convention (call_id, application_id, organization_id, number, status, total_cents, document_storage_key, document_sha256, created_by,
                             sent_at, association_signer_id, association_signer_name, association_signed_at, association_signature_method,
                             department_signer_id, department_signer_name, deliberation_reference, department_signed_at, activated_at,
                             terminated_at, termination_reason, recovery_cents)
     SELECT $1, a.id, a.organization_id, $3, $4::convention_status, $5, 'conventions/test.pdf', repeat('a', 64), a.created_by,
            CASE WHEN $4 <> 'draft' THEN now() END,
            CASE WHEN $6 THEN a.created_by END, CASE WHEN $6 THEN 'Présidente test' END, CASE WHEN $6 THEN now() END, CASE WHEN $6 THEN 'accept' END,
            CASE WHEN $7 THEN f.id END, CASE WHEN $7 THEN 'David Finances' END, CASE WHEN $7 THEN 'CP-2016-001' END, CASE WHEN $7 THEN now() END,
            CASE WHEN $4 IN ('active','suspended','closed') THEN now() END,
            CASE WHEN $4 = 'terminated' THEN now() END, CASE WHEN $4 = 'terminated' THEN 'Résiliation test' END, CASE WHEN $4 = 'terminated' THEN 0 END
       FROM application a, app_user f WHERE a.id = $2 AND f.email = $8
     RETURNING id`,
    [f.callId, applicationId, `CONV-2016-${String(9000 + sequence).padStart(4, '0')}`, f.status, total, signedByAssociation, signedByDepartment, DEMO.finance],
  );
  const id = row?.id;
  if (!id) throw new Error('convention not inserted');
  for (const y of f.years) {
    await t.sql(
      `INSERT INTO convention_year (convention_id, year, allocation_id, amount_cents)
       SELECT $1, $2, ca.id, $3 FROM call_allocation ca JOIN call_axis x ON x.id = ca.axis_id WHERE ca.call_id = $4 AND x.code = $5 AND ca.year = $2`,
      [id, y.year, y.amountCents, f.callId, f.axisCode],
    );
  }
  if (f.commit ?? signedByDepartment) await t.dataSource.transaction((m) => commitConventionYears(m, id));
  return id;
}

export async function insertInstallment(
  t: TestApp, conventionId: string, i: { year: number; kind: InstallmentKind; amountCents: number; dueOn: string; status: InstallmentStatus },
): Promise<string> {
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO installment (convention_id, year, kind, amount_cents, due_on, status) VALUES ($1, $2, $3, $4, $5, $6::installment_status) RETURNING id`,
    [conventionId, i.year, i.kind, i.amountCents, i.dueOn, i.status],
  );
  return row?.id ?? '';
}

/** An ISO day `days` from today in Paris (negative: in the past). */
export async function parisDay(t: TestApp, days: number): Promise<string> {
  const [row] = await t.sql<{ day: string }>(`SELECT to_char((now() AT TIME ZONE 'Europe/Paris')::date + $1::int, 'YYYY-MM-DD') AS day`, [days]);
  return row?.day ?? '';
}
