import { registerAssociation, registerBody, STRONG_PASSWORD, tokenFromMail } from './support/association';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

interface Detail { field: string; code?: string; message: string }
const fieldsOf = (body: { details?: Detail[] }) => (body.details ?? []).map((d) => d.field);

describe('association sign-up and email verification', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ PUBLIC_URL: 'https://tremplin.lenord.example' })));
  afterAll(() => t.close());

  it('creates the organisation and its admin member, signs them in and mails a verification link', async () => {
    const body = registerBody();
    const res = await t.http.post('/api/auth/register').send(body);
    expect(res.status).toBe(201);
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.user).toMatchObject({ email: body['email'], role: 'association', emailVerified: false, active: true });
    const cookies = res.headers['set-cookie'] as unknown as string[];
    expect(cookies.find((c) => c.startsWith('tremplin_refresh='))).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/);

    const [user] = await t.sql<{ password_hash: string; organization_admin: boolean; email_verified_at: Date | null }>(
      `SELECT password_hash, organization_admin, email_verified_at FROM app_user WHERE email = $1`, [body['email']],
    );
    expect(user).toMatchObject({ organization_admin: true, email_verified_at: null });
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    const [org] = await t.sql<{ iban: string; bic: string; legal_rep_name: string; territory: string }>(
      `SELECT iban, bic, legal_rep_name, territory FROM organization WHERE id = $1`, [res.body.user.organizationId],
    );
    expect(org).toEqual({ iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', legal_rep_name: 'Jeanne Lefebvre', territory: 'CAMBRESIS' });

    // One mail, in French, with the link; the token is stored only as its SHA-256, for 48 hours.
    const mails = await t.sql<{ subject: string; text_body: string; sent_at: Date | null }>(
      `SELECT subject, text_body, sent_at FROM outbox_mail WHERE to_address = $1 AND kind = 'email-verification'`, [body['email']],
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/Confirmez votre adresse/);
    expect(mails[0]?.text_body).toMatch(/^https:\/\/tremplin\.lenord\.example\/verification\?token=[A-Za-z0-9_-]{43}$/m);
    expect(mails[0]?.sent_at).toBeNull(); // no SMTP in tests: the mail stays in the outbox
    const token = await tokenFromMail(t, String(body['email']), 'email-verification', 'verification');
    const [stored] = await t.sql<{ token_hash: string; hours: number }>(
      `SELECT token_hash, round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM user_token WHERE user_id = $1`, [res.body.user.id],
    );
    expect(stored?.token_hash).not.toContain(token);
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.hours).toBe(48);

    // Audited in the same transaction.
    const events = await t.sql<{ action: string }>(`SELECT action FROM audit_event WHERE actor_id = $1 ORDER BY seq`, [res.body.user.id]);
    expect(events.map((e) => e.action)).toEqual(['organization.registered', 'user.registered']);
    const [registered] = await t.sql<{ diff: Record<string, { after: unknown }> }>(
      `SELECT diff FROM audit_event WHERE action = 'organization.registered' AND entity_id = $1`, [res.body.user.organizationId],
    );
    expect(registered?.diff['ibanMasked']?.after).toBe('FR76 **** **** **** **** ***0 189');
    expect(JSON.stringify(registered?.diff)).not.toContain('FR7630006000011234567890189');

    // The admin reads it on the mail page; nobody else may.
    const admin = await t.login(DEMO.admin);
    const page = await t.http.get(`/api/admin/mails?to=${encodeURIComponent(String(body['email']))}`).set(bearer(admin));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 1, page: 1 });
    expect(page.body.items[0]).toMatchObject({ to: body['email'], kind: 'email-verification', sentAt: null, attempts: 0 });
    expect(page.body.items[0].text).toContain(`/verification?token=${token}`);
    for (const who of [DEMO.association1, DEMO.reviewer, DEMO.finance]) {
      const denied = await t.http.get('/api/admin/mails').set(bearer(await t.login(who)));
      expect(denied.status).toBe(403);
    }
    expect((await t.http.get('/api/admin/mails')).status).toBe(401);
  });

  it('lists mails newest first, filters by kind, and pages', async () => {
    const admin = await t.login(DEMO.admin);
    const a = await registerAssociation(t);
    const b = await registerAssociation(t);
    const res = await t.http.get('/api/admin/mails?kind=email-verification&pageSize=2').set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.pageSize).toBe(2);
    expect(res.body.total).toBeGreaterThanOrEqual(3);
    expect(res.body.items.map((m: { to: string }) => m.to)).toEqual([b.email, a.email]);
    expect(res.body.items.every((m: { kind: string }) => m.kind === 'email-verification')).toBe(true);
    // Kinds are a closed list (MAIL_KINDS, CHECKed in the database): an unknown one is a 400 naming the field.
    const unknown = await t.http.get('/api/admin/mails?kind=nothing-like-this').set(bearer(admin));
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0]).toMatchObject({ field: 'kind' });
    const none = await t.http.get('/api/admin/mails?kind=message').set(bearer(admin));
    expect(none.body).toMatchObject({ total: 0, items: [] });
  });

  it('verifies the email once with the link; the token then no longer works', async () => {
    const reg = await registerAssociation(t);
    const before = await t.http.get('/api/auth/me').set(bearer(reg.token));
    expect(before.body.emailVerified).toBe(false);
    const token = await tokenFromMail(t, reg.email, 'email-verification', 'verification');

    const verify = await t.http.post('/api/auth/verify-email').send({ token });
    expect(verify.status).toBe(204);
    const after = await t.http.get('/api/auth/me').set(bearer(reg.token));
    expect(after.body.emailVerified).toBe(true);
    const [event] = await t.sql<{ actor_id: string }>(`SELECT actor_id FROM audit_event WHERE action = 'user.email-verified' AND entity_id = $1`, [reg.userId]);
    expect(event?.actor_id).toBe(reg.userId);

    const again = await t.http.post('/api/auth/verify-email').send({ token });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVALID_TOKEN');
    const bogus = await t.http.post('/api/auth/verify-email').send({ token: 'A'.repeat(43) });
    expect(bogus.body.code).toBe('INVALID_TOKEN');
    // Already verified: resending is pointless.
    const resend = await t.http.post('/api/auth/resend-verification').set(bearer(reg.token));
    expect(resend.status).toBe(409);
    expect(resend.body.code).toBe('EMAIL_ALREADY_VERIFIED');
  });

  it('refuses an expired link', async () => {
    const reg = await registerAssociation(t);
    const token = await tokenFromMail(t, reg.email, 'email-verification', 'verification');
    await t.sql(`UPDATE user_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [reg.userId]);
    const res = await t.http.post('/api/auth/verify-email').send({ token });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_TOKEN');
    expect((await t.http.get('/api/auth/me').set(bearer(reg.token))).body.emailVerified).toBe(false);
  });

  it('resends a verification link at most once a minute, and the new link works', async () => {
    const reg = await registerAssociation(t);
    const tooSoon = await t.http.post('/api/auth/resend-verification').set(bearer(reg.token));
    expect(tooSoon.status).toBe(429);
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(tooSoon.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A minute later (moved back in time rather than waited for):
    await t.sql(`UPDATE user_token SET created_at = created_at - interval '61 seconds' WHERE user_id = $1`, [reg.userId]);
    const resent = await t.http.post('/api/auth/resend-verification').set(bearer(reg.token));
    expect(resent.status).toBe(204);
    const [{ count } = { count: 0 }] = await t.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM outbox_mail WHERE to_address = $1 AND kind = 'email-verification'`, [reg.email],
    );
    expect(count).toBe(2);
    const again = await t.http.post('/api/auth/resend-verification').set(bearer(reg.token));
    expect(again.status).toBe(429);
    const token = await tokenFromMail(t, reg.email, 'email-verification', 'verification');
    expect((await t.http.post('/api/auth/verify-email').send({ token })).status).toBe(204);
  });

  it('names each bad identifier in a 400, with a localised message', async () => {
    const res = await t.http.post('/api/auth/register').send(
      registerBody({}, { siret: '73282932000075', rna: 'W59501234X', iban: 'FR7630006000011234567890188', bic: 'AGRI-FR' }),
    );
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body).sort()).toEqual(['organization.bic', 'organization.iban', 'organization.rna', 'organization.siret']);
    const siret = (res.body.details as Detail[]).find((d) => d.field === 'organization.siret');
    expect(siret).toMatchObject({ code: 'SIRET_INVALID' });
    expect(siret?.message).toMatch(/SIRET invalide/);
    const english = await t.http.post('/api/auth/register').set('Accept-Language', 'en').send(registerBody({}, { iban: 'FR7630006000011234567890188' }));
    expect(english.body.details).toEqual([expect.objectContaining({ field: 'organization.iban', message: expect.stringMatching(/^Invalid IBAN/) })]);
  });

  it('needs a SIRET or an RNA number, and accepts either alone', async () => {
    const neither = await t.http.post('/api/auth/register').send(registerBody({}, { siret: undefined }));
    expect(neither.status).toBe(400);
    expect(fieldsOf(neither.body)).toEqual(['organization.siret', 'organization.rna']);
    const rnaOnly = await t.http.post('/api/auth/register').send(registerBody({}, { siret: undefined, rna: 'w595012345' }));
    expect(rnaOnly.status).toBe(201);
    const [org] = await t.sql<{ siret: string | null; rna: string }>(`SELECT siret, rna FROM organization WHERE id = $1`, [rnaOnly.body.user.organizationId]);
    expect(org).toEqual({ siret: null, rna: 'W595012345' });
  });

  it("accepts La Poste's SIRETs, whose key is a digit sum divisible by 5 rather than Luhn", async () => {
    const res = await t.http.post('/api/auth/register').send(registerBody({}, { siret: '356 000 000 00048' }));
    expect(res.status).toBe(201);
    const [org] = await t.sql<{ siret: string }>(`SELECT siret FROM organization WHERE id = $1`, [res.body.user.organizationId]);
    expect(org?.siret).toBe('35600000000048');
    // 35600000049837 fails Luhn but its digits add up to 45: valid for La Poste only.
    expect((await t.http.post('/api/auth/register').send(registerBody({}, { siret: '35600000049837' }))).status).toBe(201);
    // The same rule does not save another SIREN (digit sum 45, no Luhn key).
    const notLaPoste = await t.http.post('/api/auth/register').send(registerBody({}, { siret: '35700000049836' }));
    expect(notLaPoste.status).toBe(400);
    expect(fieldsOf(notLaPoste.body)).toEqual(['organization.siret']);
  });

  it('answers 409 for a SIRET already registered, telling the person to ask for an invitation', async () => {
    const [existing] = await t.sql<{ siret: string }>(`SELECT siret FROM organization WHERE siret IS NOT NULL ORDER BY legal_name LIMIT 1`);
    const body = registerBody({}, { siret: existing?.siret });
    const res = await t.http.post('/api/auth/register').send(body);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SIRET_TAKEN');
    expect(res.body.message).toMatch(/administrateur.*invit/);
    const english = await t.http.post('/api/auth/register').set('Accept-Language', 'en').send(registerBody({}, { siret: existing?.siret }));
    expect(english.body.message).toMatch(/administrator to invite you/);
    expect(await t.sql(`SELECT 1 FROM app_user WHERE email = $1`, [body['email']])).toHaveLength(0);
  });

  it('answers 409 EMAIL_TAKEN for an address already used, and creates nothing', async () => {
    const siret = '73282932000074';
    const res = await t.http.post('/api/auth/register').send(registerBody({ email: DEMO.reviewer.toUpperCase() }, { siret }));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
    expect(await t.sql(`SELECT 1 FROM organization WHERE siret = $1`, [siret])).toHaveLength(0);
  });

  it('refuses short, common or personal passwords on the field password', async () => {
    for (const password of ['motdepasse123', 'azertyuiop12', 'Jardins-Cambresis', 'karimbenali59']) {
      const res = await t.http.post('/api/auth/register').send(registerBody({ password }));
      expect({ password, status: res.status }).toEqual({ password, status: 400 });
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'password', code: 'PASSWORD_TOO_WEAK', message: expect.stringMatching(/trop facile à deviner/) })]);
    }
    const short = await t.http.post('/api/auth/register').send(registerBody({ password: 'Xk#9vq!Lr2' }));
    expect(short.status).toBe(400);
    expect(fieldsOf(short.body)).toEqual(['password']);
    const strong = await t.http.post('/api/auth/register').send(registerBody({ password: STRONG_PASSWORD }));
    expect(strong.status).toBe(201);
  });

  it('gives the same organisation to concurrent sign-ups with one SIRET only once', async () => {
    const siret = registerBody().organization as { siret: string };
    const attempts = await Promise.all([1, 2, 3].map(() => t.http.post('/api/auth/register').send(registerBody({}, { siret: siret.siret }))));
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(attempts.filter((r) => r.status === 409).every((r) => r.body.code === 'SIRET_TAKEN')).toBe(true);
  });
});
