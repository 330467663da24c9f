import type { ApplicationReviewsView, ApplicationView, CalibrationView, CallSummaryView, ReviewView } from '@tremplin/contracts';
import { normalizeScores } from '@tremplin/domain';
import { normalizedScoresSql } from '../src/reviews/calibration.sql';
import { openCall, readyDraft, submit, userId } from './support/application-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * The demo call's grid (written out, checked below): PERTINENCE 30, ACCOMPAGNEMENT 25, CAPACITE 15,
 * PARTENARIATS 15, EFFICIENCE 15, each scored 0–5. A total is Σ weight × score / 5.
 */
const GRID = [
  { code: 'PERTINENCE', weight: 30, maxScore: 5 },
  { code: 'ACCOMPAGNEMENT', weight: 25, maxScore: 5 },
  { code: 'CAPACITE', weight: 15, maxScore: 5 },
  { code: 'PARTENARIATS', weight: 15, maxScore: 5 },
  { code: 'EFFICIENCE', weight: 15, maxScore: 5 },
];
const scores = (p: number, a: number, c: number, pa: number, e: number) =>
  ({ PERTINENCE: p, ACCOMPAGNEMENT: a, CAPACITE: c, PARTENARIATS: pa, EFFICIENCE: e });
// 24 + 15 + 15 + 6 + 12 = 72
const S72 = scores(4, 3, 5, 2, 4);
// 12 + 10 + 9 + 3 + 9 = 43 (PARTENARIATS 1 is in the bottom quarter: a comment is required)
const S43 = scores(2, 2, 3, 1, 3);
// 18 + 15 + 9 + 9 + 9 = 60
const S60 = scores(3, 3, 3, 3, 3);
// 18 + 10 + 6 + 6 + 6 = 46
const S46 = scores(3, 2, 2, 2, 2);
// 30 + 25 + 12 + 12 + 15 = 94
const S94 = scores(5, 5, 4, 4, 5);
/** The demo budgets ask 25,000 € a year from the Département (support/application-fixtures balancedYear). */
const REQUESTED = 2_500_000;

interface Fixture {
  t: TestApp;
  call: CallSummaryView;
  a1: string;
  admin: string;
  reviewerA: string;
  reviewerB: string;
}

async function fixture(): Promise<Fixture> {
  const t = await startTestApp();
  return {
    t,
    call: await openCall(t),
    a1: await t.login(DEMO.association1),
    admin: await t.login(DEMO.admin),
    reviewerA: await t.login(DEMO.reviewer),
    reviewerB: await t.login(DEMO.reviewer2),
  };
}

/** A submitted application declared admissible, ready to be reviewed. */
async function admissibleApplication(f: Fixture, title: string): Promise<ApplicationView> {
  const app = await submit(f.t, f.a1, await readyDraft(f.t, f.a1, DEMO.association1, f.call, { title }));
  const res = await f.t.http.post(`/api/applications/${app.id}/admissibility`).set(bearer(f.admin)).send({ admissible: true, version: app.version });
  if (res.status !== 200) throw new Error(`admissibility → ${res.status}`);
  return res.body as ApplicationView;
}

/** Assignments are the assignment work's rows: written directly here, as it would leave them. */
async function assign(f: Fixture, applicationId: string, email: string, status = 'accepted'): Promise<string> {
  const recused = status === 'recused';
  const [row] = await f.t.sql<{ id: string }>(
    `INSERT INTO review_assignment (call_id, application_id, reviewer_id, status, due_on, conflict_kind, recused_at)
     VALUES ($1, $2, $3, $4, current_date + 21, $5, $6) RETURNING id`,
    [f.call.id, applicationId, await userId(f.t, email), status, recused ? 'member' : null, recused ? new Date() : null],
  );
  if (!row) throw new Error('no assignment');
  return row.id;
}

const recommendAll = (f: Fixture, amountCents = 2_000_000) => f.call.years.map((year) => ({ year, amountCents }));

function api(f: Fixture) {
  return {
    get: (id: string, token: string) => f.t.http.get(`/api/assignments/${id}/review`).set(bearer(token)),
    put: (id: string, token: string, body: object) => f.t.http.put(`/api/assignments/${id}/review`).set(bearer(token)).send(body),
    submit: (id: string, token: string, version: number) => f.t.http.post(`/api/assignments/${id}/review/submit`).set(bearer(token)).send({ version }),
    reviews: (applicationId: string, token: string) => f.t.http.get(`/api/applications/${applicationId}/reviews`).set(bearer(token)),
    /** Saves a complete review and submits it; returns the submitted view. */
    async complete(id: string, token: string, s: Record<string, number>, extra: object = {}): Promise<ReviewView> {
      const current = (await this.get(id, token)).body as ReviewView;
      const saved = await this.put(id, token, { version: current.version, scores: s, opinion: 'favourable', recommended: recommendAll(f), ...extra });
      if (saved.status !== 200) throw new Error(`save → ${saved.status} ${JSON.stringify(saved.body)}`);
      const done = await this.submit(id, token, (saved.body as ReviewView).version);
      if (done.status !== 200) throw new Error(`submit → ${done.status} ${JSON.stringify(done.body)}`);
      return done.body as ReviewView;
    },
  };
}

