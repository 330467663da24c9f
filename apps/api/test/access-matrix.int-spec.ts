import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ROLES, roleHasPermission, type Permission, type Role } from '@tremplin/contracts';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from '../src/core/auth/access.decorators';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

interface Route { method: string; path: string }
type Rule = { kind: 'public' } | { kind: 'permission'; permission: Permission } | { kind: 'none' };

/** Routes mounted outside Nest controllers, public on purpose: the API documentation. */
const DOCUMENTATION = /^\/api\/docs/;

/** What Express really serves: the router's own table. */
function registeredRoutes(t: TestApp): Route[] {
  const express = t.app.getHttpAdapter().getInstance() as unknown as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  return express.router.stack
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route?.methods ?? {}).filter((m) => m !== '_all').map((m) => ({ method: m.toUpperCase(), path: layer.route?.path ?? '' })));
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

  it('every route the router registers has an access rule (public or a permission)', () => {
    const rules = declaredRules(t);
    const routes = registeredRoutes(t).filter((r) => r.path.startsWith('/api') && !DOCUMENTATION.test(r.path));
    expect(routes.length).toBeGreaterThan(10);
    const withoutRule = routes.filter((r) => (rules.get(`${r.method} ${r.path}`)?.kind ?? 'none') === 'none');
    expect(withoutRule).toEqual([]);
  });

  it('each role reaches exactly the routes its permissions allow; anonymous only the public ones', async () => {
    const rules = declaredRules(t);
    const failures: string[] = [];
    for (const [key, rule] of rules) {
      const [method = 'GET', path = '/'] = key.split(' ');
      const send = (token?: string) => {
        const req = t.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](concrete(path));
        return (token ? req.set(bearer(token)) : req).send({});
      };
      // The guard's refusals carry these codes; a route's own 401 (e.g. refresh without a cookie) does not.
      const refusedByGuard = (res: { status: number; body: { code?: string } }) =>
        (res.status === 401 && res.body.code === 'UNAUTHENTICATED') || (res.status === 403 && res.body.code === 'FORBIDDEN');
      const anonymous = await send();
      if (rule.kind === 'public' ? refusedByGuard(anonymous) : !(anonymous.status === 401 && anonymous.body.code === 'UNAUTHENTICATED')) {
        failures.push(`${key} anonymous → ${anonymous.status}`);
      }
      for (const role of ROLES) {
        const res = await send(tokens[role]);
        const allowed = rule.kind === 'public' || (rule.kind === 'permission' && roleHasPermission(role, rule.permission));
        if (allowed ? refusedByGuard(res) : !(res.status === 403 && res.body.code === 'FORBIDDEN')) failures.push(`${key} as ${role} → ${res.status}`);
        if (res.status >= 500) failures.push(`${key} as ${role} → ${res.status} (server error)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('serves the OpenAPI document publicly', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/calls', '/api/auth/login', '/api/health']));
  });
});
