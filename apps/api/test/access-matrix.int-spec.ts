import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { Permission, Role } from '@tremplin/contracts';
import { servedRoutes } from '../src/bootstrap';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from '../src/core/auth/access.decorators';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

interface Route { method: string; path: string }
type Rule = { kind: 'public' } | { kind: 'permission'; permission: Permission } | { kind: 'none' };

/** Routes mounted outside Nest controllers, public on purpose: the API documentation. */
const DOCUMENTATION = /^\/api\/docs/;

/** What the server really serves: every route as it was registered (HEAD twins of GET routes aside). */
function registeredRoutes(t: TestApp): Route[] {
  return servedRoutes(t.app)
    .filter((route) => route.method !== 'HEAD')
    .map((route) => ({ method: route.method, path: route.url }));
}

function join(...parts: string[]): string {
  return '/' + parts.map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/');
}

/** What each controller method declares, read from the same metadata the guard reads. */
function declaredRules(t: TestApp): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const isPublic = Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, controller);
        const permission = Reflect.getMetadata(REQUIRED_PERMISSION, handler) ?? Reflect.getMetadata(REQUIRED_PERMISSION, controller);
        const rule: Rule = isPublic ? { kind: 'public' } : permission ? { kind: 'permission', permission } : { kind: 'none' };
        rules.set(`${method} ${join('api', base, path)}`, rule);
      }
    }
  }
  return rules;
}

const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

/**
 * What the guard answers, written out by hand (never read from ROLE_PERMISSIONS): `ok` = let through to
 * the handler (whatever it answers then), 401 = not signed in, 403 = signed in without the right.
 * Columns: anonymous, association, reviewer, finance, admin. A new route needs a row here.
 */
type Outcome = 'ok' | 401 | 403;
const WHO = ['anonymous', 'association', 'reviewer', 'finance', 'admin'] as const;
type Who = (typeof WHO)[number];
const PUBLIC: Outcome[] = ['ok', 'ok', 'ok', 'ok', 'ok'];
const SIGNED_IN: Outcome[] = [401, 'ok', 'ok', 'ok', 'ok'];
const ASSOCIATION: Outcome[] = [401, 'ok', 403, 403, 403];
const ADMIN: Outcome[] = [401, 403, 403, 403, 'ok'];
const FINANCE_ADMIN: Outcome[] = [401, 403, 403, 'ok', 'ok'];
const THREAD_WRITERS: Outcome[] = [401, 'ok', 'ok', 403, 'ok'];
const ASKERS: Outcome[] = [401, 403, 'ok', 403, 'ok'];
const REVIEWERS: Outcome[] = [401, 403, 'ok', 403, 403];
const REVIEWER: Outcome[] = [401, 403, 'ok', 403, 403];
/** Conventions: the association (its own, scoped by the service) and finance/admin; never reviewers. */
const CONVENTION_PARTIES: Outcome[] = [401, 'ok', 403, 'ok', 'ok'];
const FINANCE: Outcome[] = [401, 403, 403, 'ok', 403];

