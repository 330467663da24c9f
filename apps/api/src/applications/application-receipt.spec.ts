import 'reflect-metadata'; // the contracts' class-validator decorators need it when imported alone
import { renderReceipt, winAnsi, type ReceiptData } from './application-receipt';

/** Text drawn by an uncompressed pdfkit document (its TJ operators, hex in Windows-1252). */
function drawnText(pdf: Buffer): string {
  return [...pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)]
    .map((m) => [...(m[1] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1')).join(''))
    .join(' ')
    .replace(/\s+/g, ' ');
}

const DATA: ReceiptData = {
  grantor: { name: 'Département du Pas-de-Calais', siret: '22620001400018', address: 'Hôtel du Département\nRue Ferdinand Buisson\n62018 Arras Cedex 9' },
  reference: 'AAP2016-MED-000123',
  versionNo: 2,
  submittedAt: new Date('2016-03-18T10:59:00Z'),
  callTitle: 'Appel à projets insertion 2016 — Département du Nord',
  axisLabel: 'Médiation',
  organization: { legalName: 'Association Tremplin Emploi Lille', siret: '73282932000074', rna: 'W595012345' },
  title: 'Médiation sociale 😀 de proximité',
  amounts: [{ year: 2016, requestedCents: 2_500_000 }, { year: 2017, requestedCents: 2_500_050 }],
  documents: [{ kindLabel: 'statuts', fileName: 'statuts.pdf', sha256: 'ab'.repeat(32) }],
};

describe('renderReceipt', () => {
  it('is a PDF stating the reference, organisation, date in Paris time, amounts, documents and the disclaimer', async () => {
    const pdf = await renderReceipt(DATA);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = drawnText(pdf);
    for (const expected of [
      'Accusé de réception', 'DÉPARTEMENT DU PAS-DE-CALAIS', 'Rue Ferdinand Buisson', '62018 Arras Cedex 9', 'SIRET 22620001400018',
      'Montants demandés', 'Référence : AAP2016-MED-000123', 'Association Tremplin Emploi Lille', 'SIRET : 73282932000074',
      'RNA : W595012345', 'Axe : Médiation', 'Déposée le : 18 mars 2016 à 11:59 (heure de Paris)', 'Version : n° 2',
      '2016 : 25 000,00', '2017 : 25 000,50', 'Total : 50 000,50', 'statuts.pdf', 'ab'.repeat(32), 'ne préjuge pas',
      'Médiation sociale ? de proximité',
    ]) {
      expect(text).toContain(expected);
    }
    // Who grants comes from the record given, never from text written in the code.
    expect(text).not.toContain('NORD');
  });
});

describe('winAnsi', () => {
  it('keeps French typography, replaces what the standard fonts cannot draw', () => {
    expect(winAnsi('25\u202f000,00\u00a0€ — « œuvre » ’')).toBe('25\u00a0000,00\u00a0€ — « œuvre » ’');
    expect(winAnsi('日本 😀 a\u0007b')).toBe('?? ? a b');
  });
});
