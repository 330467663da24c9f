import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageView } from '@tremplin/contracts';
import { insertApplication } from './support/applications-sql';
import { pdf, png } from './support/document-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

describe('application message thread', () => {
  let t: TestApp;
  let storageDir: string;
  let association1: string;
  let association2: string;
  let admin: string;
  let reviewer: string;
  let finance: string;

  const thread = (token: string, id: string) => t.http.get(`/api/applications/${id}/messages`).set(bearer(token));
  const post = (token: string, id: string, body: Record<string, unknown>) => t.http.post(`/api/applications/${id}/messages`).set(bearer(token)).send(body);
  const unread = async (token: string, id: string) => {
    const res = await t.http.get(`/api/applications/${id}/messages/unread-count`).set(bearer(token));
    expect(res.status).toBe(200);
    return (res.body as { unread: number }).unread;
  };
  const mails = (applicationRef: string) =>
    t.sql<{ to_address: string; subject: string; text_body: string; kind: string }>(
      "SELECT to_address, subject, text_body, kind FROM outbox_mail WHERE kind = 'message' AND subject LIKE '%' || $1 || '%' ORDER BY created_at, to_address",
      [applicationRef],
    );
  const referenceOf = async (id: string) => (await t.sql<{ reference: string }>('SELECT reference FROM application WHERE id = $1', [id]))[0]?.reference ?? '';

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'tremplin-messages-'));
    t = await startTestApp({ STORAGE_DIR: storageDir });
    association1 = await t.login(DEMO.association1);
    association2 = await t.login(DEMO.association2);
    admin = await t.login(DEMO.admin);
    reviewer = await t.login(DEMO.reviewer);
    finance = await t.login(DEMO.finance);
  });
  afterAll(async () => {
    await t.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  it('carries messages both ways with unread counts, attachments and a mail to the other side', async () => {
    const id = await insertApplication(t, DEMO.association1, 'submitted');
    const reference = await referenceOf(id);
    expect(await unread(admin, id)).toBe(0);

    // The association writes: the Département's active administrators get a mail.
    const first = await post(association1, id, { body: 'Bonjour, nous avons une question sur le budget 2017.' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ body: 'Bonjour, nous avons une question sur le budget 2017.', mine: true, authorName: 'Émilie Martin', authorRole: 'association', documents: [] });
    const admins = await t.sql<{ email: string }>("SELECT email FROM app_user WHERE role = 'admin' AND active ORDER BY email");
    const toStaff = await mails(reference);
    expect(toStaff.map((m) => m.to_address)).toEqual(admins.map((a) => a.email));
    expect(toStaff[0]?.text_body).toContain(`/instruction/${id}`); // the staff page in apps/web
    expect(toStaff[0]?.text_body).not.toContain('question sur le budget');

    expect(await unread(admin, id)).toBe(1);
    expect(await unread(association1, id)).toBe(0); // one's own messages are never unread

    // The administrator reads the thread: it is marked read for them only.
    const seen = await thread(admin, id);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual([expect.objectContaining({ id: first.body.id, mine: false, authorName: 'Émilie Martin', authorRole: 'association' })]);
    expect(await unread(admin, id)).toBe(0);

    // The administrator answers with an attachment: the organisation's members get a mail.
    const file = await t.http.post(`/api/applications/${id}/messages/attachments`).set(bearer(admin)).attach('file', png(), 'tableau.png');
    expect(file.status).toBe(201);
    const answer = await post(admin, id, { body: 'Voici le modèle attendu.', documentIds: [file.body.id] });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ mine: true, authorRole: 'admin', documents: [expect.objectContaining({ id: file.body.id, kind: 'message', fileName: 'tableau.png' })] });
    const [linked] = await t.sql<{ message_id: string }>('SELECT message_id FROM application_document WHERE id = $1', [file.body.id]);
    expect(linked?.message_id).toBe(answer.body.id);
    const members = await t.sql<{ email: string }>(
      "SELECT email FROM app_user WHERE role = 'association' AND active AND organization_id = (SELECT organization_id FROM application WHERE id = $1) ORDER BY email",
      [id],
    );
    const toAssociation = (await mails(reference)).filter((m) => !admins.some((a) => a.email === m.to_address));
    expect(toAssociation.map((m) => m.to_address)).toEqual(members.map((m) => m.email));
    expect(toAssociation.map((m) => m.to_address)).toContain(DEMO.association1);
    expect(toAssociation[0]?.text_body).toContain(`/candidatures/${id}`);

    expect(await unread(association1, id)).toBe(1);
    const received = await thread(association1, id);
    expect((received.body as MessageView[]).map((m) => [m.body, m.mine, m.documents.map((d) => d.id)])).toEqual([
      ['Bonjour, nous avons une question sur le budget 2017.', true, []],
      ['Voici le modèle attendu.', false, [file.body.id]],
    ]);
    expect(await unread(association1, id)).toBe(0);
    // Reading again moves the marker on (the upsert path) and new messages count again.
    await post(admin, id, { body: 'Autre précision.' });
    expect(await unread(association1, id)).toBe(1);
    expect((await thread(association1, id)).body).toHaveLength(3);
    expect(await unread(association1, id)).toBe(0);
    // Once sent, the attachment is part of the thread: both sides list and download it.
    expect((await t.http.get(`/api/applications/${id}/documents/${file.body.id}`).set(bearer(association1))).status).toBe(200);
    expect((await t.http.delete(`/api/applications/${id}/documents/${file.body.id}`).set(bearer(association1))).body.code).toBe('ATTACHMENT_SENT');

    const audit = await t.sql<{ action: string; actor_email: string }>(
      "SELECT action, actor_email FROM audit_event WHERE entity_type = 'application_message' AND entity_id = ANY($1::text[]) ORDER BY seq",
      [[first.body.id, answer.body.id]],
    );
    expect(audit).toEqual([{ action: 'message.posted', actor_email: DEMO.association1 }, { action: 'message.posted', actor_email: DEMO.admin }]);
  });

  it('counts unread messages for several applications at once (for lists)', async () => {
    const a = await insertApplication(t, DEMO.association1, 'submitted');
    const b = await insertApplication(t, DEMO.association1, 'submitted');
    await post(admin, a, { body: 'un' });
    await post(admin, a, { body: 'deux' });
    await post(admin, b, { body: 'trois' });
    const { unreadMessagesSql } = await import('../src/messages/unread');
    const [user] = await t.sql<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [DEMO.association1]);
    const unread = async () => {
      const rows = await t.dataSource
        .createQueryBuilder()
        .select('a.id', 'id')
        .addSelect(unreadMessagesSql('a.id', ':viewerId'), 'unread')
        .from('application', 'a')
        .where('a.id IN (:...ids)', { ids: [a, b] })
        .setParameter('viewerId', user?.id)
        .getRawMany<{ id: string; unread: number }>();
      return Object.fromEntries(rows.map((r) => [r.id, r.unread]));
    };
    expect(await unread()).toEqual({ [a]: 2, [b]: 1 });
    await thread(association1, b);
    expect(await unread()).toEqual({ [a]: 2, [b]: 0 });
  });

  it('stores the body exactly as sent', async () => {
    const id = await insertApplication(t, DEMO.association1, 'submitted');
    const body = "  <script>alert('x')</script>\n\u202e'; DROP TABLE application; --\t😀 é\u0301  ";
    expect((await post(association1, id, { body })).body.body).toBe(body);
    expect((await thread(admin, id)).body[0].body).toBe(body);
  });

  it('attaches only the caller’s own unsent message files of this application', async () => {
    const id = await insertApplication(t, DEMO.association1, 'submitted');
    const other = await insertApplication(t, DEMO.association1, 'submitted');
    const mine = await t.http.post(`/api/applications/${id}/messages/attachments`).set(bearer(association1)).attach('file', pdf(), 'a.pdf');
    const staffs = await t.http.post(`/api/applications/${id}/messages/attachments`).set(bearer(admin)).attach('file', pdf(), 'b.pdf');
    const elsewhere = await t.http.post(`/api/applications/${other}/messages/attachments`).set(bearer(association1)).attach('file', pdf(), 'c.pdf');
    const content = await t.sql<{ id: string }>(
      `INSERT INTO application_document (application_id, kind, file_name, mime_type, size_bytes, sha256, storage_key, uploaded_by)
       SELECT $1, 'statutes', 'statuts.pdf', 'application/pdf', 1, repeat('0', 64), gen_random_uuid()::text, id FROM app_user WHERE email = $2 RETURNING id`,
      [id, DEMO.association1],
    );
    const refused = await post(association1, id, {
      body: 'Pièces', documentIds: [mine.body.id, staffs.body.id, elsewhere.body.id, content[0]?.id, '6f1c2a4e-8b0d-4c3e-9a1f-2b3c4d5e6f70'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual([
      'documentIds[1]:DOCUMENT_NOT_ATTACHABLE', 'documentIds[2]:DOCUMENT_NOT_ATTACHABLE', 'documentIds[3]:DOCUMENT_NOT_ATTACHABLE', 'documentIds[4]:DOCUMENT_NOT_ATTACHABLE',
    ]);
    expect((await thread(admin, id)).body).toEqual([]); // nothing was written

    const sent = await post(association1, id, { body: 'Pièce jointe', documentIds: [mine.body.id] });
    expect(sent.status).toBe(201);
    const again = await post(association1, id, { body: 'Encore', documentIds: [mine.body.id] });
    expect(again.status).toBe(400);
    expect(again.body.details[0]).toMatchObject({ field: 'documentIds[0]', code: 'DOCUMENT_NOT_ATTACHABLE' });

    const invalid = await post(association1, id, { body: '', documentIds: ['nope'] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['body', 'documentIds']);
  });

  it("gives association B 404 on association A's thread, and keeps drafts and unassigned reviewers out", async () => {
    const id = await insertApplication(t, DEMO.association1, 'submitted');
    await post(association1, id, { body: 'Message privé' });
    for (const res of [
      await thread(association2, id),
      await post(association2, id, { body: 'intrusion' }),
      await t.http.get(`/api/applications/${id}/messages/unread-count`).set(bearer(association2)),
      await thread(reviewer, id),
      await post(reviewer, id, { body: 'intrusion' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    expect((await t.sql('SELECT 1 FROM application_message WHERE body = $1', ['intrusion'])).length).toBe(0);
    // Finance reads applications but does not write in threads.
    expect((await thread(finance, id)).status).toBe(200);
    expect((await post(finance, id, { body: 'x' })).status).toBe(403);

    // Before submission staff cannot see the application, so the thread is not open yet.
    const draft = await insertApplication(t, DEMO.association1);
    const early = await post(association1, draft, { body: 'Bonjour' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('THREAD_NOT_OPEN');
    expect((await thread(admin, draft)).status).toBe(404);
  });
});
