import { createHash } from 'node:crypto';
import { registerAssociation, STRONG_PASSWORD, tokenFromMail } from './support/association';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

const DEMO_PASSWORD = 'Tremplin-2016!';
const NEW_PASSWORD = 'hérisson-cerf-volant-lanterne';

function refreshCookie(res: { headers: Record<string, unknown> }): string {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookie = cookies.find((c) => c.startsWith('tremplin_refresh='));
  if (!cookie) throw new Error('no refresh cookie');
  return cookie.split(';')[0] ?? '';
}

describe('password reset and password change', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ PUBLIC_URL: 'https://tremplin.lenord.example' })));
  afterAll(() => t.close());

  const login = (email: string, password: string) => t.http.post('/api/auth/login').send({ email, password });

  describe('« Mot de passe oublié ? »', () => {
    it('answers 202 with the same empty body, no sooner than 300 ms, whether the address has an account or not', async () => {
      const startedKnown = Date.now();
      const known = await t.http.post('/api/auth/password-reset').send({ email: 'Evaluateur@Demo.Tremplin.fr' });
      const knownMs = Date.now() - startedKnown;
      const startedUnknown = Date.now();
      const unknown = await t.http.post('/api/auth/password-reset').send({ email: 'personne@example.org' });
      const unknownMs = Date.now() - startedUnknown;
      expect([known.status, unknown.status]).toEqual([202, 202]);
      expect(known.text).toBe('');
      expect(unknown.text).toBe('');
      expect(knownMs).toBeGreaterThanOrEqual(300);
      expect(unknownMs).toBeGreaterThanOrEqual(300);
      expect(await t.sql(`SELECT id FROM outbox_mail WHERE to_address = 'personne@example.org'`)).toEqual([]);
    });

    it('mails a link valid one hour; only the SHA-256 of its token is stored', async () => {
      await t.http.post('/api/auth/password-reset').send({ email: DEMO.reviewer });
      const [mail] = await t.sql<{ subject: string; text_body: string }>(
        `SELECT subject, text_body FROM outbox_mail WHERE to_address = $1 AND kind = 'password-reset' ORDER BY created_at DESC LIMIT 1`, [DEMO.reviewer],
      );
      expect(mail?.subject).toBe('Réinitialisation de votre mot de passe – Tremplin');
      expect(mail?.text_body).toMatch(/^https:\/\/tremplin\.lenord\.example\/mot-de-passe\/nouveau\?token=[A-Za-z0-9_-]{43}$/m);
      const token = await tokenFromMail(t, DEMO.reviewer, 'password-reset', 'mot-de-passe/nouveau');
      const rows = await t.sql<{ token_hash: string; minutes: number }>(
        `SELECT token_hash, round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes
           FROM user_token WHERE purpose = 'password_reset' AND token_hash = $1`,
        [createHash('sha256').update(token).digest('hex')],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.minutes).toBe(60);
      expect(await t.sql(`SELECT id FROM user_token WHERE token_hash = $1`, [token])).toEqual([]);
    });

    it('sets a new password once (same policy), ends every session, and spends the link', async () => {
      const session = await login(DEMO.finance, DEMO_PASSWORD);
      const cookie = refreshCookie(session);
      await t.http.post('/api/auth/password-reset').send({ email: DEMO.finance });
      const token = await tokenFromMail(t, DEMO.finance, 'password-reset', 'mot-de-passe/nouveau');

      const weak = await t.http.post('/api/auth/password-reset/confirm').send({ token, password: 'finances-2016' });
      expect(weak.status).toBe(400);
      expect(weak.body.details).toEqual([expect.objectContaining({ field: 'password', code: 'PASSWORD_TOO_WEAK' })]);
      const short = await t.http.post('/api/auth/password-reset/confirm').send({ token, password: 'court' });
      expect(short.status).toBe(400);
      expect(short.body.details[0].field).toBe('password');

      const done = await t.http.post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD });
      expect(done.status).toBe(204);
      expect((await login(DEMO.finance, DEMO_PASSWORD)).status).toBe(401);
      expect((await login(DEMO.finance, NEW_PASSWORD)).status).toBe(200);
      // The session opened before the reset cannot be refreshed any more.
      expect((await t.http.post('/api/auth/refresh').set('Cookie', cookie)).status).toBe(401);
      const [open] = await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM refresh_token r JOIN app_user u ON u.id = r.user_id
          WHERE u.email = $1 AND r.revoked_at IS NULL AND r.created_at < (SELECT max(occurred_at) FROM audit_event WHERE action = 'user.password-reset')`,
        [DEMO.finance],
      );
      expect(open?.n).toBe(0);

      const again = await t.http.post('/api/auth/password-reset/confirm').send({ token, password: 'un-autre-mot-de-passe-solide' });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('INVALID_TOKEN');
      const audit = await t.sql<{ action: string }>(
        `SELECT action FROM audit_event WHERE entity_id = (SELECT id::text FROM app_user WHERE email = $1) ORDER BY seq`, [DEMO.finance],
      );
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.password-reset-requested', 'user.password-reset']));
    });

    it('spends every reset link of the account with the one used, and refuses an expired link', async () => {
      await t.http.post('/api/auth/password-reset').send({ email: DEMO.association2 });
      const first = await tokenFromMail(t, DEMO.association2, 'password-reset', 'mot-de-passe/nouveau');
      await t.http.post('/api/auth/password-reset').send({ email: DEMO.association2 });
      const second = await tokenFromMail(t, DEMO.association2, 'password-reset', 'mot-de-passe/nouveau');
      expect(second).not.toBe(first);
      await t.sql(`UPDATE user_token SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [createHash('sha256').update(second).digest('hex')]);
      const expired = await t.http.post('/api/auth/password-reset/confirm').send({ token: second, password: NEW_PASSWORD });
      expect(expired.status).toBe(400);
      expect(expired.body.code).toBe('INVALID_TOKEN');
      expect((await t.http.post('/api/auth/password-reset/confirm').send({ token: first, password: NEW_PASSWORD })).status).toBe(204);
      await t.http.post('/api/auth/password-reset').send({ email: DEMO.association2 });
      const third = await tokenFromMail(t, DEMO.association2, 'password-reset', 'mot-de-passe/nouveau');
      // A link mailed after the reset is a new one and works; the first is spent.
      expect((await t.http.post('/api/auth/password-reset/confirm').send({ token: first, password: STRONG_PASSWORD })).status).toBe(400);
      expect((await t.http.post('/api/auth/password-reset/confirm').send({ token: third, password: STRONG_PASSWORD })).status).toBe(204);
    });

    it('mails nothing to a deactivated account', async () => {
      await t.sql(`UPDATE app_user SET active = false WHERE email = 'evaluatrice@demo.tremplin.fr'`);
      expect((await t.http.post('/api/auth/password-reset').send({ email: DEMO.reviewer2 })).status).toBe(202);
      expect(await t.sql(`SELECT id FROM outbox_mail WHERE to_address = $1 AND kind = 'password-reset'`, [DEMO.reviewer2])).toEqual([]);
      await t.sql(`UPDATE app_user SET active = true WHERE email = 'evaluatrice@demo.tremplin.fr'`);
    });

    it("confirms the address of an account whose verification link was never opened (the reset link proves the mailbox)", async () => {
      const reg = await registerAssociation(t);
      await t.http.post('/api/auth/password-reset').send({ email: reg.email });
      const token = await tokenFromMail(t, reg.email, 'password-reset', 'mot-de-passe/nouveau');
      expect((await t.http.post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD })).status).toBe(204);
      const [user] = await t.sql<{ verified: boolean }>(`SELECT email_verified_at IS NOT NULL AS verified FROM app_user WHERE id = $1`, [reg.userId]);
      expect(user?.verified).toBe(true);
    });
  });

  describe('password change (signed in)', () => {
    it('requires the current password and the policy on the new one, naming each field', async () => {
      const token = await t.login(DEMO.association1);
      const wrong = await t.http.post('/api/auth/password').set(bearer(token)).send({ currentPassword: 'pas-le-bon', newPassword: NEW_PASSWORD });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'CURRENT_PASSWORD_WRONG', message: 'Mot de passe actuel incorrect.' })]);
      const weak = await t.http.post('/api/auth/password').set(bearer(token)).send({ currentPassword: DEMO_PASSWORD, newPassword: 'motdepasse123' });
      expect(weak.status).toBe(400);
      expect(weak.body.details).toEqual([expect.objectContaining({ field: 'newPassword', code: 'PASSWORD_TOO_WEAK' })]);
      const missing = await t.http.post('/api/auth/password').set(bearer(token)).send({ newPassword: NEW_PASSWORD });
      expect(missing.status).toBe(400);
      expect(missing.body.details[0].field).toBe('currentPassword');
      expect((await login(DEMO.association1, DEMO_PASSWORD)).status).toBe(200);
    });

    it('changes it, keeps this browser signed in with a new session and ends every other one', async () => {
      const other = await login(DEMO.admin, DEMO_PASSWORD);
      const otherCookie = refreshCookie(other);
      const mine = await login(DEMO.admin, DEMO_PASSWORD);
      const changed = await t.http.post('/api/auth/password').set(bearer(mine.body.accessToken)).set('Cookie', refreshCookie(mine))
        .send({ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD });
      expect(changed.status).toBe(200);
      expect(changed.body.user.email).toBe(DEMO.admin);
      const newCookie = refreshCookie(changed);
      expect((await t.http.post('/api/auth/refresh').set('Cookie', otherCookie)).status).toBe(401);
      expect((await t.http.post('/api/auth/refresh').set('Cookie', refreshCookie(mine))).status).toBe(401);
      expect((await t.http.post('/api/auth/refresh').set('Cookie', newCookie)).status).toBe(200);
      expect((await login(DEMO.admin, DEMO_PASSWORD)).status).toBe(401);
      expect((await login(DEMO.admin, NEW_PASSWORD)).status).toBe(200);
      const [event] = await t.sql<{ action: string }>(`SELECT action FROM audit_event WHERE action = 'user.password-changed'`);
      expect(event?.action).toBe('user.password-changed');
    });

    it('throttles wrong current passwords like logins (5 per account), then 429', async () => {
      const token = await t.login(DEMO.association1);
      for (let i = 0; i < 5; i++) {
        const res = await t.http.post('/api/auth/password').set(bearer(token)).send({ currentPassword: `faux-${i}`, newPassword: NEW_PASSWORD });
        expect(res.status).toBe(400);
      }
      const blocked = await t.http.post('/api/auth/password').set(bearer(token)).send({ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('is refused without a session', async () => {
      expect((await t.http.post('/api/auth/password').send({ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(401);
    });
  });
});
