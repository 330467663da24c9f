/** French texts of « Mon organisation »; English in organization.en.i18n.ts (a lazy chunk). Composed into i18n/fr.ts under the same keys. */

export const ORGANIZATION_FR = {
  title: 'Mon organisation',
  address: 'Adresse',
  legalRep: 'Représentant légal',
  edit: 'Modifier le profil',
  editTitle: 'Modifier le profil de l’organisation',
  adminsOnly: 'Seuls les administrateurs de l’organisation peuvent modifier le profil et inviter des membres.',
  save: 'Enregistrer le profil',
  saved: 'Profil de l’organisation enregistré.',
  conflict:
    'Le profil a été modifié par quelqu’un d’autre entre-temps : votre enregistrement n’a pas été pris en compte. Vos saisies restent dans le formulaire ; rechargez la version enregistrée pour la comparer, puis enregistrez de nouveau.',
  reload: 'Recharger',
  reloaded: 'La version enregistrée a été rechargée (en haut de la page). Vos saisies sont toujours dans le formulaire : vérifiez-les, puis enregistrez.',
  yourChanges: 'Champs où votre saisie diffère de la version enregistrée',
  members: {
    title: 'Membres',
    role: 'Rôle dans l’organisation',
    address: 'Confirmation de l’adresse',
    admin: 'Administrateur',
    member: 'Membre',
    verified: 'Confirmée',
    unverified: 'En attente de confirmation',
    promote: 'Nommer administrateur',
    demote: 'Retirer le rôle d’administrateur',
    promoted: 'Le membre est désormais administrateur.',
    demoted: 'Le membre n’est plus administrateur.',
  },
  invite: {
    title: 'Inviter un membre',
    intro: 'La personne reçoit un lien par courriel pour créer son compte dans votre organisation.',
    email: 'Adresse e-mail de la personne',
    send: 'Envoyer l’invitation',
    sent: 'Invitation envoyée à {{email}}.',
    pending: 'Invitations en attente',
    expires: 'lien valable jusqu’au {{date}}',
  },
};
