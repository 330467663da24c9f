import { formatEuros, type DecisionOutcome } from '@tremplin/domain';
import type { GrantorIdentity } from '../grantor/grantor.service';
import type { MailToSend } from '../notifications/outbox.service';

export interface DecisionMail {
  to: string;
  reference: string;
  title: string;
  outcome: DecisionOutcome;
  totalCents: number;
  waitlistRank: number | null;
  reasonLabel: string | null;
  link: string;
  grantor: GrantorIdentity;
}

const SUBJECTS: Record<DecisionOutcome, string> = {
  retained: 'Projet retenu',
  waitlisted: "Projet en liste d'attente",
  rejected: 'Projet non retenu',
};

/** The committee's published decision, told to each member of the organisation. */
export function decisionMail(m: DecisionMail): MailToSend {
  const outcome =
    m.outcome === 'retained'
      ? `Le comité de sélection l'a retenue : subvention de ${formatEuros(m.totalCents, 'fr')} au total.`
      : m.outcome === 'waitlisted'
        ? `Le comité de sélection l'a inscrite en liste d'attente, au rang ${m.waitlistRank ?? '?'}.`
        : `Le comité de sélection ne l'a pas retenue — motif : ${m.reasonLabel ?? ''}.`;
  return {
    to: m.to,
    kind: 'decision',
    subject: `${SUBJECTS[m.outcome]} — ${m.reference}`,
    text: [
      'Bonjour,',
      '',
      `${m.grantor.name} a statué sur la candidature ${m.reference} « ${m.title} ».`,
      outcome,
      '',
      `Le courrier de notification (PDF) est disponible dans votre espace : ${m.link}`,
      '',
      `${m.grantor.name} — Tremplin`,
    ].join('\n'),
  };
}
