import type { GrantorIdentity } from '../grantor/grantor.service';
import type { MailToSend } from '../notifications/outbox.service';
import { frenchDate } from '../core/french-date';

export interface ReviewAssignmentMail {
  to: string;
  fullName: string;
  callTitle: string;
  count: number;
  /** YYYY-MM-DD: the earliest due date of the new assignments. */
  dueOn: string;
  link: string;
  grantor: Pick<GrantorIdentity, 'name'>;
}


/** One mail per reviewer and run: the number of new applications and when they are due (no project named). */
export function reviewAssignmentMail(m: ReviewAssignmentMail): MailToSend {
  const plural = m.count > 1;
  return {
    to: m.to,
    kind: 'review-assignment',
    subject: `${plural ? `${m.count} nouvelles candidatures` : 'Une nouvelle candidature'} à évaluer — ${m.callTitle}`,
    text: [
      `Bonjour ${m.fullName},`,
      '',
      plural
        ? `${m.count} candidatures de l'appel à projets « ${m.callTitle} » vous sont confiées pour évaluation.`
        : `Une candidature de l'appel à projets « ${m.callTitle} » vous est confiée pour évaluation.`,
      `À rendre au plus tard le ${frenchDate(m.dueOn)}.`,
      '',
      "Avant de lire chaque dossier, confirmez que vous n'avez aucun lien avec l'organisation, ou déclarez un conflit d'intérêts : la candidature sera alors confiée à un autre évaluateur.",
      '',
      `Vos évaluations : ${m.link}`,
      '',
      `${m.grantor.name} — Tremplin`,
    ].join('\n'),
  };
}
