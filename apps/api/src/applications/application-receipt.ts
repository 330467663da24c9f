import PDFDocument from 'pdfkit';
import { formatEuros } from '@tremplin/domain';
import { parisDateTime } from './application-rules';

export interface ReceiptData {
  /** Who grants, from the configured record. */
  grantor: { name: string; siret: string; address: string };
  reference: string;
  versionNo: number;
  submittedAt: Date;
  callTitle: string;
  axisLabel: string;
  organization: { legalName: string; siret: string | null; rna: string | null };
  title: string;
  amounts: Array<{ year: number; requestedCents: number }>;
  documents: Array<{ kindLabel: string; fileName: string; sha256: string }>;
}

// The standard PDF fonts only know Windows-1252: other characters are shown as '?', never as
// garbage, and the narrow no-break space of French amounts becomes an ordinary no-break space.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
export function winAnsi(text: string): string {
  return Array.from(text.replace(/[\u202f\u2009]/g, '\u00a0'))
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      if (c === '\n') return c;
      if (code < 0x20 || (code >= 0x7f && code < 0xa0 && !WIN_ANSI_EXTRA.includes(c))) return ' ';
      if (code <= 0xff || WIN_ANSI_EXTRA.includes(c)) return c;
      return '?';
    })
    .join('');
}

/**
 * « Accusé de réception » of one submitted version, as a PDF. Streams are left uncompressed: the
 * receipt is one or two pages, and its text stays checkable (tests, archiving tools).
 */
export function renderReceipt(data: ReceiptData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: false,
    info: { Title: `Accusé de réception ${data.reference}`, Author: winAnsi(data.grantor.name), Subject: winAnsi(data.callTitle) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const line = (label: string, value: string) => {
    doc.font('Helvetica-Bold').text(`${label} : `, { continued: true }).font('Helvetica').text(winAnsi(value));
  };

  doc.font('Helvetica-Bold').fontSize(10).text(winAnsi(data.grantor.name.toLocaleUpperCase('fr-FR')));
  doc.font('Helvetica').fontSize(9).text(winAnsi(data.grantor.address));
  doc.text(winAnsi(`SIRET ${data.grantor.siret}`));
  doc.fontSize(10).text(winAnsi(data.callTitle));
  doc.moveDown(1.5);
  doc.font('Helvetica-Bold').fontSize(18).text('Accusé de réception');
  doc.font('Helvetica').fontSize(10).text("d'une candidature à l'appel à projets");
  doc.moveDown();
  doc.fontSize(11);
  line('Référence', data.reference);
  line('Organisme', data.organization.legalName);
  if (data.organization.siret) line('SIRET', data.organization.siret);
  if (data.organization.rna) line('RNA', data.organization.rna);
  line('Projet', data.title);
  line('Axe', data.axisLabel);
  line('Déposée le', `${parisDateTime(data.submittedAt, 'fr')} (heure de Paris)`);
  line('Version', `n° ${data.versionNo}`);

  doc.moveDown();
  doc.font('Helvetica-Bold').text(winAnsi(`Montants demandés — ${data.grantor.name}`));
  doc.font('Helvetica');
  for (const amount of data.amounts) doc.text(winAnsi(`${amount.year} : ${formatEuros(amount.requestedCents, 'fr')}`));
  const total = data.amounts.reduce((sum, a) => sum + a.requestedCents, 0);
  doc.font('Helvetica-Bold').text(winAnsi(`Total : ${formatEuros(total, 'fr')}`));

  doc.moveDown();
  doc.font('Helvetica-Bold').text('Pièces déposées (empreinte SHA-256)');
  doc.font('Helvetica').fontSize(9);
  if (data.documents.length === 0) doc.text('Aucune pièce.');
  for (const d of data.documents) {
    doc.text(winAnsi(`${d.kindLabel} — ${d.fileName}`));
    doc.font('Courier').text(d.sha256).font('Helvetica').moveDown(0.3);
  }

  doc.moveDown();
  doc.fontSize(9).fillColor('#333333').text(
    'Le présent accusé de réception atteste que la candidature a été déposée à la date indiquée. ' +
      "Il ne vaut pas décision d'attribution et ne préjuge pas de la suite qui sera donnée à la demande : " +
      "la candidature sera examinée selon les critères de l'appel à projets, puis soumise à la décision de l'organisme financeur.",
  );
  doc.end();
  return done;
}
