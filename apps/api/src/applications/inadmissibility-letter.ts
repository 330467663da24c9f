import PDFDocument from 'pdfkit';
import type { InadmissibilityReason } from '@tremplin/domain';
import type { GrantorIdentity } from '../grantor/grantor.service';
import { winAnsi } from './application-receipt';
import { parisDateTime } from './application-rules';

/** How the letter and the mail name each reason (French: the Département writes in French). */
export const INADMISSIBILITY_REASON_LABELS: Record<InadmissibilityReason, string> = {
  incomplete: 'dossier incomplet',
  out_of_scope: "projet hors du champ de l'appel à projets",
  ineligible_organization: 'organisme non éligible',
  late: 'candidature déposée hors délai',
};

export interface InadmissibilityLetterData {
  grantor: GrantorIdentity;
  reference: string;
  decidedAt: Date;
  callTitle: string;
  organization: { legalName: string; addressLine: string; postalCode: string; city: string };
  title: string;
  reason: InadmissibilityReason;
  comment: string;
}

/** The letter telling the association its application is inadmissible, and why (uncompressed: its text stays checkable). */
export function renderInadmissibilityLetter(data: InadmissibilityLetterData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: false,
    info: { Title: `Irrecevabilité ${data.reference}`, Author: winAnsi(data.grantor.name), Subject: winAnsi(data.callTitle) },
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
  doc.moveDown();
  doc.fontSize(10).text(winAnsi(data.organization.legalName), { align: 'right' });
  doc.text(winAnsi(data.organization.addressLine), { align: 'right' });
  doc.text(winAnsi(`${data.organization.postalCode} ${data.organization.city}`), { align: 'right' });
  doc.moveDown(1.5);
  doc.font('Helvetica-Bold').fontSize(16).text('Candidature irrecevable');
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(11);
  line('Appel à projets', data.callTitle);
  line('Référence', data.reference);
  line('Projet', data.title);
  line('Décision du', parisDateTime(data.decidedAt, 'fr').slice(0, 10));
  line('Motif', INADMISSIBILITY_REASON_LABELS[data.reason]);
  doc.moveDown();
  doc.text(winAnsi(
    `Après examen de sa recevabilité, votre candidature ne peut pas être retenue pour l'instruction : ${INADMISSIBILITY_REASON_LABELS[data.reason]}. ` +
      "Elle ne sera donc pas soumise au comité de sélection.",
  ));
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').text('Observations');
  doc.font('Helvetica').text(winAnsi(data.comment));
  doc.moveDown(1.5);
  if (data.grantor.presidentName) {
    doc.text(winAnsi(`${data.grantor.presidentTitle}`), { align: 'right' });
    doc.text(winAnsi(data.grantor.presidentName), { align: 'right' });
  }
  doc.moveDown();
  doc.fontSize(9).fillColor('#333333').text(
    'Cette décision peut faire l\'objet d\'un recours gracieux auprès du Département, ou d\'un recours contentieux devant le tribunal administratif, dans un délai de deux mois à compter de sa notification.',
  );
  doc.end();
  return done;
}
