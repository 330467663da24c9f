// test-app first: it loads reflect-metadata, which the contracts' decorators need.
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';
import type { ApplicationSummaryView, ApplicationView, BudgetYearView, DeclarationInput, Page, ProjectView } from '@tremplin/contracts';
import { budgetYearTotals, checkBudgetForSubmission, isValidBic, isValidIban, isValidRna, isValidSiret, totalRequestedCents } from '@tremplin/domain';
import { submissionIssues } from '../src/applications/application-rules';
import { CITIES } from '../src/seed/demo-content';
import { APPLICATIONS_PER_SCALE, ORGANIZATIONS_PER_SCALE, REVIEW_CALL_APPLICATIONS_PER_SCALE } from '../src/seed/seed';

/** Checks on the demo the template was seeded with (scale 1). */
describe('demo seed', () => {
  let t: TestApp;
  let nordId: string;
  let openId: string;
  let reviewCallId: string;
  const YEARS = [2016, 2017, 2018];

  interface AppRow {
    id: string;
    reference: string | null;
    status: string;
    axis_code: string;
    title: string;
    summary: string;
    project: ProjectView;
    budget: BudgetYearView[];
    declaration: DeclarationInput | null;
    territories: string[];
    requested_cents: string;
    submitted_version: number;
    submitted_at: Date | null;
    created_at: Date;
    organization_id: string;
    created_by_org: string | null;
  }
  let nordApps: AppRow[];

  beforeAll(async () => {
    t = await startTestApp();
    const calls = await t.sql<{ id: string; code: string; open: boolean }>(`SELECT id, code, closes_at > now() AS open FROM call`);
    nordId = calls.find((c) => c.code === 'AAP-NORD-2016')?.id ?? '';
    openId = calls.find((c) => c.open)?.id ?? '';
    reviewCallId = calls.find((c) => !c.open && c.code !== 'AAP-NORD-2016')?.id ?? '';
    nordApps = await t.sql<AppRow>(
      `SELECT a.id, a.reference, a.status, x.code AS axis_code, a.title, a.summary, a.project, a.budget, a.declaration, a.territories,
              a.requested_cents, a.submitted_version, a.submitted_at, a.created_at, a.organization_id, u.organization_id AS created_by_org
       FROM application a JOIN call_axis x ON x.id = a.axis_id JOIN app_user u ON u.id = a.created_by
       WHERE a.call_id = $1`,
      [nordId],
    );
  });
  afterAll(() => t.close());

  it('gives the 2016 call about 1,500 submitted applications across its five axes and the expected statuses', () => {
    expect(nordApps).toHaveLength(APPLICATIONS_PER_SCALE);
    const byAxis = new Map<string, number>();
    const byStatus = new Map<string, number>();
    for (const a of nordApps) {
      byAxis.set(a.axis_code, (byAxis.get(a.axis_code) ?? 0) + 1);
      byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    }
    expect([...byAxis.keys()].sort()).toEqual(['ACCOMPAGNEMENT', 'FREINS', 'INNOVATION', 'MEDIATION', 'REMOBILISATION']);
    for (const n of byAxis.values()) expect(n).toBeGreaterThan(100);
    // The call is decided: the committee's outcomes, and what left before review.
    expect([...byStatus.keys()].sort()).toEqual(['inadmissible', 'rejected', 'retained', 'waitlisted', 'withdrawn']);
    expect(byStatus.get('retained')).toBe(988);
    expect(byStatus.get('rejected') ?? 0).toBeGreaterThan(byStatus.get('withdrawn') ?? 0);
    expect(nordApps.every((a) => a.submitted_version === 1)).toBe(true);
  });

  it('balances every year of every 2016 budget, with the request consistent and co-funders named', () => {
    for (const a of nordApps) {
      expect(checkBudgetForSubmission(a.budget, YEARS)).toEqual([]);
      expect(a.budget.map((b) => b.year)).toEqual(YEARS);
      expect(Number(a.requested_cents)).toBe(totalRequestedCents(a.budget));
      for (const year of a.budget) {
        const totals = budgetYearTotals(year);
        expect(totals.gapCents).toBe(0);
        // Staff costs dominate; volunteer contributions appear on both sides.
        expect(year.charges.c64).toBe(Math.max(...Object.values(year.charges)));
        expect(year.charges.c86).toBe(year.products.p87);
        expect(year.products.p74Departement).toBeGreaterThanOrEqual(8_000_00);
        expect(year.products.p74Departement).toBeLessThanOrEqual(100_000_00);
        expect(totals.coFundingCents + year.products.p70 + year.products.p75 + year.products.p77 + year.products.p78).toBeGreaterThan(0);
      }
    }
    const perYear = nordApps.map((a) => Number(a.requested_cents) / 3).sort((x, y) => x - y);
    const median = perYear[Math.floor(perYear.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(20_000_00);
    expect(median).toBeLessThan(30_000_00);
  });

  it('fills every 2016 application as submission requires (documents aside) and keeps territories in step with the project', () => {
    for (const a of nordApps) {
      const issues = submissionIssues({ ...a, documentKinds: [] }, YEARS).filter((i) => i.code !== 'DOCUMENT_MISSING');
      expect({ reference: a.reference, issues }).toEqual({ reference: a.reference, issues: [] });
      expect(a.territories).toEqual(a.project.territories);
      expect(a.project.startDate).toMatch(/^2016-\d{2}-01$/);
      expect(a.created_by_org).toBe(a.organization_id);
    }
  });

  it('numbers references per call in the order of submission, well-formed and unique, with the counter set', async () => {
    const sorted = [...nordApps].sort((a, b) => (a.reference ?? '').slice(-6).localeCompare((b.reference ?? '').slice(-6)));
    sorted.forEach((a, i) => {
      expect(a.reference).toMatch(/^AAP2016-(MED|INN|REM|FRE|ACC)-\d{6}$/);
      expect(a.reference?.slice(8, 11)).toBe(a.axis_code.slice(0, 3));
      expect(Number(a.reference?.slice(-6))).toBe(i + 1);
      if (i > 0) expect(a.submitted_at?.getTime()).toBeGreaterThanOrEqual(sorted[i - 1]?.submitted_at?.getTime() ?? 0);
    });
    const [counter] = await t.sql<{ last_number: number }>(`SELECT last_number FROM application_reference_counter WHERE call_id = $1`, [nordId]);
    expect(counter?.last_number).toBe(APPLICATIONS_PER_SCALE);
    const [call] = await t.sql<{ opens_at: Date; closes_at: Date; structure_locked_at: Date | null }>(`SELECT opens_at, closes_at, structure_locked_at FROM call WHERE id = $1`, [nordId]);
    const times = nordApps.map((a) => a.submitted_at?.getTime() ?? 0);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(call?.opens_at.getTime() ?? Infinity);
    expect(Math.max(...times)).toBeLessThan(call?.closes_at.getTime() ?? 0);
    expect(call?.structure_locked_at?.getTime()).toBe(Math.min(...times));
  });

  it('freezes one version per submitted application, identical to what was submitted', async () => {
    const versions = await t.sql<{ application_id: string; version_no: number; snapshot: Record<string, unknown>; submitted_at: Date }>(
      `SELECT v.application_id, v.version_no, v.snapshot, v.submitted_at FROM application_version v JOIN application a ON a.id = v.application_id WHERE a.call_id = $1`,
      [nordId],
    );
    expect(versions).toHaveLength(APPLICATIONS_PER_SCALE);
    const byId = new Map(nordApps.map((a) => [a.id, a]));
    for (const v of versions) {
      const a = byId.get(v.application_id);
      expect(v.version_no).toBe(1);
      expect(v.submitted_at).toEqual(a?.submitted_at);
      expect(v.snapshot).toMatchObject({
        reference: a?.reference, versionNo: 1, submittedAt: a?.submitted_at?.toISOString(), title: a?.title, summary: a?.summary,
        axisCode: a?.axis_code, project: a?.project, budget: a?.budget, declaration: a?.declaration, documents: [],
      });
    }
  });

  it('gives every information request of the call under review its open request row, and none elsewhere', async () => {
    const rows = await t.sql<{ status: string; open: string; call_id: string }>(
      `SELECT a.status, a.call_id, count(r.id) FILTER (WHERE r.answered_at IS NULL) AS open FROM application a LEFT JOIN information_request r ON r.application_id = a.id
       GROUP BY a.id, a.status, a.call_id`,
    );
    for (const r of rows) expect(Number(r.open)).toBe(r.status === 'information_requested' ? 1 : 0);
    expect(rows.filter((r) => r.status === 'information_requested').every((r) => r.call_id === reviewCallId)).toBe(true);
    expect(rows.filter((r) => r.status === 'information_requested').length).toBeGreaterThan(5);
  });

  it('creates valid organisations across the eight territories, each with an administrator member', async () => {
    const orgs = await t.sql<{ id: string; siret: string | null; rna: string | null; iban: string | null; bic: string | null; territory: keyof typeof CITIES; city: string; postal_code: string; legal_rep_name: string; phone: string; admins: string }>(
      `SELECT o.*, (SELECT count(*) FROM app_user u WHERE u.organization_id = o.id AND u.organization_admin AND u.role = 'association') AS admins
       FROM organization o ORDER BY o.created_at, o.id`,
    );
    expect(orgs).toHaveLength(ORGANIZATIONS_PER_SCALE);
    expect(new Set(orgs.map((o) => o.siret)).size).toBe(orgs.length);
    expect(new Set(orgs.map((o) => o.territory)).size).toBe(8);
    for (const o of orgs) {
      expect(o.siret && isValidSiret(o.siret)).toBe(true);
      if (o.rna !== null) expect(isValidRna(o.rna)).toBe(true);
      expect(o.iban && isValidIban(o.iban) && o.iban.startsWith('FR')).toBe(true);
      expect(o.bic && isValidBic(o.bic)).toBe(true);
      expect(CITIES[o.territory]).toContainEqual([o.city, o.postal_code]);
      expect(o.legal_rep_name).not.toBe('');
      expect(o.phone).toMatch(/^03 \d{2} \d{2} \d{2} \d{2}$/);
      expect(Number(o.admins)).toBeGreaterThanOrEqual(1);
    }
    // Every organisation applied at least once.
    expect(new Set(nordApps.map((a) => a.organization_id)).size).toBe(orgs.length);
    // The demo accounts belong to the first two organisations created, as their administrators.
    const members = await t.sql<{ email: string; organization_id: string; organization_admin: boolean }>(
      `SELECT email, organization_id, organization_admin FROM app_user WHERE email = ANY($1)`,
      [[DEMO.association1, DEMO.association2]],
    );
    expect(members.find((m) => m.email === DEMO.association1)).toMatchObject({ organization_id: orgs[0]?.id, organization_admin: true });
    expect(members.find((m) => m.email === DEMO.association2)).toMatchObject({ organization_id: orgs[1]?.id, organization_admin: true });
  });

  it('shows association1 its decided 2016 applications, the one awaiting admissibility and its draft on the open call, nobody else’s', async () => {
    const token = await t.login(DEMO.association1);
    const res = await t.http.get('/api/applications?pageSize=100').set(bearer(token));
    expect(res.status).toBe(200);
    const page = res.body as Page<ApplicationSummaryView>;
    const submitted = page.items.filter((a) => a.callId === nordId);
    const drafts = page.items.filter((a) => a.callId === openId);
    // Two retained (an active convention and one to sign) and one rejected (its decision letter).
    expect(submitted.map((a) => a.status).sort()).toEqual(['rejected', 'retained', 'retained']);
    expect(submitted.every((a) => /^AAP2016-/.test(a.reference ?? ''))).toBe(true);
    expect(page.items.filter((a) => a.callId === reviewCallId).map((a) => a.status)).toEqual(['submitted']);
    expect(drafts).toHaveLength(1);
    expect(new Set(page.items.map((a) => a.organizationId)).size).toBe(1);

    const draft = (await t.http.get(`/api/applications/${drafts[0]?.id}`).set(bearer(token))).body as ApplicationView;
    expect(draft).toMatchObject({ status: 'draft', reference: null, submittedVersion: 0 });
    expect(draft.title).not.toBe('');
    expect(draft.project.objectives).not.toBe('');
    expect(draft.budget).toHaveLength(1);
    expect(draft.missing.length).toBeGreaterThan(0);

    // The receipt is built from the seeded frozen version.
    const receipt = await t.http.get(`/api/applications/${submitted[0]?.id}/receipt`).set(bearer(token));
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');

    const other = await t.login(DEMO.association2);
    const theirs = (await t.http.get('/api/applications?pageSize=100').set(bearer(other))).body as Page<ApplicationSummaryView>;
    expect(theirs.items.filter((a) => /^AAP2016-/.test(a.reference ?? '')).length).toBe(2);
    expect(theirs.items.some((a) => a.organizationId === page.items[0]?.organizationId)).toBe(false);
  });

  it('lets an administrator list the 1,500 submitted applications (never a draft), filtered and searched', async () => {
    const admin = await t.login(DEMO.admin);
    const all = await t.http.get(`/api/applications?callId=${nordId}&pageSize=5`).set(bearer(admin));
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(APPLICATIONS_PER_SCALE);
    const drafts = await t.http.get(`/api/applications?callId=${openId}&pageSize=5`).set(bearer(admin));
    expect(drafts.body.total).toBe(0);
    const jardins = nordApps.filter((a) => `${a.reference} ${a.title} ${a.summary}`.toLowerCase().includes('jardin')).length;
    expect(jardins).toBeGreaterThan(10);
    const searched = await t.http.get(`/api/applications?callId=${nordId}&q=jardin&pageSize=5`).set(bearer(admin));
    expect(searched.body.total).toBeGreaterThanOrEqual(jardins);
  });

  it('searches regardless of accents and case, in titles and in organisation names', async () => {
    const admin = await t.login(DEMO.admin);
    const [app] = await t.sql<{ id: string }>(`SELECT id FROM application WHERE call_id = $1 AND status = 'retained' LIMIT 1`, [nordId]);
    await t.sql(`UPDATE application SET title = 'Ateliers « Écoute Été » à Hénin' WHERE id = $1`, [app?.id]);
    for (const q of ['écoute été', 'ECOUTE ETE', 'Ecoute Été', 'hénin']) {
      const res = await t.http.get(`/api/applications?q=${encodeURIComponent(q)}`).set(bearer(admin));
      expect(res.body.items.map((a: { id: string }) => a.id)).toContain(app?.id);
    }
    const [org] = await t.sql<{ id: string }>(
      `UPDATE organization SET legal_name = 'Maison Équité Sénégal-Nord' WHERE id = (SELECT organization_id FROM application WHERE id = $1) RETURNING id`, [app?.id]);
    const byOrg = await t.http.get(`/api/applications?q=${encodeURIComponent('EQUITE SENEGAL')}`).set(bearer(admin));
    expect(byOrg.body.items.every((a: { organizationId: string }) => a.organizationId === org?.id)).toBe(true);
    expect(byOrg.body.total).toBeGreaterThanOrEqual(1);
    // LIKE wildcards typed by a person are literal text.
    expect((await t.http.get(`/api/applications?q=${encodeURIComponent('%_%')}`).set(bearer(admin))).body.total).toBe(0);
  });

  it('records the seed as one audit event with its counts, and the chain stays valid', async () => {
    const events = await t.sql<{ diff: Record<string, { after: number }> }>(`SELECT diff FROM audit_event WHERE action = 'demo.seeded'`);
    expect(events).toHaveLength(1);
    const [{ n: applications } = { n: '0' }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM application`);
    expect(events[0]?.diff).toMatchObject({
      scale: { after: 1 }, organizations: { after: ORGANIZATIONS_PER_SCALE },
      applications: { after: Number(applications) }, submittedApplications: { after: APPLICATIONS_PER_SCALE + REVIEW_CALL_APPLICATIONS_PER_SCALE },
      reviewers: { after: 12 }, retained: { after: 988 },
    });
    // Three calls and the seed (the logins of this test file aside): no event per row.
    const seeded = await t.sql<{ action: string }>(`SELECT action FROM audit_event WHERE action NOT LIKE 'auth.%' ORDER BY seq`);
    expect(seeded.map((e) => e.action)).toEqual(['call.created', 'call.created', 'call.created', 'demo.seeded']);
    const admin = await t.login(DEMO.admin);
    const res = await t.http.get('/api/audit-events/verify').set(bearer(admin));
    expect(res.body).toMatchObject({ valid: true, firstBrokenSeq: null });
    expect(res.body.checked).toBeGreaterThanOrEqual(3);
  });
});
