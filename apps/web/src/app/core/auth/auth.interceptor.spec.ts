import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { loginResponse, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../i18n/language.service';
import { authInterceptor } from './auth.interceptor';
import { AUTH_API, AuthService } from './auth.service';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthService;
  let router: Router;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTestTranslations(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    router = TestBed.inject(Router);
    await TestBed.inject(LanguageService).init();
  });

  afterEach(() => backend.verify());

  async function signIn(token = 'token-1'): Promise<void> {
    const done = firstValueFrom(auth.login('admin@demo.tremplin.fr', 'secret'));
    backend.expectOne(AUTH_API.login).flush(loginResponse('admin', token));
    await done;
  }

  it('adds the bearer token and Accept-Language to API calls', async () => {
    await signIn('abc');
    const result = firstValueFrom(http.get('/api/users'));
    const req = backend.expectOne('/api/users');
    expect(req.request.headers.get('Authorization')).toBe('Bearer abc');
    expect(req.request.headers.get('Accept-Language')).toBe('fr');
    req.flush({ ok: true });
    await expect(result).resolves.toEqual({ ok: true });
  });

  it('sends the current UI language', async () => {
    await TestBed.inject(LanguageService).use('en');
    const result = firstValueFrom(http.get('/api/calls'));
    const req = backend.expectOne('/api/calls');
    expect(req.request.headers.get('Accept-Language')).toBe('en');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush([]);
    await result;
  });

  it('leaves non-API requests alone', async () => {
    await signIn();
    const result = firstValueFrom(http.get('/assets/x.json'));
    const req = backend.expectOne('/assets/x.json');
    expect(req.request.headers.has('Authorization')).toBe(false);
    expect(req.request.headers.has('Accept-Language')).toBe(false);
    req.flush({});
    await result;
  });

  it('never sends the access token to login or refresh', async () => {
    await signIn('abc');
    const refreshed = firstValueFrom(auth.refresh());
    const req = backend.expectOne(AUTH_API.refresh);
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(loginResponse('admin', 'def'));
    await refreshed;
  });

  it('on 401 refreshes once, then replays the request with the new token', async () => {
    await signIn('old');
    const result = firstValueFrom(http.get('/api/users'));

    const first = backend.expectOne('/api/users');
    expect(first.request.headers.get('Authorization')).toBe('Bearer old');
    first.flush({ code: 'UNAUTHENTICATED' }, { status: 401, statusText: 'Unauthorized' });

    backend.expectOne(AUTH_API.refresh).flush(loginResponse('admin', 'new'));

    const replay = backend.expectOne('/api/users');
    expect(replay.request.headers.get('Authorization')).toBe('Bearer new');
    replay.flush({ ok: 1 });

    await expect(result).resolves.toEqual({ ok: 1 });
    expect(auth.accessToken()).toBe('new');
  });

  it('shares one refresh between concurrent 401s', async () => {
    await signIn('old');
    const a = firstValueFrom(http.get('/api/a'));
    const b = firstValueFrom(http.get('/api/b'));
    backend.expectOne('/api/a').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/b').flush(null, { status: 401, statusText: 'Unauthorized' });

    const refreshes = backend.match(AUTH_API.refresh);
    expect(refreshes).toHaveLength(1);
    refreshes[0]?.flush(loginResponse('admin', 'new'));

    backend.expectOne('/api/a').flush('A');
    backend.expectOne('/api/b').flush('B');
    await expect(a).resolves.toBe('A');
    await expect(b).resolves.toBe('B');
  });

  it('when the refresh fails, clears the session and goes to the login page', async () => {
    await signIn('old');
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const result = firstValueFrom(http.get('/api/users'));

    backend.expectOne('/api/users').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne(AUTH_API.refresh).flush({ code: 'INVALID_REFRESH_TOKEN' }, { status: 401, statusText: 'Unauthorized' });

    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(auth.isAuthenticated()).toBe(false);
    expect(auth.accessToken()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/connexion'], expect.anything());
  });

  it('does not retry a failed login', async () => {
    const result = firstValueFrom(auth.login('x@y.fr', 'bad'));
    backend
      .expectOne(AUTH_API.login)
      .flush({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Adresse e-mail ou mot de passe incorrect.' }, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    backend.expectNone(AUTH_API.refresh);
  });

  it('passes other errors through untouched', async () => {
    await signIn();
    const result = firstValueFrom(http.get('/api/users'));
    backend.expectOne('/api/users').flush({ code: 'FORBIDDEN' }, { status: 403, statusText: 'Forbidden' });
    await expect(result).rejects.toMatchObject({ status: 403 });
    backend.expectNone(AUTH_API.refresh);
  });
});
