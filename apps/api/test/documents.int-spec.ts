import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { insertApplication } from './support/applications-sql';
import { docx, exe, jpeg, odt, pdf, png, sha256, xlsx } from './support/document-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/** supertest buffers text only; documents are read back as raw bytes. */
function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('application documents', () => {
  let t: TestApp;
  let storageDir: string;
  let association1: string;
  let association2: string;
  let admin: string;
  let reviewer: string;
  let draft: string;

  const upload = (token: string, applicationId: string, kind: string | null, bytes: Buffer | null, fileName = 'statuts.pdf') => {
    let req = t.http.post(`/api/applications/${applicationId}/documents`).set(bearer(token));
    if (kind !== null) req = req.field('kind', kind);
    if (bytes !== null) req = req.attach('file', bytes, fileName);
    return req;
  };
  const rowCount = async () => Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM application_document'))[0]?.n);

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'tremplin-documents-'));
    t = await startTestApp({ STORAGE_DIR: storageDir });
    association1 = await t.login(DEMO.association1);
    association2 = await t.login(DEMO.association2);
    admin = await t.login(DEMO.admin);
    reviewer = await t.login(DEMO.reviewer);
    draft = await insertApplication(t, DEMO.association1);
  });
  afterAll(async () => {
    await t.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  it('stores a PDF with its SHA-256, under a generated key in the storage folder, and audits it', async () => {
    const bytes = pdf('statuts signés');
    const res = await upload(association1, draft, 'statutes', bytes, 'Statuts signés 2016.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'statutes', fileName: 'Statuts signés 2016.pdf', mimeType: 'application/pdf', sizeBytes: bytes.length, sha256: sha256(bytes),
    });
    expect(new Date(res.body.uploadedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const [row] = await t.sql<{ storage_key: string; uploaded_by: string }>('SELECT storage_key, uploaded_by FROM application_document WHERE id = $1', [res.body.id]);
    const key = row?.storage_key ?? '';
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await readFile(join(storageDir, key.slice(0, 2), key.slice(2, 4), key))).toEqual(bytes);
    const audit = await t.sql<{ action: string; actor_email: string }>("SELECT action, actor_email FROM audit_event WHERE entity_id = $1", [res.body.id]);
    expect(audit).toEqual([{ action: 'document.uploaded', actor_email: DEMO.association1 }]);
  });

  it('serves the same bytes back as an attachment that browsers will not sniff or cache', async () => {
    const bytes = pdf('rapport');
    const created = await upload(association1, draft, 'activity_report', bytes, "Rapport d'activité « 2015 ».pdf");
    expect(created.status).toBe(201);
    const res = await t.http.get(`/api/applications/${draft}/documents/${created.body.id}`).set(bearer(association1)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Rapport d'activite _ 2015 _.pdf"; filename*=UTF-8''Rapport%20d%27activit%C3%A9%20%C2%AB%202015%20%C2%BB.pdf`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('accepts PNG, JPEG, XLSX, DOCX and ODT, with the MIME type read from the content', async () => {
    const cases: Array<[Buffer, string, string]> = [
      [png(), 'logo.png', 'image/png'],
      [jpeg(), 'scan RIB.JPG', 'image/jpeg'],
      [xlsx(), 'budget.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [docx(), 'liste des dirigeants.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [odt(), 'comptes.odt', 'application/vnd.oasis.opendocument.text'],
    ];
    for (const [bytes, name, mime] of cases) {
      const res = await upload(association1, draft, 'other', bytes, name);
      expect({ name, status: res.status, mime: res.body.mimeType, sha: res.body.sha256 }).toEqual({ name, status: 201, mime, sha: sha256(bytes) });
    }
    // The client's claimed type is ignored: the stored type comes from the bytes.
    const lying = await t.http.post(`/api/applications/${draft}/documents`).set(bearer(association1)).field('kind', 'other')
      .attach('file', png(), { filename: 'photo.png', contentType: 'application/pdf' });
    expect(lying.body.mimeType).toBe('image/png');
  });

  it('refuses a file over 10 MB with 413 in the JSON error shape, storing nothing', async () => {
    const before = await rowCount();
    const filesBefore = (await filesUnder(storageDir)).length;
    const big = Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024 + 1 - pdf().length, 0x20)]);
    expect(big.length).toBe(10 * 1024 * 1024 + 1);
    const res = await upload(association1, draft, 'accounts', big, 'comptes.pdf');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'FILE_TOO_LARGE', message: 'Fichier trop volumineux : 10 Mo au maximum par document.' });
    expect(await rowCount()).toBe(before);
    expect((await filesUnder(storageDir)).length).toBe(filesBefore);
    // Exactly at the limit is accepted.
    const atLimit = Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024 - pdf().length, 0x20)]);
    expect((await upload(association1, draft, 'accounts', atLimit, 'comptes.pdf')).status).toBe(201);
  });

  it('refuses wrong and disguised types with 415, naming the accepted formats', async () => {
    const before = await rowCount();
    const disguisedExe = await upload(association1, draft, 'statutes', exe(), 'statuts.pdf');
    expect(disguisedExe.status).toBe(415);
    expect(disguisedExe.body).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', error: 'Unsupported Media Type' });
    expect(disguisedExe.body.message).toMatch(/PDF, PNG, JPEG, XLSX .*DOCX .*ODT/);

    const text = await upload(association1, draft, 'statutes', Buffer.from('Statuts de l’association\nArticle 1\n'), 'statuts.txt');
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('UNSUPPORTED_FILE_TYPE');

    const pngAsPdf = await upload(association1, draft, 'statutes', png(), 'statuts.pdf');
    expect(pngAsPdf.status).toBe(415);
    expect(pngAsPdf.body.details).toEqual([
      { field: 'file', code: 'FILE_EXTENSION_MISMATCH', message: 'Le nom du fichier se termine par « .pdf » mais son contenu est au format PNG.' },
    ]);
    const english = await upload(association1, draft, 'statutes', png(), 'statuts.pdf').set('Accept-Language', 'en');
    expect(english.body.message).toMatch(/^File type not accepted/);

    const empty = await upload(association1, draft, 'statutes', Buffer.alloc(0), 'vide.pdf');
    expect(empty.status).toBe(415);
    expect(await rowCount()).toBe(before);
  });

  it('names the missing or invalid field with 400', async () => {
    const noFile = await upload(association1, draft, 'statutes', null);
    expect(noFile.status).toBe(400);
    expect(noFile.body.details).toEqual([expect.objectContaining({ field: 'file', code: 'required' })]);
    const noKind = await upload(association1, draft, null, pdf());
    expect(noKind.status).toBe(400);
    expect(noKind.body.details).toEqual([expect.objectContaining({ field: 'kind' })]);
    const badKind = await upload(association1, draft, 'passport', pdf());
    expect(badKind.status).toBe(400);
    expect(badKind.body.details).toEqual([expect.objectContaining({ field: 'kind' })]);
    const twoFiles = await t.http.post(`/api/applications/${draft}/documents`).set(bearer(association1)).field('kind', 'other')
      .attach('file', pdf(), 'a.pdf').attach('file', pdf(), 'b.pdf');
    expect(twoFiles.status).toBe(400);
    expect(twoFiles.body.details[0].field).toBe('file');
  });

  it('stores a path-traversal name as a plain, safe name inside the storage folder', async () => {
    const res = await upload(association1, draft, 'other', pdf(), '../../etc/passwd.pdf');
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe('passwd.pdf');
    const invisible = await upload(association1, draft, 'other', pdf(), 'bilan\u200b\u202e<2015>\r\n.pdf');
    expect(invisible.body.fileName).toBe('bilan_2015_.pdf');
    // A NUL in a part header is malformed multipart: refused before anything is read.
    const nul = await upload(association1, draft, 'other', pdf(), 'bilan\u0000.pdf');
    expect(nul.status).toBe(400);
    expect(nul.body.details[0].field).toBe('file');
    for (const file of await filesUnder(storageDir)) expect(file.startsWith(`${storageDir}/`)).toBe(true);
    expect((await filesUnder(storageDir)).some((f) => f.includes('passwd'))).toBe(false);
  });

  it('lists and soft-deletes documents while the application is editable', async () => {
    const created = await upload(association1, draft, 'budget', pdf('budget'), 'budget.pdf');
    const listed = await t.http.get(`/api/applications/${draft}/documents`).set(bearer(association1));
    expect(listed.status).toBe(200);
    expect(listed.body.map((d: { id: string }) => d.id)).toContain(created.body.id);
    expect(listed.body[0]).toEqual(expect.objectContaining({ id: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }));

    const removed = await t.http.delete(`/api/applications/${draft}/documents/${created.body.id}`).set(bearer(association1));
    expect(removed.status).toBe(204);
    const after = await t.http.get(`/api/applications/${draft}/documents`).set(bearer(association1));
    expect(after.body.map((d: { id: string }) => d.id)).not.toContain(created.body.id);
    expect((await t.http.get(`/api/applications/${draft}/documents/${created.body.id}`).set(bearer(association1))).status).toBe(404);
    expect((await t.http.delete(`/api/applications/${draft}/documents/${created.body.id}`).set(bearer(association1))).status).toBe(404);
    const [row] = await t.sql<{ deleted_at: Date | null; storage_key: string }>('SELECT deleted_at, storage_key FROM application_document WHERE id = $1', [created.body.id]);
    expect(row?.deleted_at).toBeInstanceOf(Date);
    const audit = await t.sql<{ action: string }>("SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq", [created.body.id]);
    expect(audit.map((a) => a.action)).toEqual(['document.uploaded', 'document.deleted']);
  });

  it("gives association B 404 on association A's documents, whatever the route", async () => {
    const created = await upload(association1, draft, 'statutes', pdf(), 'statuts.pdf');
    const before = await rowCount();
    const other = {
      list: await t.http.get(`/api/applications/${draft}/documents`).set(bearer(association2)),
      download: await t.http.get(`/api/applications/${draft}/documents/${created.body.id}`).set(bearer(association2)),
      upload: await upload(association2, draft, 'statutes', pdf()),
      uploadExe: await upload(association2, draft, 'statutes', exe()),
      delete: await t.http.delete(`/api/applications/${draft}/documents/${created.body.id}`).set(bearer(association2)),
      attachment: await t.http.post(`/api/applications/${draft}/messages/attachments`).set(bearer(association2)).attach('file', pdf(), 'a.pdf'),
    };
    for (const [route, res] of Object.entries(other)) expect({ route, status: res.status, code: res.body.code }).toEqual({ route, status: 404, code: 'NOT_FOUND' });
    expect(await rowCount()).toBe(before);
    // B's own application does not reach A's document either.
    const own = await insertApplication(t, DEMO.association2);
    expect((await t.http.get(`/api/applications/${own}/documents/${created.body.id}`).set(bearer(association2))).status).toBe(404);
    // Staff do not see drafts; reviewers see only what is assigned to them.
    expect((await t.http.get(`/api/applications/${draft}/documents`).set(bearer(admin))).status).toBe(404);
    expect((await t.http.get(`/api/applications/${draft}/documents`).set(bearer(reviewer))).status).toBe(404);
    expect((await t.http.post(`/api/applications/${draft}/documents`).set(bearer(admin)).field('kind', 'other').attach('file', pdf(), 'a.pdf')).status).toBe(403);
  });

  it('refuses content documents once submitted (409), but staff can read them', async () => {
    const submitted = await insertApplication(t, DEMO.association1, 'submitted');
    const res = await upload(association1, submitted, 'statutes', pdf());
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DOCUMENTS_LOCKED');
    // A document given while it was a draft (so frozen in version 1) stays, readable by staff, and cannot be removed.
    const [doc] = await t.sql<{ id: string }>(
      `INSERT INTO application_document (application_id, kind, file_name, mime_type, size_bytes, sha256, storage_key, uploaded_by)
       SELECT $1, 'statutes', 'statuts.pdf', 'application/pdf', 1, repeat('0', 64), gen_random_uuid()::text, id FROM app_user WHERE email = $2 RETURNING id`,
      [submitted, DEMO.association1],
    );
    await t.sql(
      `UPDATE application_version SET snapshot = jsonb_set(snapshot, '{documents}',
         jsonb_build_array(jsonb_build_object('id', $2::text, 'kind', 'statutes', 'fileName', 'statuts.pdf', 'sha256', repeat('0', 64))))
       WHERE application_id = $1 AND version_no = 1`,
      [submitted, doc?.id],
    );
    expect((await t.http.delete(`/api/applications/${submitted}/documents/${doc?.id}`).set(bearer(association1))).body.code).toBe('DOCUMENTS_LOCKED');
    const staffList = await t.http.get(`/api/applications/${submitted}/documents`).set(bearer(admin));
    expect(staffList.status).toBe(200);
    expect(staffList.body.map((d: { id: string }) => d.id)).toEqual([doc?.id]);
    // Answering an information request reopens them.
    await t.sql("UPDATE application SET status = 'information_requested' WHERE id = $1", [submitted]);
    expect((await upload(association1, submitted, 'statutes', pdf())).status).toBe(201);
  });

  it('takes message attachments from both sides while the thread is open, each seen only by its uploader until sent', async () => {
    const submitted = await insertApplication(t, DEMO.association1, 'submitted');
    const fromStaff = await t.http.post(`/api/applications/${submitted}/messages/attachments`).set(bearer(admin)).attach('file', png(), 'capture.png');
    expect(fromStaff.status).toBe(201);
    expect(fromStaff.body).toMatchObject({ kind: 'message', mimeType: 'image/png' });
    const fromAssociation = await upload(association1, submitted, 'message', pdf(), 'réponse.pdf');
    expect(fromAssociation.status).toBe(201);
    const ids = (token: string) => t.http.get(`/api/applications/${submitted}/documents`).set(bearer(token)).then((r) => r.body.map((d: { id: string }) => d.id));
    expect(await ids(admin)).toEqual([fromStaff.body.id]);
    expect(await ids(association1)).toEqual([fromAssociation.body.id]);
    expect((await t.http.get(`/api/applications/${submitted}/documents/${fromStaff.body.id}`).set(bearer(association1))).status).toBe(404);
    // An unsent attachment can be taken back, even though the application is not editable.
    expect((await t.http.delete(`/api/applications/${submitted}/documents/${fromAssociation.body.id}`).set(bearer(association1))).status).toBe(204);

    // Not before submission (staff cannot see the thread yet), nor once the application is closed.
    expect((await upload(association1, draft, 'message', pdf())).body.code).toBe('THREAD_NOT_OPEN');
    await t.sql("UPDATE application SET status = 'withdrawn' WHERE id = $1", [submitted]);
    const closed = await t.http.post(`/api/applications/${submitted}/messages/attachments`).set(bearer(admin)).attach('file', pdf(), 'a.pdf');
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('THREAD_CLOSED');
    expect((await t.http.post(`/api/applications/${submitted}/messages/attachments`).set(bearer(reviewer)).attach('file', pdf(), 'a.pdf')).status).toBe(404);
  });
});
