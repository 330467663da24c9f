import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

describe('errors and health', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers unknown API routes with the JSON error shape', async () => {
    const res = await t.http.get('/api/does-not-exist').set('Accept-Language', 'en');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'ROUTE_NOT_FOUND', message: 'This API route does not exist.' });
  });

  it('answers malformed JSON with 400 naming the body, not 500', async () => {
    const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'body', message: expect.any(String) }]);
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(JSON.stringify({ email: 'a'.repeat(2_000_000) }));
    expect(res.status).toBe(413);
  });

  it('speaks French by default and English on request', async () => {
    const fr = await t.http.post('/api/auth/login').send({ email: 'x@example.org', password: 'nope' });
    const en = await t.http.post('/api/auth/login').set('Accept-Language', 'en-GB,en;q=0.9').send({ email: 'x@example.org', password: 'nope' });
    expect(fr.body.message).toBe('Adresse e-mail ou mot de passe incorrect.');
    expect(en.body.message).toBe('Incorrect email or password.');
  });

  it('names a missing field once, as required', async () => {
    const res = await t.http.post('/api/auth/login').send({ password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'email', code: 'required', message: 'champ obligatoire' }]);
  });

  it('sets security headers and a request id', async () => {
    const res = await t.http.get('/api/health').set('X-Request-Id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reports a healthy database', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('organisation data stays with its members', async () => {
    const one = await t.http.get('/api/organizations/mine').set(bearer(await t.login(DEMO.association1)));
    const two = await t.http.get('/api/organizations/mine').set(bearer(await t.login(DEMO.association2)));
    expect(one.status).toBe(200);
    expect(two.status).toBe(200);
    expect(one.body.id).not.toBe(two.body.id);
    expect(one.body.siret).toMatch(/^\d{14}$/);
  });

  it('answers 503 when the database is down', async () => {
    const down = await import('./support/test-app').then((m) => m.startTestApp());
    await down.dataSource.destroy();
    const res = await down.http.get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'degraded', database: 'down' });
    await down.close().catch(() => undefined);
  });
});
