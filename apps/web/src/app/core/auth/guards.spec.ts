import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, UrlTree, provideRouter, type ActivatedRouteSnapshot, type RouterStateSnapshot } from '@angular/router';
import type { Role } from '@tremplin/contracts';
import { firstValueFrom } from 'rxjs';
import { loginResponse } from '../../../testing/test-providers';
import { AUTH_API, AuthService } from './auth.service';
import { appRoutes } from '../../app.routes';
import { authGuard, permissionGuard } from './guards';

describe('route guards', () => {
  const route = {} as ActivatedRouteSnapshot;
  const state = (url: string): RouterStateSnapshot => ({ url }) as RouterStateSnapshot;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  });

  async function signInAs(role: Role): Promise<void> {
    const done = firstValueFrom(TestBed.inject(AuthService).login(`${role}@x.fr`, 'pw'));
    TestBed.inject(HttpTestingController).expectOne(AUTH_API.login).flush(loginResponse(role));
    await done;
  }

  const run = (guard: ReturnType<typeof permissionGuard>, url = '/audit'): unknown =>
    TestBed.runInInjectionContext(() => guard(route, state(url)));

  const serialize = (result: unknown): string => TestBed.inject(Router).serializeUrl(result as UrlTree);

  it('sends anonymous users to the login page with the requested URL', () => {
    const result = run(permissionGuard('audit.read'), '/audit?page=2');
    expect(result).toBeInstanceOf(UrlTree);
    expect(serialize(result)).toBe('/connexion?returnUrl=%2Faudit%3Fpage%3D2');
  });

  it.each<[Role, boolean]>([
    ['admin', true],
    ['finance', true],
    ['reviewer', false],
    ['association', false],
  ])('audit.read for %s → allowed: %s', async (role, allowed) => {
    await signInAs(role);
    const result = run(permissionGuard('audit.read'));
    if (allowed) expect(result).toBe(true);
    else expect(serialize(result)).toBe('/acces-refuse');
  });

  it('calls.manage is for administrators only', async () => {
    await signInAs('finance');
    expect(serialize(run(permissionGuard('calls.manage'), '/admin/appels'))).toBe('/acces-refuse');
  });

  it('organizations.own is for associations', async () => {
    await signInAs('association');
    expect(run(permissionGuard('organizations.own'), '/mon-organisation')).toBe(true);
  });

  // Written out by hand: the staff instruction pages are for finance and administrators, not reviewers
  // (they get their assigned applications with the review work) nor associations.
  it.each<[Role, boolean]>([
    ['admin', true],
    ['finance', true],
    ['reviewer', false],
    ['association', false],
  ])('the /instruction route for %s → allowed: %s', async (role, allowed) => {
    await signInAs(role);
    const guards = appRoutes.find((r) => r.path === 'instruction')?.canActivate ?? [];
    expect(guards).toHaveLength(1);
    const result = run(guards[0] as ReturnType<typeof permissionGuard>, '/instruction');
    if (allowed) expect(result).toBe(true);
    else expect(serialize(result)).toBe('/acces-refuse');
  });

  it('authGuard accepts any signed-in user', async () => {
    expect(serialize(run(authGuard, '/x'))).toBe('/connexion?returnUrl=%2Fx');
    await signInAs('association');
    expect(run(authGuard, '/x')).toBe(true);
  });
});
