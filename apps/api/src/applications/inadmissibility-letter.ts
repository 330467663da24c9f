import type { InadmissibilityReason } from '@tremplin/domain';
import type { GrantorIdentity } from '../grantor/grantor.service';
import { winAnsi } from './application-receipt';
import { frenchDate } from '../core/french-date';
import { renderGrantorLetter } from '../grantor/grantor-letter';

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

/** The letter telling the association its application is inadmissible, and why. */
export function renderInadmissibilityLetter(data: InadmissibilityLetterData): Promise<Buffer> {
  const reason = INADMISSIBILITY_REASON_LABELS[data.reason];
  return renderGrantorLetter(
    { grantor: data.grantor, organization: data.organization, title: `Irrecevabilité ${data.reference}`, subject: data.callTitle, heading: 'Candidature irrecevable' },
    ({ doc, line }) => {
      line('Appel à projets', data.callTitle);
      line('Référence', data.reference);
      line('Projet', data.title);
      line('Décision du', frenchDate(data.decidedAt));
      line('Motif', reason);
      doc.moveDown();
      doc.text(winAnsi(
        `Après examen de sa recevabilité, votre candidature ne peut pas être retenue pour l'instruction : ${reason}. ` +
          'Elle ne sera donc pas soumise au comité de sélection.',
      ));
      doc.moveDown(0.5);
      doc.font('Helvetica-Bold').text('Observations');
      doc.font('Helvetica').text(winAnsi(data.comment));
    },
  );
}
