import type { CallInput } from '@tremplin/contracts';
import { createServer, Socket as NetSocket, type Server, type Socket } from 'node:net';
import request from 'supertest';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/core/config/config';
import { nord2016Call } from '../src/seed/nord-2016';
import { DEMO_PASSWORD } from '../src/seed/seed';
import { createDraft, openCall, readyDraft, submit } from './support/application-fixtures';
import { organizationInput, registerAssociation } from './support/association';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/** Issue 6 §6: bad input and faults answer 4xx/503 naming what is wrong, never 500. */
describe('robustness: bad input and faults never give a 500', () => {
  let t: TestApp;
  let a1: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    a1 = await t.login(DEMO.association1);
    admin = await t.login(DEMO.admin);
  });
  afterAll(() => t.close());

  describe('deeply nested JSON', () => {
    it('answers 400 naming the body for 2,000 levels of arrays, anonymously, on login', async () => {
      const body = `{"email":${'['.repeat(2000)}${']'.repeat(2000)},"password":"x"}`;
      const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').set('Accept-Language', 'en').send(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body', code: 'JSON_TOO_DEEP', message: 'JSON nested deeper than 32 levels' }] });
    });

    it('answers 400 for 2,000 levels of objects', async () => {
      const body = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
      const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'body', code: 'JSON_TOO_DEEP', message: 'JSON imbriqué sur plus de 32 niveaux' }]);
    });

    it('still accepts brackets inside strings and ordinary nesting', async () => {
      const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json')
        .send(JSON.stringify({ email: 'nobody@example.org', password: `${'[{'.repeat(50)}"\\"]` }));
      expect(res.status).toBe(401);
    });
  });

  describe('draft save with the wrong shapes', () => {
    it.each([
      ['project: []', { project: [] }, 'project'],
      ['declaration: []', { declaration: [] }, 'declaration'],
      ['budget: [[]]', { budget: [[]] }, 'budget'],
      ['axisCode: null', { axisCode: null }, 'axisCode'],
      ['title: null', { title: null }, 'title'],
      ['project: "text"', { project: 'text' }, 'project'],
      ['budget charges: []', { budget: [{ year: 2030, charges: [], products: {}, otherFunderName: '' }] }, 'budget[0].charges'],
    ])('refuses %s with 400 naming the field, and stores nothing', async (_label, patch, field) => {
      const call = await openCall(t);
      const draft = await createDraft(t, a1, call.id);
      const filled = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1))
        .send({ version: draft.version, summary: 'Résumé conservé', project: { objectives: 'Objectifs conservés' } });
      expect(filled.status).toBe(200);
      const [before] = await t.sql('SELECT title, summary, project, budget, declaration, axis_id, version FROM application WHERE id = $1', [draft.id]);

      const res = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1)).send({ version: filled.body.version, ...patch });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect((res.body.details as Array<{ field: string }>).map((d) => d.field)).toContain(field);

      const [after] = await t.sql('SELECT title, summary, project, budget, declaration, axis_id, version FROM application WHERE id = $1', [draft.id]);
      expect(after).toEqual(before);
      expect((after as { project: { objectives: string } }).project.objectives).toBe('Objectifs conservés');
    });
  });

  it('refuses an impossible date in the audit filter (400 naming it)', async () => {
    const res = await t.http.get('/api/audit-events?to=2027-02-30').set(bearer(admin));
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'to' })]);
    const leap = await t.http.get('/api/audit-events?from=2028-02-29&to=2028-03-01T10:00:00Z').set(bearer(admin));
    expect(leap.status).toBe(200);
    const month = await t.http.get('/api/audit-events?from=2027-13-01').set(bearer(admin));
    expect(month.status).toBe(400);
    expect(month.body.details).toEqual([expect.objectContaining({ field: 'from' })]);
  });

  describe('characters the database cannot store', () => {
    it('refuses U+0000 in an organisation field, naming that field', async () => {
      const reg = await registerAssociation(t);
      const res = await t.http.patch('/api/organizations/mine').set(bearer(reg.token))
        .send({ ...organizationInput({ city: 'Cam\u0000brai' }), version: 1 });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'city', code: 'TEXT_INVALID_CHARACTER', message: expect.any(String) }]);
      const [org] = await t.sql<{ city: string }>('SELECT city FROM organization WHERE id = $1', [reg.organizationId]);
      expect(org?.city).toBe('Cambrai');
    });

    it('refuses a lone surrogate in an organisation field instead of storing U+FFFD', async () => {
      const reg = await registerAssociation(t);
      const res = await t.http.patch('/api/organizations/mine').set(bearer(reg.token))
        .send({ ...organizationInput({ legalName: 'Les Jardins \ud83d' }), version: 1 });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'legalName', code: 'TEXT_INVALID_CHARACTER', message: expect.any(String) }]);
      const [org] = await t.sql<{ legal_name: string }>('SELECT legal_name FROM organization WHERE id = $1', [reg.organizationId]);
      expect(org?.legal_name).toBe('Les Jardins du Cambrésis');
    });

    it('refuses a lone surrogate in a sign-up, naming the nested field', async () => {
      const res = await t.http.post('/api/auth/register').send({
        email: 'surrogate@jardins.example.org', fullName: 'Karim Benali', password: 'girafe-parapluie-tambour-59',
        organization: organizationInput({ addressLine: '12 rue \udc00 des Liniers' }),
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'organization.addressLine', code: 'TEXT_INVALID_CHARACTER', message: expect.any(String) }]);
      expect(await t.sql(`SELECT 1 FROM app_user WHERE email = 'surrogate@jardins.example.org'`)).toEqual([]);
    });

    it('refuses a lone surrogate in a message, and keeps proper emoji pairs', async () => {
      const call = await openCall(t);
      const draft = await submit(t, a1, await readyDraft(t, a1, DEMO.association1, call));
      const bad = await t.http.post(`/api/applications/${draft.id}/messages`).set(bearer(a1)).send({ body: 'Bonjour \ude00' });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([{ field: 'body', code: 'TEXT_INVALID_CHARACTER', message: 'Ce texte contient un caractère qui ne peut pas être enregistré (caractère nul ou codage invalide).' }]);
      expect(await t.sql(`SELECT 1 FROM application_message WHERE application_id = $1`, [draft.id])).toEqual([]);
      const good = await t.http.post(`/api/applications/${draft.id}/messages`).set(bearer(a1)).send({ body: 'Bonjour 😀' });
      expect(good.status).toBe(201);
      expect((await t.sql<{ body: string }>(`SELECT body FROM application_message WHERE application_id = $1`, [draft.id]))[0]?.body).toBe('Bonjour 😀');
    });

    it('refuses U+0000 in a query string, naming the parameter', async () => {
      const res = await t.http.get('/api/users?q=a%00b').set(bearer(admin));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'q', code: 'TEXT_INVALID_CHARACTER' })]);
    });
  });

  describe('unique-key races', () => {
    it('two staff accounts with one email at once: one 201, one 409 EMAIL_TAKEN', async () => {
      const body = { email: 'course@departement.example.org', fullName: 'Claire Dubois', role: 'reviewer', password: 'girafe-parapluie-tambour-59' };
      const results = await Promise.all(Array.from({ length: 6 }, () => t.http.post('/api/users').set(bearer(admin)).send(body)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ code: 'EMAIL_TAKEN', message: 'Un compte existe déjà avec cette adresse e-mail.' });
      expect(await t.sql(`SELECT 1 FROM app_user WHERE email = 'course@departement.example.org'`)).toHaveLength(1);
    });

    it('two calls with one code at once: one 201, one 409 CALL_CODE_TAKEN', async () => {
      const call: CallInput = { ...nord2016Call(), code: 'AAP-COURSE', opensAt: '2031-01-01T08:00:00.000Z', closesAt: '2031-03-01T11:00:00.000Z' };
      const results = await Promise.all(Array.from({ length: 4 }, () => t.http.post('/api/calls').set(bearer(admin)).set('Accept-Language', 'en').send(call)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ code: 'CALL_CODE_TAKEN', message: 'A call already uses this code.' });
    });

    it('any other unique key: 409 DUPLICATE_VALUE naming the field, without the value', async () => {
      // A duplicate nobody checks for explicitly: the filter alone maps it.
      const [token] = await t.sql<{ token_hash: string; user_id: string }>('SELECT token_hash, user_id FROM refresh_token LIMIT 1');
      expect(token).toBeDefined();
      const { HttpExceptionFilter } = await import('../src/core/errors/http-exception.filter');
      const { QueryFailedError } = await import('typeorm');
      let thrown: unknown;
      try {
        await t.dataSource.query('INSERT INTO refresh_token (user_id, token_hash, family_id, expires_at) SELECT user_id, token_hash, family_id, expires_at FROM refresh_token LIMIT 1');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(QueryFailedError);
      const sent: { status?: number; body?: Record<string, unknown> } = {};
      const response = { sent: false, header() { return this; }, code(code: number) { sent.status = code; return this; }, send(b: Record<string, unknown>) { sent.body = b; return this; } };
      const host = { switchToHttp: () => ({ getRequest: () => ({ headers: { 'accept-language': 'en' }, method: 'POST', url: '/x', id: 'r' }), getResponse: () => response }) };
      new HttpExceptionFilter().catch(thrown, host as never);
      expect(sent.status).toBe(409);
      expect(sent.body).toMatchObject({ code: 'DUPLICATE_VALUE', message: 'This value is already used.', details: [{ field: 'tokenHash', code: 'DUPLICATE_VALUE', message: 'already used' }] });
      expect(JSON.stringify(sent.body)).not.toContain(token?.token_hash ?? '?');
    });
  });

  describe('database unreachable', () => {
    /** A TCP relay to PostgreSQL that the test can cut, as a network failure or a stopped server would. */
    function relay(target: URL): Promise<{ url: string; cut(): void }> {
      const sockets = new Set<Socket>();
      const server: Server = createServer((client) => {
        const upstream = new NetSocket();
        upstream.connect(Number(target.port), target.hostname);
        client.pipe(upstream).pipe(client);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => sockets.delete(s));
        }
      });
      return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
        const address = server.address() as { port: number };
        const url = new URL(target.toString());
        url.port = String(address.port);
        resolve({
          url: url.toString(),
          cut: () => {
            server.close();
            for (const s of sockets) s.destroy();
          },
        });
      }));
    }

    it('answers 503 with Retry-After to logins, reads and writes, and health says down', async () => {
      const link = await relay(new URL(t.databaseUrl));
      const config = loadConfig({
        NODE_ENV: 'test', JWT_SECRET: 'test-secret-that-is-long-enough-0123456789', DATA_DIR: '/tmp/tremplin-test-data',
        WEB_DIST_DIR: '/nonexistent', LOG_LEVEL: 'error', SEED_DEMO: 'false',
      });
      const app = await createApp(config, link.url, { logger: false });
      try {
        const http = request(app.getHttpServer());
        const loggedIn = (await http.post('/api/auth/login').send({ email: DEMO.admin, password: DEMO_PASSWORD })).body.accessToken as string;
        expect(loggedIn).toEqual(expect.any(String));
        expect((await http.get('/api/calls')).status).toBe(200);
        link.cut();

        const login = await http.post('/api/auth/login').set('Accept-Language', 'en').send({ email: DEMO.admin, password: 'whatever-password' });
        expect(login.status).toBe(503);
        expect(login.headers['retry-after']).toBe('5');
        expect(login.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable.' });
        const read = await http.get('/api/calls');
        expect(read.status).toBe(503);
        expect(read.headers['retry-after']).toBe('5');
        const write = await http.post('/api/calls').set(bearer(loggedIn)).send({ ...nord2016Call(), code: 'AAP-PANNE' });
        expect(write.status).toBe(503);
        expect(write.body.code).toBe('SERVICE_UNAVAILABLE');
        const health = await http.get('/api/health');
        expect(health.status).toBe(503);
      } finally {
        link.cut();
        await app.close().catch(() => undefined);
      }
    });
  });
});
