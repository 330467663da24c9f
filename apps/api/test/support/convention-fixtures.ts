import { execFile } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CallInput, CallView } from '@tremplin/contracts';
import { recordPayment } from '../../src/conventions/payments';
import { nord2016Call } from '../../src/seed/nord-2016';
import { bearer, DEMO, type TestApp } from './test-app';

/** A fresh call (years 2016–2018, advance 60 %) so that a test owns its cells and its number sequence. */
export async function newCall(t: TestApp, adminToken: string, code: string): Promise<CallView> {
  const input: CallInput = { ...nord2016Call(), code, opensAt: '2030-01-01T08:00:00.000Z', closesAt: '2030-03-01T11:00:00.000Z' };
  const res = await t.http.post('/api/calls').set(bearer(adminToken)).send(input);
  if (res.status !== 201) throw new Error(`call → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CallView;
}

/** Leaves exactly `remainingCents` uncommitted in a cell (what earlier signatures would have committed). */
export async function leaveInCell(t: TestApp, callId: string, axisCode: string, year: number, remainingCents: number): Promise<{ id: string; allocated: number }> {
  const [cell] = await t.sql<{ id: string; amount: string }>(
    `UPDATE call_allocation ca SET committed_cents = ca.amount_cents - $4 FROM call_axis ax
      WHERE ax.id = ca.axis_id AND ca.call_id = $1 AND ax.code = $2 AND ca.year = $3 RETURNING ca.id, ca.amount_cents AS amount`,
    [callId, axisCode, year, remainingCents],
  );
  if (!cell) throw new Error('no cell');
  return { id: cell.id, allocated: Number(cell.amount) };
}

export async function cell(t: TestApp, callId: string, axisCode: string, year: number): Promise<{ allocated: number; committed: number; paid: number }> {
  const [row] = await t.sql<{ allocated: string; committed: string; paid: string }>(
    `SELECT ca.amount_cents AS allocated, ca.committed_cents AS committed, ca.paid_cents AS paid FROM call_allocation ca JOIN call_axis ax ON ax.id = ca.axis_id
      WHERE ca.call_id = $1 AND ax.code = $2 AND ca.year = $3`,
    [callId, axisCode, year],
  );
  if (!row) throw new Error('no cell');
  return { allocated: Number(row.allocated), committed: Number(row.committed), paid: Number(row.paid) };
}

/**
 * A retained application of `email`'s organisation on `callId`, with the committee's decision and
 * grants written in SQL as publication leaves them (`published: false` = a decision still simulated).
 */
export async function retainedApplication(
  t: TestApp,
  callId: string,
  opts: { email?: string; axisCode?: string; grants: Array<[year: number, cents: number]>; published?: boolean; sessionId?: string; title?: string },
): Promise<{ applicationId: string; sessionId: string }> {
  const email = opts.email ?? DEMO.association1;
  const axisCode = opts.axisCode ?? 'MEDIATION';
  const published = opts.published ?? true;
  const [app] = await t.sql<{ id: string }>(
    `INSERT INTO application (call_id, axis_id, organization_id, status, reference, title, submitted_version, submitted_at, created_by)
     SELECT $1, ax.id, u.organization_id, $4::application_status, 'T-' || substr(md5(random()::text), 1, 10), $5, 1, now(), u.id
       FROM app_user u, call_axis ax WHERE u.email = $2 AND ax.call_id = $1 AND ax.code = $3
     RETURNING id`,
    [callId, email, axisCode, published ? 'retained' : 'reviewed', opts.title ?? 'Médiation sociale de proximité'],
  );
  if (!app) throw new Error('no application');
  let sessionId = opts.sessionId;
  if (!sessionId) {
    const [session] = await t.sql<{ id: string }>(
      `INSERT INTO committee_session (call_id, axis_id, sits_on, deliberation_reference, status, opened_by, published_at, published_by)
       SELECT $1, ax.id, '2016-06-27', 'CP 2016-315', $3::committee_session_status, u.id, CASE WHEN $3 = 'published' THEN now() END, CASE WHEN $3 = 'published' THEN u.id END
         FROM call_axis ax, app_user u WHERE ax.call_id = $1 AND ax.code = $2 AND u.email = $4
       RETURNING id`,
      [callId, axisCode, published ? 'published' : 'open', DEMO.admin],
    );
    sessionId = session?.id ?? '';
  }
  await t.sql(
    `INSERT INTO committee_decision (application_id, session_id, outcome, decided_by, published_at)
     SELECT $1, $2, 'retained', u.id, CASE WHEN $3 THEN now() END FROM app_user u WHERE u.email = $4`,
    [app.id, sessionId, published, DEMO.admin],
  );
  for (const [year, cents] of opts.grants) {
    await t.sql(`INSERT INTO decision_grant (application_id, year, amount_cents) VALUES ($1, $2, $3)`, [app.id, year, cents]);
  }
  return { applicationId: app.id, sessionId };
}

const PDF_TEXT = join(__dirname, '../../../../tools/pdf-text.mjs');

/** Text as pdf.js (pdf-parse) extracts it, in a child process; French narrow/no-break spaces become plain spaces. */
export async function extractPdfText(pdf: Buffer): Promise<string> {
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, [PDF_TEXT], { maxBuffer: 16 * 1024 * 1024 }, (error, out) => (error ? reject(error) : resolve(out)));
    child.stdin?.end(pdf);
  });
  return stdout.replace(/[\u00a0\u202f\s]+/g, ' ');
}

/** Verifies the last PDF signature with PKI.js, independently of the code that signed it. */
export async function verifyPdfSignature(pdf: Buffer): Promise<{ valid: boolean; coversWholeFileButContents: boolean; signerCommonName: string }> {
  pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));
  const text = pdf.toString('latin1');
  const last = [...text.matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/g)].at(-1);
  if (!last) throw new Error('no /ByteRange');
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const hex = text.slice(a + b + 1, c - 1);
  const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(new Uint8Array(Buffer.from(hex, 'hex')).buffer).result });
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  let valid: boolean;
  try {
    valid = (await signedData.verify({ signer: 0, data: new Uint8Array(signedBytes).buffer, checkChain: false })) === true;
  } catch {
    valid = false;
  }
  const certificate = signedData.certificates?.[0];
  if (!(certificate instanceof pkijs.Certificate)) throw new Error('no certificate in the CMS');
  const cn = certificate.subject.typesAndValues.find((tv) => tv.type === '2.5.4.3')?.value.valueBlock.value as string | undefined;
  return { valid, coversWholeFileButContents: a === 0 && c + d === pdf.length && /^[0-9a-f]+$/i.test(hex), signerCommonName: cn ?? '' };
}

/** The binary body of a supertest response (PDF downloads). */
export function binary(res: { body: unknown }): Buffer {
  return res.body as Buffer;
}

/** Supertest parser keeping a binary body (PDF downloads) as one Buffer. */
export function pdfParser(response: { on(event: string, listener: (chunk: Buffer) => void): unknown }, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Supertest parser: the whole body as UTF-8 text (CSV downloads, BOM kept). */
export function utf8Text(response: { on(event: string, listener: (chunk: Buffer) => void): unknown }, done: (error: Error | null, body: string) => void): void {
  pdfParser(response, (error, body) => done(error, body.toString('utf8')));
}

/** Records a payment of `amountCents` on a convention's due installment (year, kind) as finance, outside HTTP. */
export async function payDueInstallment(t: TestApp, conventionId: string, year: number, kind: string, amountCents: number): Promise<void> {
  const [row] = await t.sql<{ id: string; by: string }>(
    `SELECT i.id, (SELECT id FROM app_user WHERE email = $4) AS by FROM installment i
      WHERE i.convention_id = $1 AND i.year = $2 AND i.kind = $3 AND i.status = 'due'`,
    [conventionId, year, kind, DEMO.finance],
  );
  if (!row) throw new Error('no due installment');
  await t.dataSource.transaction((m) =>
    recordPayment(m, { installmentId: row.id, amountCents, paidOn: '2016-09-01', mandateNumber: 'M-1', accountingReference: 'AC-1', idempotencyKey: null, createdBy: row.by }),
  );
}
