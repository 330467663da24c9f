import type { ApplicationSummaryView, CallSummaryView, Page } from '@tremplin/contracts';
import { listPlanOf, rowsReadFrom, statementsSent, type PlanNode } from './support/query-plans';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * The staff list reads O(page) rows in one round trip: the one statement `GET /api/applications` sends
 * on `application` is replayed under EXPLAIN ANALYZE on the seeded demo (≈ 1,500 applications on the
 * 2016 call) and its plan is walked. The page reads its ids in order from an index (no scan of the call,
 * no sort of every row) and joins only those; the total (the statement's scalar subquery, an InitPlan)
 * reads an index alone.
 */
describe('applications: the staff list reads O(page) rows through indexes', () => {
  let t: TestApp;
  let admin: string;
  let callId: string;
  const PAGE = 20;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
    const calls = (await t.http.get('/api/calls')).body as CallSummaryView[];
    callId = calls.find((c) => c.code === 'AAP-NORD-2016')?.id ?? '';
  });
  afterAll(() => t.close());

  /** The statements on `application` that one list request sent (the guard's user lookup aside), with their parameters. */
  async function statementsOf(query: Record<string, string>): Promise<{ page: Page<ApplicationSummaryView>; statements: Array<[string, unknown[]]> }> {
    const { result: res, statements } = await statementsSent(/\bapplication\b/, () => t.http.get('/api/applications').set(bearer(admin)).query(query));
    expect(res.status).toBe(200);
    return { page: res.body as Page<ApplicationSummaryView>, statements: statements.filter(([sql]) => !/FROM "app_user"|FROM "user"/.test(sql)) };
  }

  const planOf = (statement: [string, unknown[]]) => listPlanOf(t, statement);
  const applicationScans = (plan: PlanNode[]) => plan.filter((n) => n['Relation Name'] === 'application');
  const rowsRead = (plan: PlanNode[]) => rowsReadFrom(plan, 'application');

  const views: Array<[string, Record<string, string>]> = [
    ['default view: one call, newest change first', {}],
    ['by submission date, newest first', { sort: 'submittedAt', direction: 'desc' }],
    ['by submission date, oldest first', { sort: 'submittedAt', direction: 'asc' }],
    ['by reference', { sort: 'reference', direction: 'asc' }],
    ['by reference, descending', { sort: 'reference', direction: 'desc' }],
    ['by title', { sort: 'title', direction: 'asc' }],
    ['by amount, largest first', { sort: 'requestedCents', direction: 'desc' }],
    ['by amount, smallest first', { sort: 'requestedCents', direction: 'asc' }],
    ['by organisation', { sort: 'organization', direction: 'asc' }],
    ['by organisation, descending', { sort: 'organization', direction: 'desc' }],
    ['by status', { sort: 'status', direction: 'asc' }],
  ];

  it.each(views)('%s: the page reads O(page) rows, the count only an index', async (_label, sort) => {
    const { page, statements } = await statementsOf({ callId, pageSize: String(PAGE), ...sort });
    expect(page.items).toHaveLength(PAGE);
    expect(page.total).toBeGreaterThan(1000);
    // One round trip: the total and the page in one statement.
    expect(statements).toHaveLength(1);
    const { count: countPlan, items: itemsPlan } = await planOf(statements[0] as [string, unknown[]]);

    expect(countPlan.some((n) => n['Node Type'] === 'Seq Scan')).toBe(false);
    expect(applicationScans(countPlan).map((n) => n['Node Type'])).toEqual(['Index Only Scan']);
    // No join in the count: only the application table is read.
    expect(countPlan.filter((n) => n['Relation Name'] !== undefined && n['Relation Name'] !== 'application')).toEqual([]);

    expect(itemsPlan.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'application')).toBe(false);
    // The page's ids (a little more when ties of the sort key must be read to order them), then one lookup each.
    expect(rowsRead(itemsPlan)).toBeLessThanOrEqual(3 * PAGE);
  });

  it('across calls, newest submission first (the staff page without a call chosen) reads one page too', async () => {
    const { page, statements } = await statementsOf({ sort: 'submittedAt', direction: 'desc', pageSize: String(PAGE) });
    expect(page.items).toHaveLength(PAGE);
    expect(statements).toHaveLength(1);
    expect(rowsRead((await planOf(statements[0] as [string, unknown[]])).items)).toBeLessThanOrEqual(2 * PAGE);
  });

  it('a page past the end answers no items with the total, from the same single statement', async () => {
    const { page, statements } = await statementsOf({ callId, pageSize: String(PAGE), page: '1000' });
    expect(page).toEqual({ items: [], total: 1500, page: 1000, pageSize: PAGE });
    expect(statements).toHaveLength(1);
  });
});
