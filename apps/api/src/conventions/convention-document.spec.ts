import 'reflect-metadata'; // the contracts' class-validator decorators need it when imported alone
import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync, webcrypto } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { renderConventionDocument, type ConventionDocumentData } from './convention-document';
import { createDemoCertificate, identityFromPkcs12, loadOrCreateSigningIdentity, signPdf } from './pdf-signature';

const DATA: ConventionDocumentData = {
  grantor: {
    name: 'Département du Pas-de-Calais',
    siret: '22620001400018',
    address: 'Hôtel du Département\nRue Ferdinand Buisson\n62018 Arras Cedex 9',
    presidentName: 'Jean-Claude Leroy',
    presidentTitle: 'Président du Conseil départemental',
  },
  number: 'CONV-2016-0042',
  versionNo: 1,
  callTitle: 'Appel à projets insertion 2016',
  axisLabel: 'Médiation',
  deliberationReference: 'CP 2016-315',
  deliberationDate: '2016-06-27',
  organization: {
    legalName: 'Association Tremplin Emploi Lille',
    siret: '73282932000074',
    rna: 'W595012345',
    addressLine: '12 rue de Paris',
    postalCode: '59000',
    city: 'Lille',
    legalRepName: 'Marie Dupont',
    legalRepFunction: 'Présidente',
  },
  project: { reference: 'AAP2016-MED-000123', title: 'Médiation sociale de proximité' },
  years: [
    { year: 2017, amountCents: 2_500_050 },
    { year: 2016, amountCents: 2_500_000 },
    { year: 2018, amountCents: 1_999_999 },
  ],
  advanceBasisPoints: 6000,
  generatedAt: new Date('2016-07-04T09:30:00Z'),
};

const PDF_TEXT = join(__dirname, '../../../../tools/pdf-text.mjs');
/** Starting Node and pdf.js in a child process takes seconds on a busy machine. */
const EXTRACTION_TIMEOUT = 60_000;

/** Text as a kept PDF library (pdf.js via pdf-parse) extracts it, spaces normalised (French typography uses U+202F/U+00A0). */
async function extractText(pdf: Buffer): Promise<string> {
  const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
    const child = execFile(process.execPath, [PDF_TEXT], { maxBuffer: 16 * 1024 * 1024 }, (error, out) => (error ? reject(error) : resolve({ stdout: out })));
    child.stdin?.end(pdf);
  });
  return stdout.replace(/[\u00a0\u202f\s]+/g, ' ');
}

interface VerifiedSignature {
  valid: boolean;
  coversWholeFileButContents: boolean;
  certificateDer: Buffer;
  subFilter: string | undefined;
}

/** Verifies the last PDF signature with PKI.js (independent of the forge code that built it). */
async function verifyPdfSignature(pdf: Buffer): Promise<VerifiedSignature> {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/g)];
  const last = ranges.at(-1);
  if (!last) throw new Error('no /ByteRange');
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const hex = text.slice(a + b + 1, c - 1);
  const cms = Buffer.from(hex, 'hex');
  const parsed = asn1js.fromBER(new Uint8Array(cms).buffer);
  const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  let valid: boolean;
  try {
    valid = (await signedData.verify({ signer: 0, data: new Uint8Array(signedBytes).buffer, checkChain: false })) === true;
  } catch {
    valid = false;
  }
  const certificate = signedData.certificates?.[0];
  if (!(certificate instanceof pkijs.Certificate)) throw new Error('no certificate in the CMS');
  return {
    valid,
    coversWholeFileButContents: a === 0 && c + d === pdf.length && /^[0-9a-f]+$/i.test(hex),
    certificateDer: Buffer.from(certificate.toSchema().toBER(false)),
    subFilter: /\/SubFilter \/([A-Za-z.]+)/.exec(text.slice(text.lastIndexOf('/ByteRange') - 400))?.[1],
  };
}

beforeAll(() => {
  pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));
});

describe('renderConventionDocument', () => {
  it('is a PDF whose SHA-256 is given, the same for the same input', async () => {
    const first = await renderConventionDocument(DATA);
    expect(first.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.sha256).toBe(createHash('sha256').update(first.bytes).digest('hex'));
    expect((await renderConventionDocument(DATA)).sha256).toBe(first.sha256);
    expect((await renderConventionDocument({ ...DATA, number: 'CONV-2016-0043' })).sha256).not.toBe(first.sha256);
  });

  it('names both parties, the yearly amounts and schedule in French formats, obligations and clauses', async () => {
    const text = await extractText((await renderConventionDocument(DATA)).bytes);
    for (const expected of [
      'Convention CONV-2016-0042',
      // The grantor, represented by its president, with the deliberation.
      'Département du Pas-de-Calais, SIRET 22620001400018',
      'représenté par Jean-Claude Leroy, Président du Conseil départemental',
      'délibération CP 2016-315 du 27 juin 2016',
      // The association and its legal representative.
      'Association Tremplin Emploi Lille (SIRET 73282932000074, RNA W595012345)',
      '12 rue de Paris, 59000 Lille',
      'représentée par Marie Dupont, Présidente',
      // Object.
      'Médiation sociale de proximité',
      'AAP2016-MED-000123',
      // Amounts: total and each year, in French format.
      'montant total de 70 000,49 €',
      '2016 : 25 000,00 €',
      '2017 : 25 000,50 €',
      '2018 : 19 999,99 €',
      // Schedule: 60 % advance rounded down, balance after the report.
      'avance de 60 %',
      '2016, avance : 15 000,00 €, à la signature de la convention',
      '2016, solde : 10 000,00 €, après approbation du compte rendu 2016 (à remettre au plus tard le 30 juin 2017)',
      '2017, avance : 15 000,30 €, à compter du 1er janvier 2017',
      '2018, avance : 11 999,99 €',
      '2018, solde : 8 000,00 €',
      // Obligations, controls, termination and recovery, personal data.
      'six mois après la fin de l\'exercice',
      'indicateurs',
      'soutien financier du Département',
      'Contrôle',
      'ordre de reversement',
      'ne peut excéder le total des sommes versées',
      'Données personnelles',
      'RGPD',
      'Établie le 4 juillet 2016',
      'Pour l\'association',
      'Pour le Département',
    ]) {
      expect(text).toContain(expected);
    }
    // Who grants comes from the record given, never from text written in the code.
    expect(text).not.toContain('Nord');
  }, EXTRACTION_TIMEOUT);

  it('titles an amendment and states its reason', async () => {
    const text = await extractText((await renderConventionDocument({ ...DATA, versionNo: 2, amendmentReason: 'Report du démarrage au second semestre.' })).bytes);
    expect(text).toContain('Avenant n° 1 à la convention CONV-2016-0042');
    expect(text).toContain('Report du démarrage au second semestre.');
  }, EXTRACTION_TIMEOUT);
});

