import { registerAssociation, registerBody } from './support/association';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * Throttling counts each attempt in PostgreSQL before the work it guards: requests sent all at once cannot
 * slip under the limit. TRUST_PROXY=1 lets each test speak from its own client address (X-Forwarded-For).
 */
describe('throttling of the account endpoints', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startTestApp({
        TRUST_PROXY: '1',
        LOGIN_MAX_FAILURES_PER_EMAIL: '5',
        LOGIN_MAX_FAILURES_PER_IP: '30',
        LOGIN_WINDOW_SECONDS: '900',
        ACCOUNT_THROTTLE_MAX_PER_EMAIL: '3',
        ACCOUNT_THROTTLE_MAX_PER_IP: '6',
        ACCOUNT_THROTTLE_WINDOW_SECONDS: '3600',
      })),
  );
  afterAll(() => t.close());

  const from = (ip: string) => ({ 'X-Forwarded-For': ip });
  const statuses = (responses: Array<{ status: number }>) =>
    responses.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {});

  function expectRetryAfter(res: { status: number; headers: Record<string, string>; body: { code: string } }, maxSeconds: number): void {
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  }

  describe('login', () => {
    it('checks exactly 5 of 20 wrong passwords sent at once for one email; the other 15 answer 429 with Retry-After', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.http.post('/api/auth/login').set(from(`10.1.0.${i + 1}`)).send({ email: DEMO.finance, password: `wrong-${i}` })),
      );
      expect(statuses(responses)).toEqual({ 401: 5, 429: 15 });
      for (const res of responses.filter((r) => r.status === 429)) expectRetryAfter(res, 900);
      // The right password is not even checked while the email is blocked.
      const right = await t.http.post('/api/auth/login').set(from('10.1.1.1')).send({ email: DEMO.finance, password: 'Tremplin-2016!' });
      expectRetryAfter(right, 900);
      const [row] = await t.sql<{ hits: number }>(`SELECT count(*)::int AS hits FROM throttle_hit WHERE bucket = 'login:email:finances@demo.tremplin.fr'`);
      expect(row?.hits).toBe(5);
    });

    it('checks exactly 30 of 100 wrong logins sent at once from one IP (100 different emails); the other 70 answer 429', async () => {
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) => t.http.post('/api/auth/login').set(from('10.2.0.1')).send({ email: `spray-${i}@example.org`, password: 'x' })),
      );
      expect(statuses(responses)).toEqual({ 401: 30, 429: 70 });
      for (const res of responses.filter((r) => r.status === 429)) expectRetryAfter(res, 900);
      // Another address is not affected.
      expect((await t.http.post('/api/auth/login').set(from('10.2.0.2')).send({ email: DEMO.reviewer, password: 'Tremplin-2016!' })).status).toBe(200);
    });

    it('counts failures only: a success clears the email count and takes its own attempt back', async () => {
      for (let i = 0; i < 4; i++) {
        expect((await t.http.post('/api/auth/login').set(from('10.3.0.1')).send({ email: DEMO.reviewer2, password: `bad-${i}` })).status).toBe(401);
      }
      expect((await t.http.post('/api/auth/login').set(from('10.3.0.1')).send({ email: DEMO.reviewer2, password: 'Tremplin-2016!' })).status).toBe(200);
      const [row] = await t.sql<{ email: number; ip: number }>(
        `SELECT count(*) FILTER (WHERE bucket = 'login:email:evaluatrice@demo.tremplin.fr')::int AS email,
                count(*) FILTER (WHERE bucket = 'login:ip:10.3.0.1')::int AS ip FROM throttle_hit`,
      );
      expect(row).toEqual({ email: 0, ip: 4 });
      // Five fresh failures are allowed again, the sixth is not.
      for (let i = 0; i < 5; i++) {
        expect((await t.http.post('/api/auth/login').set(from('10.3.0.2')).send({ email: DEMO.reviewer2, password: `again-${i}` })).status).toBe(401);
      }
      expect((await t.http.post('/api/auth/login').set(from('10.3.0.2')).send({ email: DEMO.reviewer2, password: 'again-6' })).status).toBe(429);
    });

    it('lets a hit leave the window: an expired failure no longer counts', async () => {
      for (let i = 0; i < 5; i++) await t.http.post('/api/auth/login').set(from('10.4.0.1')).send({ email: DEMO.association2, password: `bad-${i}` });
      expect((await t.http.post('/api/auth/login').set(from('10.4.0.1')).send({ email: DEMO.association2, password: 'Tremplin-2016!' })).status).toBe(429);
      // Age the oldest failure past the 900-second window, as time would.
      await t.sql(
        `UPDATE throttle_hit SET hit_at = hit_at - interval '901 seconds', expires_at = expires_at - interval '901 seconds'
          WHERE id = (SELECT min(id) FROM throttle_hit WHERE bucket = 'login:email:association2@demo.tremplin.fr')`,
      );
      expect((await t.http.post('/api/auth/login').set(from('10.4.0.1')).send({ email: DEMO.association2, password: 'Tremplin-2016!' })).status).toBe(200);
    });
  });

  describe('sign-up, invitations, verification and password reset (3 per email, 6 per IP, per endpoint)', () => {
    it('register: 6 requests per IP, then 429 (invalid bodies count too: the guard runs first)', async () => {
      for (let i = 0; i < 6; i++) {
        expect((await t.http.post('/api/auth/register').set(from('10.5.0.1')).send({ email: `ip-${i}@example.org` })).status).toBe(400);
      }
      expectRetryAfter(await t.http.post('/api/auth/register').set(from('10.5.0.1')).send(registerBody()), 3600);
      expect((await t.http.post('/api/auth/register').set(from('10.5.0.2')).send(registerBody())).status).toBe(201);
    });

    it('register: 3 requests per email whatever the address, then 429', async () => {
      const body = registerBody();
      expect((await t.http.post('/api/auth/register').set(from('10.6.0.1')).send(body)).status).toBe(201);
      expect((await t.http.post('/api/auth/register').set(from('10.6.0.2')).send(body)).status).toBe(409);
      expect((await t.http.post('/api/auth/register').set(from('10.6.0.3')).send({ ...body, email: ` ${String(body['email']).toUpperCase()} ` })).status).toBe(409);
      expectRetryAfter(await t.http.post('/api/auth/register').set(from('10.6.0.4')).send(body), 3600);
    });

    it('verify-email and accept-invitation: 6 per IP, then 429', async () => {
      for (const path of ['/api/auth/verify-email', '/api/auth/accept-invitation']) {
        const body = { token: 'x'.repeat(43), fullName: 'Sophie Delattre', password: 'girafe-parapluie-tambour-59' };
        const send = () => t.http.post(path).set(from('10.7.0.1')).send(path.endsWith('verify-email') ? { token: body.token } : body);
        for (let i = 0; i < 6; i++) expect((await send()).status).toBe(400);
        expectRetryAfter(await send(), 3600);
      }
    });

    it('resend-verification: 3 per signed-in account, then 429', async () => {
      const reg = await registerAssociation(t);
      for (let i = 0; i < 3; i++) {
        // Step over the separate one-link-a-minute rule, as a minute passing would.
        await t.sql(`UPDATE user_token SET created_at = created_at - interval '2 minutes' WHERE user_id = $1`, [reg.userId]);
        expect((await t.http.post('/api/auth/resend-verification').set(from(`10.8.0.${i + 1}`)).set(bearer(reg.token))).status).toBe(204);
      }
      await t.sql(`UPDATE user_token SET created_at = created_at - interval '2 minutes' WHERE user_id = $1`, [reg.userId]);
      expectRetryAfter(await t.http.post('/api/auth/resend-verification').set(from('10.8.0.9')).set(bearer(reg.token)), 3600);
    });

    it('password reset: of 10 requests at once for one email exactly 3 are handled, and 6 per IP', async () => {
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) => t.http.post('/api/auth/password-reset').set(from(`10.9.0.${i + 1}`)).send({ email: DEMO.admin })),
      );
      expect(statuses(responses)).toEqual({ 202: 3, 429: 7 });
      const [mails] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_mail WHERE to_address = $1 AND kind = 'password-reset'`, [DEMO.admin]);
      expect(mails?.n).toBe(3);
      for (let i = 0; i < 6; i++) {
        expect((await t.http.post('/api/auth/password-reset').set(from('10.9.1.1')).send({ email: `nobody-${i}@example.org` })).status).toBe(202);
      }
      expectRetryAfter(await t.http.post('/api/auth/password-reset').set(from('10.9.1.1')).send({ email: 'nobody-7@example.org' }), 3600);
      for (let i = 0; i < 6; i++) {
        expect((await t.http.post('/api/auth/password-reset/confirm').set(from('10.9.2.1')).send({ token: 'y'.repeat(43), password: 'girafe-parapluie-tambour-59' })).status).toBe(400);
      }
      expectRetryAfter(
        await t.http.post('/api/auth/password-reset/confirm').set(from('10.9.2.1')).send({ token: 'y'.repeat(43), password: 'girafe-parapluie-tambour-59' }),
        3600,
      );
    });
  });
});