const EXPECTED: Record<string, Outcome[]> = {
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/refresh': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'GET /api/auth/me': SIGNED_IN,
  'POST /api/auth/register': PUBLIC,
  'POST /api/auth/verify-email': PUBLIC,
  'POST /api/auth/resend-verification': SIGNED_IN,
  'POST /api/auth/accept-invitation': PUBLIC,
  'POST /api/auth/password': SIGNED_IN,
  'POST /api/auth/password-reset': PUBLIC,
  'POST /api/auth/password-reset/confirm': PUBLIC,
  // Who grants: public (named on public pages and documents), edited by admins only.
  'GET /api/grantor': PUBLIC,
  'PUT /api/grantor': ADMIN,
  'GET /api/health': PUBLIC,
  'GET /api/calls': PUBLIC,
  'GET /api/calls/:id': PUBLIC,
  'POST /api/calls': ADMIN,
  'PUT /api/calls/:id': ADMIN,
  'POST /api/calls/:id/budget-revisions': FINANCE_ADMIN,
  'GET /api/calls/:id/budget-revisions': FINANCE_ADMIN,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'POST /api/users/:id/deactivate': ADMIN,
  'POST /api/users/:id/reactivate': ADMIN,
  'GET /api/admin/mails': ADMIN,
  'GET /api/audit-events': FINANCE_ADMIN,
  'GET /api/audit-events/verify': FINANCE_ADMIN,
  'GET /api/organizations/mine': ASSOCIATION,
  'PATCH /api/organizations/mine': ASSOCIATION,
  'POST /api/organizations/mine/invitations': ASSOCIATION,
  'PUT /api/organizations/mine/members/:id/admin': ASSOCIATION,
  // Reading applications is for every signed-in role; the access policy then scopes the rows.
  'GET /api/applications': SIGNED_IN,
  'POST /api/applications': ASSOCIATION,
  'GET /api/applications/:id': SIGNED_IN,
  'PATCH /api/applications/:id': ASSOCIATION,
  'POST /api/applications/:id/submit': ASSOCIATION,
  'POST /api/applications/:id/withdraw': ASSOCIATION,
  'GET /api/applications/:id/receipt': SIGNED_IN,
  'GET /api/applications/:id/versions': SIGNED_IN,
  'POST /api/applications/:id/information-requests': ASKERS,
  'POST /api/applications/:id/admissibility': ADMIN,
  'POST /api/applications/admissibility': ADMIN,
  'GET /api/applications/:id/inadmissibility-letter': SIGNED_IN,
  'GET /api/applications/:id/documents': SIGNED_IN,
  'POST /api/applications/:id/documents': ASSOCIATION,
  'GET /api/applications/:id/documents/:documentId': SIGNED_IN,
  'DELETE /api/applications/:id/documents/:documentId': ASSOCIATION,
  'GET /api/applications/:id/messages': SIGNED_IN,
  'POST /api/applications/:id/messages': THREAD_WRITERS,
  'GET /api/applications/:id/messages/unread-count': SIGNED_IN,
  'POST /api/applications/:id/messages/attachments': THREAD_WRITERS,
  // Review assignment and conflicts of interest (issue #7 §2–§3): staff manage, each reviewer acts on their own.
  'GET /api/reviewers': ADMIN,
  'PUT /api/reviewers/:userId/profile': ADMIN,
  'POST /api/calls/:id/assignments/auto': ADMIN,
  'GET /api/calls/:id/assignments': ADMIN,
  'GET /api/calls/:id/assignments/summary': ADMIN,
  'POST /api/assignments/:id/reassign': ADMIN,
  'PATCH /api/assignments/:id': ADMIN,
  'GET /api/reviews/assignments': REVIEWERS,
  'POST /api/assignments/:id/accept': REVIEWERS,
  'POST /api/assignments/:id/conflict': REVIEWERS,
  'GET /api/reviews/ties': REVIEWERS,
  'POST /api/reviews/ties': REVIEWERS,
  'DELETE /api/reviews/ties/:id': REVIEWERS,
  'GET /api/reviews/organizations': REVIEWERS,
  // Committee (issue #7 §7): sessions, decisions and publication are the committee's; reading a decision and its
  // letter follows the application's scope (the association sees its own once published).
  'POST /api/calls/:id/committee-sessions': ADMIN,
  'GET /api/calls/:id/committee-sessions': ADMIN,
  'GET /api/committee-sessions/:id': ADMIN,
  'POST /api/committee-sessions/:id/decisions': ADMIN,
  'POST /api/calls/:id/decisions/publish': ADMIN,
  'POST /api/applications/:id/decision': ADMIN,
  'GET /api/applications/:id/decision': SIGNED_IN,
  'GET /api/applications/:id/decision-letter': SIGNED_IN,
  // Scoring (issue #7 §4–§5): the reviewer's own review; the blind list is scoped by the service (404 to others).
  'GET /api/assignments/:id/review': REVIEWER,
  'PUT /api/assignments/:id/review': REVIEWER,
  'POST /api/assignments/:id/review/submit': REVIEWER,
  'GET /api/applications/:id/reviews': SIGNED_IN,
  'GET /api/calls/:id/calibration': ADMIN,
  // The committee's ranking and envelope fit (committee.decide): admins only.
  'GET /api/calls/:id/ranking': ADMIN,
  'GET /api/calls/:id/ranking.csv': ADMIN,
  'GET /api/calls/:id/envelope-fit': ADMIN,
  // Conventions (issue #8 §5): drafted and managed by finance/admin; read, and signed, by the association too.
  'POST /api/conventions': FINANCE_ADMIN,
  'POST /api/conventions/batch': FINANCE_ADMIN,
  'GET /api/conventions': CONVENTION_PARTIES,
  // Finance picks a committee session without committee.decide: anonymous, association, reviewer, finance, admin.
  'GET /api/conventions/sessions': [401, 403, 403, 'ok', 'ok'],
  'GET /api/conventions/:id': CONVENTION_PARTIES,
  'GET /api/conventions/:id/document': CONVENTION_PARTIES,
  'POST /api/conventions/:id/transitions': CONVENTION_PARTIES,
  'POST /api/conventions/:id/signed-scan': ASSOCIATION,
  'POST /api/conventions/:id/amendments': FINANCE_ADMIN,
  'POST /api/conventions/:id/years/:year/report-approval': ADMIN,
  // Installments and payments (issue #8 §3): a convention's schedule is scoped by the service (its association,
  // finance and admin; 404 to anyone else); the worklist is finance.read; recording a payment is finance's alone.
  'GET /api/conventions/:id/installments': SIGNED_IN,
  'GET /api/installments': FINANCE_ADMIN,
  'POST /api/installments/:id/payments': FINANCE,
  // The budget (issue #8 §4): finance.read.
  'GET /api/calls/:id/budget': FINANCE_ADMIN,
  'GET /api/calls/:id/budget.csv': FINANCE_ADMIN,
  'GET /api/calls/:id/payments.csv': FINANCE_ADMIN,
  'GET /api/calls/:id/finance-outlook': FINANCE_ADMIN,
};

