import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import type { ApplicationView, CallSummaryView, DocumentView } from '@tremplin/contracts';
import { balancedYear, openCall, readyDraft, submit } from './support/application-fixtures';
import { pdf } from './support/document-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

/** supertest buffers text only; documents are read back as raw bytes. */
function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

// Sorted by name, as the tests compare them.
const REQUIRED_FILES = ['accounts.pdf', 'activity_report.pdf', 'bank_details.pdf', 'budget.pdf', 'officers.pdf', 'statutes.pdf'];
const WITH_PLAN_V1 = ['accounts.pdf', 'activity_report.pdf', 'bank_details.pdf', 'budget.pdf', 'officers.pdf', 'plan-v1.pdf', 'statutes.pdf'];
const WITH_PLAN_V2 = ['accounts.pdf', 'activity_report.pdf', 'bank_details.pdf', 'budget.pdf', 'officers.pdf', 'plan-v2.pdf', 'statutes.pdf'];

describe('staff read the last submitted version, members the working copy', () => {
  let t: TestApp;
  let storageDir: string;
  let a1: string;
  let a2: string;
  let admin: string;
  let finance: string;
  let call: CallSummaryView;
  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'tremplin-frozen-'));
    t = await startTestApp({ STORAGE_DIR: storageDir });
    a1 = await t.login(DEMO.association1);
    a2 = await t.login(DEMO.association2);
    admin = await t.login(DEMO.admin);
    finance = await t.login(DEMO.finance);
    call = await openCall(t);
  });
  afterAll(async () => {
    await t.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const get = async (token: string, id: string) => {
    const res = await t.http.get(`/api/applications/${id}`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body as ApplicationView;
  };
  const upload = async (token: string, id: string, fileName: string, bytes: Buffer) => {
    const res = await t.http.post(`/api/applications/${id}/documents`).set(bearer(token)).field('kind', 'other').attach('file', bytes, fileName);
    expect(res.status).toBe(201);
    return res.body as DocumentView;
  };
  const listed = async (token: string, id: string) => {
    const res = await t.http.get(`/api/applications/${id}/documents`).set(bearer(token));
    expect(res.status).toBe(200);
    return (res.body as DocumentView[]).map((d) => d.fileName).sort();
  };
  const download = (token: string, id: string, documentId: string) =>
    t.http.get(`/api/applications/${id}/documents/${documentId}`).set(bearer(token)).buffer(true).parse(binary);

  it('after an information request, staff see the frozen content and documents until the association resubmits', async () => {
    const draft = await readyDraft(t, a1, DEMO.association1, call, { title: 'Médiation sociale de proximité' });
    const planV1 = pdf('Plan v1');
    const v1Document = await upload(a1, draft.id, 'plan-v1.pdf', planV1);
    const v1 = await submit(t, a1, await get(a1, draft.id));
    expect(v1.requestedCents).toBe(7_500_000);

    const asked = await t.http.post(`/api/applications/${v1.id}/information-requests`).set(bearer(admin))
      .send({ message: 'Merci de préciser le budget de la première année.', dueDate: '2099-06-30' });
    expect(asked.status).toBe(201);

    // The association edits its working copy: title, first year's request, and one document replaced.
    const seen = await get(a1, v1.id);
    const [year1, year2, year3] = call.years;
    const edited = await t.http.patch(`/api/applications/${v1.id}`).set(bearer(a1)).send({
      version: seen.version,
      title: 'Médiation sociale renforcée',
      project: { ...seen.project, objectives: 'Rétablir le lien avec 150 allocataires par an.' },
      budget: [balancedYear(year1 ?? 0, 3_000_000), balancedYear(year2 ?? 0), balancedYear(year3 ?? 0)],
    });
    expect(edited.status).toBe(200);
    expect((await t.http.delete(`/api/applications/${v1.id}/documents/${v1Document.id}`).set(bearer(a1))).status).toBe(204);
    const planV2 = pdf('Plan v2');
    const v2Document = await upload(a1, v1.id, 'plan-v2.pdf', planV2);

    // Members of the organisation see their working copy.
    const own = await get(a1, v1.id);
    expect(own).toMatchObject({ title: 'Médiation sociale renforcée', requestedCents: 8_000_000, status: 'information_requested' });
    expect(own.project.objectives).toBe('Rétablir le lien avec 150 allocataires par an.');
    expect(own.budget[0]?.products.p74Departement).toBe(3_000_000);
    expect(own.documents.map((d) => d.fileName).sort()).toEqual(WITH_PLAN_V2);
    expect(await listed(a1, v1.id)).toEqual(WITH_PLAN_V2);

    // Staff see version 1 as it was submitted: content, budget, documents; nothing of what is missing.
    for (const token of [admin, finance]) {
      const staff = await get(token, v1.id);
      expect(staff).toMatchObject({ title: 'Médiation sociale de proximité', requestedCents: 7_500_000, status: 'information_requested', submittedVersion: 1 });
      expect(staff.project.objectives).toBe('Rétablir le lien avec 120 allocataires par an.');
      expect(staff.budget.map((b) => b.products.p74Departement)).toEqual([2_500_000, 2_500_000, 2_500_000]);
      expect(staff.documents.map((d) => d.fileName).sort()).toEqual(WITH_PLAN_V1);
      expect(staff.missing).toEqual([]);
      expect(await listed(token, v1.id)).toEqual(WITH_PLAN_V1);
    }
    // The staff list too: the row shows the submitted title and amount, the member's list its working copy.
    const row = async (token: string) => {
      const res = await t.http.get('/api/applications').set(bearer(token)).query({ callId: call.id, q: 'Médiation sociale', pageSize: 100 });
      expect(res.status).toBe(200);
      return (res.body as { items: Array<{ id: string; title: string; requestedCents: number }> }).items.find((i) => i.id === v1.id);
    };
    for (const token of [admin, finance]) {
      expect(await row(token)).toMatchObject({ title: 'Médiation sociale de proximité', requestedCents: 7_500_000 });
    }
    expect(await row(a1)).toMatchObject({ title: 'Médiation sociale renforcée', requestedCents: 8_000_000 });
    const frozenFile = await download(admin, v1.id, v1Document.id);
    expect(frozenFile.status).toBe(200);
    expect(Buffer.compare(frozenFile.body as Buffer, planV1)).toBe(0);
    expect((await download(admin, v1.id, v2Document.id)).status).toBe(404);
    // Another association sees nothing at all.
    expect((await t.http.get(`/api/applications/${v1.id}`).set(bearer(a2))).status).toBe(404);

    // Resubmitted: staff now see version 2, and may still open the file of version 1 from the diff.
    await submit(t, a1, await get(a1, v1.id));
    const staff = await get(admin, v1.id);
    expect(staff).toMatchObject({ title: 'Médiation sociale renforcée', requestedCents: 8_000_000, status: 'submitted', submittedVersion: 2 });
    expect(staff.project.objectives).toBe('Rétablir le lien avec 150 allocataires par an.');
    expect(staff.budget.map((b) => b.products.p74Departement)).toEqual([3_000_000, 2_500_000, 2_500_000]);
    expect(staff.documents.map((d) => d.fileName).sort()).toEqual(WITH_PLAN_V2);
    expect(await listed(admin, v1.id)).toEqual(WITH_PLAN_V2);
    const newFile = await download(admin, v1.id, v2Document.id);
    expect(newFile.status).toBe(200);
    expect(Buffer.compare(newFile.body as Buffer, planV2)).toBe(0);
    expect((await download(admin, v1.id, v1Document.id)).status).toBe(200);
  });

  it('a document uploaded after submission and never submitted is not staff’s to open', async () => {
    const draft = await readyDraft(t, a1, DEMO.association1, call, { title: 'Atelier mobilité' });
    const v1 = await submit(t, a1, draft);
    await t.http.post(`/api/applications/${v1.id}/information-requests`).set(bearer(admin)).send({ message: 'Merci de joindre le plan.', dueDate: '2099-06-30' });
    const unsubmitted = await upload(a1, v1.id, 'brouillon.pdf', pdf('Brouillon'));
    expect((await download(finance, v1.id, unsubmitted.id)).status).toBe(404);
    expect(await listed(finance, v1.id)).toEqual(REQUIRED_FILES);
    expect((await download(a1, v1.id, unsubmitted.id)).status).toBe(200);
  });
});