interface Consolidated { status: string; review_count: number; review_sum_hundredths: number; review_min_hundredths: number | null; review_max_hundredths: number | null; score_hundredths: number | null; divergent: boolean }
const consolidated = async (t: TestApp, id: string) => (await t.sql<Consolidated>(
  `SELECT status, review_count, review_sum_hundredths, review_min_hundredths, review_max_hundredths, score_hundredths, divergent FROM application WHERE id = $1`, [id],
))[0];
const stat = async (t: TestApp, callId: string, email: string) => (await t.sql<{ review_count: number; sum_hundredths: string; sum_squares: string }>(
  `SELECT s.review_count, s.sum_hundredths, s.sum_squares FROM reviewer_call_stat s JOIN app_user u ON u.id = s.reviewer_id WHERE s.call_id = $1 AND u.email = $2`, [callId, email],
))[0];

describe('reviews: drafts, submission, blind rule, revisions, lock', () => {
  let f: Fixture;
  let r: ReturnType<typeof api>;
  beforeAll(async () => {
    f = await fixture();
    r = api(f);
  });
  afterAll(() => f.t.close());

  it('uses the demo grid written out above', async () => {
    const rows = await f.t.sql<{ code: string; weight: number; maxScore: number }>(
      'SELECT code, weight, max_score AS "maxScore" FROM scoring_criterion WHERE call_id = $1 ORDER BY position', [f.call.id],
    );
    expect(rows).toEqual(GRID);
  });

  it('saves a partial draft; refuses a stale version (409), an out-of-scale score, an unknown criterion and a recommendation above the request (400 naming the field)', async () => {
    const app = await admissibleApplication(f, 'Brouillon d’évaluation');
    const id = await assign(f, app.id, DEMO.reviewer);
    const fresh = await r.get(id, f.reviewerA);
    expect(fresh.status).toBe(200);
    const view = fresh.body as ReviewView;
    expect(view).toMatchObject({ assignmentId: id, applicationId: app.id, status: 'none', version: 1, scores: {}, total: null, locked: false, reference: app.reference });
    expect(view.criteria.map((c) => ({ code: c.code, weight: c.weight, maxScore: c.maxScore }))).toEqual(GRID);
    expect(view.years).toEqual(f.call.years.map((year) => ({ year, requestedCents: REQUESTED, recommendedCents: null })));

    const draft = await r.put(id, f.reviewerA, { version: 1, scores: { PERTINENCE: 4, CAPACITE: null }, comments: { PERTINENCE: 'Diagnostic solide.' }, recommended: [{ year: f.call.years[0], amountCents: 1_500_000 }] });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ status: 'draft', version: 2, scores: { PERTINENCE: 4 }, comments: { PERTINENCE: 'Diagnostic solide.' }, total: null });
    expect((draft.body as ReviewView).years[0]).toEqual({ year: f.call.years[0], requestedCents: REQUESTED, recommendedCents: 1_500_000 });

    const stale = await r.put(id, f.reviewerA, { version: 1, scores: { PERTINENCE: 5 } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');

    const outOfScale = await r.put(id, f.reviewerA, { version: 2, scores: { PERTINENCE: 6, ACCOMPAGNEMENT: 2.5 } });
    expect(outOfScale.status).toBe(400);
    expect(outOfScale.body.details).toEqual([
      expect.objectContaining({ field: 'scores.PERTINENCE', code: 'REVIEW_SCORE_OUT_OF_SCALE' }),
      expect.objectContaining({ field: 'scores.ACCOMPAGNEMENT', code: 'REVIEW_SCORE_OUT_OF_SCALE' }),
    ]);
    const unknown = await r.put(id, f.reviewerA, { version: 2, scores: { FOO: 1 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'scores.FOO', code: 'REVIEW_UNKNOWN_CRITERION' })]);

    const above = await r.put(id, f.reviewerA, { version: 2, scores: {}, recommended: [{ year: f.call.years[0], amountCents: REQUESTED + 1 }] });
    expect(above.status).toBe(400);
    expect(above.body.details).toEqual([expect.objectContaining({ field: 'recommended[0].amountCents', code: 'REVIEW_AMOUNT_ABOVE_REQUEST' })]);
    expect(above.body.details[0].message).toContain('ne peut pas dépasser la demande');
    const notWhole = await r.put(id, f.reviewerA, { version: 2, scores: {}, recommended: [{ year: f.call.years[0], amountCents: 10.5 }] });
    expect(notWhole.status).toBe(400);
    expect(notWhole.body.details[0]).toMatchObject({ field: 'recommended[0].amountCents' });
    const badOpinion = await r.put(id, f.reviewerA, { version: 2, scores: {}, opinion: 'great' });
    expect(badOpinion.status).toBe(400);
    expect(badOpinion.body.details[0]).toMatchObject({ field: 'opinion' });

    // Nothing refused was stored.
    const [row] = await f.t.sql<{ scores: object; version: number }>('SELECT scores, version FROM review_assignment WHERE id = $1', [id]);
    expect(row).toEqual({ scores: { PERTINENCE: 4 }, version: 2 });
    expect(await f.t.sql('SELECT year, amount_cents FROM review_recommendation WHERE assignment_id = $1', [id])).toEqual([{ year: f.call.years[0], amount_cents: '1500000' }]);
    const audit = await f.t.sql<{ actor_email: string }>("SELECT actor_email FROM audit_event WHERE entity_id = $1 AND action = 'review.draft-saved'", [id]);
    expect(audit).toEqual([{ actor_email: DEMO.reviewer }]);

    // Someone else's assignment, or an unknown one: 404.
    expect((await r.get(id, f.reviewerB)).status).toBe(404);
    expect((await r.put(id, f.reviewerB, { version: 2, scores: {} })).status).toBe(404);
    expect((await r.get('00000000-0000-4000-8000-000000000000', f.reviewerA)).status).toBe(404);
  });

  it('submits: completeness (400 listing fields), bottom-quarter comment, weighted total, consolidated score and divergence, blind rule, reviewed when all submitted', async () => {
    const app = await admissibleApplication(f, 'Deux évaluations divergentes');
    const idA = await assign(f, app.id, DEMO.reviewer);
    const idB = await assign(f, app.id, DEMO.reviewer2);
    const before = (await stat(f.t, f.call.id, DEMO.reviewer)) ?? { review_count: 0, sum_hundredths: '0', sum_squares: '0' };

    // Incomplete: every missing field is named.
    const partial = await r.put(idA, f.reviewerA, { version: 1, scores: { PERTINENCE: 4 } });
    const incomplete = await r.submit(idA, f.reviewerA, (partial.body as ReviewView).version);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.code).toBe('REVIEW_INCOMPLETE');
    expect((incomplete.body.details as Array<{ field: string; code: string }>).map((d) => `${d.field} ${d.code}`)).toEqual([
      'scores.ACCOMPAGNEMENT REVIEW_SCORE_MISSING', 'scores.CAPACITE REVIEW_SCORE_MISSING', 'scores.PARTENARIATS REVIEW_SCORE_MISSING',
      'scores.EFFICIENCE REVIEW_SCORE_MISSING', 'opinion REVIEW_OPINION_MISSING',
      ...f.call.years.map(() => 'recommended REVIEW_AMOUNT_MISSING'),
    ]);

    // B drafts before anyone submitted: they see their own draft only, nothing hidden yet, no consolidated score.
    const draftB = await r.put(idB, f.reviewerB, { version: 1, scores: S43, opinion: 'reserved', recommended: recommendAll(f, 1_000_000), generalComment: 'Projet fragile.' });
    expect(draftB.status).toBe(200);
    const bBlind0 = (await r.reviews(app.id, f.reviewerB)).body as ApplicationReviewsView;
    expect(bBlind0).toMatchObject({ expectedCount: 2, submittedCount: 0, hiddenCount: 0, consolidated: null });
    expect(bBlind0.reviews.map((x) => [x.mine, x.status])).toEqual([[true, 'draft']]);

    const submittedA = await r.complete(idA, f.reviewerA, S72, { generalComment: 'Très bon ancrage, avis A.' });
    expect(submittedA).toMatchObject({ status: 'submitted', total: 72, revision: 0 });
    expect(Date.parse(submittedA.submittedAt ?? '')).not.toBeNaN();
    expect(await consolidated(f.t, app.id)).toEqual({
      status: 'under_review', review_count: 1, review_sum_hundredths: 7200, review_min_hundredths: 7200, review_max_hundredths: 7200, score_hundredths: 7200, divergent: false,
    });
    expect(await stat(f.t, f.call.id, DEMO.reviewer)).toEqual({
      review_count: before.review_count + 1, sum_hundredths: String(Number(before.sum_hundredths) + 7200), sum_squares: String(Number(before.sum_squares) + 7200 * 7200),
    });

    // Blind: B (not submitted) gets their own review and a count of one hidden; A's scores and comment do not leave the server.
    const bBlind = await r.reviews(app.id, f.reviewerB);
    expect(bBlind.status).toBe(200);
    expect(bBlind.body).toMatchObject({ submittedCount: 1, hiddenCount: 1, consolidated: null });
    expect((bBlind.body as ApplicationReviewsView).reviews.map((x) => x.assignmentId)).toEqual([idB]);
    expect(JSON.stringify(bBlind.body)).not.toContain('avis A');

    // B's PARTENARIATS 1 (bottom quarter) needs a comment: the draft saved, the submission refused.
    const missingComment = await r.submit(idB, f.reviewerB, (draftB.body as ReviewView).version);
    expect(missingComment.status).toBe(400);
    expect(missingComment.body.details).toEqual([expect.objectContaining({ field: 'comments.PARTENARIATS', code: 'REVIEW_COMMENT_REQUIRED' })]);
    expect(missingComment.body.details[0].message).toBe('Commentaire obligatoire pour une note dans le quart inférieur (1 sur 5).');

    // PUT replaces the whole review: what the form sends is what is kept.
    const submittedB = await r.complete(idB, f.reviewerB, S43, { comments: { PARTENARIATS: 'Aucun partenaire identifié.' }, opinion: 'unfavourable', generalComment: 'Projet fragile.' });
    expect(submittedB.total).toBe(43);
    // (72 + 43) / 2 = 57.5; 72 − 43 = 29 > 20: divergent; every active assignment submitted: reviewed.
    expect(await consolidated(f.t, app.id)).toEqual({
      status: 'reviewed', review_count: 2, review_sum_hundredths: 11500, review_min_hundredths: 4300, review_max_hundredths: 7200, score_hundredths: 5750, divergent: true,
    });
    const completed = await f.t.sql<{ diff: object; actor_email: string }>("SELECT diff, actor_email FROM audit_event WHERE entity_id = $1 AND action = 'application.review-completed'", [app.id]);
    expect(completed).toEqual([{ actor_email: DEMO.reviewer2, diff: { status: { before: 'under_review', after: 'reviewed' } } }]);
    const started = await f.t.sql("SELECT diff, actor_email FROM audit_event WHERE entity_id = $1 AND action = 'application.review-started'", [app.id]);
    expect(started).toEqual([{ actor_email: DEMO.reviewer, diff: { status: { before: 'admissible', after: 'under_review' } } }]);
    expect(await f.t.sql("SELECT diff FROM audit_event WHERE entity_id = $1 AND action = 'review.submitted'", [idB])).toEqual([{ diff: { status: { before: 'draft', after: 'submitted' }, total: { before: null, after: 43 } } }]);

    // Now B sees A's review; so does the admin (both, with names, totals, comments and opinions).
    const bSees = (await r.reviews(app.id, f.reviewerB)).body as ApplicationReviewsView;
    expect(bSees.hiddenCount).toBe(0);
    expect(bSees.consolidated).toMatchObject({ score: 57.5, min: 43, max: 72, divergent: true });
    expect(bSees.reviews.map((x) => [x.assignmentId, x.total, x.mine])).toEqual([[idA, 72, false], [idB, 43, true]]);
    const staff = (await r.reviews(app.id, f.admin)).body as ApplicationReviewsView;
    expect(staff.reviews.map((x) => ({ name: x.reviewerName, total: x.total, opinion: x.opinion, general: x.generalComment }))).toEqual([
      { name: expect.any(String), total: 72, opinion: 'favourable', general: 'Très bon ancrage, avis A.' },
      { name: expect.any(String), total: 43, opinion: 'unfavourable', general: 'Projet fragile.' },
    ]);
    expect(staff.reviews[1]?.comments).toEqual({ PARTENARIATS: 'Aucun partenaire identifié.' });
    expect(staff.reviews[1]?.recommended).toEqual(f.call.years.map((year) => ({ year, amountCents: 2_000_000 })));
    // Neither the association (even the owner), nor finance, nor another association.
    expect((await r.reviews(app.id, f.a1)).status).toBe(404);
    expect((await r.reviews(app.id, await f.t.login(DEMO.finance))).status).toBe(404);
    expect((await r.reviews(app.id, await f.t.login(DEMO.association2))).status).toBe(404);

    // Submitted once: a second submission is an illegal transition.
    const again = await r.submit(idA, f.reviewerA, submittedA.version);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('lets an accepted reviewer read the submitted version, its documents and history; a recused or not yet accepted one gets 404 everywhere', async () => {
    const app = await admissibleApplication(f, 'Lecture par les évaluateurs');
    const accepted = await assign(f, app.id, DEMO.reviewer);
    const recused = await assign(f, app.id, DEMO.reviewer2, 'recused');
    const read = (path: string, token: string) => f.t.http.get(`/api/applications/${app.id}${path}`).set(bearer(token));
    const view = await read('', f.reviewerA);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ id: app.id, title: 'Lecture par les évaluateurs', status: 'admissible' });
    const documents = await read('/documents', f.reviewerA);
    expect(documents.status).toBe(200);
    expect((documents.body as unknown[]).length).toBeGreaterThan(0);
    const versions = await read('/versions', f.reviewerA);
    expect(versions.status).toBe(200);
    expect((versions.body as Array<{ versionNo: number }>).map((v) => v.versionNo)).toEqual([1]);
    expect((await read('/reviews', f.reviewerA)).status).toBe(200);

    for (const path of ['', '/documents', '/versions', '/reviews']) expect([path, (await read(path, f.reviewerB)).status]).toEqual([path, 404]);
    expect((await r.get(recused, f.reviewerB)).status).toBe(404);
    expect((await r.put(recused, f.reviewerB, { version: 1, scores: S60 })).status).toBe(404);

    // Assigned but not accepted yet (no conflict confirmed): still 404 on the application and the review.
    await f.t.sql(`UPDATE review_assignment SET status = 'assigned', conflict_kind = NULL, recused_at = NULL WHERE id = $1`, [recused]);
    expect((await read('', f.reviewerB)).status).toBe(404);
    expect((await r.get(recused, f.reviewerB)).status).toBe(404);
    expect((await r.get(accepted, f.reviewerA)).status).toBe(200);
  });

  it('changes a submitted review only with a reason: revision + 1, audited with the diff, aggregates and moments adjusted', async () => {
    const app = await admissibleApplication(f, 'Révision motivée');
    const idA = await assign(f, app.id, DEMO.reviewer);
    const idB = await assign(f, app.id, DEMO.reviewer2);
    const a = await r.complete(idA, f.reviewerA, S72);
    await r.complete(idB, f.reviewerB, S60);
    const statBefore = await stat(f.t, f.call.id, DEMO.reviewer);
    expect(await consolidated(f.t, app.id)).toMatchObject({ status: 'reviewed', review_sum_hundredths: 13200, score_hundredths: 6600, divergent: false });

    const body = { version: a.version, scores: S94, opinion: 'favourable', recommended: recommendAll(f) };
    const noReason = await r.put(idA, f.reviewerA, body);
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason', code: 'REVIEW_REASON_REQUIRED' })]);
    const blank = await r.put(idA, f.reviewerA, { ...body, reason: '   ' });
    expect(blank.status).toBe(400);
    // A revision must stay complete.
    const incomplete = await r.put(idA, f.reviewerA, { ...body, scores: { PERTINENCE: 5 }, reason: 'Relu le budget.' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.details[0]).toMatchObject({ field: 'scores.ACCOMPAGNEMENT', code: 'REVIEW_SCORE_MISSING' });

    const revised = await r.put(idA, f.reviewerA, { ...body, reason: 'Pièces complémentaires lues : partenariats confirmés.' });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ status: 'submitted', total: 94, revision: 1, version: a.version + 1 });
    // (94 + 60) / 2 = 77; 94 − 60 = 34 > 20: now divergent.
    expect(await consolidated(f.t, app.id)).toEqual({
      status: 'reviewed', review_count: 2, review_sum_hundredths: 15400, review_min_hundredths: 6000, review_max_hundredths: 9400, score_hundredths: 7700, divergent: true,
    });
    expect(await stat(f.t, f.call.id, DEMO.reviewer)).toEqual({
      review_count: statBefore?.review_count,
      sum_hundredths: String(Number(statBefore?.sum_hundredths) + 9400 - 7200),
      sum_squares: String(Number(statBefore?.sum_squares) + 9400 * 9400 - 7200 * 7200),
    });
    const audit = await f.t.sql<{ diff: Record<string, unknown> }>("SELECT diff FROM audit_event WHERE entity_id = $1 AND action = 'review.revised'", [idA]);
    expect(audit).toEqual([{
      diff: {
        reason: { before: null, after: 'Pièces complémentaires lues : partenariats confirmés.' },
        scores: { before: S72, after: S94 },
        total: { before: 72, after: 94 },
      },
    }]);
  });

  it('locks scores once a committee session on the call and axis opens (409 REVIEW_LOCKED), also when published', async () => {
    const app = await admissibleApplication(f, 'Verrou de commission');
    const id = await assign(f, app.id, DEMO.reviewer);
    const saved = await r.put(id, f.reviewerA, { version: 1, scores: S60, opinion: 'reserved', recommended: recommendAll(f) });
    expect(saved.status).toBe(200);
    const [session] = await f.t.sql<{ id: string }>(
      `INSERT INTO committee_session (call_id, axis_id, sits_on, deliberation_reference, opened_by)
       SELECT a.call_id, a.axis_id, current_date, 'CP-TEST-1', u.id FROM application a, app_user u WHERE a.id = $1 AND u.email = $2 RETURNING id`,
      [app.id, DEMO.admin],
    );
    const version = (saved.body as ReviewView).version;
    expect(((await r.get(id, f.reviewerA)).body as ReviewView).locked).toBe(true);
    const put = await r.put(id, f.reviewerA, { version, scores: S72 });
    expect(put.status).toBe(409);
    expect(put.body.code).toBe('REVIEW_LOCKED');
    const submitted = await r.submit(id, f.reviewerA, version);
    expect(submitted.status).toBe(409);
    expect(submitted.body.code).toBe('REVIEW_LOCKED');
    await f.t.sql(`UPDATE committee_session SET status = 'published', published_at = now(), published_by = opened_by WHERE id = $1`, [session?.id]);
    expect((await r.submit(id, f.reviewerA, version)).body.code).toBe('REVIEW_LOCKED');
    // Another axis of the same call is not locked.
    await f.t.sql(`UPDATE committee_session SET axis_id = (SELECT id FROM call_axis WHERE call_id = $2 AND id <> (SELECT axis_id FROM application WHERE id = $3) LIMIT 1) WHERE id = $1`, [session?.id, f.call.id, app.id]);
    expect((await r.submit(id, f.reviewerA, version)).status).toBe(200);
  });

  it('takes a conflict declared after submitting: the review leaves the consolidated score and the moments, the application is back under review and reassigned; 409 once the committee sits', async () => {
    const app = await admissibleApplication(f, 'Conflit découvert après coup');
    const idA = await assign(f, app.id, DEMO.reviewer);
    const idB = await assign(f, app.id, DEMO.reviewer2);
    await r.complete(idA, f.reviewerA, S72);
    await r.complete(idB, f.reviewerB, S43, { comments: { PARTENARIATS: 'Aucun partenaire identifié.' } });
    // (72 + 43) / 2 = 57.5, 72 − 43 = 29 > 20: divergent; both submitted: reviewed.
    expect(await consolidated(f.t, app.id)).toEqual({
      status: 'reviewed', review_count: 2, review_sum_hundredths: 11500, review_min_hundredths: 4300, review_max_hundredths: 7200, score_hundredths: 5750, divergent: true,
    });
    const statA = await stat(f.t, f.call.id, DEMO.reviewer);
    const statB = await stat(f.t, f.call.id, DEMO.reviewer2);

    // Without a reason: 400 naming it, nothing moves.
    const silent = await f.t.http.post(`/api/assignments/${idA}/conflict`).set(bearer(f.reviewerA)).send({ kind: 'member', comment: '  ' });
    expect([silent.status, silent.body.details]).toEqual([400, [expect.objectContaining({ field: 'comment', code: 'LATE_CONFLICT_REASON_REQUIRED' })]]);
    expect((await consolidated(f.t, app.id))?.review_count).toBe(2);
    const res = await f.t.http.post(`/api/assignments/${idA}/conflict`).set(bearer(f.reviewerA)).send({ kind: 'member', comment: 'Adhérent depuis 2015.' });
    expect(res.status).toBe(200);
    expect(res.body.assignment).toMatchObject({ id: idA, status: 'recused' });
    // Only B's 43 remains: mean 43, min = max = 43, no divergence; a review is missing again: under review.
    expect(await consolidated(f.t, app.id)).toEqual({
      status: 'under_review', review_count: 1, review_sum_hundredths: 4300, review_min_hundredths: 4300, review_max_hundredths: 4300, score_hundredths: 4300, divergent: false,
    });
    // A's moments lose the 72 (count − 1, Σ − 7200, Σ² − 7200²); B's do not move.
    expect(await stat(f.t, f.call.id, DEMO.reviewer)).toEqual({
      review_count: (statA?.review_count ?? 0) - 1,
      sum_hundredths: String(Number(statA?.sum_hundredths) - 7200),
      sum_squares: String(Number(statA?.sum_squares) - 51_840_000),
    });
    expect(await stat(f.t, f.call.id, DEMO.reviewer2)).toEqual(statB);
    // The tie is recorded, the recusal and the reopening are audited, and A no longer sees the application.
    expect(await f.t.sql("SELECT kind, comment FROM reviewer_tie t JOIN app_user u ON u.id = t.reviewer_id WHERE u.email = $1 AND t.organization_id = $2", [DEMO.reviewer, app.organizationId]))
      .toEqual([{ kind: 'member', comment: 'Adhérent depuis 2015.' }]);
    expect(await f.t.sql("SELECT diff FROM audit_event WHERE entity_id = $1 AND action = 'review-assignment.recused'", [idA])).toEqual([{
      diff: { status: { before: 'accepted', after: 'recused' }, conflictKind: { before: null, after: 'member' }, scoreHundredths: { before: 5750, after: 4300 } },
    }]);
    expect(await f.t.sql("SELECT diff FROM audit_event WHERE entity_id = $1 AND action = 'application.review-reopened'", [app.id]))
      .toEqual([{ diff: { status: { before: 'reviewed', after: 'under_review' } } }]);
    expect((await r.reviews(app.id, f.reviewerA)).status).toBe(404);
    expect((await f.t.http.get(`/api/applications/${app.id}`).set(bearer(f.reviewerA))).status).toBe(404);
    // Reassigned as for an unsubmitted review: the application has two active assignments again, neither A's.
    const active = await f.t.sql<{ email: string; status: string }>(
      `SELECT u.email, ra.status FROM review_assignment ra JOIN app_user u ON u.id = ra.reviewer_id
        WHERE ra.application_id = $1 AND ra.status IN ('assigned', 'accepted') ORDER BY u.email`, [app.id],
    );
    expect(active.length).toBe(2);
    expect(active.map((a) => a.email)).not.toContain(DEMO.reviewer);
    expect(active.map((a) => a.email)).toContain(DEMO.reviewer2);
    expect(res.body.reassigned).toBe(true);

    // Once the axis's committee session is open, a late conflict is refused with a clear message; nothing moves.
    const other = await admissibleApplication(f, 'Conflit après ouverture de la séance');
    const idC = await assign(f, other.id, DEMO.reviewer);
    await r.complete(idC, f.reviewerA, S60);
    const [session] = await f.t.sql<{ id: string }>(
      `INSERT INTO committee_session (call_id, axis_id, sits_on, deliberation_reference, opened_by)
       SELECT a.call_id, a.axis_id, current_date, 'CP-TEST-2', u.id FROM application a, app_user u WHERE a.id = $1 AND u.email = $2 RETURNING id`,
      [other.id, DEMO.admin],
    );
    try {
      const refused = await f.t.http.post(`/api/assignments/${idC}/conflict`).set(bearer(f.reviewerA)).send({ kind: 'member' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'CONFLICT_DECLARATION_CLOSED',
        message: "La commission de cet axe est ouverte ou a statué : un conflit d'intérêts ne peut plus être déclaré sur une évaluation remise. Signalez-le au service instructeur.",
      });
      expect(await consolidated(f.t, other.id)).toMatchObject({ status: 'reviewed', review_count: 1, score_hundredths: 6000 });
      expect(await f.t.sql('SELECT status FROM review_assignment WHERE id = $1', [idC])).toEqual([{ status: 'accepted' }]);
    } finally {
      await f.t.sql('DELETE FROM committee_session WHERE id = $1', [session?.id]);
    }
  });
});

