import type { EnvelopeFitView, RankingRowView, RankingView } from '@tremplin/contracts';
import { normalizeScores, rankAgainstEnvelope } from '@tremplin/domain';
import fc from 'fast-check';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * A hand-made call (written in SQL, as the review and scoring work would leave it): three years,
 * axis AXA with allocations 1,000 € / 600 € / 500 € and six ranked applications, plus rows that must
 * not be ranked (withdrawn, inadmissible, another axis).
 *
 *   app  raw  normalised  requested 2024/2025/2026 (€)  reviews (reviewer: total)
 *   A1   80   76.17       300 / 200 / 100              R1 90, R2 70
 *   A2   75   72.17       300 / 200 / 100              R1 80, R2 70        (decision: retained, simulation)
 *   A3   70   69.59       300 / 150 / 100              R2 70, R3 70; R1 accepted, not submitted
 *   A4   70   70.68       100 / 100 / 100              R1 55, R2 85        (divergent)
 *   A5   60   57.66        50 /  60 /  50              R1 65, R2 55; R3 recused
 *   A6   —    —           500 /   0 /   0              R3 accepted, not submitted
 *   A7 (withdrawn, R4 60), A8 (inadmissible), A9 (axis AXB, R4 60)
 *
 * Raw order A1 A2 A3 A4 (tie at 70: by reference) A5 A6. Running totals in 2025: 200, 400, 550,
 * 650 > 600: the strict line is passed by the 4th row in the 2nd year.
 */
