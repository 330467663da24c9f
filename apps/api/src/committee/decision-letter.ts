import PDFDocument from 'pdfkit';
import { formatEuros, type DecisionOutcome, type RejectionReason } from '@tremplin/domain';
import { winAnsi } from '../applications/application-receipt';
import type { GrantorIdentity } from '../grantor/grantor.service';

/** How the letter and the mail name each reason (French: the Département writes in French). */
export const REJECTION_REASON_LABELS: Record<RejectionReason, string> = {
  insufficient_score: "note insuffisante au regard des critères de l'appel à projets",
  envelope_exhausted: "enveloppe de l'axe épuisée",
  outside_priorities: 'projet hors des priorités retenues par le comité',
  weak_budget: 'budget insuffisamment étayé',
  other: 'autre motif',
};

export const OUTCOME_TITLES: Record<DecisionOutcome, string> = {
  retained: 'Projet retenu',
  waitlisted: "Projet inscrit en liste d'attente",
  rejected: 'Projet non retenu',
};

export interface DecisionLetterData {
  grantor: GrantorIdentity;
  reference: string;
  publishedAt: Date;
  sitsOn: string;
  deliberationReference: string;
  callTitle: string;
  organization: { legalName: string; addressLine: string; postalCode: string; city: string };
  title: string;
  outcome: DecisionOutcome;
  grants: Array<{ year: number; amountCents: number }>;
  waitlistRank: number | null;
  rejectionReason: RejectionReason | null;
  comment: string;
}

const PARIS_DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' });

/** "2017-03-21" → "21/03/2017". */
const frenchDate = (isoDay: string): string => isoDay.split('-').reverse().join('/');

/** The decision letter (uncompressed: its text stays checkable), after publication only. */
export function renderDecisionLetter(data: DecisionLetterData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: false,
    info: { Title: `Décision ${data.reference}`, Author: winAnsi(data.grantor.name), Subject: winAnsi(data.callTitle) },
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
  doc.font('Helvetica-Bold').fontSize(16).text(winAnsi(OUTCOME_TITLES[data.outcome]));
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(11);
  line('Appel à projets', data.callTitle);
  line('Référence', data.reference);
  line('Projet', data.title);
  line('Comité du', frenchDate(data.sitsOn));
  line('Délibération', data.deliberationReference);
  line('Notifiée le', PARIS_DAY.format(data.publishedAt));
  doc.moveDown();
  if (data.outcome === 'retained') {
    const granted = data.grants.filter((g) => g.amountCents > 0);
    const total = granted.reduce((sum, g) => sum + g.amountCents, 0);
    doc.text(winAnsi(`Le comité de sélection a retenu votre projet. Le Département vous accorde une subvention de ${formatEuros(total, 'fr')} au total :`));
    doc.moveDown(0.5);
    for (const g of data.grants) line(`Année ${g.year}`, formatEuros(g.amountCents, 'fr'));
    line('Total', formatEuros(total, 'fr'));
    doc.moveDown(0.5);
    doc.text("Une convention pluriannuelle d'objectifs précisera les conditions de versement et les engagements des deux parties.");
  } else if (data.outcome === 'waitlisted') {
    doc.text(winAnsi(
      `Le comité de sélection a inscrit votre projet en liste d'attente, au rang ${data.waitlistRank ?? '?'}. ` +
        'Il pourra être retenu si des crédits se libèrent ; vous en serez alors informés.',
    ));
  } else {
    const reason = data.rejectionReason ? REJECTION_REASON_LABELS[data.rejectionReason] : '';
    doc.text(winAnsi(`Le comité de sélection n'a pas retenu votre projet.`));
    line('Motif', reason);
  }
  if (data.comment) {
    doc.moveDown(0.5);
    doc.font('Helvetica-Bold').text('Observations');
    doc.font('Helvetica').text(winAnsi(data.comment));
  }
  doc.moveDown(1.5);
  if (data.grantor.presidentName) {
    doc.text(winAnsi(`${data.grantor.presidentTitle}`), { align: 'right' });
    doc.text(winAnsi(data.grantor.presidentName), { align: 'right' });
  }
  doc.moveDown();
  doc.fontSize(9).fillColor('#333333').text(
    "Cette décision peut faire l'objet d'un recours gracieux auprès du Département, ou d'un recours contentieux devant le tribunal administratif, dans un délai de deux mois à compter de sa notification.",
  );
  doc.end();
  return done;
}