describe('calibration: severity and normalised scores against a hand-computed fixture', () => {
  let f: Fixture;
  let r: ReturnType<typeof api>;
  const apps: Record<'X' | 'Y' | 'Z', string> = { X: '', Y: '', Z: '' };
  beforeAll(async () => {
    f = await fixture();
    r = api(f);
    // A: X 72, Y 60, Z 94; B: X 43, Y 46 (a fresh database: no other review in the call).
    for (const key of ['X', 'Y', 'Z'] as const) apps[key] = (await admissibleApplication(f, `Calibration ${key}`)).id;
    const ax = await assign(f, apps.X, DEMO.reviewer);
    const bx = await assign(f, apps.X, DEMO.reviewer2);
    const ay = await assign(f, apps.Y, DEMO.reviewer);
    const by = await assign(f, apps.Y, DEMO.reviewer2);
    const az = await assign(f, apps.Z, DEMO.reviewer);
    await r.complete(ax, f.reviewerA, S72);
    await r.complete(bx, f.reviewerB, S43, { comments: { PARTENARIATS: 'Faible.' } });
    await r.complete(ay, f.reviewerA, S60);
    await r.complete(by, f.reviewerB, S46);
    await r.complete(az, f.reviewerA, S94);
  });
  afterAll(() => f.t.close());

  /*
   * By hand (hundredths): all totals 7200 6000 9400 4300 4600: μ = 6300, σ = √(5·215 850 000 − 31 500²)/5 = √87 000 000/5 = 1865.48.
   * A: μA = 7533.33, σA = √(3·176 200 000 − 22 600²)/3 = 1407.91; B: μB = 4450, σB = √(2·39 650 000 − 8 900²)/2 = 150.
   * Normalised: A·X = 6300 + 1865.48·(7200 − 7533.33)/1407.91 = 5858.34 → 5858; A·Y = 4268.34 → 4268; A·Z = 8773.32 → 8773;
   * B·X = 6300 − 1865.48 = 4434.52 → 4435; B·Y = 8165.48 → 8165.
   * X = (5858 + 4435)/2 = 5146.5 → 51.47; Y = (4268 + 8165)/2 = 6216.5 → 62.17; Z = 87.73.
   */
  const expectedNormalized = { X: 5147, Y: 6217, Z: 8773 };

  it('answers the committee with each reviewer severity, the call mean/σ and raw and normalised scores', async () => {
    const res = await f.t.http.get(`/api/calls/${f.call.id}/calibration`).set(bearer(f.admin));
    expect(res.status).toBe(200);
    const view = res.body as CalibrationView;
    expect(view).toMatchObject({ callId: f.call.id, reviewCount: 5, callMean: 63, callStdDev: 18.65 });
    const byId = new Map(view.reviewers.map((x) => [x.reviewerId, x]));
    expect(byId.get(await userId(f.t, DEMO.reviewer))).toMatchObject({ count: 3, mean: 75.33, stdDev: 14.08, severity: 12.33, corrected: true });
    expect(byId.get(await userId(f.t, DEMO.reviewer2))).toMatchObject({ count: 2, mean: 44.5, stdDev: 1.5, severity: -18.5, corrected: true });
    expect(view.reviewers.every((x) => x.reviewerName.length > 0)).toBe(true);
    const rows = Object.fromEntries(view.applications.items.map((x) => [x.applicationId, x]));
    expect(view.applications.total).toBe(3);
    expect(rows[apps.X]).toMatchObject({ reviewCount: 2, rawScore: 57.5, normalizedScore: 51.47, divergent: true });
    expect(rows[apps.Y]).toMatchObject({ reviewCount: 2, rawScore: 53, normalizedScore: 62.17, divergent: false });
    expect(rows[apps.Z]).toMatchObject({ reviewCount: 1, rawScore: 94, normalizedScore: 87.73, divergent: false });
    // One page of one row still carries the whole call's normalisation.
    const page = (await f.t.http.get(`/api/calls/${f.call.id}/calibration?pageSize=1&page=2`).set(bearer(f.admin))).body as CalibrationView;
    expect(page.applications).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(page.applications.items).toHaveLength(1);
    const only = page.applications.items[0];
    const key = (['X', 'Y', 'Z'] as const).find((k) => apps[k] === only?.applicationId) ?? 'X';
    expect(only?.normalizedScore).toBe(expectedNormalized[key] / 100);
    // The application's reviews page shows the same normalised score to staff.
    expect(((await r.reviews(apps.X, f.admin)).body as ApplicationReviewsView).consolidated).toEqual({ score: 57.5, min: 43, max: 72, divergent: true, normalizedScore: 51.47 });

    expect((await f.t.http.get(`/api/calls/${f.call.id}/calibration`).set(bearer(f.reviewerA))).status).toBe(403);
    expect((await f.t.http.get(`/api/calls/00000000-0000-4000-8000-000000000000/calibration`).set(bearer(f.admin))).status).toBe(404);
    expect((await f.t.http.get(`/api/calls/${f.call.id}/calibration?axisCode=bad`).set(bearer(f.admin))).status).toBe(400);
  });

  it('computes in SQL exactly what the domain computes (same rounding), from the kept moments', async () => {
    const sqlRows = await f.t.sql<{ application_id: string; review_count: number; normalized_hundredths: number }>(normalizedScoresSql('$1'), [f.call.id]);
    const bySql = Object.fromEntries(sqlRows.map((x) => [x.application_id, x.normalized_hundredths]));
    expect(bySql).toEqual({ [apps.X]: expectedNormalized.X, [apps.Y]: expectedNormalized.Y, [apps.Z]: expectedNormalized.Z });
    const reviews = await f.t.sql<{ applicationId: string; reviewerId: string; total: number }>(
      `SELECT application_id AS "applicationId", reviewer_id AS "reviewerId", total_hundredths / 100.0 AS total FROM review_assignment
        WHERE call_id = $1 AND review_status = 'submitted'`, [f.call.id],
    );
    const domain = normalizeScores(reviews.map((x) => ({ ...x, total: Number(x.total) })));
    expect(Object.fromEntries(domain.applications.map((x) => [x.applicationId, Math.round(x.normalized * 100)]))).toEqual(bySql);
  });
});
