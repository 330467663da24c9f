import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

function refreshCookie(res: { headers: Record<string, unknown> }): string {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookie = cookies.find((c) => c.startsWith('tremplin_refresh='));
  if (!cookie) throw new Error('no refresh cookie');
  return cookie.split(';')[0] ?? '';
}

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ LOGIN_MAX_FAILURES_PER_EMAIL: '3', LOGIN_MAX_FAILURES_PER_IP: '8' })));
  afterAll(() => t.close());

  it('logs in a demo account and returns a token, the user and an httpOnly SameSite=Strict refresh cookie', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'Admin@Demo.Tremplin.fr ', password: 'Tremplin-2016!' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: DEMO.admin, role: 'admin', organizationId: null });
    expect(typeof res.body.accessToken).toBe('string');
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('tremplin_refresh='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    const me = await t.http.get('/api/auth/me').set(bearer(res.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(DEMO.admin);
  });

  it('gives an association member its organisation id', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: DEMO.association1, password: 'Tremplin-2016!' });
    expect(res.body.user.role).toBe('association');
    expect(res.body.user.organizationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 401 with the same message for an unknown email and a wrong password', async () => {
    const unknown = await t.http.post('/api/auth/login').send({ email: 'nobody@example.org', password: 'whatever-123' });
    const wrong = await t.http.post('/api/auth/login').send({ email: DEMO.reviewer2, password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('throttles an email after repeated failures (429 with Retry-After), even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await t.http.post('/api/auth/login').send({ email: DEMO.finance, password: `bad-${i}` })).status).toBe(401);
    }
    const blocked = await t.http.post('/api/auth/login').send({ email: DEMO.finance, password: 'Tremplin-2016!' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('throttles an IP that fails across many emails', async () => {
    // 3 failures were made above from this IP for one email and 1-2 in other tests; push past 8.
    for (let i = 0; i < 8; i++) await t.http.post('/api/auth/login').send({ email: `spray-${i}@example.org`, password: 'x' });
    const res = await t.http.post('/api/auth/login').send({ email: DEMO.reviewer, password: 'Tremplin-2016!' });
    expect(res.status).toBe(429);
    await t.sql('DELETE FROM throttle_hit');
  });

  it('rotates the refresh token on use and revokes the whole family when a spent token is replayed', async () => {
    const login = await t.http.post('/api/auth/login').send({ email: DEMO.reviewer, password: 'Tremplin-2016!' });
    const first = refreshCookie(login);
    const refreshed = await t.http.post('/api/auth/refresh').set('Cookie', first);
    expect(refreshed.status).toBe(200);
    expect(typeof refreshed.body.accessToken).toBe('string');
    const second = refreshCookie(refreshed);
    expect(second).not.toBe(first);
    // Replaying the spent token fails, and takes the newer one down with it.
    expect((await t.http.post('/api/auth/refresh').set('Cookie', first)).status).toBe(401);
    expect((await t.http.post('/api/auth/refresh').set('Cookie', second)).status).toBe(401);
  });

  it('refuses a refresh without a cookie', async () => {
    const res = await t.http.post('/api/auth/refresh');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('revokes the refresh token on logout', async () => {
    const login = await t.http.post('/api/auth/login').send({ email: DEMO.reviewer2, password: 'Tremplin-2016!' });
    const cookie = refreshCookie(login);
    expect((await t.http.post('/api/auth/logout').set('Cookie', cookie)).status).toBe(204);
    expect((await t.http.post('/api/auth/refresh').set('Cookie', cookie)).status).toBe(401);
  });

  it('rejects a forged or expired access token', async () => {
    const res = await t.http.get('/api/auth/me').set(bearer('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad'));
    expect(res.status).toBe(401);
  });

  it('a deactivated user can no longer log in, refresh, or use a token already issued', async () => {
    const adminToken = await t.login(DEMO.admin);
    const login = await t.http.post('/api/auth/login').send({ email: DEMO.association2, password: 'Tremplin-2016!' });
    const cookie = refreshCookie(login);
    const token = login.body.accessToken as string;
    const deactivate = await t.http.post(`/api/users/${login.body.user.id}/deactivate`).set(bearer(adminToken));
    expect(deactivate.status).toBe(200);
    expect(deactivate.body.active).toBe(false);
    expect((await t.http.post('/api/auth/login').send({ email: DEMO.association2, password: 'Tremplin-2016!' })).status).toBe(401);
    expect((await t.http.post('/api/auth/refresh').set('Cookie', cookie)).status).toBe(401);
    expect((await t.http.get('/api/auth/me').set(bearer(token))).status).toBe(401);
    const audit = await t.sql<{ action: string }>(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [login.body.user.id]);
    expect(audit.map((a) => a.action)).toContain('user.deactivated');
  });
});
