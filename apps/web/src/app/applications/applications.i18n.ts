/** French texts of the association side of applications: list, page, wizard; English in applications.en.i18n.ts (a lazy chunk). Composed into i18n/fr.ts under the same keys. */

export const APPLICATIONS_FR = {
  mineTitle: 'Mes candidatures',
  mineIntro: 'Les candidatures de votre organisation. Un brouillon s’enregistre tout seul pendant la saisie.',
  listTitle: 'Candidatures de l’organisation',
  titleColumn: 'Intitulé',
  status: 'État',
  reference: 'Référence',
  call: 'Appel à projets',
  axis: 'Axe',
  callAndAxis: 'Appel et axe',
  organization: 'Organisation',
  requested: 'Montant demandé',
  updatedAt: 'Dernière modification',
  submittedAt: 'Déposée le',
  none: 'Aucune candidature pour le moment.',
};

export const NEW_APPLICATION_FR = {
  heading: 'Nouvelle candidature',
  callId: 'Appel à projets ouvert',
  axisCode: 'Axe',
  title: 'Intitulé du projet',
  titleHint: 'Vous pourrez le modifier tant que la candidature n’est pas déposée.',
  create: 'Créer la candidature',
  noOpenCall: 'Aucun appel à projets n’est ouvert en ce moment.',
};

export const APPLICATION_PAGE_FR = {
  back: 'Retour à mes candidatures',
  submittedTitle: 'Candidature déposée.',
  resubmittedTitle: 'Candidature renvoyée.',
  submittedText: 'Sa référence est {{reference}}. Un accusé de réception vous a été envoyé par courriel.',
  receipt: 'Télécharger l’accusé de réception (PDF)',
  requestTitle: 'Le Département vous demande des compléments',
  requestDue: 'À renvoyer avant le {{date}}',
  requestHelp: 'modifiez ce qui est demandé, puis « Renvoyer ma candidature » à la dernière étape.',
  withdrawTitle: 'Retirer la candidature',
  withdrawHelp: 'Vous pouvez retirer votre candidature tant qu’aucune décision n’a été publiée. Ce retrait est définitif.',
  withdraw: 'Retirer ma candidature',
  withdrawn: 'Candidature retirée.',
  withdrawDialog: {
    title: 'Retirer cette candidature ?',
    message: '« {{title}} » sera retirée définitivement et ne sera pas instruite.',
  },
};

export const WIZARD_FR = {
  stepsLabel: 'Étapes de la candidature',
  steps: {
    general: 'Axe et résumé',
    project: 'Le projet',
    budget: 'Budget',
    documents: 'Pièces',
    declaration: 'Déclaration et dépôt',
  },
  stepHasErrors: 'À corriger',
  previous: 'Étape précédente',
  next: 'Étape suivante : {{step}}',
  general: {
    intro: 'Choisissez l’axe de l’appel auquel répond votre projet, puis présentez-le en quelques lignes.',
    axisLocked: 'L’axe ne change plus une fois la candidature déposée.',
    summaryHint: 'Quelques phrases : le besoin, l’action, le public, le résultat attendu.',
  },
  project: {
    objectivesHint: 'Ce que le projet veut changer pour les bénéficiaires du RSA.',
    activitiesHint: 'Les actions menées, leur rythme, qui les conduit.',
    beneficiariesLegend: 'Bénéficiaires du RSA accompagnés, par année',
    beneficiariesHint: 'Des nombres seulement, jamais de noms. Une valeur pour chaque année de l’appel.',
    beneficiariesYear: 'Bénéficiaires en {{year}}',
    territoriesHint: 'Un ou plusieurs territoires du Nord.',
    startDateHint: 'Le projet dure {{years}} ans, comme l’appel.',
    addPartner: 'Ajouter un partenaire',
    removePartner: 'Retirer le partenaire {{n}}',
    noPartner: 'Aucun partenaire pour l’instant.',
    indicatorsHint: 'Au moins un indicateur, avec une cible pour chaque année (ex. « Personnes entrées en formation », unité « personnes »).',
    unitHint: 'Ex. personnes, ateliers, %',
    targetsOf: 'Cibles de l’indicateur {{n}}, par année',
    targetYear: 'Cible {{year}}',
    addIndicator: 'Ajouter un indicateur',
    removeIndicator: 'Retirer l’indicateur {{n}}',
    noIndicator: 'Aucun indicateur pour l’instant.',
  },
  submit: {
    title: 'Déposer la candidature',
    resubmitTitle: 'Renvoyer la candidature',
    stepN: 'Étape {{n}} ({{step}})',
    complete: 'La candidature est complète : vous pouvez la déposer.',
    verifyFirst: 'Confirmez d’abord votre adresse e-mail (lien reçu par courriel) : sans cela, le dépôt sera refusé.',
    closed: 'Le dépôt n’est pas possible : l’appel à projets est clos.',
    deadline: 'Date limite de dépôt : {{date}} (heure de Paris).',
    summaryTitle: 'La candidature ne peut pas encore être déposée',
    submit: 'Déposer ma candidature',
    resubmit: 'Renvoyer ma candidature',
    submitting: 'Dépôt en cours…',
    notSaved: 'Vos dernières modifications n’ont pas pu être enregistrées : corrigez les champs signalés ou réessayez, puis déposez.',
  },
};

export const AUTOSAVE_FR = {
  idle: 'Les modifications s’enregistrent automatiquement.',
  pending: 'Modifications en attente d’enregistrement…',
  saving: 'Enregistrement…',
  saved: 'Enregistré à {{time}}',
  savedExcept:
    'Enregistré à {{time}}, sauf : {{steps}} (champs à corriger). Votre saisie est conservée sur cet appareil en attendant.',
  reloaded: 'Version enregistrée rechargée à {{time}}.',
  failed: 'Échec de l’enregistrement : {{message}} Votre saisie est conservée sur cet appareil.',
  retry: 'Réessayer',
  localCopy: 'Une copie non enregistrée de votre saisie (du {{date}}) est gardée sur cet appareil.',
  restore: 'Restaurer ma copie',
  discard: 'Ignorer la copie',
  conflict: {
    title: 'Cette candidature a été modifiée ailleurs',
    text: 'Une autre version a été enregistrée entre-temps (dans un autre onglet, ou par un autre membre de votre organisation). Que souhaitez-vous faire ?',
    keepHelp: 'Garder ma copie : votre saisie remplace la version enregistrée.',
    reloadHelp: 'Recharger : la version enregistrée remplace votre saisie non enregistrée.',
    keep: 'Garder ma copie',
    reload: 'Recharger la version enregistrée',
  },
};

export const BUDGET_COMPLETENESS_FR = {
  empty: 'Budget {{year}} vide',
  emptyDetail: 'renseignez les charges, les produits et le montant demandé au Département.',
  noRequest: 'Aucun montant demandé au Département pour {{year}}.',
};

export const WIZARD_STEPS_FR = {
  done: 'Étape complète',
};
