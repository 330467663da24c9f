import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { loginResponse, provideTestTranslations } from '../../../testing/test-providers';
import { authInterceptor } from './auth.interceptor';
import { AUTH_API, AuthService, SESSION_HINT_KEY } from './auth.service';

describe('AuthService', () => {
  let auth: AuthService;
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTestTranslations(),
      ],
    });
    auth = TestBed.inject(AuthService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('starts signed out', () => {
    expect(auth.isAuthenticated()).toBe(false);
    expect(auth.role()).toBeNull();
    expect(auth.hasPermission('auth.self')).toBe(false);
  });

  it('keeps the token and user in signals after login', async () => {
    const user = firstValueFrom(auth.login('finances@demo.tremplin.fr', 'pw'));
    const req = backend.expectOne(AUTH_API.login);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ email: 'finances@demo.tremplin.fr', password: 'pw' });
    req.flush(loginResponse('finance', 't1'));
    await expect(user).resolves.toMatchObject({ role: 'finance' });
    expect(auth.accessToken()).toBe('t1');
    expect(auth.role()).toBe('finance');
  });

  it('changes the password with the current one and keeps the new session the server opens', async () => {
    const signedIn = firstValueFrom(auth.login('finances@demo.tremplin.fr', 'pw'));
    backend.expectOne(AUTH_API.login).flush(loginResponse('finance', 'before'));
    await signedIn;
    const changed = firstValueFrom(auth.changePassword({ currentPassword: 'pw', newPassword: 'girafe-parapluie-tambour' }));
    const req = backend.expectOne('/api/auth/password');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ currentPassword: 'pw', newPassword: 'girafe-parapluie-tambour' });
    expect(req.request.headers.get('Authorization')).toBe('Bearer before');
    req.flush(loginResponse('finance', 'after'));
    await expect(changed).resolves.toMatchObject({ role: 'finance' });
    expect(auth.accessToken()).toBe('after');
  });

  it('derives permissions from ROLE_PERMISSIONS', async () => {
    const done = firstValueFrom(auth.login('finances@demo.tremplin.fr', 'pw'));
    backend.expectOne(AUTH_API.login).flush(loginResponse('finance'));
    await done;
    expect(auth.hasPermission('audit.read')).toBe(true);
    expect(auth.hasPermission('calls.revise-budget')).toBe(true);
    expect(auth.hasPermission('calls.manage')).toBe(false);
    expect(auth.hasPermission('users.manage')).toBe(false);
  });

  it('never stores the token in web storage', async () => {
    localStorage.clear();
    sessionStorage.clear();
    const done = firstValueFrom(auth.login('admin@demo.tremplin.fr', 'pw'));
    backend.expectOne(AUTH_API.login).flush(loginResponse('admin', 'secret-token'));
    await done;
    const stored = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    expect(stored).not.toContain('secret-token');
  });

  it('restores a session from the refresh cookie at start-up', async () => {
    localStorage.setItem('tremplin.session', '1');
    const restored = auth.restoreSession();
    const req = backend.expectOne(AUTH_API.refresh);
    expect(req.request.method).toBe('POST');
    req.flush(loginResponse('association', 'r1'));
    await restored;
    expect(auth.user()?.role).toBe('association');
    expect(auth.accessToken()).toBe('r1');
  });

  it('starts anonymous when there is no valid refresh cookie, and forgets that it had a session', async () => {
    localStorage.setItem('tremplin.session', '1');
    const restored = auth.restoreSession();
    backend.expectOne(AUTH_API.refresh).flush({ code: 'INVALID_REFRESH_TOKEN' }, { status: 401, statusText: 'Unauthorized' });
    await expect(restored).resolves.toBeUndefined();
    expect(auth.isAuthenticated()).toBe(false);
    expect(localStorage.getItem('tremplin.session')).toBeNull();
  });

  it('clears the session on logout, even if the request fails', async () => {
    const done = firstValueFrom(auth.login('admin@demo.tremplin.fr', 'pw'));
    backend.expectOne(AUTH_API.login).flush(loginResponse('admin'));
    await done;

    const out = firstValueFrom(auth.logout());
    backend.expectOne(AUTH_API.logout).flush(null, { status: 500, statusText: 'Error' });
    await out;
    expect(auth.isAuthenticated()).toBe(false);
    expect(auth.accessToken()).toBeNull();
    expect(localStorage.getItem('tremplin.session')).toBeNull();
  });

  it('does not ask for a refresh at start-up when this browser never signed in (no 401 for anonymous visitors)', async () => {
    await expect(auth.restoreSession()).resolves.toBeUndefined();
    backend.expectNone(AUTH_API.refresh);
    expect(auth.isAuthenticated()).toBe(false);
  });

  it('remembers across reloads that a session may exist: set on login, register and invitation, removed on logout', async () => {
    expect(SESSION_HINT_KEY).toBe('tremplin.session');
    const login = firstValueFrom(auth.login('admin@demo.tremplin.fr', 'pw'));
    backend.expectOne(AUTH_API.login).flush(loginResponse('admin', 'secret-token'));
    await login;
    expect(localStorage.getItem('tremplin.session')).toBe('1');

    const out = firstValueFrom(auth.logout());
    backend.expectOne(AUTH_API.logout).flush(null, { status: 204, statusText: 'No Content' });
    await out;
    expect(localStorage.getItem('tremplin.session')).toBeNull();
    await auth.restoreSession();
    backend.expectNone(AUTH_API.refresh);

    const joined = firstValueFrom(auth.acceptInvitation({ token: 'i'.repeat(24), fullName: 'Ana Martin', password: 'un-long-mot-de-passe' }));
    backend.expectOne(AUTH_API.acceptInvitation).flush(loginResponse('association'));
    await joined;
    expect(localStorage.getItem('tremplin.session')).toBe('1');
  });

  it('still tries the refresh cookie when web storage is unavailable', async () => {
    const getItem = jest.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    try {
      const restored = auth.restoreSession();
      backend.expectOne(AUTH_API.refresh).flush(loginResponse('finance', 'f1'));
      await restored;
      expect(auth.role()).toBe('finance');
    } finally {
      getItem.mockRestore();
    }
  });
});