describe('PAdES signature', () => {
  const passphrase = 'demo-passphrase';
  // Key generation and PKCS#12 encryption run in JavaScript (forge): done once, with room on a busy machine.
  let identity: ReturnType<typeof identityFromPkcs12>;
  beforeAll(() => {
    identity = identityFromPkcs12(createDemoCertificate({ commonName: 'Département du Pas-de-Calais (démo)', organization: 'Tremplin démo' }, passphrase), passphrase);
  }, 60_000);
  const meta = { name: 'Jean-Claude Leroy', reason: 'Signature du Département', location: 'Arras', contactInfo: 'finances@example.org', signingTime: new Date('2016-07-10T08:00:00Z') };

  it('signs the convention: the byte range digest and the signature verify against the Département\u2019s certificate', async () => {
    const { bytes } = await renderConventionDocument(DATA);
    const signed = await signPdf(bytes, identity, meta);
    // An incremental update: the original bytes are kept as they were.
    expect(signed.subarray(0, bytes.length - 1).equals(bytes.subarray(0, bytes.length - 1))).toBe(true);
    const result = await verifyPdfSignature(signed);
    expect(result).toMatchObject({ valid: true, coversWholeFileButContents: true, subFilter: 'ETSI.CAdES.detached' });
    expect(result.certificateDer.equals(identity.certificateDer)).toBe(true);
    // The signed document still reads the same.
    const text = await extractText(signed);
    expect(text).toContain('Association Tremplin Emploi Lille');
    expect(text).toContain('2017 : 25 000,50 €');
  }, EXTRACTION_TIMEOUT);

  it('writes the signature dictionary’s French texts as readable ASCII, never as mangled UTF-16', async () => {
    const { bytes } = await renderConventionDocument(DATA);
    const signed = await signPdf(bytes, identity, { ...meta, name: 'Département du Nord', reason: 'Convention CONV-2016-0001 — signée par Élodie N’Diaye (délibération « CP »)', location: 'Lille\u202fCedex' });
    const update = signed.subarray(bytes.length).toString('latin1');
    // A PDF literal string, its escapes undone.
    const entry = (key: string) => new RegExp(`/${key} \\(((?:[^\\\\)]|\\\\.)*)\\)`).exec(update)?.[1]?.replace(/\\(.)/g, '$1');
    expect(entry('Reason')).toBe('Convention CONV-2016-0001 - signee par Elodie N\'Diaye (deliberation " CP ")');
    expect(entry('Name')).toBe('Departement du Nord');
    expect(entry('Location')).toBe('Lille Cedex');
    // Nothing but printable ASCII and line ends in the update, the signature's hex aside.
    expect([...update.replace(/\/Contents\s*<[0-9a-fA-F]+>/, '')].filter((c) => !'\t\n\r'.includes(c) && (c < ' ' || c > '~'))).toEqual([]);
  }, EXTRACTION_TIMEOUT);

  it('detects a document altered after signature', async () => {
    const signed = await signPdf((await renderConventionDocument(DATA)).bytes, identity, meta);
    expect((await verifyPdfSignature(signed)).valid).toBe(true);
    // The last digit of the number in the document's info changed (same length): the digest no longer matches.
    const at = signed.indexOf('CONV-2016-0042');
    expect(at).toBeGreaterThan(0);
    const altered = Buffer.from(signed);
    altered[at + 13] = '3'.charCodeAt(0);
    expect((await verifyPdfSignature(altered)).valid).toBe(false);
  }, 30_000);

  it('refuses a signature made with another key than the certificate\u2019s', async () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const signed = await signPdf((await renderConventionDocument(DATA)).bytes, { privateKey: otherKey, certificateDer: identity.certificateDer }, meta);
    expect((await verifyPdfSignature(signed)).valid).toBe(false);
  }, 30_000);

  it('creates the demo certificate on first start and reuses it afterwards', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tremplin-signing-'));
    try {
      const file = join(dir, 'signing', 'departement.p12');
      const subject = { commonName: 'Département (démo)', organization: 'Tremplin démo' };
      const first = await loadOrCreateSigningIdentity(file, passphrase, subject);
      const stored = await readFile(file);
      const second = await loadOrCreateSigningIdentity(file, passphrase, subject);
      expect(second.certificateDer.equals(first.certificateDer)).toBe(true);
      expect((await readFile(file)).equals(stored)).toBe(true);
      await expect(loadOrCreateSigningIdentity(file, 'wrong passphrase', subject)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
