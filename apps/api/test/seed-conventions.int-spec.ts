// test-app first: it loads reflect-metadata, which the contracts' decorators need.
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ApplicationSummaryView, Page } from '@tremplin/contracts';
import { ensureConventionDocument } from '../src/conventions/convention-document-store';
import { StorageService } from '../src/documents/storage.service';
import { pdfParser, utf8Text, verifyPdfSignature } from './support/convention-fixtures';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Text as a kept PDF library (pdf.js via pdf-parse) extracts it, spaces normalised. */
function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, '../../../tools/pdf-text.mjs')], { maxBuffer: 16 * 1024 * 1024 }, (error, out) =>
      error ? reject(error) : resolve(out.replace(/[\u00a0\u202f\s]+/g, ' ')));
    child.stdin?.end(pdf);
  });
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The conventions part of the demo seed (scale 1): every figure is recomputed here in SQL from the rows
 * it derives from (decisions, grants, payments), never read back from the seed's own code.
 */
describe('demo seed: conventions, installments and payments', () => {
  let t: TestApp;
  let nordId: string;
  let storage: StorageService;

  beforeAll(async () => {
    t = await startTestApp();
    const [nord] = await t.sql<{ id: string }>(`SELECT id FROM call WHERE code = 'AAP-NORD-2016'`);
    nordId = nord?.id ?? '';
    storage = t.app.get(StorageService);
  });
  afterAll(() => t.close());

  it('gives each of the 988 retained 2016 projects one convention: most active, some in every other state', async () => {
    const byStatus = await t.sql<{ status: string; n: number }>(
      `SELECT status::text AS status, count(*)::int AS n FROM convention WHERE call_id = $1 GROUP BY status ORDER BY status`, [nordId]);
    expect(Object.fromEntries(byStatus.map((s) => [s.status, s.n]))).toEqual({
      active: 922, closed: 5, draft: 12, sent: 20, signed_by_association: 14, signed_by_department: 8, suspended: 6, terminated: 1,
    });
    const [coverage] = await t.sql<{ retained: number; covered: number; strays: number }>(
      `SELECT count(*) FILTER (WHERE a.status = 'retained')::int AS retained,
              count(*) FILTER (WHERE a.status = 'retained' AND c.id IS NOT NULL AND c.organization_id = a.organization_id)::int AS covered,
              count(*) FILTER (WHERE a.status <> 'retained' AND c.id IS NOT NULL)::int AS strays
         FROM application a
         JOIN committee_decision d ON d.application_id = a.id AND d.published_at IS NOT NULL
         LEFT JOIN convention c ON c.application_id = a.id
        WHERE a.call_id = $1`, [nordId]);
    expect(coverage).toEqual({ retained: 988, covered: 988, strays: 0 });
  });

  it('numbers the conventions CONV-2016-0001 to CONV-2016-0988 without a gap, the counter in step', async () => {
    const rows = await t.sql<{ number: string }>(`SELECT number FROM convention WHERE call_id = $1 ORDER BY number`, [nordId]);
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 988 }, (_, i) => `CONV-2016-${String(i + 1).padStart(4, '0')}`));
    const [counter] = await t.sql<{ last_sequence: number }>(`SELECT last_sequence FROM convention_counter WHERE call_id = $1`, [nordId]);
    expect(counter?.last_sequence).toBe(988);
  });

  it('ties every convention year to its axis × year cell with the granted amount (the one amended year aside)', async () => {
    const [check] = await t.sql<{ years: number; wrong_cell: number; not_granted: number; bad_total: number }>(
      `SELECT count(*)::int AS years,
              count(*) FILTER (WHERE ca.call_id <> c.call_id OR ca.axis_id <> a.axis_id OR ca.year <> cy.year)::int AS wrong_cell,
              count(*) FILTER (WHERE g.amount_cents IS DISTINCT FROM cy.amount_cents AND NOT EXISTS (
                SELECT 1 FROM convention_amendment m WHERE m.convention_id = c.id AND (m.diff->'years'->0->>'year')::int = cy.year))::int AS not_granted,
              (SELECT count(*) FROM convention c2 WHERE c2.call_id = $1
                 AND c2.total_cents <> (SELECT sum(amount_cents) FROM convention_year WHERE convention_id = c2.id))::int AS bad_total
         FROM convention c
         JOIN application a ON a.id = c.application_id
         JOIN convention_year cy ON cy.convention_id = c.id
         JOIN call_allocation ca ON ca.id = cy.allocation_id
         LEFT JOIN decision_grant g ON g.application_id = a.id AND g.year = cy.year
        WHERE c.call_id = $1`, [nordId]);
    expect(check).toEqual({ years: 988 * 3, wrong_cell: 0, not_granted: 0, bad_total: 0 });
  });

  it('commits what the Département signed, within every cell, and the cells carry the sums of their years', async () => {
    const [commitments] = await t.sql<{ unsigned_committed: number; signed_uncommitted: number; terminated_not_released: number }>(
      `SELECT count(*) FILTER (WHERE c.status IN ('draft','sent','signed_by_association') AND cy.committed_cents <> 0)::int AS unsigned_committed,
              count(*) FILTER (WHERE c.status IN ('signed_by_department','active','suspended','closed') AND cy.committed_cents <> cy.amount_cents)::int AS signed_uncommitted,
              count(*) FILTER (WHERE c.status = 'terminated' AND cy.committed_cents <> cy.paid_cents)::int AS terminated_not_released
         FROM convention c JOIN convention_year cy ON cy.convention_id = c.id WHERE c.call_id = $1`, [nordId]);
    expect(commitments).toEqual({ unsigned_committed: 0, signed_uncommitted: 0, terminated_not_released: 0 });

    const cells = await t.sql<{ code: string; year: number; allocated: string; committed: string; paid: string; years_committed: string; years_paid: string; conventions: number }>(
      `SELECT x.code, ca.year, ca.amount_cents AS allocated, ca.committed_cents AS committed, ca.paid_cents AS paid,
              coalesce(sum(cy.committed_cents), 0) AS years_committed, coalesce(sum(cy.paid_cents), 0) AS years_paid, count(cy.*)::int AS conventions
         FROM call_allocation ca JOIN call_axis x ON x.id = ca.axis_id
         LEFT JOIN convention_year cy ON cy.allocation_id = ca.id
        WHERE ca.call_id = $1 GROUP BY x.code, x.position, ca.year, ca.amount_cents, ca.committed_cents, ca.paid_cents ORDER BY x.position, ca.year`, [nordId]);
    expect(cells).toHaveLength(15);
    for (const c of cells) {
      expect({ cell: `${c.code}×${c.year}`, committed: c.committed, paid: c.paid }).toEqual({ cell: `${c.code}×${c.year}`, committed: c.years_committed, paid: c.years_paid });
      expect(BigInt(c.paid) <= BigInt(c.committed) && BigInt(c.committed) <= BigInt(c.allocated)).toBe(true);
      expect(BigInt(c.committed)).toBeGreaterThan(0n);
    }
    expect(cells.reduce((n, c) => n + c.conventions, 0)).toBe(988 * 3);
    // The call as a whole: within the €74.3M, and most of it committed.
    const [call] = await t.sql<{ allocated: string; committed: string }>(
      `SELECT sum(amount_cents) AS allocated, sum(committed_cents) AS committed FROM call_allocation WHERE call_id = $1`, [nordId]);
    expect(call?.allocated).toBe('7430000000');
    expect(Number(call?.committed)).toBeLessThanOrEqual(7_430_000_000);
    expect(Number(call?.committed)).toBeGreaterThan(6_000_000_000);
  });

  it('schedules a 60 % advance and a balance per year for every signed convention, and nothing for the others', async () => {
    const [schedule] = await t.sql<{ unsigned_with: number; years_without: number; wrong_split: number; wrong_balance_date: number }>(
      `WITH live AS (SELECT * FROM installment WHERE status <> 'cancelled')
       SELECT (SELECT count(*) FROM convention c WHERE c.call_id = $1 AND c.department_signed_at IS NULL
                 AND EXISTS (SELECT 1 FROM installment i WHERE i.convention_id = c.id))::int AS unsigned_with,
              count(*) FILTER (WHERE adv.id IS NULL OR bal.id IS NULL)::int AS years_without,
              count(*) FILTER (WHERE adv.amount_cents <> floor(cy.amount_cents * 6000 / 10000) OR adv.amount_cents + bal.amount_cents <> cy.amount_cents)::int AS wrong_split,
              count(*) FILTER (WHERE bal.due_on <> make_date(cy.year + 1, 6, 30))::int AS wrong_balance_date
         FROM convention c JOIN convention_year cy ON cy.convention_id = c.id
         LEFT JOIN live adv ON adv.convention_id = c.id AND adv.year = cy.year AND adv.kind = 'advance'
         LEFT JOIN live bal ON bal.convention_id = c.id AND bal.year = cy.year AND bal.kind = 'balance'
        WHERE c.call_id = $1 AND c.status IN ('signed_by_department','active','suspended','closed')`, [nordId]);
    expect(schedule).toEqual({ unsigned_with: 0, years_without: 0, wrong_split: 0, wrong_balance_date: 0 });
    // The first advance falls due on the Département's signature.
    const [first] = await t.sql<{ wrong: number }>(
      `SELECT count(*)::int AS wrong FROM installment i JOIN convention c ON c.id = i.convention_id
        WHERE c.call_id = $1 AND i.year = 2016 AND i.kind = 'advance' AND i.due_on <> (c.department_signed_at AT TIME ZONE 'UTC')::date`, [nordId]);
    expect(first?.wrong).toBe(0);
  });

  it('pays the 2016 and 2017 advances and balances (balances after the report), paid totals equal to the sums of payments', async () => {
    const [totals] = await t.sql<{ installments: number; years: number; conventions: number; cells: number }>(
      `SELECT (SELECT count(*) FROM installment i WHERE i.paid_cents <> coalesce((SELECT sum(amount_cents) FROM payment p WHERE p.installment_id = i.id), 0))::int AS installments,
              (SELECT count(*) FROM convention_year cy WHERE cy.paid_cents <> coalesce((SELECT sum(p.amount_cents) FROM payment p JOIN installment i ON i.id = p.installment_id
                  WHERE i.convention_id = cy.convention_id AND i.year = cy.year), 0))::int AS years,
              (SELECT count(*) FROM convention c WHERE c.paid_cents <> coalesce((SELECT sum(amount_cents) FROM payment p WHERE p.convention_id = c.id), 0))::int AS conventions,
              (SELECT count(*) FROM call_allocation ca WHERE ca.paid_cents <> coalesce((SELECT sum(p.amount_cents) FROM payment p JOIN installment i ON i.id = p.installment_id
                  JOIN convention_year cy ON cy.convention_id = i.convention_id AND cy.year = i.year WHERE cy.allocation_id = ca.id), 0))::int AS cells`);
    expect(totals).toEqual({ installments: 0, years: 0, conventions: 0, cells: 0 });

    const paid = await t.sql<{ year: number; kind: string; n: number }>(
      `SELECT i.year, i.kind, count(*)::int AS n FROM payment p JOIN installment i ON i.id = p.installment_id GROUP BY i.year, i.kind ORDER BY i.year, i.kind`);
    const count = (year: number, kind: string) => paid.find((p) => p.year === year && p.kind === kind)?.n ?? 0;
    // 2016: every active, suspended, closed and terminated convention (934); 2017's advance too; its balance once the report is approved.
    expect(count(2016, 'advance')).toBe(934);
    expect(count(2016, 'balance')).toBe(934);
    expect(count(2017, 'advance')).toBe(934);
    expect(count(2017, 'balance')).toBeGreaterThan(750);
    expect(count(2017, 'balance')).toBeLessThan(927);
    // 2018 only for the five closed ones.
    expect([count(2018, 'advance'), count(2018, 'balance')]).toEqual([5, 5]);

    const [rules] = await t.sql<{ payments: number; out_of_range: number; bad_mandate: number; duplicate_mandates: number; balance_before_report: number; partial: number }>(
      `SELECT count(*)::int AS payments,
              count(*) FILTER (WHERE p.paid_on < '2016-01-01' OR p.paid_on > '2018-12-31')::int AS out_of_range,
              count(*) FILTER (WHERE p.mandate_number !~ '^MDT-201[678]-[0-9]{6}$' OR p.accounting_reference !~ '^BORD-201[678]-[0-9]{3} / 6574$'
                OR substr(p.mandate_number, 5, 4) <> to_char(p.paid_on, 'YYYY'))::int AS bad_mandate,
              (count(*) - count(DISTINCT p.mandate_number))::int AS duplicate_mandates,
              count(*) FILTER (WHERE i.kind = 'balance' AND (cy.report_approved_at IS NULL OR p.paid_on < (cy.report_approved_at AT TIME ZONE 'UTC')::date))::int AS balance_before_report,
              count(*) FILTER (WHERE i.status <> 'paid' OR p.amount_cents <> i.amount_cents)::int AS partial
         FROM payment p JOIN installment i ON i.id = p.installment_id JOIN convention_year cy ON cy.convention_id = i.convention_id AND cy.year = i.year`);
    expect(rules?.payments).toBe(934 * 3 + count(2017, 'balance') + 10);
    expect(rules).toMatchObject({ out_of_range: 0, bad_mandate: 0, duplicate_mandates: 0, balance_before_report: 0, partial: 0 });
    // Open installments: advances past their date are due, balances wait for their report.
    const [open] = await t.sql<{ due_2018_advances: number; planned_with_report: number }>(
      `SELECT count(*) FILTER (WHERE i.kind = 'advance' AND i.year = 2018 AND i.status = 'due')::int AS due_2018_advances,
              count(*) FILTER (WHERE i.kind = 'balance' AND i.status = 'planned' AND cy.report_approved_at IS NOT NULL)::int AS planned_with_report
         FROM installment i JOIN convention_year cy ON cy.convention_id = i.convention_id AND cy.year = i.year`);
    // Active (922), suspended (6) and signed_by_department (8) conventions owe their 2018 advance.
    expect(open).toEqual({ due_2018_advances: 936, planned_with_report: 0 });
  });

  it('gives association1 an active convention with payments and one sent for its signature, with their PDFs', async () => {
    const token = await t.login(DEMO.association1);
    const page = (await t.http.get(`/api/applications?callId=${nordId}&pageSize=100`).set(bearer(token))).body as Page<ApplicationSummaryView>;
    expect(page.items.map((a) => a.status).sort()).toEqual(['rejected', 'retained', 'retained']);
    const rows = await t.sql<{ status: string; paid: string; payments: number; sent: boolean; association_signed: boolean; key: string | null; sha: string | null }>(
      `SELECT c.status::text AS status, c.paid_cents AS paid, (SELECT count(*) FROM payment p WHERE p.convention_id = c.id)::int AS payments,
              c.sent_at IS NOT NULL AS sent, c.association_signed_at IS NOT NULL AS association_signed, c.document_storage_key AS key, c.document_sha256 AS sha
         FROM convention c JOIN app_user u ON u.organization_id = c.organization_id WHERE u.email = $1 ORDER BY c.status`, [DEMO.association1]);
    expect(rows.map((r) => [r.status, r.sent, r.association_signed])).toEqual([['sent', true, false], ['active', true, true]]);
    const [sent, active] = rows;
    expect(sent?.payments).toBe(0);
    expect(active?.payments).toBeGreaterThanOrEqual(3);
    expect(Number(active?.paid)).toBeGreaterThan(0);
    for (const row of rows) expect(await sha256Of(await storage.get(row.key ?? ''))).toBe(row.sha);
  });

  it('signs a seeded convention’s PAdES copy on its first download, once, dated and named as its recorded signature', async () => {
    const token = await t.login(DEMO.association1);
    const [active] = await t.sql<{ id: string; number: string; signed_at: Date; signer: string; deliberation: string }>(
      `SELECT c.id, c.number, c.department_signed_at AS signed_at, c.department_signer_name AS signer, c.deliberation_reference AS deliberation
         FROM convention c JOIN app_user u ON u.organization_id = c.organization_id
        WHERE u.email = $1 AND c.status = 'active' AND c.signed_document_storage_key IS NULL`, [DEMO.association1]);
    expect(active).toBeDefined();
    const id = active?.id ?? '';
    // Two first downloads at once: one signed copy is kept, both get its bytes.
    const [first, second] = await Promise.all([1, 2].map(() =>
      t.http.get(`/api/conventions/${id}/document?signed=1`).set(bearer(token)).buffer(true).parse(pdfParser)));
    expect([first?.status, second?.status]).toEqual([200, 200]);
    const bytes = first?.body as Buffer;
    expect(Buffer.compare(bytes, second?.body as Buffer)).toBe(0);
    const [stored] = await t.sql<{ sha: string; key: string }>(
      `SELECT signed_document_sha256 AS sha, signed_document_storage_key AS key FROM convention WHERE id = $1`, [id]);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(stored?.sha);
    expect(await verifyPdfSignature(bytes)).toMatchObject({ valid: true, coversWholeFileButContents: true });
    // The signature dictionary says who signed, for what deliberation, and when (the recorded instant).
    const pdf = bytes.toString('latin1');
    // In ASCII (see pdfSignatureText): what a PDF reader shows as the reason.
    expect(/\/Reason \(((?:[^\\)]|\\.)*)\)/.exec(pdf)?.[1]?.replace(/\\(.)/g, '$1')).toBe(
      `Convention ${active?.number} - signee par ${active?.signer} pour Departement du Nord (deliberation ${active?.deliberation})`);
    const at = new Date(active?.signed_at ?? 0).toISOString();
    expect(pdf).toContain(`/M (D:${at.slice(0, 19).replace(/[-T:]/g, '')}Z)`);
    // The view now gives its hash; a third download reads the stored copy.
    const view = (await t.http.get(`/api/conventions/${id}`).set(bearer(token))).body as { signedDocumentSha256: string | null };
    expect(view.signedDocumentSha256).toBe(stored?.sha);
    const again = await t.http.get(`/api/conventions/${id}/document?signed=1`).set(bearer(token)).buffer(true).parse(pdfParser);
    expect(Buffer.compare(again.body as Buffer, bytes)).toBe(0);
    // A convention the Département has not signed has none.
    const [sent] = await t.sql<{ id: string }>(
      `SELECT c.id FROM convention c JOIN app_user u ON u.organization_id = c.organization_id WHERE u.email = $1 AND c.status = 'sent'`, [DEMO.association1]);
    const none = await t.http.get(`/api/conventions/${sent?.id}/document?signed=1`).set(bearer(token));
    expect([none.status, none.body.code]).toEqual([404, 'NO_SIGNED_DOCUMENT']);
  });

  it('exports the 2016 call’s thousands of payments as CSV across cursor batches: every one, in order, the amounts adding up', async () => {
    const finance = await t.login(DEMO.finance);
    const res = await t.http.get(`/api/calls/${nordId}/payments.csv`).set(bearer(finance)).buffer(true).parse(utf8Text);
    expect(res.status).toBe(200);
    const lines = String(res.body).split('\r\n').slice(1, -1);
    const [expected] = await t.sql<{ n: number; cents: string; first: string; last: string }>(
      `SELECT count(*)::int AS n, sum(p.amount_cents) AS cents, to_char(min(p.paid_on), 'DD/MM/YYYY') AS first, to_char(max(p.paid_on), 'DD/MM/YYYY') AS last
         FROM payment p JOIN convention c ON c.id = p.convention_id WHERE c.call_id = $1`, [nordId]);
    // More rows than one fetch of the export's cursor (2,000).
    expect(expected?.n).toBeGreaterThan(2000);
    expect(lines).toHaveLength(expected?.n ?? -1);
    const cells = lines.map((l) => l.split(';'));
    const cents = cells.reduce((sum, c) => sum + Number((c[7] ?? '').replace(',', '')), 0);
    expect(String(cents)).toBe(expected?.cents);
    expect([cells[0]?.[0], cells.at(-1)?.[0]]).toEqual([expected?.first, expected?.last]);
    const days = cells.map((c) => (c[0] ?? '').split('/').reverse().join('-'));
    expect(days).toEqual([...days].sort());
    expect(new Set(cells.map((c) => c[6]))).toEqual(new Set(['Avance', 'Solde']));
  });

  it('has one amendment: version 2 with its diff, its own PDF, the year recommitted and its installments replaced', async () => {
    const amendments = await t.sql<{ convention_id: string; version_no: number; reason: string; diff: { years: Array<{ year: number; beforeCents: number; afterCents: number }> };
      key: string; sha: string; association_signed: boolean; department_signed: boolean }>(
      `SELECT m.convention_id, m.version_no, m.reason, m.diff, m.document_storage_key AS key, m.document_sha256 AS sha,
              m.association_signed_at IS NOT NULL AS association_signed, m.department_signed_at IS NOT NULL AS department_signed
         FROM convention_amendment m JOIN convention c ON c.id = m.convention_id WHERE c.call_id = $1`, [nordId]);
    expect(amendments).toHaveLength(1);
    const [amendment] = amendments;
    expect(amendment).toMatchObject({ version_no: 2, association_signed: true, department_signed: true, reason: expect.stringContaining('2018') });
    expect(amendment?.diff.years).toHaveLength(1);
    const change = amendment?.diff.years[0];
    expect(change?.year).toBe(2018);
    expect(change?.afterCents).toBeLessThan(change?.beforeCents ?? 0);
    expect(await sha256Of(await storage.get(amendment?.key ?? ''))).toBe(amendment?.sha);

    const [convention] = await t.sql<{ status: string; document_version: number; key: string | null; sha: string | null }>(
      `SELECT status::text AS status, document_version, document_storage_key AS key, document_sha256 AS sha FROM convention WHERE id = $1`, [amendment?.convention_id]);
    expect(convention).toMatchObject({ status: 'active', document_version: 2 });
    // The original stays, distinct from the avenant.
    expect(convention?.sha).not.toBe(amendment?.sha);
    expect(await sha256Of(await storage.get(convention?.key ?? ''))).toBe(convention?.sha);
    const [year] = await t.sql<{ amount: string; committed: string; granted: string }>(
      `SELECT cy.amount_cents AS amount, cy.committed_cents AS committed, g.amount_cents AS granted FROM convention_year cy
         JOIN convention c ON c.id = cy.convention_id JOIN decision_grant g ON g.application_id = c.application_id AND g.year = cy.year
        WHERE cy.convention_id = $1 AND cy.year = 2018`, [amendment?.convention_id]);
    expect(year).toEqual({ amount: String(change?.afterCents), committed: String(change?.afterCents), granted: String(change?.beforeCents) });
    const installments = await t.sql<{ kind: string; status: string; amount: string }>(
      `SELECT kind, status::text AS status, amount_cents AS amount FROM installment WHERE convention_id = $1 AND year = 2018 ORDER BY status = 'cancelled', kind`,
      [amendment?.convention_id]);
    const after = change?.afterCents ?? 0;
    const before = change?.beforeCents ?? 0;
    expect(installments).toEqual([
      { kind: 'advance', status: 'due', amount: String(Math.floor((after * 6000) / 10000)) },
      { kind: 'balance', status: 'planned', amount: String(after - Math.floor((after * 6000) / 10000)) },
      { kind: 'advance', status: 'cancelled', amount: String(Math.floor((before * 6000) / 10000)) },
      { kind: 'balance', status: 'cancelled', amount: String(before - Math.floor((before * 6000) / 10000)) },
    ]);
  });

  it('has one termination with a recovery no larger than what was paid, its unpaid installments cancelled', async () => {
    const rows = await t.sql<{ id: string; paid: string; recovery: string; reason: string; terminated_at: Date; department_signed: boolean; open_installments: number; payments: string }>(
      `SELECT c.id, c.paid_cents AS paid, c.recovery_cents AS recovery, c.termination_reason AS reason, c.terminated_at, c.department_signed_at IS NOT NULL AS department_signed,
              (SELECT count(*) FROM installment i WHERE i.convention_id = c.id AND i.status IN ('planned','due'))::int AS open_installments,
              (SELECT sum(amount_cents) FROM payment p WHERE p.convention_id = c.id) AS payments
         FROM convention c WHERE c.call_id = $1 AND c.status = 'terminated'`, [nordId]);
    expect(rows).toHaveLength(1);
    const [terminated] = rows;
    expect(terminated).toMatchObject({ department_signed: true, open_installments: 0, reason: expect.stringContaining('résiliée') });
    expect(terminated?.payments).toBe(terminated?.paid);
    expect(Number(terminated?.recovery)).toBeGreaterThan(0);
    expect(Number(terminated?.recovery)).toBeLessThanOrEqual(Number(terminated?.paid));
    expect(terminated?.terminated_at.toISOString().slice(0, 4)).toBe('2017');
  });

  it('stores association1’s and the first fifty PDFs now and renders the others on first need, to the same bytes', async () => {
    const [docs] = await t.sql<{ stored: number; first_fifty_missing: number }>(
      `SELECT count(*) FILTER (WHERE document_storage_key IS NOT NULL)::int AS stored,
              count(*) FILTER (WHERE document_storage_key IS NULL AND number <= 'CONV-2016-0050')::int AS first_fifty_missing
         FROM convention WHERE call_id = $1`, [nordId]);
    // The first fifty, association1's two and the amended and terminated ones when they are beyond them.
    expect(docs?.first_fifty_missing).toBe(0);
    expect(docs?.stored).toBeGreaterThanOrEqual(52);
    expect(docs?.stored).toBeLessThanOrEqual(54);

    const [missing] = await t.sql<{ id: string }>(`SELECT id FROM convention WHERE call_id = $1 AND document_storage_key IS NULL ORDER BY number LIMIT 1`, [nordId]);
    const rendered = await ensureConventionDocument(t.dataSource.manager, storage, missing?.id ?? '');
    expect(rendered?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await sha256Of(await storage.get(rendered?.storageKey ?? ''))).toBe(rendered?.sha256);
    const [row] = await t.sql<{ key: string; sha: string }>(`SELECT document_storage_key AS key, document_sha256 AS sha FROM convention WHERE id = $1`, [missing?.id]);
    expect(row).toEqual({ key: rendered?.storageKey, sha: rendered?.sha256 });
    // The late rendering names both parties, the number and the yearly amounts in French format.
    const [facts] = await t.sql<{ number: string; legal_name: string; amounts: string[] }>(
      `SELECT c.number, o.legal_name, array_agg(cy.amount_cents::text ORDER BY cy.year) AS amounts FROM convention c
         JOIN organization o ON o.id = c.organization_id JOIN convention_year cy ON cy.convention_id = c.id WHERE c.id = $1 GROUP BY c.number, o.legal_name`,
      [missing?.id]);
    const text = await pdfText(await bytesOf(await storage.get(rendered?.storageKey ?? '')));
    expect(text).toContain(`Convention ${facts?.number}`);
    expect(text).toContain('Département du Nord');
    expect(text).toContain(facts?.legal_name.replace(/\s+/g, ' '));
    for (const [i, cents] of (facts?.amounts ?? []).entries()) {
      const euros = `${Math.floor(Number(cents) / 100).toLocaleString('fr-FR').replace(/\s/g, ' ')},${String(Number(cents) % 100).padStart(2, '0')} €`;
      expect(text).toContain(`${2016 + i} : ${euros}`);
    }
    // Once stored, the same document is returned, not rendered again.
    expect(await ensureConventionDocument(t.dataSource.manager, storage, missing?.id ?? '')).toEqual(rendered);

    // Two first downloads at the same instant: one rendering is kept, both callers get it.
    const [another] = await t.sql<{ id: string }>(`SELECT id FROM convention WHERE call_id = $1 AND document_storage_key IS NULL ORDER BY number LIMIT 1`, [nordId]);
    const raced = await Promise.all([0, 1].map(() => ensureConventionDocument(t.dataSource.manager, storage, another?.id ?? '')));
    expect(raced[1]).toEqual(raced[0]);
    const [kept] = await t.sql<{ key: string; sha: string }>(`SELECT document_storage_key AS key, document_sha256 AS sha FROM convention WHERE id = $1`, [another?.id]);
    expect(kept).toEqual({ key: raced[0]?.storageKey, sha: raced[0]?.sha256 });

    // Determinism: an eagerly stored original, rendered again from the database, has the same hash.
    const [eager] = await t.sql<{ id: string; sha: string }>(
      `SELECT id, document_sha256 AS sha FROM convention WHERE call_id = $1 AND number = 'CONV-2016-0001'`, [nordId]);
    await t.sql(`UPDATE convention SET document_storage_key = NULL, document_sha256 = NULL WHERE id = $1`, [eager?.id]);
    expect((await ensureConventionDocument(t.dataSource.manager, storage, eager?.id ?? ''))?.sha256).toBe(eager?.sha);
    expect(await ensureConventionDocument(t.dataSource.manager, storage, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('keeps the document columns paired, and an amended convention’s original stored', async () => {
    const [amended] = await t.sql<{ id: string }>(`SELECT convention_id AS id FROM convention_amendment LIMIT 1`);
    await expect(t.sql(`UPDATE convention SET document_storage_key = NULL, document_sha256 = NULL WHERE id = $1`, [amended?.id]))
      .rejects.toThrow(/ck_convention_document_rendered/);
    const [other] = await t.sql<{ id: string }>(`SELECT id FROM convention WHERE document_storage_key IS NOT NULL AND document_version = 1 LIMIT 1`);
    await expect(t.sql(`UPDATE convention SET document_sha256 = NULL WHERE id = $1`, [other?.id])).rejects.toThrow(/ck_convention_document_pair/);
  });

  it('records the conventions in the seed’s audit event', async () => {
    const [event] = await t.sql<{ diff: Record<string, { after: number }> }>(`SELECT diff FROM audit_event WHERE action = 'demo.seeded'`);
    const [counts] = await t.sql<{ payments: number; paid: string; installments: number }>(
      `SELECT (SELECT count(*) FROM payment)::int AS payments, (SELECT sum(amount_cents) FROM payment) AS paid, (SELECT count(*) FROM installment)::int AS installments`);
    expect(event?.diff['conventions']?.after).toBe(988);
    expect(event?.diff['activeConventions']?.after).toBe(922);
    expect(event?.diff['terminatedConventions']?.after).toBe(1);
    expect(event?.diff['amendments']?.after).toBe(1);
    expect(event?.diff['payments']?.after).toBe(counts?.payments);
    expect(String(event?.diff['paidCents']?.after)).toBe(counts?.paid);
    expect(event?.diff['installments']?.after).toBe(counts?.installments);
  });
});
