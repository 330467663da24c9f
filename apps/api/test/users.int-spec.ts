import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

describe('staff accounts', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
  });
  afterAll(() => t.close());

  it('lets an admin create a reviewer who can then sign in', async () => {
    const res = await t.http.post('/api/users').set(bearer(admin)).send({
      email: 'Nouvelle.Evaluatrice@lenord.fr', fullName: 'Nadia Nouvelle', role: 'reviewer', password: 'un mot de passe solide',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: 'nouvelle.evaluatrice@lenord.fr', role: 'reviewer', active: true });
    expect(res.body.passwordHash).toBeUndefined();
    const login = await t.http.post('/api/auth/login').send({ email: 'nouvelle.evaluatrice@lenord.fr', password: 'un mot de passe solide' });
    expect(login.status).toBe(200);
    const [row] = await t.sql<{ password_hash: string }>(`SELECT password_hash FROM app_user WHERE email = 'nouvelle.evaluatrice@lenord.fr'`);
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses an association role, a short password and a taken email', async () => {
    const base = { email: 'x@lenord.fr', fullName: 'X Y', role: 'reviewer', password: 'assez-long-mot-de-passe' };
    const asAssociation = await t.http.post('/api/users').set(bearer(admin)).send({ ...base, role: 'association' });
    expect(asAssociation.status).toBe(400);
    expect(asAssociation.body.details[0].field).toBe('role');
    const short = await t.http.post('/api/users').set(bearer(admin)).send({ ...base, password: 'court' });
    expect(short.status).toBe(400);
    expect(short.body.details[0]).toMatchObject({ field: 'password', message: 'doit contenir au moins 12 caractères' });
    const taken = await t.http.post('/api/users').set(bearer(admin)).send({ ...base, email: DEMO.finance });
    expect(taken.status).toBe(409);
  });

  it('gives staff accounts the associations\' password policy: common or personal passwords are refused, nothing is created', async () => {
    const base = { email: 'claire.dubois@lenord.fr', fullName: 'Claire Dubois', role: 'finance' };
    for (const password of ['motdepasse123', 'azertyuiop12', 'clairedubois59', 'Motdepasse2016']) {
      const res = await t.http.post('/api/users').set(bearer(admin)).send({ ...base, password });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'password', code: 'PASSWORD_TOO_WEAK' })]);
    }
    expect(await t.sql(`SELECT id FROM app_user WHERE email = 'claire.dubois@lenord.fr'`)).toEqual([]);
    const strong = await t.http.post('/api/users').set(bearer(admin)).send({ ...base, password: 'girafe-parapluie-tambour-59' });
    expect(strong.status).toBe(201);
  });

  it('lists accounts with paging and filters', async () => {
    // The two demo association accounts (seeded organisations have members with other addresses).
    const res = await t.http.get('/api/users?role=association&q=@demo.tremplin.fr&pageSize=1').set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    const all = await t.http.get('/api/users?role=association&pageSize=500').set(bearer(admin));
    expect(all.body.items).toHaveLength(100); // page size is capped: no request loads a whole table
    expect(res.body.items[0].organizationName).toBeTruthy();
    const search = await t.http.get('/api/users?q=evaluat').set(bearer(admin));
    expect(search.body.items.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining([DEMO.reviewer, DEMO.reviewer2]));
  });

  it('refuses that an admin deactivates itself, and 404s an unknown account', async () => {
    const me = await t.http.get('/api/auth/me').set(bearer(admin));
    expect((await t.http.post(`/api/users/${me.body.id}/deactivate`).set(bearer(admin))).status).toBe(409);
    expect((await t.http.post('/api/users/0b7c2a3e-0000-4000-8000-000000000000/deactivate').set(bearer(admin))).status).toBe(404);
  });

  it('reactivates an account', async () => {
    const [user] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [DEMO.reviewer2]);
    await t.http.post(`/api/users/${user?.id}/deactivate`).set(bearer(admin)).expect(200);
    const res = await t.http.post(`/api/users/${user?.id}/reactivate`).set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(true);
    expect((await t.http.post('/api/auth/login').send({ email: DEMO.reviewer2, password: 'Tremplin-2016!' })).status).toBe(200);
  });
});
