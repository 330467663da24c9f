/** French texts of the mail outbox (admin « Courriels »); English in admin-mails.en.i18n.ts (a lazy chunk). Composed into i18n/fr.ts under the same keys. */

export const MAILS_FR = {
  title: 'Courriels',
  intro:
    'Les courriels envoyés par Tremplin (boîte d’envoi). Sans serveur de messagerie configuré, comme en démonstration, ils restent ici : ouvrez un courriel pour suivre ses liens.',
  filtersLabel: 'Filtrer les courriels',
  to: 'Destinataire',
  kind: 'Type',
  refresh: 'Actualiser',
  count: 'Courriels trouvés : {{count}}',
  caption: 'Courriels, du plus récent au plus ancien',
  text: 'Texte du courriel',
  toggle: 'Afficher le courriel « {{subject}} » à {{to}}',
  createdAt: 'Créé le',
  subject: 'Objet',
  state: 'État',
  sent: 'Envoyé le {{date}}',
  pending: 'En attente',
  error: 'Dernière erreur',
  attempts: 'Essais',
  none: 'Aucun courriel.',
  kinds: {
    'email-verification': 'Confirmation d’adresse',
    invitation: 'Invitation',
    acknowledgement: 'Accusé de réception',
    'information-request': 'Demande de compléments',
    message: 'Nouveau message',
    'password-reset': 'Réinitialisation du mot de passe',
    inadmissibility: 'Irrecevabilité',
    'review-assignment': 'Évaluations confiées',
    decision: 'Décision du comité',
  },
};
