// test-app first: it loads reflect-metadata, which the contracts' decorators need.
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';
import type { ApplicationSummaryView, CallSummaryView, Page } from '@tremplin/contracts';

/**
 * The review and committee part of the demo seed (scale 1): every figure is recomputed here in SQL
 * from the rows it derives from, never read back from the seed's own code.
 */
describe('demo seed: reviews and committee', () => {
  let t: TestApp;
  let nordId: string;
  let reviewCallId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const calls = (await t.http.get('/api/calls')).body as CallSummaryView[];
    nordId = calls.find((c) => c.code === 'AAP-NORD-2016')?.id ?? '';
    // The third demo call: closed, and not the historical one.
    reviewCallId = calls.find((c) => c.status === 'closed' && c.code !== 'AAP-NORD-2016')?.id ?? '';
  });
  afterAll(() => t.close());

  it('retains exactly 988 projects on 2016, by published decisions of five axis sessions, and nothing is left undecided', async () => {
    const statuses = await t.sql<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM application WHERE call_id = $1 GROUP BY status ORDER BY status`, [nordId]);
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    expect(byStatus['retained']).toBe(988);
    expect(Object.keys(byStatus).sort()).toEqual(['inadmissible', 'rejected', 'retained', 'waitlisted', 'withdrawn']);
    expect(byStatus['inadmissible']).toBeGreaterThan(0);
    expect(byStatus['waitlisted']).toBeGreaterThan(0);

    const sessions = await t.sql<{ code: string; status: string; sits_on: string; deliberation_reference: string; published: boolean }>(
      `SELECT x.code, s.status, to_char(s.sits_on, 'YYYY-MM-DD') AS sits_on, s.deliberation_reference, s.published_at IS NOT NULL AS published
         FROM committee_session s JOIN call_axis x ON x.id = s.axis_id WHERE s.call_id = $1 ORDER BY x.position`, [nordId]);
    expect(sessions.map((s) => s.code)).toEqual(['MEDIATION', 'INNOVATION', 'REMOBILISATION', 'FREINS', 'ACCOMPAGNEMENT']);
    for (const s of sessions) expect(s).toMatchObject({ status: 'published', sits_on: '2016-06-27', published: true, deliberation_reference: expect.stringMatching(/^CP-2016-06-27-/) });

    // Every admissible application has one published decision, in its axis's session, equal to its status.
    const mismatched = await t.sql(
      `SELECT a.id FROM application a
         LEFT JOIN committee_decision d ON d.application_id = a.id
         LEFT JOIN committee_session s ON s.id = d.session_id
        WHERE a.call_id = $1 AND (a.admissible IS TRUE OR d.application_id IS NOT NULL)
          AND (d.application_id IS NULL OR d.outcome <> a.status::text OR d.published_at IS NULL OR s.axis_id <> a.axis_id)`, [nordId]);
    expect(mismatched).toEqual([]);
    // Inadmissible ones carry a reason, a comment, who decided and when (the CHECK holds the rest).
    const [inadmissible] = await t.sql<{ bad: number }>(
      `SELECT count(*) FILTER (WHERE admissible IS DISTINCT FROM false OR inadmissibility_reason IS NULL OR coalesce(admissibility_comment, '') = '' OR admissibility_decided_by IS NULL)::int AS bad
         FROM application WHERE call_id = $1 AND status = 'inadmissible'`, [nordId]);
    expect(inadmissible?.bad).toBe(0);
  });

  it('grants within every axis × year allocation of the €74.3M, never above the request, only to retained projects', async () => {
    const cells = await t.sql<{ code: string; year: number; allocated: string; granted: string }>(
      `SELECT x.code, al.year, al.amount_cents AS allocated, coalesce(sum(g.amount_cents), 0) AS granted
         FROM call_allocation al JOIN call_axis x ON x.id = al.axis_id
         LEFT JOIN application a ON a.axis_id = al.axis_id AND a.call_id = al.call_id
         LEFT JOIN decision_grant g ON g.application_id = a.id AND g.year = al.year
        WHERE al.call_id = $1 GROUP BY x.code, x.position, al.year, al.amount_cents ORDER BY x.position, al.year`, [nordId]);
    expect(cells).toHaveLength(15);
    for (const cell of cells) expect({ cell: `${cell.code} ${cell.year}`, over: BigInt(cell.granted) > BigInt(cell.allocated) }).toEqual({ cell: `${cell.code} ${cell.year}`, over: false });
    const total = cells.reduce((sum, c) => sum + BigInt(c.granted), 0n);
    expect(total <= 7_430_000_000n).toBe(true);
    // The committee uses the envelope: more than 95 % of it is granted.
    expect(total > 7_058_500_000n).toBe(true);

    const [grants] = await t.sql<{ above_request: number; not_retained: number; retained_without_three: number }>(
      `SELECT
         (SELECT count(*) FROM decision_grant g LEFT JOIN application_request r ON r.application_id = g.application_id AND r.year = g.year
           WHERE r.application_id IS NULL OR g.amount_cents > r.amount_cents)::int AS above_request,
         (SELECT count(*) FROM decision_grant g JOIN committee_decision d ON d.application_id = g.application_id WHERE d.outcome <> 'retained')::int AS not_retained,
         (SELECT count(*) FROM committee_decision d WHERE d.outcome = 'retained'
            AND (SELECT count(*) FROM decision_grant g WHERE g.application_id = d.application_id AND g.year IN (2016, 2017, 2018)) <> 3)::int AS retained_without_three`,
    );
    expect(grants).toEqual({ above_request: 0, not_retained: 0, retained_without_three: 0 });

    // The committee follows the ranking: on each axis, no retained project scores below one passed over.
    const inversions = await t.sql(
      `SELECT a.axis_id FROM application a JOIN committee_decision d ON d.application_id = a.id
        WHERE a.call_id = $1 GROUP BY a.axis_id
       HAVING min(a.score_hundredths) FILTER (WHERE d.outcome = 'retained') < max(a.score_hundredths) FILTER (WHERE d.outcome <> 'retained')`, [nordId]);
    expect(inversions).toEqual([]);
    // Waitlist ranks run 1, 2, 3… per session; rejections carry a reason; exceptions to the line carry a written reason.
    const [decisions] = await t.sql<{ bad_waitlist: number; flagged_without_reason: number; rejected_without_reason: number }>(
      `SELECT
         (SELECT count(*) FROM (SELECT session_id, count(*) AS n, max(waitlist_rank) AS top, count(DISTINCT waitlist_rank) AS d
            FROM committee_decision WHERE outcome = 'waitlisted' GROUP BY session_id) w WHERE w.n <> w.top OR w.n <> w.d)::int AS bad_waitlist,
         (SELECT count(*) FROM committee_decision WHERE flagged AND coalesce(line_exception_reason, '') = '')::int AS flagged_without_reason,
         (SELECT count(*) FROM committee_decision WHERE outcome = 'rejected' AND (rejection_reason IS NULL OR comment = ''))::int AS rejected_without_reason`,
    );
    expect(decisions).toEqual({ bad_waitlist: 0, flagged_without_reason: 0, rejected_without_reason: 0 });
  });

  it('writes the amount requested per year of every submitted application', async () => {
    const [requests] = await t.sql<{ submitted: number; rows: number; mismatched: number }>(
      `SELECT (SELECT count(*) FROM application WHERE submitted_version > 0)::int AS submitted,
              (SELECT count(*) FROM application_request)::int AS rows,
              (SELECT count(*) FROM application a WHERE a.submitted_version > 0
                 AND a.requested_cents <> (SELECT coalesce(sum(amount_cents), -1) FROM application_request r WHERE r.application_id = a.id))::int AS mismatched`,
    );
    expect(requests?.rows).toBe(3 * (requests?.submitted ?? 0));
    expect(requests?.mismatched).toBe(0);
  });

  it('keeps every submitted review on the grid: scores within 0–5, the weighted total, comments on low scores, recommendations ≤ request', async () => {
    const [reviews] = await t.sql<{ submitted: number; bad_total: number; bad_score: number; missing_comment: number; above_request: number; missing_year: number }>(
      `WITH r AS (
         SELECT ra.*, (ra.scores->>'PERTINENCE')::int AS p, (ra.scores->>'ACCOMPAGNEMENT')::int AS q, (ra.scores->>'CAPACITE')::int AS c,
                (ra.scores->>'PARTENARIATS')::int AS pa, (ra.scores->>'EFFICIENCE')::int AS e
           FROM review_assignment ra WHERE ra.review_status = 'submitted')
       SELECT count(*)::int AS submitted,
              -- Weights 30, 25, 15, 15, 15 on scales of 5: the total out of 100 is 6p + 5q + 3c + 3pa + 3e.
              count(*) FILTER (WHERE total_hundredths <> 100 * (6 * p + 5 * q + 3 * c + 3 * pa + 3 * e))::int AS bad_total,
              count(*) FILTER (WHERE least(p, q, c, pa, e) < 0 OR greatest(p, q, c, pa, e) > 5 OR (SELECT count(*) FROM jsonb_object_keys(scores)) <> 5)::int AS bad_score,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_each_text(scores) s WHERE s.value::int <= 1 AND coalesce(comments->>s.key, '') = ''))::int AS missing_comment,
              (SELECT count(*) FROM review_recommendation rr JOIN review_assignment ra ON ra.id = rr.assignment_id
                 JOIN application_request q ON q.application_id = ra.application_id AND q.year = rr.year WHERE rr.amount_cents > q.amount_cents)::int AS above_request,
              count(*) FILTER (WHERE (SELECT count(*) FROM review_recommendation rr WHERE rr.assignment_id = r.id) <> 3)::int AS missing_year
         FROM r`,
    );
    expect(reviews?.submitted).toBeGreaterThan(2800);
    expect(reviews).toMatchObject({ bad_total: 0, bad_score: 0, missing_comment: 0, above_request: 0, missing_year: 0 });
    const [comments] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM review_assignment WHERE comments <> '{}'::jsonb`);
    expect(comments?.n).toBeGreaterThan(0);
  });

  it('keeps the consolidated score of every application equal to its recomputation from the submitted reviews', async () => {
    const mismatched = await t.sql(
      `WITH r AS (
         SELECT application_id, count(*)::int AS n, sum(total_hundredths)::int AS s, min(total_hundredths) AS lo, max(total_hundredths) AS hi
           FROM review_assignment WHERE review_status = 'submitted' GROUP BY application_id)
       SELECT a.id, a.review_count, a.review_sum_hundredths, a.score_hundredths, a.divergent, r.n, r.s
         FROM application a JOIN call c ON c.id = a.call_id LEFT JOIN r ON r.application_id = a.id
        WHERE a.review_count <> coalesce(r.n, 0)
           OR a.review_sum_hundredths <> coalesce(r.s, 0)
           OR a.review_min_hundredths IS DISTINCT FROM r.lo
           OR a.review_max_hundredths IS DISTINCT FROM r.hi
           -- Mean rounded half-up to a hundredth of a point.
           OR a.score_hundredths IS DISTINCT FROM CASE WHEN r.n > 0 THEN (2 * r.s + r.n) / (2 * r.n) END
           OR a.divergent <> coalesce(r.hi - r.lo > 100 * c.divergence_threshold, false)`,
    );
    expect(mismatched).toEqual([]);
    const [flags] = await t.sql<{ scored: number; divergent: number }>(
      `SELECT count(*) FILTER (WHERE score_hundredths IS NOT NULL)::int AS scored, count(*) FILTER (WHERE divergent)::int AS divergent FROM application`);
    expect(flags?.scored).toBeGreaterThan(1400);
    expect(flags?.divergent).toBeGreaterThan(0);
  });

  it('keeps reviewer_call_stat equal to the moments of each reviewer’s submitted totals, and reviewers differ in severity', async () => {
    const mismatched = await t.sql(
      `WITH r AS (
         SELECT call_id, reviewer_id, count(*)::int AS n, sum(total_hundredths)::bigint AS s, sum(total_hundredths::bigint * total_hundredths)::bigint AS sq
           FROM review_assignment WHERE review_status = 'submitted' GROUP BY call_id, reviewer_id)
       SELECT * FROM reviewer_call_stat st FULL JOIN r ON r.call_id = st.call_id AND r.reviewer_id = st.reviewer_id
        WHERE st.call_id IS NULL OR r.call_id IS NULL OR st.review_count <> r.n OR st.sum_hundredths <> r.s OR st.sum_squares <> r.sq`,
    );
    expect(mismatched).toEqual([]);
    const means = await t.sql<{ email: string; mean: number }>(
      `SELECT u.email, (st.sum_hundredths::float / st.review_count) AS mean FROM reviewer_call_stat st JOIN app_user u ON u.id = st.reviewer_id
        WHERE st.call_id = $1 ORDER BY mean`, [nordId]);
    expect(means).toHaveLength(12);
    const mean = (email: string) => means.find((m) => m.email === email)?.mean ?? NaN;
    // evaluateur@ is the severe one, evaluatrice@ the lenient one: more than 8 points apart on average.
    expect(mean(DEMO.reviewer2) - mean(DEMO.reviewer)).toBeGreaterThan(800);
  });

  it('gives every admissible 2016 application exactly two reviewers, distinct, within capacity and without a tie to its organisation', async () => {
    const [check] = await t.sql<{ admissible: number; not_two: number; tied: number; recused: number; recused_tied: number; over_capacity: number; reviewers: number }>(
      `SELECT
         (SELECT count(*) FROM application WHERE call_id = $1 AND admissible)::int AS admissible,
         (SELECT count(*) FROM application a WHERE a.call_id = $1 AND a.admissible
            AND (SELECT count(DISTINCT reviewer_id) FROM review_assignment ra WHERE ra.application_id = a.id AND ra.status <> 'recused') <> 2)::int AS not_two,
         (SELECT count(*) FROM review_assignment ra JOIN application a ON a.id = ra.application_id
            JOIN reviewer_tie t ON t.reviewer_id = ra.reviewer_id AND t.organization_id = a.organization_id WHERE ra.status <> 'recused')::int AS tied,
         (SELECT count(*) FROM review_assignment WHERE call_id = $1 AND status = 'recused')::int AS recused,
         (SELECT count(*) FROM review_assignment ra JOIN application a ON a.id = ra.application_id
            JOIN reviewer_tie t ON t.reviewer_id = ra.reviewer_id AND t.organization_id = a.organization_id WHERE ra.status = 'recused')::int AS recused_tied,
         (SELECT count(*) FROM (SELECT ra.call_id, ra.reviewer_id, count(*) AS n FROM review_assignment ra WHERE ra.status <> 'recused' GROUP BY 1, 2) l
            JOIN reviewer_profile p ON p.user_id = l.reviewer_id WHERE l.n > p.capacity)::int AS over_capacity,
         (SELECT count(*) FROM reviewer_profile p JOIN app_user u ON u.id = p.user_id WHERE u.role = 'reviewer' AND p.active)::int AS reviewers`,
      [nordId],
    );
    expect(check?.admissible).toBeGreaterThan(1300);
    expect(check).toMatchObject({ not_two: 0, tied: 0, recused: 8, recused_tied: 8, over_capacity: 0, reviewers: 12 });
    // Ties declared ahead of time too, not only on recusal.
    const [ties] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM reviewer_tie`);
    expect(ties?.n).toBeGreaterThan(8);
    // The replacement was assigned after the conflict was declared.
    const late = await t.sql(
      `SELECT r.id FROM review_assignment r JOIN review_assignment c ON c.application_id = r.application_id AND c.status = 'recused'
        WHERE r.status <> 'recused' AND r.assigned_at < c.recused_at AND r.id = (
          SELECT id FROM review_assignment x WHERE x.application_id = r.application_id AND x.status <> 'recused' ORDER BY assigned_at DESC LIMIT 1)`);
    expect(late).toEqual([]);
  });

  it('leaves the call under review closed, with no committee yet, admissibility under way and work for evaluateur@ and evaluatrice@', async () => {
    const call = ((await t.http.get('/api/calls')).body as CallSummaryView[]).find((c) => c.id === reviewCallId);
    expect(call?.status).toBe('closed');
    expect(await t.sql(`SELECT id FROM committee_session WHERE call_id = $1`, [reviewCallId])).toEqual([]);
    const statuses = await t.sql<{ status: string }>(`SELECT DISTINCT status FROM application WHERE call_id = $1 ORDER BY status`, [reviewCallId]);
    expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(['submitted', 'information_requested', 'under_review', 'reviewed', 'inadmissible']));
    const [waiting] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM application WHERE call_id = $1 AND status = 'submitted' AND admissible IS NULL`, [reviewCallId]);
    expect(waiting?.n).toBeGreaterThan(30);
    const [assigned] = await t.sql<{ not_two: number }>(
      `SELECT count(*)::int AS not_two FROM application a WHERE a.call_id = $1 AND a.status IN ('under_review', 'reviewed')
          AND (a.admissible IS NOT TRUE OR (SELECT count(*) FROM review_assignment ra WHERE ra.application_id = a.id AND ra.status <> 'recused') <> 2)`, [reviewCallId]);
    expect(assigned?.not_two).toBe(0);
    const [others] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM review_assignment WHERE call_id = $1 AND review_status = 'submitted'`, [reviewCallId]);
    expect(others?.n).toBeGreaterThan(0);

    for (const email of [DEMO.reviewer, DEMO.reviewer2]) {
      const [queue] = await t.sql<{ pending: number; reviewed_here: number; reviewed_2016: number; soon: number; past: number }>(
        `SELECT count(*) FILTER (WHERE ra.call_id = $2 AND ra.status IN ('assigned', 'accepted') AND ra.review_status IS NULL)::int AS pending,
                count(*) FILTER (WHERE ra.call_id = $2 AND ra.review_status IS NOT NULL)::int AS reviewed_here,
                count(*) FILTER (WHERE ra.call_id = $3 AND ra.review_status = 'submitted')::int AS reviewed_2016,
                count(*) FILTER (WHERE ra.call_id = $2 AND ra.due_on <= current_date + 7)::int AS soon,
                count(*) FILTER (WHERE ra.call_id = $2 AND ra.due_on < current_date)::int AS past
           FROM review_assignment ra JOIN app_user u ON u.id = ra.reviewer_id WHERE u.email = $1`,
        [email, reviewCallId, nordId],
      );
      expect({ email, pending: (queue?.pending ?? 0) > 5, reviewedHere: queue?.reviewed_here, reviewed2016: (queue?.reviewed_2016 ?? 0) > 100, soon: (queue?.soon ?? 0) > 0, past: queue?.past })
        .toEqual({ email, pending: true, reviewedHere: 0, reviewed2016: true, soon: true, past: 0 });
    }
  });

  it('shows association1 two retained and one rejected 2016 applications, and keeps the open call open', async () => {
    const token = await t.login(DEMO.association1);
    const page = (await t.http.get(`/api/applications?callId=${nordId}&pageSize=100`).set(bearer(token))).body as Page<ApplicationSummaryView>;
    expect(page.items.map((a) => a.status).sort()).toEqual(['rejected', 'retained', 'retained']);
    const published = await t.sql<{ outcome: string; published: boolean }>(
      `SELECT d.outcome, d.published_at IS NOT NULL AS published FROM committee_decision d JOIN application a ON a.id = d.application_id
        JOIN app_user u ON u.organization_id = a.organization_id WHERE u.email = $1 ORDER BY d.outcome DESC`, [DEMO.association1]);
    expect(published).toEqual([{ outcome: 'retained', published: true }, { outcome: 'retained', published: true }, { outcome: 'rejected', published: true }]);
    const calls = (await t.http.get('/api/calls')).body as CallSummaryView[];
    expect(calls.filter((c) => c.status === 'open').map((c) => c.code)).toEqual([expect.stringMatching(/^AAP-NORD-20\d\d$/)]);
    expect(calls).toHaveLength(3);
  });
});
