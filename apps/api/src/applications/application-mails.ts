import { formatEuros } from '@tremplin/domain';
import type { GrantorIdentity } from '../grantor/grantor.service';
import type { MailToSend } from '../notifications/outbox.service';
import { parisDateTime } from './application-rules';

export interface AcknowledgementMail {
  to: string;
  fullName: string;
  reference: string;
  title: string;
  callTitle: string;
  axisLabel: string;
  organizationName: string;
  submittedAt: Date;
  versionNo: number;
  amounts: Array<{ year: number; requestedCents: number }>;
  link: string;
  /** Who grants: the configured record, never a name written here. */
  grantor: Pick<GrantorIdentity, 'name'>;
}

/** The dated acknowledgement sent to whoever submitted (in French, as the Département writes). */
export function acknowledgementMail(m: AcknowledgementMail): MailToSend {
  const total = m.amounts.reduce((sum, a) => sum + a.requestedCents, 0);
  const resubmission = m.versionNo > 1;
  return {
    to: m.to,
    kind: 'acknowledgement',
    subject: `Accusé de réception — candidature ${m.reference}`,
    text: [
      `Bonjour ${m.fullName},`,
      '',
      resubmission
        ? `Nous avons bien reçu la version n° ${m.versionNo} de votre candidature, complétée à notre demande (${m.grantor.name}).`
        : `Nous avons bien reçu votre candidature (${m.grantor.name}).`,
      '',
      `Référence : ${m.reference}`,
      `Appel à projets : ${m.callTitle}`,
      `Axe : ${m.axisLabel}`,
      `Organisme : ${m.organizationName}`,
      `Projet : ${m.title}`,
      `Déposée le : ${parisDateTime(m.submittedAt, 'fr')} (heure de Paris)`,
      `Version : n° ${m.versionNo}`,
      `Montant demandé : ${formatEuros(total, 'fr')} (${m.amounts.map((a) => `${a.year} : ${formatEuros(a.requestedCents, 'fr')}`).join(' ; ')})`,
      '',
      `L'accusé de réception (PDF) est disponible dans votre espace : ${m.link}`,
      '',
      'Cet accusé de réception ne préjuge pas de la décision du financeur.',
      '',
      `${m.grantor.name} — Tremplin`,
    ].join('\n'),
  };
}

export interface InformationRequestMail {
  to: string;
  reference: string;
  title: string;
  message: string;
  dueDate: string;
  link: string;
  grantor: Pick<GrantorIdentity, 'name'>;
}

/** Tells each member of the organisation what the Département asks, and by when. */
export function informationRequestMail(m: InformationRequestMail): MailToSend {
  const [year, month, day] = m.dueDate.split('-');
  return {
    to: m.to,
    kind: 'information-request',
    subject: `Demande de compléments — candidature ${m.reference}`,
    text: [
      'Bonjour,',
      '',
      `${m.grantor.name} demande des compléments sur la candidature ${m.reference} « ${m.title} » :`,
      '',
      m.message,
      '',
      `Merci de compléter la candidature et de la déposer de nouveau avant le ${day}/${month}/${year} : ${m.link}`,
      '',
      `${m.grantor.name} — Tremplin`,
    ].join('\n'),
  };
}

export interface InadmissibilityMail {
  to: string;
  reference: string;
  title: string;
  /** The reason as the letter words it. */
  reasonLabel: string;
  comment: string;
  link: string;
  grantor: Pick<GrantorIdentity, 'name'>;
}

/** Tells each member of the organisation that the application is inadmissible, why, and where the letter is. */
export function inadmissibilityMail(m: InadmissibilityMail): MailToSend {
  return {
    to: m.to,
    kind: 'inadmissibility',
    subject: `Candidature irrecevable — ${m.reference}`,
    text: [
      'Bonjour,',
      '',
      `${m.grantor.name} a examiné la recevabilité de la candidature ${m.reference} « ${m.title} ».`,
      `Elle est irrecevable — motif : ${m.reasonLabel}.`,
      '',
      m.comment,
      '',
      `Le courrier de notification (PDF) est disponible dans votre espace : ${m.link}`,
      '',
      `${m.grantor.name} — Tremplin`,
    ].join('\n'),
  };
}