const apiRoutes = (t: TestApp) => registeredRoutes(t).filter((r) => r.path.startsWith('/api') && !DOCUMENTATION.test(r.path));

describe('route × role access matrix', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    t = await startTestApp();
    tokens.admin = await t.login(DEMO.admin);
    tokens.reviewer = await t.login(DEMO.reviewer);
    tokens.finance = await t.login(DEMO.finance);
    tokens.association = await t.login(DEMO.association1);
  });
  afterAll(() => t.close());

  it('every route the router registers has an access rule (public or a permission) and a row in the table', () => {
    const rules = declaredRules(t);
    const routes = apiRoutes(t);
    expect(routes.length).toBeGreaterThan(10);
    const withoutRule = routes.filter((r) => (rules.get(`${r.method} ${r.path}`)?.kind ?? 'none') === 'none');
    expect(withoutRule).toEqual([]);
    // Both ways: a new route without a row fails, and so does a row left for a route that is gone.
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('anonymous and each role get exactly the answers of the written table', async () => {
    const actual: Record<string, Outcome[]> = {};
    const serverErrors: string[] = [];
    for (const { method, path } of apiRoutes(t)) {
      const key = `${method} ${path}`;
      const outcomes: Outcome[] = [];
      for (const who of WHO) {
        const token = who === 'anonymous' ? undefined : tokens[who as Exclude<Who, 'anonymous'>];
        const req = t.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](concrete(path));
        const res = await (token ? req.set(bearer(token)) : req).send({});
        // The guard's refusals carry these codes; a route's own 401 (e.g. refresh without a cookie) does not.
        const code = (res.body as { code?: string }).code;
        outcomes.push(res.status === 401 && code === 'UNAUTHENTICATED' ? 401 : res.status === 403 && code === 'FORBIDDEN' ? 403 : 'ok');
        if (res.status >= 500) serverErrors.push(`${key} as ${who} → ${res.status}`);
      }
      actual[key] = outcomes;
    }
    // Compared with each answer named by who asked, so that a failure reads « finance: ok instead of 403 ».
    const named = (table: Record<string, Outcome[]>) =>
      Object.fromEntries(Object.entries(table).map(([key, outcomes]) => [key, Object.fromEntries(WHO.map((who, i) => [who, outcomes[i]]))]));
    expect(named(actual)).toEqual(named(EXPECTED));
    expect(serverErrors).toEqual([]);
  });

  it('serves the OpenAPI document publicly', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/calls', '/api/auth/login', '/api/health']));
  });
});
