import { ibanCheckDigits } from '@tremplin/domain';
import { organizationInput, randomSiret, registerAssociation, STRONG_PASSWORD, tokenFromMail, type Registered } from './support/association';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

interface Member { id: string; email: string; fullName: string; isAdmin: boolean; verified: boolean }

describe('organisation profile, members and invitations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ PUBLIC_URL: 'https://tremplin.lenord.example' })));
  afterAll(() => t.close());

  /** Invites `email` into `admin`'s organisation and accepts with the mailed link. */
  async function inviteAndAccept(admin: Registered, email: string, fullName = 'Sophie Delattre'): Promise<{ token: string; userId: string }> {
    const invite = await t.http.post('/api/organizations/mine/invitations').set(bearer(admin.token)).send({ email });
    if (invite.status !== 201) throw new Error(`invite → ${invite.status} ${JSON.stringify(invite.body)}`);
    const token = await tokenFromMail(t, email.toLowerCase(), 'invitation', 'invitation');
    const res = await t.http.post('/api/auth/accept-invitation').send({ token, fullName, password: STRONG_PASSWORD });
    if (res.status !== 201) throw new Error(`accept → ${res.status} ${JSON.stringify(res.body)}`);
    return { token: String(res.body.accessToken), userId: String(res.body.user.id) };
  }

  it('shows the whole profile with the IBAN masked, its members and the version', async () => {
    const reg = await registerAssociation(t, { fullName: 'Karim Benali' });
    const res = await t.http.get('/api/organizations/mine').set(bearer(reg.token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: reg.organizationId, legalName: 'Les Jardins du Cambrésis', legalForm: 'association_1901', territory: 'CAMBRESIS',
      legalRepName: 'Jeanne Lefebvre', legalRepFunction: 'Présidente', contactName: 'Karim Benali', phone: '03 27 00 00 00',
      ibanMasked: 'FR76 **** **** **** **** ***0 189', bic: 'AGRIFRPP', website: 'https://jardins-cambresis.example.org', version: 1,
      members: [{ id: reg.userId, email: reg.email, fullName: 'Karim Benali', isAdmin: true, verified: false }],
      pendingInvitations: [],
    });
    expect(JSON.stringify(res.body)).not.toContain('FR7630006000011234567890189');
  });

  it('updates the profile with optimistic locking, and audits a diff where the IBAN stays masked', async () => {
    const reg = await registerAssociation(t);
    const siret = randomSiret();
    const res = await t.http.patch('/api/organizations/mine').set(bearer(reg.token)).send({
      ...organizationInput({ legalName: 'Jardins solidaires du Cambrésis', siret, iban: 'FR14 2004 1010 0505 0001 3M02 606', bic: 'PSSTFRPPLIL' }),
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ legalName: 'Jardins solidaires du Cambrésis', siret, ibanMasked: 'FR14 **** **** **** **** ***2 606', bic: 'PSSTFRPPLIL', version: 2 });
    const [stored] = await t.sql<{ iban: string; version: number }>(`SELECT iban, version FROM organization WHERE id = $1`, [reg.organizationId]);
    expect(stored).toEqual({ iban: 'FR1420041010050500013M02606', version: 2 });
    const [event] = await t.sql<{ diff: Record<string, { before: unknown; after: unknown }>; actor_id: string }>(
      `SELECT diff, actor_id FROM audit_event WHERE action = 'organization.updated' AND entity_id = $1`, [reg.organizationId],
    );
    expect(event?.actor_id).toBe(reg.userId);
    expect(event?.diff['legalName']).toEqual({ before: 'Les Jardins du Cambrésis', after: 'Jardins solidaires du Cambrésis' });
    expect(event?.diff['ibanMasked']).toEqual({ before: 'FR76 **** **** **** **** ***0 189', after: 'FR14 **** **** **** **** ***2 606' });
    expect(JSON.stringify(event?.diff)).not.toMatch(/FR7630006|FR1420041/);
    expect(Object.keys(event?.diff ?? {})).not.toContain('phone'); // unchanged fields are left out

    // The masked IBAN sent back (or none) keeps the stored one; '' removes it.
    const kept = await t.http.patch('/api/organizations/mine').set(bearer(reg.token)).send({
      ...organizationInput({ siret, iban: res.body.ibanMasked, bic: 'PSSTFRPPLIL' }), version: 2,
    });
    expect(kept.status).toBe(200);
    expect(kept.body.ibanMasked).toBe('FR14 **** **** **** **** ***2 606');
    const removed = await t.http.patch('/api/organizations/mine').set(bearer(reg.token)).send({ ...organizationInput({ siret, iban: '', bic: '' }), version: 3 });
    expect(removed.body).toMatchObject({ ibanMasked: null, bic: null, version: 4 });
  });

  it('leaves the version alone when nothing changed, and audits an IBAN change even when its mask looks the same', async () => {
    const reg = await registerAssociation(t);
    const profile = organizationInput({ siret: (await t.sql<{ siret: string }>(`SELECT siret FROM organization WHERE id = $1`, [reg.organizationId]))[0]?.siret });
    const same = await t.http.patch('/api/organizations/mine').set(bearer(reg.token)).send({ ...profile, version: 1 });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
    expect(await t.sql(`SELECT 1 FROM audit_event WHERE action = 'organization.updated' AND entity_id = $1`, [reg.organizationId])).toHaveLength(0);

    // Another account of the same bank ending with the same four characters: FR76 **** … ***0 189 as well.
    let twin = '';
    for (let n = 0; n < 10_000 && !twin; n++) {
      const bban = `3000600${String(n).padStart(4, '0')}234567890189`;
      if (ibanCheckDigits('FR', bban) === '76' && bban !== '30006000011234567890189') twin = `FR76${bban}`;
    }
    expect(twin).not.toBe('');
    const changed = await t.http.patch('/api/organizations/mine').set(bearer(reg.token)).send({ ...profile, iban: twin, version: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, ibanMasked: 'FR76 **** **** **** **** ***0 189' });
    const [event] = await t.sql<{ diff: Record<string, unknown> }>(`SELECT diff FROM audit_event WHERE action = 'organization.updated' AND entity_id = $1`, [reg.organizationId]);
    expect(event?.diff).toEqual({ ibanMasked: { before: 'FR76 **** **** **** **** ***0 189', after: 'FR76 **** **** **** **** ***0 189' } });
  });

  it('answers 409 STALE_VERSION to a stale write and changes nothing', async () => {
    const reg = await registerAssociation(t);
    const before = await t.sql(`SELECT * FROM organization WHERE id = $1`, [reg.organizationId]);
    const stale = await t.http.patch('/api/organizations/mine').set(bearer(reg.token)).send({ ...organizationInput({ legalName: 'Autre nom' }), version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect(await t.sql(`SELECT * FROM organization WHERE id = $1`, [reg.organizationId])).toEqual(before);
    expect(await t.sql(`SELECT 1 FROM audit_event WHERE action = 'organization.updated' AND entity_id = $1`, [reg.organizationId])).toHaveLength(0);
  });

  it('checks identifiers on update (400 per field) and refuses a SIRET registered by another organisation (409)', async () => {
    const reg = await registerAssociation(t);
    const bad = await t.http.patch('/api/organizations/mine').set(bearer(reg.token)).send({
      ...organizationInput({ siret: '73282932000075', rna: 'W12', iban: 'FR7630006000011234567890188', bic: '1234' }), version: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['bic', 'iban', 'rna', 'siret']);
    const [other] = await t.sql<{ siret: string }>(
      `SELECT o.siret FROM organization o JOIN app_user u ON u.organization_id = o.id WHERE u.email = $1`, [DEMO.association2],
    );
    const taken = await t.http.patch('/api/organizations/mine').set(bearer(reg.token)).send({ ...organizationInput({ siret: other?.siret }), version: 1 });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('SIRET_TAKEN');
    expect((await t.sql<{ version: number }>(`SELECT version FROM organization WHERE id = $1`, [reg.organizationId]))[0]?.version).toBe(1);
  });

  it("keeps each association in its own organisation: association2 neither sees nor changes association1's", async () => {
    // Both demo members administer their organisation (as the seed makes them); set here so the test says so.
    await t.sql(`UPDATE app_user SET organization_admin = true WHERE email IN ($1, $2)`, [DEMO.association1, DEMO.association2]);
    const a1 = await t.login(DEMO.association1);
    const a2 = await t.login(DEMO.association2);
    const mine1 = await t.http.get('/api/organizations/mine').set(bearer(a1));
    const mine2 = await t.http.get('/api/organizations/mine').set(bearer(a2));
    expect(mine1.status).toBe(200);
    expect(mine2.status).toBe(200);
    expect(mine2.body.id).not.toBe(mine1.body.id);
    expect(mine2.body.members.map((m: Member) => m.email)).not.toContain(DEMO.association1);
    // A member of another organisation is "not found", whatever the request.
    const a1Member = (mine1.body.members as Member[])[0];
    for (const isAdmin of [true, false]) {
      const res = await t.http.put(`/api/organizations/mine/members/${a1Member?.id}/admin`).set(bearer(a2)).send({ isAdmin });
      expect(res.status).toBe(404);
    }
    // PATCH /mine only ever reaches one's own organisation: association2's write leaves association1's untouched.
    const before = await t.sql(`SELECT * FROM organization WHERE id = $1`, [mine1.body.id]);
    const write = await t.http.patch('/api/organizations/mine').set(bearer(a2)).send({
      ...organizationInput({ siret: mine2.body.siret ?? undefined, rna: mine2.body.rna ?? undefined, legalName: 'Renommée par association2' }), version: mine2.body.version,
    });
    expect(write.status).toBe(200);
    expect(write.body.id).toBe(mine2.body.id);
    expect(await t.sql(`SELECT * FROM organization WHERE id = $1`, [mine1.body.id])).toEqual(before);
    // Staff have no organisation of their own.
    expect((await t.http.get('/api/organizations/mine').set(bearer(await t.login(DEMO.admin)))).status).toBe(403);
  });

  it('invites a member by email; the accepted invitation signs a verified, non-admin member in', async () => {
    const admin = await registerAssociation(t);
    const invite = await t.http.post('/api/organizations/mine/invitations').set(bearer(admin.token)).send({ email: ' Sophie.Delattre@Jardins.example.org ' });
    expect(invite.status).toBe(201);
    expect(invite.body).toMatchObject({ email: 'sophie.delattre@jardins.example.org' });
    const days = (Date.parse(invite.body.expiresAt) - Date.parse(invite.body.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 1);
    const [mail] = await t.sql<{ subject: string; text_body: string }>(
      `SELECT subject, text_body FROM outbox_mail WHERE to_address = 'sophie.delattre@jardins.example.org' AND kind = 'invitation'`,
    );
    expect(mail?.subject).toBe('Karim Benali vous invite à rejoindre Les Jardins du Cambrésis sur Tremplin');
    expect(mail?.text_body).toMatch(/^https:\/\/tremplin\.lenord\.example\/invitation\?token=[A-Za-z0-9_-]{43}$/m);
    const pending = await t.http.get('/api/organizations/mine').set(bearer(admin.token));
    expect(pending.body.pendingInvitations).toEqual([expect.objectContaining({ id: invite.body.id, email: 'sophie.delattre@jardins.example.org' })]);

    const token = await tokenFromMail(t, 'sophie.delattre@jardins.example.org', 'invitation', 'invitation');
    const weak = await t.http.post('/api/auth/accept-invitation').send({ token, fullName: 'Sophie Delattre', password: 'sophiedelattre' });
    expect(weak.status).toBe(400);
    expect(weak.body.details[0]).toMatchObject({ field: 'password', code: 'PASSWORD_TOO_WEAK' });

    const accepted = await t.http.post('/api/auth/accept-invitation').send({ token, fullName: 'Sophie Delattre', password: STRONG_PASSWORD });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({
      email: 'sophie.delattre@jardins.example.org', role: 'association', organizationId: admin.organizationId, emailVerified: true,
    });
    expect((accepted.headers['set-cookie'] as unknown as string[]).some((c) => c.startsWith('tremplin_refresh='))).toBe(true);
    const members = await t.http.get('/api/organizations/mine').set(bearer(String(accepted.body.accessToken)));
    expect(members.status).toBe(200);
    expect(members.body.pendingInvitations).toEqual([]);
    expect(members.body.members).toEqual(expect.arrayContaining([
      expect.objectContaining({ email: admin.email, isAdmin: true }),
      expect.objectContaining({ email: 'sophie.delattre@jardins.example.org', fullName: 'Sophie Delattre', isAdmin: false, verified: true }),
    ]));
    const actions = await t.sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'organization.%' ORDER BY seq`, [admin.organizationId],
    );
    expect(actions.map((a) => a.action)).toEqual(['organization.registered', 'organization.member-invited', 'organization.invitation-accepted']);

    const again = await t.http.post('/api/auth/accept-invitation').send({ token, fullName: 'Quelqu’un d’autre', password: STRONG_PASSWORD });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVALID_TOKEN');
    // Nor can she be invited twice.
    const twice = await t.http.post('/api/organizations/mine/invitations').set(bearer(admin.token)).send({ email: 'sophie.delattre@jardins.example.org' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('EMAIL_TAKEN');
  });

  it('refuses expired and superseded invitations, and addresses that registered in the meantime', async () => {
    const admin = await registerAssociation(t);
    const email = `invitee-${Date.now()}@example.org`;
    await t.http.post('/api/organizations/mine/invitations').set(bearer(admin.token)).send({ email }).expect(201);
    const first = await tokenFromMail(t, email, 'invitation', 'invitation');
    await t.sql(`UPDATE outbox_mail SET created_at = created_at - interval '1 minute' WHERE to_address = $1`, [email]);
    await t.http.post('/api/organizations/mine/invitations').set(bearer(admin.token)).send({ email }).expect(201);
    const second = await tokenFromMail(t, email, 'invitation', 'invitation');
    expect(second).not.toBe(first);
    const superseded = await t.http.post('/api/auth/accept-invitation').send({ token: first, fullName: 'Invitée', password: STRONG_PASSWORD });
    expect(superseded.body.code).toBe('INVALID_TOKEN');

    await t.sql(`UPDATE invitation SET expires_at = now() - interval '1 second' WHERE email = $1`, [email]);
    const expired = await t.http.post('/api/auth/accept-invitation').send({ token: second, fullName: 'Invitée', password: STRONG_PASSWORD });
    expect(expired.status).toBe(400);
    expect(expired.body.code).toBe('INVALID_TOKEN');

    const late = `late-${Date.now()}@example.org`;
    await t.http.post('/api/organizations/mine/invitations').set(bearer(admin.token)).send({ email: late }).expect(201);
    const lateToken = await tokenFromMail(t, late, 'invitation', 'invitation');
    await registerAssociation(t, { email: late }); // signs up on its own before opening the invitation
    const taken = await t.http.post('/api/auth/accept-invitation').send({ token: lateToken, fullName: 'En retard', password: STRONG_PASSWORD });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('EMAIL_TAKEN');
  });

  it('keeps at least one admin, and only admins change the organisation', async () => {
    const admin = await registerAssociation(t);
    const lastAdmin = await t.http.put(`/api/organizations/mine/members/${admin.userId}/admin`).set(bearer(admin.token)).send({ isAdmin: false });
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.body.code).toBe('LAST_ORGANIZATION_ADMIN');
    expect(lastAdmin.body.message).toMatch(/au moins un administrateur/);

    const member = await inviteAndAccept(admin, `membre-${Date.now()}@example.org`);
    // A plain member reads but may not change anything.
    expect((await t.http.get('/api/organizations/mine').set(bearer(member.token))).status).toBe(200);
    const refusals = [
      await t.http.patch('/api/organizations/mine').set(bearer(member.token)).send({ ...organizationInput(), version: 1 }),
      await t.http.post('/api/organizations/mine/invitations').set(bearer(member.token)).send({ email: 'x@example.org' }),
      await t.http.put(`/api/organizations/mine/members/${member.userId}/admin`).set(bearer(member.token)).send({ isAdmin: true }),
    ];
    expect(refusals.map((r) => [r.status, r.body.code])).toEqual(Array(3).fill([403, 'ORGANIZATION_ADMIN_REQUIRED']));

    // Promote the member, then the first admin may step down; the new one is now the last.
    const promoted = await t.http.put(`/api/organizations/mine/members/${member.userId}/admin`).set(bearer(admin.token)).send({ isAdmin: true });
    expect(promoted.status).toBe(200);
    const stepDown = await t.http.put(`/api/organizations/mine/members/${admin.userId}/admin`).set(bearer(admin.token)).send({ isAdmin: false });
    expect(stepDown.status).toBe(200);
    expect((stepDown.body.members as Member[]).map((m) => [m.id, m.isAdmin])).toEqual(expect.arrayContaining([[admin.userId, false], [member.userId, true]]));
    expect((await t.http.put(`/api/organizations/mine/members/${member.userId}/admin`).set(bearer(member.token)).send({ isAdmin: false })).status).toBe(409);
    expect((await t.http.patch('/api/organizations/mine').set(bearer(admin.token)).send({ ...organizationInput(), version: 1 })).status).toBe(403);
    const [event] = await t.sql<{ diff: unknown; actor_id: string }>(
      `SELECT diff, actor_id FROM audit_event WHERE action = 'organization.member-admin-changed' AND entity_id = $1`, [admin.userId],
    );
    expect(event).toEqual({ diff: { organizationAdmin: { before: true, after: false } }, actor_id: admin.userId });
  });

  it('refuses the last active admin removing their own right (409) even when a deactivated admin remains', async () => {
    const admin = await registerAssociation(t);
    const other = await inviteAndAccept(admin, `ancien-${Date.now()}@example.org`);
    await t.http.put(`/api/organizations/mine/members/${other.userId}/admin`).set(bearer(admin.token)).send({ isAdmin: true }).expect(200);
    // The other admin's account is deactivated by staff: it administers nothing any more.
    await t.http.post(`/api/users/${other.userId}/deactivate`).set(bearer(await t.login(DEMO.admin))).send({}).expect(200);
    const selfDemotion = await t.http.put(`/api/organizations/mine/members/${admin.userId}/admin`).set(bearer(admin.token)).set('Accept-Language', 'en').send({ isAdmin: false });
    expect(selfDemotion.status).toBe(409);
    expect(selfDemotion.body).toMatchObject({ code: 'LAST_ORGANIZATION_ADMIN', message: 'The organisation must keep at least one administrator: appoint another one first.' });
    const [me] = await t.sql<{ organization_admin: boolean }>(`SELECT organization_admin FROM app_user WHERE id = $1`, [admin.userId]);
    expect(me).toEqual({ organization_admin: true });
  });

  it('lets two admins demote each other at the same instant without losing the last admin', async () => {
    const admin = await registerAssociation(t);
    const other = await inviteAndAccept(admin, `second-${Date.now()}@example.org`);
    await t.http.put(`/api/organizations/mine/members/${other.userId}/admin`).set(bearer(admin.token)).send({ isAdmin: true }).expect(200);
    const [a, b] = await Promise.all([
      t.http.put(`/api/organizations/mine/members/${other.userId}/admin`).set(bearer(admin.token)).send({ isAdmin: false }),
      t.http.put(`/api/organizations/mine/members/${admin.userId}/admin`).set(bearer(other.token)).send({ isAdmin: false }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 403]);
    const [{ admins } = { admins: 0 }] = await t.sql<{ admins: number }>(
      `SELECT count(*)::int AS admins FROM app_user WHERE organization_id = $1 AND organization_admin`, [admin.organizationId],
    );
    expect(admins).toBe(1);
  });

  it('answers 404 for a malformed or unknown member id', async () => {
    const admin = await registerAssociation(t);
    expect((await t.http.put('/api/organizations/mine/members/not-a-uuid/admin').set(bearer(admin.token)).send({ isAdmin: true })).status).toBe(404);
    expect((await t.http.put('/api/organizations/mine/members/0b7c2a3e-0000-4000-8000-000000000000/admin').set(bearer(admin.token)).send({ isAdmin: true })).status).toBe(404);
  });
});
