import { formatEuros } from '@tremplin/domain';
import type { GrantorIdentity } from '../grantor/grantor.service';
import type { MailToSend } from '../notifications/outbox.service';

export interface ConventionSentMail {
  to: string;
  number: string;
  projectTitle: string;
  reference: string;
  years: Array<{ year: number; amountCents: number }>;
  link: string;
  grantor: Pick<GrantorIdentity, 'name'>;
}

/** Tells the association's members that their convention awaits the legal representative's signature. */
export function conventionSentMail(m: ConventionSentMail): MailToSend {
  const total = m.years.reduce((sum, y) => sum + y.amountCents, 0);
  return {
    to: m.to,
    kind: 'convention',
    subject: `Convention ${m.number} à signer`,
    text: [
      'Bonjour,',
      '',
      `${m.grantor.name} vous adresse la convention ${m.number} pour le projet « ${m.projectTitle} » (dossier ${m.reference}).`,
      `Montant total : ${formatEuros(total, 'fr')} (${m.years.map((y) => `${y.year} : ${formatEuros(y.amountCents, 'fr')}`).join(' ; ')}).`,
      '',
      `Votre représentant légal peut la lire et la signer dans votre espace, ou y déposer l'exemplaire signé (PDF) : ${m.link}`,
      '',
      'Le Département la signera ensuite ; les versements commenceront après les deux signatures.',
      '',
      `${m.grantor.name} — Tremplin`,
    ].join('\n'),
  };
}
