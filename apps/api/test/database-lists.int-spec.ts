import 'reflect-metadata';
import { DOCUMENT_KINDS, MAIL_KINDS, ROLES, TERRITORIES } from '@tremplin/contracts';
import { APPLICATION_STATUSES } from '@tremplin/domain';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The migrated database and the libraries must name the same values: a status the domain allows but
 * the enum lacks fails at the first write, a kind the CHECK lacks fails only in production. Expected
 * lists come from libs/domain and libs/contracts, actual ones from the catalog.
 */
describe('database lists equal the domain and contract lists', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  async function enumValues(type: string): Promise<string[]> {
    const rows = await t.sql<{ label: string }>(
      `SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type ty ON ty.oid = e.enumtypid WHERE ty.typname = $1 ORDER BY e.enumsortorder`,
      [type],
    );
    return rows.map((r) => r.label);
  }

  /** The quoted values of a CHECK (column IN (…)) constraint, in their order. */
  async function checkValues(table: string, constraint: string): Promise<string[]> {
    const [row] = await t.sql<{ def: string }>(
      `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = $1 AND c.conname = $2`,
      [table, constraint],
    );
    if (!row) throw new Error(`no constraint ${constraint} on ${table}`);
    return [...row.def.matchAll(/'([^']*)'::text/g)].map((m) => m[1] ?? '');
  }

  async function checkOfColumn(table: string, column: string): Promise<string> {
    const rows = await t.sql<{ conname: string }>(
      `SELECT c.conname FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
        WHERE r.relname = $1 AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%(' || $2 || ' = ANY%'`,
      [table, column],
    );
    expect(rows).toHaveLength(1);
    return rows[0]?.conname ?? '';
  }

  it('application statuses: the enum, in the same order (sorting by status follows it)', async () => {
    expect(await enumValues('application_status')).toEqual([...APPLICATION_STATUSES]);
  });

  it('roles: the enum', async () => {
    expect(await enumValues('user_role')).toEqual([...ROLES]);
  });

  it('document kinds: the CHECK on application_document.kind', async () => {
    expect(await checkValues('application_document', await checkOfColumn('application_document', 'kind'))).toEqual([...DOCUMENT_KINDS]);
  });

  it('mail kinds: the CHECK on outbox_mail.kind', async () => {
    expect(await checkValues('outbox_mail', 'ck_outbox_mail_kind')).toEqual([...MAIL_KINDS]);
  });

  it('territories: the CHECK on organization.territory', async () => {
    expect(await checkValues('organization', 'ck_organization_territory')).toEqual([...TERRITORIES]);
  });
});
