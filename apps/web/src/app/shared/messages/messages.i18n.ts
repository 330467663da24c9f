/** French texts of the message thread of an application; English in messages.en.i18n.ts (a lazy chunk). Composed into i18n/fr.ts under the same keys. */

export const MESSAGES_FR = {
  title: 'Messages',
  listLabel: 'Messages, du plus ancien au plus récent',
  mine: 'votre message',
  attachments: 'Pièces jointes',
  empty: 'Aucun message pour le moment.',
  write: 'Écrire un message',
  body: 'Votre message',
  bodyRequired: 'Écrivez votre message.',
  attach: 'Joindre un fichier (facultatif)',
  pendingAttachments: 'Fichiers joints au prochain message',
  detach: 'Retirer',
  send: 'Envoyer',
  tooManyAttachments: '{{max}} pièces jointes au plus par message.',
};