describe('committee ranking against the envelope', () => {
  let t: TestApp;
  let admin: string;
  let callId: string;
  const ids: Record<string, string> = {};

  const REVIEWS: Array<[app: string, reviewer: string, total: number]> = [
    ['A1', 'R1', 90], ['A1', 'R2', 70], ['A2', 'R1', 80], ['A2', 'R2', 70], ['A3', 'R2', 70], ['A3', 'R3', 70],
    ['A4', 'R1', 55], ['A4', 'R2', 85], ['A5', 'R1', 65], ['A5', 'R2', 55], ['A7', 'R4', 60], ['A9', 'R4', 60],
  ];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
    // The allocations must add up to the envelope at commit: one transaction.
    await t.sql('BEGIN');
    const [call] = await t.sql<{ id: string }>(
      `INSERT INTO call (code, title, description, opens_at, closes_at, years, envelope_cents, advance_basis_points, reviewers_per_application)
       VALUES ('RANK-TEST', 'Classement test', 'Appel de test du classement', now() - interval '60 days', now() - interval '30 days', '{2024,2025,2026}', 240000, 5000, 2)
       RETURNING id`,
    );
    callId = call?.id ?? '';
    await t.sql(
      `INSERT INTO call_axis (call_id, code, label_fr, label_en, description, position)
       VALUES ($1, 'AXA', 'Axe A', 'Axis A', '', 1), ($1, 'AXB', 'Axe B', 'Axis B', '', 2)`, [callId],
    );
    await t.sql(
      `INSERT INTO call_allocation (call_id, axis_id, year, amount_cents)
       SELECT $1, x.id, v.year, v.cents FROM call_axis x
         JOIN (VALUES ('AXA', 2024, 100000), ('AXA', 2025, 60000), ('AXA', 2026, 50000),
                      ('AXB', 2024, 10000), ('AXB', 2025, 10000), ('AXB', 2026, 10000)) v(code, year, cents) ON v.code = x.code
        WHERE x.call_id = $1`, [callId],
    );
    await t.sql('COMMIT');
    const apps: Array<[key: string, axis: string, status: string, score: number | null, divergent: boolean, amounts: [number, number, number]]> = [
      ['A1', 'AXA', 'reviewed', 8000, false, [30000, 20000, 10000]],
      ['A2', 'AXA', 'reviewed', 7500, false, [30000, 20000, 10000]],
      ['A3', 'AXA', 'under_review', 7000, false, [30000, 15000, 10000]],
      ['A4', 'AXA', 'reviewed', 7000, true, [10000, 10000, 10000]],
      ['A5', 'AXA', 'under_review', 6000, false, [5000, 6000, 5000]],
      ['A6', 'AXA', 'admissible', null, false, [50000, 0, 0]],
      ['A7', 'AXA', 'withdrawn', 6000, false, [1000, 1000, 1000]],
      ['A8', 'AXA', 'inadmissible', null, false, [1000, 1000, 1000]],
      ['A9', 'AXB', 'reviewed', 6000, false, [1000, 1000, 1000]],
    ];
    for (const [key, axis, status, score, divergent, amounts] of apps) {
      const [row] = await t.sql<{ id: string }>(
        `INSERT INTO application (call_id, axis_id, organization_id, status, reference, title, submitted_version, submitted_at, created_by,
                                  score_hundredths, review_count, divergent)
         SELECT $1, x.id, u.organization_id, $3::application_status, $4, $5, 1, now(), u.id, $6::int, 0, $7
           FROM call_axis x, app_user u WHERE x.call_id = $1 AND x.code = $2 AND u.email = $8
         RETURNING id`,
        [callId, axis, status, `RANK-${key}`, `Projet ${key}`, score, divergent, DEMO.association1],
      );
      ids[key] = row?.id ?? '';
      await t.sql(
        `INSERT INTO application_request (application_id, year, amount_cents) VALUES ($1, 2024, $2), ($1, 2025, $3), ($1, 2026, $4)`,
        [ids[key], ...amounts],
      );
    }
    for (const reviewer of ['R1', 'R2', 'R3', 'R4']) {
      const [row] = await t.sql<{ id: string }>(
        `INSERT INTO app_user (email, full_name, password_hash, role, email_verified_at) VALUES ($1, $2, 'x', 'reviewer', now()) RETURNING id`,
        [`${reviewer.toLowerCase()}.ranking@example.org`, `Évaluateur ${reviewer}`],
      );
      ids[reviewer] = row?.id ?? '';
    }
    const assign = (app: string, reviewer: string, status: string, total: number | null, extra = '') =>
      t.sql(
        `INSERT INTO review_assignment (call_id, application_id, reviewer_id, status, due_on, review_status, total_hundredths, opinion, submitted_at,
                                        conflict_kind, recused_at)
         VALUES ($1, $2, $3, $4::review_assignment_status, current_date, $5::review_status, $6::int, $7, $8::timestamptz, $9, $10::timestamptz)`,
        [
          callId, ids[app], ids[reviewer], status, total === null ? null : 'submitted', total === null ? null : total * 100,
          total === null ? null : 'favourable', total === null ? null : new Date().toISOString(),
          extra === 'recused' ? 'member' : null, extra === 'recused' ? new Date().toISOString() : null,
        ],
      );
    for (const [app, reviewer, total] of REVIEWS) await assign(app, reviewer, 'accepted', total);
    await assign('A3', 'R1', 'accepted', null);
    await assign('A5', 'R3', 'recused', null, 'recused');
    await assign('A6', 'R3', 'accepted', null);
    await t.sql(
      `UPDATE application a SET review_count = (SELECT count(*) FROM review_assignment ra WHERE ra.application_id = a.id AND ra.review_status = 'submitted')
        WHERE a.call_id = $1`, [callId],
    );
    // The moments the scoring work keeps per reviewer and call.
    await t.sql(
      `INSERT INTO reviewer_call_stat (call_id, reviewer_id, review_count, sum_hundredths, sum_squares)
       SELECT call_id, reviewer_id, count(*), sum(total_hundredths), sum(total_hundredths::bigint * total_hundredths)
         FROM review_assignment WHERE call_id = $1 AND review_status = 'submitted' GROUP BY call_id, reviewer_id`, [callId],
    );
    // A1's reviewers recommend amounts: the mean is rounded half-up to the cent (225.005 € → 225.01 €).
    await t.sql(
      `INSERT INTO review_recommendation (assignment_id, year, amount_cents)
       SELECT ra.id, v.year, v.cents FROM review_assignment ra
         JOIN (VALUES ('R1', 2024, 20000), ('R1', 2025, 20000), ('R1', 2026, 10000),
                      ('R2', 2024, 25001), ('R2', 2025, 15000), ('R2', 2026, 10000)) v(reviewer, year, cents)
           ON ra.reviewer_id = CASE v.reviewer WHEN 'R1' THEN $2::uuid ELSE $3::uuid END
        WHERE ra.application_id = $1`, [ids['A1'], ids['R1'], ids['R2']],
    );
    const [session] = await t.sql<{ id: string }>(
      `INSERT INTO committee_session (call_id, axis_id, sits_on, deliberation_reference, opened_by)
       SELECT $1, x.id, current_date, 'CP-2026-01', u.id FROM call_axis x, app_user u WHERE x.call_id = $1 AND x.code = 'AXA' AND u.email = $2
       RETURNING id`, [callId, DEMO.admin],
    );
    await t.sql(
      `INSERT INTO committee_decision (application_id, session_id, outcome, decided_by)
       SELECT $1, $2, 'retained', u.id FROM app_user u WHERE u.email = $3`, [ids['A2'], session?.id, DEMO.admin],
    );
  });
  afterAll(() => t.close());

  const get = (path: string, token = admin) => t.http.get(path).set(bearer(token));
  const ranking = async (query: string): Promise<RankingView> => {
    const res = await get(`/api/calls/${callId}/ranking?${query}`);
    expect(res.status).toBe(200);
    return res.body as RankingView;
  };
  const refs = (view: RankingView) => view.items.map((row) => row.reference);
  const running = (row: RankingRowView | undefined) => row?.years.map((y) => y.runningTotalCents);

  it('ranks the axis by raw score with running totals per year and the strict cut line', async () => {
    const view = await ranking('axis=AXA');
    expect(view).toMatchObject({
      callId, axisCode: 'AXA', score: 'raw', amount: 'requested', years: [2024, 2025, 2026], total: 6, page: 1, pageSize: 25, cutLineRank: 4, minScore: 0,
      allocations: [{ year: 2024, allocationCents: 100000 }, { year: 2025, allocationCents: 60000 }, { year: 2026, allocationCents: 50000 }],
    });
    expect(refs(view)).toEqual(['RANK-A1', 'RANK-A2', 'RANK-A3', 'RANK-A4', 'RANK-A5', 'RANK-A6']);
    expect(view.items.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(view.items.map(running)).toEqual([
      [30000, 20000, 10000],
      [60000, 40000, 20000],
      [90000, 55000, 30000],
      [100000, 65000, 40000],
      [105000, 71000, 45000],
      [155000, 71000, 45000],
    ]);
    expect(view.items.map((r) => r.aboveCutLine)).toEqual([true, true, true, false, false, false]);
    expect(view.items.map((r) => r.totalAmountCents)).toEqual([60000, 60000, 55000, 30000, 16000, 50000]);
    expect(view.items[0]).toMatchObject({
      applicationId: ids['A1'], title: 'Projet A1', status: 'reviewed', rawScore: 80, normalizedScore: 76.17, reviewCount: 2, expectedReviewCount: 2,
      years: [
        { year: 2024, amountCents: 30000, requestedCents: 30000, recommendedCents: 22501, runningTotalCents: 30000, allocationCents: 100000 },
        { year: 2025, amountCents: 20000, requestedCents: 20000, recommendedCents: 17500, runningTotalCents: 20000, allocationCents: 60000 },
        { year: 2026, amountCents: 10000, requestedCents: 10000, recommendedCents: 10000, runningTotalCents: 10000, allocationCents: 50000 },
      ],
      decision: null,
    });
    expect(view.items[5]).toMatchObject({ rawScore: null, normalizedScore: null, reviewCount: 0, expectedReviewCount: 1 });
  });

  it('shows the flags and the decision so far', async () => {
    const view = await ranking('axis=AXA&minScore=65');
    expect(view.minScore).toBe(65);
    expect(view.items.map((r) => [r.reference, r.flags])).toEqual([
      ['RANK-A1', { belowThreshold: false, divergent: false, incompleteReviews: false, conflict: false }],
      ['RANK-A2', { belowThreshold: false, divergent: false, incompleteReviews: false, conflict: false }],
      ['RANK-A3', { belowThreshold: false, divergent: false, incompleteReviews: true, conflict: false }],
      ['RANK-A4', { belowThreshold: false, divergent: true, incompleteReviews: false, conflict: false }],
      ['RANK-A5', { belowThreshold: true, divergent: false, incompleteReviews: false, conflict: true }],
      ['RANK-A6', { belowThreshold: true, divergent: false, incompleteReviews: true, conflict: false }],
    ]);
    expect(view.items[1]?.decision).toEqual({ outcome: 'retained', published: false, version: 1 });
    expect(view.items[2]).toMatchObject({ reviewCount: 2, expectedReviewCount: 3 });
  });

  it('ranks by the normalised score, computed in SQL as the domain function computes it', async () => {
    const view = await ranking('axis=AXA&score=normalized');
    expect(view.items.map((r) => [r.reference, r.normalizedScore, r.rawScore])).toEqual([
      ['RANK-A1', 76.17, 80],
      ['RANK-A2', 72.17, 75],
      ['RANK-A4', 70.68, 70],
      ['RANK-A3', 69.59, 70],
      ['RANK-A5', 57.66, 60],
      ['RANK-A6', null, null],
    ]);
    // A4 before A3 moves the line: 2025 runs 200, 400, 500, 650 > 600 at A3.
    expect(view.items.map(running).slice(0, 4)).toEqual([[30000, 20000, 10000], [60000, 40000, 20000], [70000, 50000, 30000], [100000, 65000, 40000]]);
    expect(view.cutLineRank).toBe(4);
    // The same fixture through libs/domain: the SQL agrees to the hundredth.
    const domain = normalizeScores(REVIEWS.map(([app, reviewer, total]) => ({ applicationId: app, reviewerId: reviewer, total })));
    const byRef = new Map(view.items.map((r) => [r.reference.replace('RANK-', ''), r.normalizedScore]));
    for (const app of domain.applications.filter((a) => /^A[1-5]$/.test(a.applicationId))) expect(byRef.get(app.applicationId)).toBe(app.normalized);
    // R4 scored two applications alike (σr = 0): each is normalised to the call mean, 69.17.
    const other = await ranking('axis=AXB&score=normalized');
    expect(other.items.map((r) => [r.reference, r.normalizedScore])).toEqual([['RANK-A9', 69.17]]);
  });

  it('adds up the recommended amounts when asked (the request stands until a review recommends)', async () => {
    const view = await ranking('axis=AXA&amount=recommended');
    expect(view.amount).toBe('recommended');
    expect(view.items[0]?.years.map((y) => y.amountCents)).toEqual([22501, 17500, 10000]);
    expect(view.items[1]?.years.map((y) => [y.amountCents, y.recommendedCents])).toEqual([[30000, null], [20000, null], [10000, null]]);
    expect(running(view.items[1])).toEqual([52501, 37500, 20000]);
  });

  it('paginates without losing the running totals of the rows before the page', async () => {
    const view = await ranking('axis=AXA&page=2&pageSize=2');
    expect(view).toMatchObject({ page: 2, pageSize: 2, total: 6, cutLineRank: 4 });
    expect(refs(view)).toEqual(['RANK-A3', 'RANK-A4']);
    expect(view.items.map((r) => r.rank)).toEqual([3, 4]);
    expect(view.items.map(running)).toEqual([[90000, 55000, 30000], [100000, 65000, 40000]]);
    expect(view.items.map((r) => r.aboveCutLine)).toEqual([true, false]);
    const beyond = await ranking('axis=AXA&page=9&pageSize=2');
    expect(beyond).toMatchObject({ total: 6, cutLineRank: 4, items: [] });
  });

  it('exports the whole ranking as a French CSV', async () => {
    const res = await get(`/api/calls/${callId}/ranking.csv?axis=AXA&pageSize=2`).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="classement-AXA-raw.csv"');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).split('\r\n');
    expect(lines).toHaveLength(8); // header, six rows, the final line end
    expect(lines[0]).toBe(
      'Rang;Référence;Titre;Organisme;Statut;Score brut (classement);Score normalisé;Avis rendus;Avis attendus;' +
        'Montant 2024 (€);Cumul 2024 (€);Enveloppe 2024 (€);Montant 2025 (€);Cumul 2025 (€);Enveloppe 2025 (€);' +
        'Montant 2026 (€);Cumul 2026 (€);Enveloppe 2026 (€);Total (€);Au-dessus de la ligne;Sous le seuil;Avis divergents;Avis incomplets;Déport;Décision',
    );
    const [organization] = await t.sql<{ legal_name: string }>(
      'SELECT o.legal_name FROM organization o JOIN app_user u ON u.organization_id = o.id WHERE u.email = $1', [DEMO.association1],
    );
    const name = /[;"]/.test(organization?.legal_name ?? '') ? `"${organization?.legal_name.replace(/"/g, '""')}"` : organization?.legal_name;
    expect(lines[2]).toBe(`2;RANK-A2;Projet A2;${name};reviewed;75,00;72,17;2;2;300,00;600,00;1000,00;200,00;400,00;600,00;100,00;200,00;500,00;600,00;oui;non;non;non;non;retenu (simulation)`);
    expect(lines[4]).toBe(`4;RANK-A4;Projet A4;${name};reviewed;70,00;70,68;2;2;100,00;1000,00;1000,00;100,00;650,00;600,00;100,00;400,00;500,00;300,00;non;non;oui;non;non;`);
    expect(lines[6]).toBe(`6;RANK-A6;Projet A6;${name};admissible;;;0;1;500,00;1550,00;1000,00;0,00;710,00;600,00;0,00;450,00;500,00;500,00;non;non;non;oui;non;`);
    expect(lines[7]).toBe('');
  });

  it('suggests a better set within every allocation beside the strict line', async () => {
    const res = await get(`/api/calls/${callId}/envelope-fit?axis=AXA`);
    expect(res.status).toBe(200);
    const fit = res.body as EnvelopeFitView;
    expect(fit.strict).toEqual({
      applicationIds: [ids['A1'], ids['A2'], ids['A3']], projects: 3, totalScore: 225,
      amounts: [{ year: 2024, amountCents: 90000 }, { year: 2025, amountCents: 55000 }, { year: 2026, amountCents: 30000 }],
      used: [
        { year: 2024, amountCents: 90000, allocationCents: 100000 },
        { year: 2025, amountCents: 55000, allocationCents: 60000 },
        { year: 2026, amountCents: 30000, allocationCents: 50000 },
      ],
    });
    // Only set of 285 points that fits: A3 (300 € in 2024, 150 € in 2025) gives way to A4 and A5.
    expect(fit.suggested).toMatchObject({
      applicationIds: [ids['A1'], ids['A2'], ids['A4'], ids['A5']], projects: 4, totalScore: 285, reductionPercent: 0,
      used: [
        { year: 2024, amountCents: 75000, allocationCents: 100000 },
        { year: 2025, amountCents: 56000, allocationCents: 60000 },
        { year: 2026, amountCents: 35000, allocationCents: 50000 },
      ],
    });
    expect(fit.difference).toEqual({
      added: [{ applicationId: ids['A4'], reference: 'RANK-A4', rank: 4 }, { applicationId: ids['A5'], reference: 'RANK-A5', rank: 5 }],
      dropped: [{ applicationId: ids['A3'], reference: 'RANK-A3', rank: 3 }],
      projects: 1,
      years: [{ year: 2024, amountCents: -15000 }, { year: 2025, amountCents: 1000 }, { year: 2026, amountCents: 5000 }],
      totalCents: -9000,
    });
    expect(fit.solver).toEqual({ status: 'optimal', gap: 0 });
  });

  it('with a minimum score and a reduction: never above an allocation, never below the strict line when nothing is excluded', async () => {
    const reduced = (await get(`/api/calls/${callId}/envelope-fit?axis=AXA&maxReductionPercent=10`)).body as EnvelopeFitView;
    // Up to 10 % off lets A1‥A4 in (295 points): 2025 needs 650 € → 7.70 % off, the smallest rate that fits to the cent.
    expect(reduced).toMatchObject({ maxReductionPercent: 10, suggested: { applicationIds: [ids['A1'], ids['A2'], ids['A3'], ids['A4']], totalScore: 295, reductionPercent: 7.7 } });
    expect(reduced.suggested.used).toEqual([
      { year: 2024, amountCents: 92300, allocationCents: 100000 },
      { year: 2025, amountCents: 59995, allocationCents: 60000 },
      { year: 2026, amountCents: 36920, allocationCents: 50000 },
    ]);
    expect(reduced.suggested.totalScore).toBeGreaterThanOrEqual(reduced.strict.totalScore);

    const res = await get(`/api/calls/${callId}/envelope-fit?axis=AXA&minScore=65`);
    const fit = res.body as EnvelopeFitView;
    expect(fit.minScore).toBe(65);
    // A5 (60) may not be suggested: the best set of rows ≥ 65 within the allocations is A1 A2 A3 (or A4): 225 points.
    expect(fit.suggested.applicationIds).not.toContain(ids['A5']);
    expect(fit.suggested.totalScore).toBe(225);
    for (const y of fit.suggested.used) expect(y.amountCents).toBeLessThanOrEqual(y.allocationCents);
  });

  it('refuses bad parameters with 400 naming the field, an unknown call with 404', async () => {
    const cases: Array<[string, string]> = [
      [`ranking?score=raw`, 'axis'],
      [`ranking?axis=axa`, 'axis'],
      [`ranking?axis=ZZZ`, 'axis'],
      [`ranking?axis=AXA&score=best`, 'score'],
      [`ranking?axis=AXA&amount=granted`, 'amount'],
      [`ranking?axis=AXA&minScore=abc`, 'minScore'],
      [`ranking?axis=AXA&minScore=100.5`, 'minScore'],
      [`ranking?axis=AXA&page=-1`, 'page'],
      [`ranking?axis=AXA&sort=title`, 'sort'],
      [`ranking.csv?axis=ZZZ`, 'axis'],
      [`envelope-fit?axis=AXA&maxReductionPercent=100`, 'maxReductionPercent'],
      [`envelope-fit?axis=AXA&maxReductionPercent=-5`, 'maxReductionPercent'],
      [`envelope-fit?axis=AXA&minScore=101`, 'minScore'],
    ];
    for (const [path, field] of cases) {
      const res = await get(`/api/calls/${callId}/${path}`);
      expect([path, res.status]).toEqual([path, 400]);
      expect((res.body as { details: Array<{ field: string }> }).details.map((d) => d.field)).toContain(field);
    }
    expect((await get('/api/calls/00000000-0000-4000-8000-000000000000/ranking?axis=AXA')).status).toBe(404);
    // Reviewers and associations never see the ranking.
    expect((await get(`/api/calls/${callId}/ranking?axis=AXA`, await t.login(DEMO.reviewer))).status).toBe(403);
  });
  it('agrees with libs/domain rankAgainstEnvelope on random small axes (running totals, line, cut rank)', async () => {
    let run = 0;
    const rowArb = fc.record({
      score: fc.option(fc.integer({ min: 0, max: 10000 }), { nil: null }),
      amounts: fc.tuple(fc.integer({ min: 0, max: 50000 }), fc.integer({ min: 0, max: 50000 })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 7 }), fc.tuple(fc.integer({ min: 0, max: 150000 }), fc.integer({ min: 0, max: 150000 })), async (rows, caps) => {
        run += 1;
        await t.sql('BEGIN');
        const [call] = await t.sql<{ id: string }>(
          `INSERT INTO call (code, title, description, opens_at, closes_at, years, envelope_cents, advance_basis_points, reviewers_per_application)
           VALUES ($1, 'Propriété', 'Appel de test', now() - interval '60 days', now() - interval '30 days', '{2030,2031}', $2, 5000, 2) RETURNING id`,
          [`PROP-${run}-${Date.now()}`, caps[0] + caps[1] + 1],
        );
        const [axis] = await t.sql<{ id: string }>(`INSERT INTO call_axis (call_id, code, label_fr, label_en, description, position) VALUES ($1, 'PRP', 'P', 'P', '', 1) RETURNING id`, [call?.id]);
        const [spare] = await t.sql<{ id: string }>(`INSERT INTO call_axis (call_id, code, label_fr, label_en, description, position) VALUES ($1, 'SPR', 'S', 'S', '', 2) RETURNING id`, [call?.id]);
        await t.sql(
          `INSERT INTO call_allocation (call_id, axis_id, year, amount_cents) VALUES ($1, $2, 2030, $4), ($1, $2, 2031, $5), ($1, $3, 2030, 1), ($1, $3, 2031, 0)`,
          [call?.id, axis?.id, spare?.id, caps[0], caps[1]],
        );
        await t.sql('COMMIT');
        const refs = rows.map((_, i) => `PROP-${run}-${String(i).padStart(2, '0')}`);
        for (const [i, row] of rows.entries()) {
          const [app] = await t.sql<{ id: string }>(
            `INSERT INTO application (call_id, axis_id, organization_id, status, reference, title, submitted_version, submitted_at, created_by, score_hundredths)
             SELECT $1, $2, u.organization_id, 'under_review', $3, 'P', 1, now(), u.id, $4::int FROM app_user u WHERE u.email = $5 RETURNING id`,
            [call?.id, axis?.id, refs[i], row.score, DEMO.association1],
          );
          await t.sql(`INSERT INTO application_request (application_id, year, amount_cents) VALUES ($1, 2030, $2), ($1, 2031, $3)`, [app?.id, ...row.amounts]);
        }
        const view = (await get(`/api/calls/${call?.id}/ranking?axis=PRP&pageSize=100`)).body as RankingView;
        // The order written out independently: score desc (none last), then reference.
        const order = rows.map((row, i) => ({ ...row, ref: refs[i] ?? '' })).sort((a, b) =>
          a.score === b.score ? (a.ref < b.ref ? -1 : 1) : a.score === null ? 1 : b.score === null ? -1 : b.score - a.score,
        );
        const domain = rankAgainstEnvelope(
          order.map((row) => ({ id: row.ref, amounts: [{ year: 2030, amountCents: row.amounts[0] }, { year: 2031, amountCents: row.amounts[1] }] })),
          [{ year: 2030, amountCents: caps[0] }, { year: 2031, amountCents: caps[1] }],
        );
        expect(view.items.map((r) => r.reference)).toEqual(order.map((r) => r.ref));
        expect(view.items.map((r) => running(r))).toEqual(domain.rows.map((r) => r.running.map((y) => y.amountCents)));
        expect(view.items.map((r) => r.aboveCutLine)).toEqual(domain.rows.map((r) => r.aboveLine));
        expect(view.cutLineRank).toBe(domain.cutIndex === null ? null : domain.cutIndex + 1);
      }),
      { numRuns: 25, seed: 2016 },
    );
  });

  it('frees the amount of a rejected project for the rows below: the line moves down, and decisions read the moved line', async () => {
    const [session] = await t.sql<{ id: string }>(`SELECT id FROM committee_session WHERE call_id = $1`, [callId]);
    await t.sql(
      `INSERT INTO committee_decision (application_id, session_id, outcome, rejection_reason, decided_by)
       SELECT $1, $2, 'rejected', 'outside_priorities', u.id FROM app_user u WHERE u.email = $3`, [ids['A1'], session?.id, DEMO.admin],
    );
    try {
      // A1 rejected counts 0 €. Running totals (€), A1 A2 A3 A4 A5 A6:
      //   2024: 0, 300, 600, 700, 750, 1250 > 1000 → A6 passes;  2025: 0, 200, 350, 450, 510, 510 ≤ 600;  2026: 0, 100, 200, 300, 350, 350 ≤ 500.
      // The cut line moves from rank 4 (2025: 650 > 600) to rank 6.
      const view = await ranking('axis=AXA');
      expect(refs(view)).toEqual(['RANK-A1', 'RANK-A2', 'RANK-A3', 'RANK-A4', 'RANK-A5', 'RANK-A6']);
      expect(view.items.map((row) => running(row))).toEqual([
        [0, 0, 0], [30000, 20000, 10000], [60000, 35000, 20000], [70000, 45000, 30000], [75000, 51000, 35000], [125000, 51000, 35000],
      ]);
      expect(view.items[0]?.years.map((y) => [y.amountCents, y.requestedCents])).toEqual([[0, 30000], [0, 20000], [0, 10000]]);
      expect(view.items.map((row) => row.aboveCutLine)).toEqual([true, true, true, true, true, false]);
      expect(view.cutLineRank).toBe(6);
      // A4 (rank 4, reviewed) is now above the line: retaining it needs no justification and is not flagged.
      const res = await t.http.post(`/api/applications/${ids['A4']}/decision`).set(bearer(admin)).send({
        version: 0, outcome: 'retained', comment: '',
        grants: [{ year: 2024, amountCents: 10000 }, { year: 2025, amountCents: 10000 }, { year: 2026, amountCents: 10000 }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ outcome: 'retained', flagged: false, belowLine: false, rankAtDecision: 4 });
      // The envelope fit leaves the rejected project out of both lines.
      const fit = (await get(`/api/calls/${callId}/envelope-fit?axis=AXA`)).body as EnvelopeFitView;
      expect(fit.strict.applicationIds).toEqual([ids['A2'], ids['A3'], ids['A4'], ids['A5']]);
      expect(fit.suggested.applicationIds).not.toContain(ids['A1']);
    } finally {
      await t.sql(`DELETE FROM decision_grant WHERE application_id = ANY($1::uuid[])`, [[ids['A1'], ids['A4']]]);
      await t.sql(`DELETE FROM committee_decision WHERE application_id = ANY($1::uuid[])`, [[ids['A1'], ids['A4']]]);
    }
  });
});
