import type { AssignmentSummaryView, AutoAssignResult, Page, ReviewerView, ReviewQueueItemView } from '@tremplin/contracts';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * Assignment and conflicts of interest (issue #7 §2–§3) on a hand-made call, k = 2, written in SQL:
 *
 *   reviewers (capacity 3 each)          applications (axis, territory, organisation)
 *   R1             INSERTION / AVESNOIS  A1 INSERTION AVESNOIS O1
 *   R2             MOBILITE  / DOUAISIS  A2 INSERTION DOUAISIS O2
 *   R3             INSERTION+MOBILITE/—  A3 MOBILITE  DOUAISIS O1
 *   R4             — / AVESNOIS          A4 MOBILITE  AVESNOIS O2
 *
 * R3 declares a tie with O2. Match = 2 (axis) + 1 (territory). 8 slots over 4 reviewers of equal capacity:
 * balance gives each exactly 2. R3 can only take A1 and A3; the best completion (worked by hand, 15 points):
 * A1 {R1, R3}, A2 {R1, R4}, A3 {R2, R3}, A4 {R2, R4} — points 3+2, 2+0, 3+2, 2+1.
 */
describe('assignment and conflicts of interest', () => {
  let t: TestApp;
  let admin: string;
  const tok: Record<'R1' | 'R2' | 'R3' | 'R4', string> = { R1: '', R2: '', R3: '', R4: '' };
  const id: Record<string, string> = {};
  const nameOf = new Map<string, string>();

  const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const plusDays = (days: number) => {
    const d = new Date(`${parisToday()}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  const pairs = async (callId: string) =>
    (await t.sql<{ a: string; r: string; status: string; match_points: number }>(
      `SELECT ra.application_id AS a, ra.reviewer_id AS r, ra.status, ra.match_points FROM review_assignment ra WHERE ra.call_id = $1`, [callId],
    )).map((row) => `${nameOf.get(row.a)}:${nameOf.get(row.r)}:${row.status}:${row.match_points}`).sort();
  const assignmentOf = async (app: string, reviewer: string) =>
    (await t.sql<{ id: string }>(`SELECT id FROM review_assignment WHERE application_id = $1 AND reviewer_id = $2`, [id[app], id[reviewer]]))[0]?.id ?? '';
  /** A closed call with its axes and allocations in one statement (the envelope is checked at commit). */
  const createCall = async (code: string, title: string, k: number, axes: string[]): Promise<string> => {
    const [row] = await t.sql<{ id: string }>(
      `WITH c AS (
         INSERT INTO call (code, title, description, opens_at, closes_at, years, envelope_cents, advance_basis_points, reviewers_per_application, review_days)
         VALUES ($1, $2, 'Test', now() - interval '60 days', now() - interval '10 days', '{2027,2028}', $4::bigint * cardinality($3::text[]) * 2, 5000, $5, 21) RETURNING id, years),
       ax AS (
         INSERT INTO call_axis (call_id, code, label_fr, label_en, description, position)
         SELECT c.id, x.code, x.code, x.code, '', x.pos FROM c, unnest($3::text[]) WITH ORDINALITY AS x(code, pos) RETURNING id, call_id),
       al AS (
         INSERT INTO call_allocation (call_id, axis_id, year, amount_cents) SELECT ax.call_id, ax.id, y, $4::bigint FROM ax, c, unnest(c.years) AS y RETURNING 1)
       SELECT id FROM c`,
      [code, title, axes, 25_000_000, k],
    );
    return row?.id ?? '';
  };
  const auto = (callId: string, body: object = {}, token = admin) => t.http.post(`/api/calls/${callId}/assignments/auto`).set(bearer(token)).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
    // Only this fixture's reviewers take part: profiles the demo may have are switched off.
    await t.sql(`UPDATE reviewer_profile SET active = false`);
    id['C1'] = await createCall('TEST-AFFECT', 'Appel test affectation', 2, ['INSERTION', 'MOBILITE']);
    for (const code of ['INSERTION', 'MOBILITE']) {
      id[code] = (await t.sql<{ id: string }>(`SELECT id FROM call_axis WHERE call_id = $1 AND code = $2`, [id['C1'], code]))[0]?.id ?? '';
    }
    for (const [key, name, rna] of [['O1', 'Atelier Affectation Alpha', 'W591000001'], ['O2', 'Collectif Affectation Bêta', 'W591000002']] as const) {
      const [org] = await t.sql<{ id: string }>(`INSERT INTO organization (legal_name, rna, territory) VALUES ($1, $2, 'AVESNOIS') RETURNING id`, [name, rna]);
      id[key] = org?.id ?? '';
    }
    const [creator] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [DEMO.admin]);
    const apps = [['A1', 'INSERTION', 'AVESNOIS', 'O1'], ['A2', 'INSERTION', 'DOUAISIS', 'O2'], ['A3', 'MOBILITE', 'DOUAISIS', 'O1'], ['A4', 'MOBILITE', 'AVESNOIS', 'O2']] as const;
    for (const [key, axis, territory, org] of apps) {
      const [app] = await t.sql<{ id: string }>(
        `INSERT INTO application (call_id, axis_id, organization_id, status, reference, title, territories, submitted_version, submitted_at, created_by)
         VALUES ($1, $2, $3, 'admissible', $4, $5, ARRAY[$6], 1, now(), $7) RETURNING id`,
        [id['C1'], id[axis], id[org], `2027-T-${key}`, `Projet ${key}`, territory, creator?.id],
      );
      id[key] = app?.id ?? '';
      nameOf.set(id[key] ?? '', key);
      await t.sql(
        `INSERT INTO application_version (application_id, version_no, snapshot, submitted_at, submitted_by)
         SELECT a.id, 1, jsonb_build_object('title', a.title, 'documents', '[]'::jsonb), a.submitted_at, a.created_by FROM application a WHERE a.id = $1`,
        [id[key]],
      );
    }
    const [hash] = await t.sql<{ password_hash: string }>(`SELECT password_hash FROM app_user WHERE email = $1`, [DEMO.reviewer]);
    // The demo's twelve reviewers have profiles, ties and assignments of their own: this fixture uses fresh
    // accounts and takes the demo's reviewers out of automatic assignment, so the hand-worked optimum holds.
    await t.sql(`UPDATE reviewer_profile SET active = false`);
    for (const email of ['r1.affectation@test.fr', 'r2.affectation@test.fr', 'r3.affectation@test.fr', 'r4.affectation@test.fr', 'r5.affectation@test.fr']) {
      await t.sql(`INSERT INTO app_user (email, full_name, password_hash, role, email_verified_at) VALUES ($1, $1, $2, 'reviewer', now())`, [email, hash?.password_hash]);
    }
    const users = await t.sql<{ id: string; email: string }>(`SELECT id, email FROM app_user WHERE email = ANY($1)`,
      [['r1.affectation@test.fr', 'r2.affectation@test.fr', 'r3.affectation@test.fr', 'r4.affectation@test.fr', 'r5.affectation@test.fr']]);
    const keyOf: Record<string, string> = {
      'r1.affectation@test.fr': 'R1', 'r2.affectation@test.fr': 'R2', 'r3.affectation@test.fr': 'R3', 'r4.affectation@test.fr': 'R4', 'r5.affectation@test.fr': 'R5',
    };
    for (const u of users) {
      const key = keyOf[u.email] ?? '';
      id[key] = u.id;
      nameOf.set(u.id, key);
    }
    tok.R1 = await t.login('r1.affectation@test.fr');
    tok.R2 = await t.login('r2.affectation@test.fr');
    tok.R3 = await t.login('r3.affectation@test.fr');
    tok.R4 = await t.login('r4.affectation@test.fr');
  });
  afterAll(() => t.close());

  it('edits reviewer profiles with an optimistic version; bad input is a 400 naming the field', async () => {
    const list = await t.http.get('/api/reviewers').set(bearer(admin));
    expect(list.status).toBe(200);
    const r1 = (list.body as ReviewerView[]).find((r) => r.userId === id['R1']);
    expect(r1).toMatchObject({ email: 'r1.affectation@test.fr', accountActive: true, load: null });
    const put = (key: string, body: object) => t.http.put(`/api/reviewers/${id[key]}/profile`).set(bearer(admin)).send(body);
    const version = r1?.profile.version ?? 0;
    const ok = await put('R1', { axisCodes: ['INSERTION'], territories: ['AVESNOIS'], capacity: 3, active: true, version });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ userId: id['R1'], profile: { axisCodes: ['INSERTION'], territories: ['AVESNOIS'], capacity: 3, active: true, version: version + 1 } });
    const stale = await put('R1', { axisCodes: ['INSERTION'], territories: ['AVESNOIS'], capacity: 3, active: true, version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const unknownAxis = await put('R1', { axisCodes: ['NOPE_AXIS'], territories: [], capacity: 3, active: true, version: version + 1 });
    expect(unknownAxis.status).toBe(400);
    expect(unknownAxis.body.details).toEqual([expect.objectContaining({ field: 'axisCodes', code: 'AXIS_UNKNOWN' })]);
    const negative = await put('R1', { axisCodes: [], territories: [], capacity: -1, active: true, version: version + 1 });
    expect(negative.status).toBe(400);
    expect(negative.body.details[0]).toMatchObject({ field: 'capacity' });
    const badTerritory = await put('R1', { axisCodes: [], territories: ['ATLANTIS'], capacity: 3, active: true, version: version + 1 });
    expect(badTerritory.status).toBe(400);
    expect(badTerritory.body.details[0]).toMatchObject({ field: 'territories' });
    // Not a reviewer account: 404.
    const [financeUser] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [DEMO.finance]);
    expect((await t.http.put(`/api/reviewers/${financeUser?.id}/profile`).set(bearer(admin)).send({ axisCodes: [], territories: [], capacity: 1, active: true, version: 0 })).status).toBe(404);

    for (const [key, axisCodes, territories] of [['R2', ['MOBILITE'], ['DOUAISIS']], ['R3', ['INSERTION', 'MOBILITE'], []], ['R4', [], ['AVESNOIS']]] as const) {
      const current = ((await t.http.get('/api/reviewers').set(bearer(admin))).body as ReviewerView[]).find((r) => r.userId === id[key]);
      const res = await put(key, { axisCodes, territories, capacity: 3, active: true, version: current?.profile.version ?? 0 });
      expect(res.status).toBe(200);
    }
    // R5 exists but is inactive: never assigned.
    expect((await put('R5', { axisCodes: ['INSERTION'], territories: ['AVESNOIS'], capacity: 3, active: false, version: 0 })).status).toBe(200);
    expect(await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'reviewer.profile-updated' AND entity_id = $1`, [id['R1']])).toEqual([{ n: 1 }]);
  });

  it('lets a reviewer declare a tie ahead of time (organisations found by name, id and name only)', async () => {
    const found = await t.http.get('/api/reviews/organizations').query({ q: 'affectation bêta' }).set(bearer(tok.R3));
    expect(found.status).toBe(200);
    expect(found.body).toEqual([{ id: id['O2'], legalName: 'Collectif Affectation Bêta' }]);
    expect((await t.http.get('/api/reviews/organizations').query({ q: 'a' }).set(bearer(tok.R3))).status).toBe(400);
    const declared = await t.http.post('/api/reviews/ties').set(bearer(tok.R3)).send({ organizationId: id['O2'], kind: 'member', comment: 'Adhérent' });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ tie: { organizationId: id['O2'], organizationName: 'Collectif Affectation Bêta', kind: 'member', comment: 'Adhérent' }, recusedAssignmentIds: [] });
    const again = await t.http.post('/api/reviews/ties').set(bearer(tok.R3)).send({ organizationId: id['O2'], kind: 'other' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REVIEWER_TIE_EXISTS');
    const unknown = await t.http.post('/api/reviews/ties').set(bearer(tok.R3)).send({ organizationId: '00000000-0000-4000-8000-000000000000', kind: 'member' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'organizationId', code: 'ORGANIZATION_UNKNOWN' })]);
    const badKind = await t.http.post('/api/reviews/ties').set(bearer(tok.R3)).send({ organizationId: id['O1'], kind: 'cousin' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.details[0]).toMatchObject({ field: 'kind' });
    const mine = await t.http.get('/api/reviews/ties').set(bearer(tok.R3));
    expect(mine.body).toEqual([expect.objectContaining({ organizationId: id['O2'], kind: 'member' })]);
    expect((await t.http.get('/api/reviews/ties').set(bearer(tok.R1))).body).toEqual([]);
  });

  it('assigns optimally: k distinct reviewers, no tie violated, capacities and balance kept, expertise maximised', async () => {
    const res = await auto(id['C1'] ?? '');
    expect(res.status).toBe(200);
    const result = res.body as AutoAssignResult;
    expect(result).toMatchObject({ assigned: 8, reviewStarted: 4, balanced: true, optimal: true });
    expect(result.matchQuality).toEqual({ axisAndTerritory: 2, axis: 4, territory: 1, none: 1 });
    expect(result.loads.map((l) => [nameOf.get(l.reviewerId), l.load, l.capacity]).sort()).toEqual([['R1', 2, 3], ['R2', 2, 3], ['R3', 2, 3], ['R4', 2, 3]]);
    expect(typeof result.solveMs).toBe('number');
    expect(await pairs(id['C1'] ?? '')).toEqual([
      'A1:R1:assigned:3', 'A1:R3:assigned:2', 'A2:R1:assigned:2', 'A2:R4:assigned:0',
      'A3:R2:assigned:3', 'A3:R3:assigned:2', 'A4:R2:assigned:2', 'A4:R4:assigned:1',
    ]);
    expect(await t.sql(`SELECT DISTINCT due_on::text AS due FROM review_assignment WHERE call_id = $1`, [id['C1']])).toEqual([{ due: plusDays(21) }]);
    expect(await t.sql(`SELECT DISTINCT status::text FROM application WHERE call_id = $1`, [id['C1']])).toEqual([{ status: 'under_review' }]);
    const mails = await t.sql<{ to_address: string; subject: string }>(
      `SELECT to_address, subject FROM outbox_mail WHERE kind = 'review-assignment' AND subject LIKE '%Appel test affectation' ORDER BY to_address`,
    );
    expect(mails).toEqual([
      { to_address: 'r1.affectation@test.fr', subject: '2 nouvelles candidatures à évaluer — Appel test affectation' },
      { to_address: 'r2.affectation@test.fr', subject: '2 nouvelles candidatures à évaluer — Appel test affectation' },
      { to_address: 'r3.affectation@test.fr', subject: '2 nouvelles candidatures à évaluer — Appel test affectation' },
      { to_address: 'r4.affectation@test.fr', subject: '2 nouvelles candidatures à évaluer — Appel test affectation' },
    ]);
    const audits = await t.sql<{ entity_id: string; diff: { status: unknown } }>(
      `SELECT entity_id, diff FROM audit_event WHERE action = 'application.reviewers-assigned' AND entity_id = ANY($1) ORDER BY entity_id`,
      [[id['A1'], id['A2'], id['A3'], id['A4']]],
    );
    expect(audits).toHaveLength(4);
    expect(audits.map((a) => a.diff.status)).toEqual(Array(4).fill({ before: 'admissible', after: 'under_review' }));
    const a1Audit = audits.find((a) => a.entity_id === id['A1']) as { diff: Record<string, unknown> } | undefined;
    expect(a1Audit?.diff['reviewers']).toEqual({ before: [], after: [id['R1'], id['R3']].sort() });

    // Complete already: a second run adds nothing.
    const second = await auto(id['C1'] ?? '');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ assigned: 0, reviewStarted: 0 });
  });

  it('is deterministic: the same input gives the same pairs', async () => {
    const before = await pairs(id['C1'] ?? '');
    await t.sql(`DELETE FROM review_assignment WHERE call_id = $1`, [id['C1']]);
    await t.sql(`UPDATE application SET status = 'admissible' WHERE call_id = $1`, [id['C1']]);
    expect((await auto(id['C1'] ?? '')).status).toBe(200);
    expect(await pairs(id['C1'] ?? '')).toEqual(before);
  });

  it('refuses an impossible assignment with a 409 giving the reason, and an unknown axis with a 400', async () => {
    const call = { id: await createCall('TEST-AFFECT-5', 'Appel à cinq évaluateurs', 5, ['INSERTION']) };
    const axis = (await t.sql<{ id: string }>(`SELECT id FROM call_axis WHERE call_id = $1`, [call.id]))[0];
    const [creator] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [DEMO.admin]);
    await t.sql(
      `INSERT INTO application (call_id, axis_id, organization_id, status, reference, title, territories, submitted_version, submitted_at, created_by)
       VALUES ($1, $2, $3, 'admissible', '2027-T-B1', 'Projet B1', ARRAY['AVESNOIS'], 1, now(), $4)`,
      [call.id, axis?.id, id['O1'], creator?.id],
    );
    const res = await auto(call.id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ASSIGNMENT_INFEASIBLE');
    // Four active reviewers (R5 is inactive) for five places.
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'ASSIGNMENT_NOT_ENOUGH_REVIEWERS', message: '2027-T-B1 : 4 évaluateur(s) disponible(s) sans conflit pour 5 à affecter.' })]));
    expect(res.body.message).toContain('Affectation impossible : 2027-T-B1 : 4 évaluateur(s) disponible(s) sans conflit pour 5 à affecter.');
    expect(await t.sql(`SELECT count(*)::int AS n FROM review_assignment WHERE call_id = $1`, [call.id])).toEqual([{ n: 0 }]);
    const badAxis = await auto(id['C1'] ?? '', { axisCode: 'CULTURE' });
    expect(badAxis.status).toBe(400);
    expect(badAxis.body.details).toEqual([expect.objectContaining({ field: 'axisCode', code: 'AXIS_UNKNOWN' })]);
    expect((await auto('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it("shows a reviewer their own queue due first, with only name, axis and title before acceptance; nobody else's", async () => {
    const a2 = await assignmentOf('A2', 'R1');
    const soon = await t.http.patch(`/api/assignments/${a2}`).set(bearer(admin)).send({ dueOn: plusDays(5) });
    expect(soon.status).toBe(200);
    expect(soon.body).toMatchObject({ id: a2, dueOn: plusDays(5), reviewerId: id['R1'], status: 'assigned' });
    const queue = await t.http.get('/api/reviews/assignments').set(bearer(tok.R1));
    expect(queue.status).toBe(200);
    const page = queue.body as Page<ReviewQueueItemView>;
    expect(page.total).toBe(2);
    expect(page.items.map((i) => [i.title, i.dueOn])).toEqual([['Projet A2', plusDays(5)], ['Projet A1', plusDays(21)]]);
    expect(page.items[0]).toEqual({
      id: a2, status: 'assigned', dueOn: plusDays(5), overdue: false, callId: id['C1'], callTitle: 'Appel test affectation',
      axisCode: 'INSERTION', axisLabel: 'INSERTION', title: 'Projet A2', organizationName: 'Collectif Affectation Bêta',
      applicationId: null, reference: null, reviewStatus: null,
    });
    // Not in scope before acceptance.
    expect((await t.http.get(`/api/applications/${id['A1']}`).set(bearer(tok.R1))).status).toBe(404);

    const a1 = await assignmentOf('A1', 'R1');
    // Reviewer R2 can neither accept nor recuse R1's assignment.
    expect((await t.http.post(`/api/assignments/${a1}/accept`).set(bearer(tok.R2))).status).toBe(404);
    expect((await t.http.post(`/api/assignments/${a1}/conflict`).set(bearer(tok.R2)).send({ kind: 'member' })).status).toBe(404);
    const accepted = await t.http.post(`/api/assignments/${a1}/accept`).set(bearer(tok.R1));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: a1, status: 'accepted', applicationId: id['A1'], reference: '2027-T-A1' });
    expect((await t.http.get(`/api/applications/${id['A1']}`).set(bearer(tok.R1))).status).toBe(200);
    const twice = await t.http.post(`/api/assignments/${a1}/accept`).set(bearer(tok.R1));
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ILLEGAL_TRANSITION');
    expect(await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'review-assignment.accepted' AND entity_id = $1`, [a1])).toEqual([{ n: 1 }]);
  });

  it('recuses on a declared conflict, records the tie, reassigns to the best free reviewer, and hides the application (404)', async () => {
    const a1 = await assignmentOf('A1', 'R1');
    const res = await t.http.post(`/api/assignments/${a1}/conflict`).set(bearer(tok.R1)).send({ kind: 'officer', comment: 'Trésorier' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assignment: { id: a1, status: 'recused' }, reassigned: true });
    // R2 (match 0) and R4 (match 1: Avesnois) are free; R3 is already on A1: R4 takes it.
    expect(await pairs(id['C1'] ?? '')).toEqual([
      'A1:R1:recused:3', 'A1:R3:assigned:2', 'A1:R4:assigned:1', 'A2:R1:assigned:2', 'A2:R4:assigned:0',
      'A3:R2:assigned:3', 'A3:R3:assigned:2', 'A4:R2:assigned:2', 'A4:R4:assigned:1',
    ]);
    expect(await t.sql(`SELECT kind, comment FROM reviewer_tie WHERE reviewer_id = $1 AND organization_id = $2`, [id['R1'], id['O1']])).toEqual([{ kind: 'officer', comment: 'Trésorier' }]);
    expect(await t.sql(`SELECT conflict_kind, conflict_comment FROM review_assignment WHERE id = $1`, [a1])).toEqual([{ conflict_kind: 'officer', conflict_comment: 'Trésorier' }]);
    expect((await t.http.get(`/api/applications/${id['A1']}`).set(bearer(tok.R1))).status).toBe(404);
    expect((await t.http.get(`/api/applications/${id['A1']}/documents`).set(bearer(tok.R1))).status).toBe(404);
    expect((await t.http.get(`/api/applications/${id['A1']}/messages`).set(bearer(tok.R1))).status).toBe(404);
    const queue = (await t.http.get('/api/reviews/assignments').set(bearer(tok.R1))).body as Page<ReviewQueueItemView>;
    expect(queue.items.map((i) => i.title)).toEqual(['Projet A2']);
    expect(await t.sql(`SELECT to_address, subject FROM outbox_mail WHERE kind = 'review-assignment' AND to_address = 'r4.affectation@test.fr' ORDER BY created_at DESC LIMIT 1`))
      .toEqual([{ to_address: 'r4.affectation@test.fr', subject: 'Une nouvelle candidature à évaluer — Appel test affectation' }]);
    expect(await t.sql(`SELECT action FROM audit_event WHERE entity_id = ANY($1) AND action IN ('review-assignment.recused', 'reviewer.tie-declared') ORDER BY action`,
      [[a1, ...(await t.sql<{ id: string }>(`SELECT id FROM reviewer_tie WHERE reviewer_id = $1`, [id['R1']])).map((r) => r.id)]]))
      .toEqual([{ action: 'review-assignment.recused' }, { action: 'reviewer.tie-declared' }]);
    // Recused is final.
    expect((await t.http.post(`/api/assignments/${a1}/accept`).set(bearer(tok.R1))).status).toBe(409);
  });

  it('leaves an application short of reviewers when nobody is free, and the summary says so', async () => {
    const a3 = await assignmentOf('A3', 'R2');
    // R1 is tied to O1, R3 is already on A3, R4 is full (3 of 3).
    const res = await t.http.post(`/api/assignments/${a3}/conflict`).set(bearer(tok.R2)).send({ kind: 'relative' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assignment: { status: 'recused' }, reassigned: false });
    const summary = await t.http.get(`/api/calls/${id['C1']}/assignments/summary`).set(bearer(admin));
    expect(summary.status).toBe(200);
    const view = summary.body as AssignmentSummaryView;
    expect(view).toMatchObject({ reviewersPerApplication: 2, applications: 4, shortOfReviewers: 1, overdue: 0 });
    expect(view.matchQuality).toEqual({ axisAndTerritory: 0, axis: 4, territory: 2, none: 1 });
    expect(view.loads.map((l) => [nameOf.get(l.reviewerId), l.load, l.capacity]).sort()).toEqual([['R1', 1, 3], ['R2', 1, 3], ['R3', 2, 3], ['R4', 3, 3]]);
    // A4's review by R2 is submitted (the manual reassignment below refuses it). A conflict declared after
    // submitting is allowed until the committee sits: see reviews.int-spec.
    const a4 = await assignmentOf('A4', 'R2');
    await t.sql(`UPDATE review_assignment SET status = 'accepted', review_status = 'submitted', submitted_at = now(), total_hundredths = 7000, opinion = 'favourable' WHERE id = $1`, [a4]);
  });

  it('reassigns by hand under the rules (400 naming reviewerId, 409 when submitted or closed), and changes due dates', async () => {
    const reassign = (assignmentId: string, reviewerId: string) =>
      t.http.post(`/api/assignments/${assignmentId}/reassign`).set(bearer(admin)).send({ reviewerId });
    const a2r4 = await assignmentOf('A2', 'R4');
    const refusals: Array<[string, string]> = [
      [id['R1'] ?? '', 'REVIEWER_ALREADY_ASSIGNED'],
      [id['R3'] ?? '', 'REVIEWER_TIED'],
      [id['R5'] ?? '', 'REVIEWER_INACTIVE'],
      [(await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [DEMO.finance]))[0]?.id ?? '', 'REVIEWER_UNKNOWN'],
    ];
    for (const [reviewerId, code] of refusals) {
      const res = await reassign(a2r4, reviewerId);
      expect({ code, status: res.status, details: res.body.details }).toEqual({ code, status: 400, details: [expect.objectContaining({ field: 'reviewerId', code })] });
    }
    const full = await reassign(await assignmentOf('A3', 'R3'), id['R4'] ?? '');
    expect(full.status).toBe(400);
    expect(full.body.details).toEqual([expect.objectContaining({ field: 'reviewerId', code: 'REVIEWER_AT_CAPACITY', message: 'Cet évaluateur a atteint sa capacité dans cet appel (3 sur 3).' })]);

    const ok = await reassign(a2r4, id['R2'] ?? '');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      withdrawn: { id: a2r4, status: 'withdrawn', reviewerId: id['R4'] },
      assignment: { applicationId: id['A2'], reviewerId: id['R2'], status: 'assigned', matchPoints: 1, dueOn: plusDays(21) },
    });
    expect((await reassign(a2r4, id['R2'] ?? '')).status).toBe(409);
    const submitted = await reassign(await assignmentOf('A4', 'R2'), id['R1'] ?? '');
    expect(submitted.status).toBe(409);
    expect(submitted.body.code).toBe('ASSIGNMENT_REVIEW_SUBMITTED');
    expect((await t.http.post(`/api/assignments/${a2r4}/reassign`).set(bearer(tok.R1)).send({ reviewerId: id['R2'] })).status).toBe(403);

    const due = (assignmentId: string, dueOn: unknown) => t.http.patch(`/api/assignments/${assignmentId}`).set(bearer(admin)).send({ dueOn });
    const past = await due(await assignmentOf('A2', 'R2'), parisToday());
    expect(past.status).toBe(400);
    expect(past.body.details).toEqual([expect.objectContaining({ field: 'dueOn', code: 'DUE_DATE_PAST' })]);
    const impossible = await due(await assignmentOf('A2', 'R2'), '2031-02-30');
    expect(impossible.status).toBe(400);
    expect(impossible.body.details[0]).toMatchObject({ field: 'dueOn' });
    const closed = await due(a2r4, plusDays(30));
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('ASSIGNMENT_NOT_ACTIVE');
  });

  it('lists the call assignments due first, filtered and paginated', async () => {
    await t.sql(`UPDATE review_assignment SET due_on = current_date - 3 WHERE id = $1`, [await assignmentOf('A1', 'R3')]);
    const list = (query: Record<string, string>) => t.http.get(`/api/calls/${id['C1']}/assignments`).query(query).set(bearer(admin));
    const all = await list({});
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(10);
    const firstPage = await list({ pageSize: '2' });
    expect(firstPage.body.items.map((i: { applicationId: string; reviewerId: string }) => `${nameOf.get(i.applicationId)}:${nameOf.get(i.reviewerId)}`))
      .toEqual(['A1:R3', 'A2:R1']);
    expect(firstPage.body.items[0]).toMatchObject({ overdue: true, reference: '2027-T-A1', title: 'Projet A1', organizationName: 'Atelier Affectation Alpha', axisCode: 'INSERTION' });
    const overdue = await list({ overdue: 'true' });
    expect(overdue.body.total).toBe(1);
    const recused = await list({ status: 'recused' });
    expect(recused.body.items.map((i: { applicationId: string; reviewerId: string }) => `${nameOf.get(i.applicationId)}:${nameOf.get(i.reviewerId)}`).sort()).toEqual(['A1:R1', 'A3:R2']);
    const byReviewer = await list({ reviewerId: id['R4'] ?? '' });
    expect(byReviewer.body.total).toBe(3);
    const byAxis = await list({ axisCode: 'MOBILITE' });
    expect(byAxis.body.items.map((i: { applicationId: string; reviewerId: string }) => `${nameOf.get(i.applicationId)}:${nameOf.get(i.reviewerId)}`).sort())
      .toEqual(['A3:R2', 'A3:R3', 'A4:R2', 'A4:R4']);
    const bad = await list({ status: 'lost' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'status' });
    const summary = (await t.http.get(`/api/calls/${id['C1']}/assignments/summary`).set(bearer(admin))).body as AssignmentSummaryView;
    expect(summary.overdue).toBe(1);
    const withLoads = (await t.http.get('/api/reviewers').query({ callId: id['C1'] }).set(bearer(admin))).body as ReviewerView[];
    expect(withLoads.filter((r) => nameOf.has(r.userId)).map((r) => [nameOf.get(r.userId), r.load]).sort()).toEqual([['R1', 1], ['R2', 2], ['R3', 2], ['R4', 2], ['R5', 0]]);
  });

  it('recuses a reviewer from open assignments when they declare a tie ahead of time, and removes only their own ties', async () => {
    const a1r4 = await assignmentOf('A1', 'R4');
    const res = await t.http.post('/api/reviews/ties').set(bearer(tok.R4)).send({ organizationId: id['O1'], kind: 'funder' });
    expect(res.status).toBe(201);
    expect(res.body.recusedAssignmentIds).toEqual([a1r4]);
    expect(await t.sql(`SELECT status::text, conflict_kind FROM review_assignment WHERE id = $1`, [a1r4])).toEqual([{ status: 'recused', conflict_kind: 'funder' }]);
    const tieId = (res.body as { tie: { id: string } }).tie.id;
    expect((await t.http.delete(`/api/reviews/ties/${tieId}`).set(bearer(tok.R3))).status).toBe(404);
    expect((await t.http.delete(`/api/reviews/ties/${tieId}`).set(bearer(tok.R4))).status).toBe(204);
    // Removing the tie does not put them back.
    expect(await t.sql(`SELECT status::text FROM review_assignment WHERE id = $1`, [a1r4])).toEqual([{ status: 'recused' }]);
    expect((await t.http.get('/api/reviews/ties').set(bearer(tok.R4))).body).toEqual([]);
  });
});
