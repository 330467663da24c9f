import { formatEuros, type DecisionOutcome, type RejectionReason } from '@tremplin/domain';
import { winAnsi } from '../applications/application-receipt';
import { frenchDate } from '../core/french-date';
import { renderGrantorLetter } from '../grantor/grantor-letter';
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

/** The decision letter, after publication only. */
export function renderDecisionLetter(data: DecisionLetterData): Promise<Buffer> {
  return renderGrantorLetter(
    { grantor: data.grantor, organization: data.organization, title: `Décision ${data.reference}`, subject: data.callTitle, heading: OUTCOME_TITLES[data.outcome] },
    ({ doc, line }) => {
      line('Appel à projets', data.callTitle);
      line('Référence', data.reference);
      line('Projet', data.title);
      line('Comité du', frenchDate(data.sitsOn));
      line('Délibération', data.deliberationReference);
      line('Notifiée le', frenchDate(data.publishedAt));
      doc.moveDown();
      if (data.outcome === 'retained') {
        const total = data.grants.reduce((sum, g) => sum + g.amountCents, 0);
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
        doc.text(winAnsi(`Le comité de sélection n'a pas retenu votre projet.`));
        line('Motif', data.rejectionReason ? REJECTION_REASON_LABELS[data.rejectionReason] : '');
      }
      if (data.comment) {
        doc.moveDown(0.5);
        doc.font('Helvetica-Bold').text('Observations');
        doc.font('Helvetica').text(winAnsi(data.comment));
      }
    },
  );
}
