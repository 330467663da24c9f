import PDFDocument from 'pdfkit';
import { winAnsi } from '../applications/application-receipt';
import type { GrantorIdentity } from './grantor.service';

export interface LetterAddressee {
  legalName: string;
  addressLine: string;
  postalCode: string;
  city: string;
}

/** What a letter's body writes with: the document, and a « label : value » line. */
export interface LetterWriter {
  doc: PDFKit.PDFDocument;
  line: (label: string, value: string) => void;
}

/**
 * A decision letter from the granting body to an association (inadmissibility, committee decision):
 * the grantor's header, the addressee, the heading, then `body`, the president's signature and the
 * means of appeal. Uncompressed, so that its text stays checkable.
 */
export function renderGrantorLetter(
  letter: { grantor: GrantorIdentity; organization: LetterAddressee; title: string; subject: string; heading: string },
  body: (writer: LetterWriter) => void,
): Promise<Buffer> {
  const { grantor, organization } = letter;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: false,
    info: { Title: winAnsi(letter.title), Author: winAnsi(grantor.name), Subject: winAnsi(letter.subject) },
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

  doc.font('Helvetica-Bold').fontSize(10).text(winAnsi(grantor.name.toLocaleUpperCase('fr-FR')));
  doc.font('Helvetica').fontSize(9).text(winAnsi(grantor.address));
  doc.text(winAnsi(`SIRET ${grantor.siret}`));
  doc.moveDown();
  doc.fontSize(10).text(winAnsi(organization.legalName), { align: 'right' });
  doc.text(winAnsi(organization.addressLine), { align: 'right' });
  doc.text(winAnsi(`${organization.postalCode} ${organization.city}`), { align: 'right' });
  doc.moveDown(1.5);
  doc.font('Helvetica-Bold').fontSize(16).text(winAnsi(letter.heading));
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(11);

  body({ doc, line });

  doc.moveDown(1.5);
  if (grantor.presidentName) {
    doc.text(winAnsi(grantor.presidentTitle), { align: 'right' });
    doc.text(winAnsi(grantor.presidentName), { align: 'right' });
  }
  doc.moveDown();
  doc.fontSize(9).fillColor('#333333').text(
    "Cette décision peut faire l'objet d'un recours gracieux auprès du Département, ou d'un recours contentieux devant le tribunal administratif, dans un délai de deux mois à compter de sa notification.",
  );
  doc.end();
  return done;
}
