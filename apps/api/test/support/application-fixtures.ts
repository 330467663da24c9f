import 'reflect-metadata'; // contracts' decorators run on import
import type { ApplicationView, BudgetYearView, CallSummaryView, DeclarationInput } from '@tremplin/contracts';
import { REQUIRED_DOCUMENT_KINDS } from '@tremplin/contracts';
import { emptyBudgetYear } from '@tremplin/domain';
import { bearer, type TestApp } from './test-app';

/** The demo's open call (the seed opens one a minute before it runs, closing six weeks later). */
export async function openCall(t: TestApp): Promise<CallSummaryView> {
  const res = await t.http.get('/api/calls');
  const call = (res.body as CallSummaryView[]).find((c) => c.status === 'open' && c.code.startsWith('AAP-NORD-20'));
  if (!call) throw new Error('no open demo call');
  return call;
}

/** A year that balances: charges 35,000 € = products (25,000 € asked from the Département). */
export function balancedYear(year: number, requestedCents = 2_500_000): BudgetYearView {
  const y = emptyBudgetYear(year);
  y.charges.c60 = 500_000;
  y.charges.c64 = 3_000_000;
  y.products.p70 = 3_500_000 - 500_000 - requestedCents;
  y.products.p74State = 500_000;
  y.products.p74Departement = requestedCents;
  return y;
}

export const DECLARATION: DeclarationInput = {
  signatoryName: 'Émilie Martin', signatoryFunction: 'Présidente', accurate: true, obligationsMet: true, republicanCommitment: true,
};

/** Everything submission requires except the documents. */
export function completeContent(years: readonly number[], overrides: Record<string, unknown> = {}) {
  return {
    summary: 'Aller vers les allocataires du RSA isolés et les accompagner vers les services.',
    project: {
      objectives: 'Rétablir le lien avec 120 allocataires par an.',
      activities: 'Permanences, visites à domicile, ateliers collectifs.',
      rsaBeneficiariesPerYear: years.map(() => 120),
      otherPublics: '',
      territories: ['METROPOLE_LILLE'],
      startDate: `${years[0]}-01-15`,
      partners: [{ name: 'CCAS de Lille', role: 'Orientation des publics' }],
      indicators: [{ label: 'Personnes accompagnées', code: null, unit: 'personnes', targets: years.map(() => 120) }],
    },
    budget: years.map((year) => balancedYear(year)),
    declaration: DECLARATION,
    ...overrides,
  };
}

export async function userId(t: TestApp, email: string): Promise<string> {
  const [row] = await t.sql<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** Uploading is the documents module's job; here the rows are written directly, as an upload would leave them. */
export async function attachRequiredDocuments(t: TestApp, applicationId: string, uploaderEmail: string, kinds: readonly string[] = REQUIRED_DOCUMENT_KINDS): Promise<void> {
  await t.sql(
    `INSERT INTO application_document (application_id, kind, file_name, mime_type, size_bytes, sha256, storage_key, uploaded_by)
     SELECT $1, k, k || '.pdf', 'application/pdf', 2048, repeat(substr(md5(k), 1, 8), 8), 'test/' || k, $2 FROM unnest($3::text[]) AS k`,
    [applicationId, await userId(t, uploaderEmail), [...kinds]],
  );
}

export async function createDraft(t: TestApp, token: string, callId: string, axisCode = 'MEDIATION', title = 'Médiation sociale de proximité'): Promise<ApplicationView> {
  const res = await t.http.post('/api/applications').set(bearer(token)).send({ callId, axisCode, title });
  if (res.status !== 201) throw new Error(`create → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ApplicationView;
}

/** A draft filled in completely, with its documents: ready to submit. */
export async function readyDraft(
  t: TestApp, token: string, email: string, call: CallSummaryView,
  options: { axisCode?: string; title?: string; overrides?: Record<string, unknown> } = {},
): Promise<ApplicationView> {
  const draft = await createDraft(t, token, call.id, options.axisCode, options.title);
  const res = await t.http.patch(`/api/applications/${draft.id}`).set(bearer(token)).send({ version: draft.version, ...completeContent(call.years, options.overrides) });
  if (res.status !== 200) throw new Error(`patch → ${res.status} ${JSON.stringify(res.body)}`);
  await attachRequiredDocuments(t, draft.id, email);
  return (await t.http.get(`/api/applications/${draft.id}`).set(bearer(token))).body as ApplicationView;
}

export async function submit(t: TestApp, token: string, app: { id: string; version: number }): Promise<ApplicationView> {
  const res = await t.http.post(`/api/applications/${app.id}/submit`).set(bearer(token)).send({ version: app.version });
  if (res.status !== 200) throw new Error(`submit → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ApplicationView;
}

/** The text drawn by an uncompressed pdfkit document: its TJ operators, hex-encoded in Windows-1252. */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  return [...source.matchAll(/\[([^\]]*)\] TJ/g)]
    .map((m) => [...(m[1] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1')).join(''))
    .join(' ');
}
