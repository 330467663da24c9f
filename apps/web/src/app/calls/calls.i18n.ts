/** French texts of the public calls: home list and call detail; English in calls.en.i18n.ts (a lazy chunk). Composed into i18n/fr.ts under the same keys. */

export const HOME_FR = {
  title: 'Appels à projets',
  intro:
    "Le Département du Nord finance des associations qui accompagnent les bénéficiaires du RSA vers l'emploi. Consultez les appels à projets, leurs axes et leurs enveloppes.",
  empty: 'Aucun appel à projets pour le moment.',
  signupIntro: 'Votre association souhaite répondre à un appel à projets ?',
};

export const CALLS_FR = {
  code: 'Code',
  axis: 'Axe',
  opensAt: 'Ouverture',
  closesAt: 'Clôture',
  years: 'Années couvertes',
  envelope: 'Enveloppe totale',
  seeDetail: 'Voir le détail',
  chartCaption: 'Enveloppe par axe — {{code}}',
  status: {
    open: 'Ouvert',
    upcoming: 'À venir',
    closed: 'Clos',
  },
  phase: {
    upcoming: 'Appel à venir',
    open: 'Appel ouvert — démo',
    under_review: 'Appel clos — en instruction',
    decided: 'Appel {{year}} — décidé',
  },
  timeLeft: {
    days: 'Clôture dans {{count}} jours',
    oneDay: 'Clôture dans 1 jour et {{hours}} h',
    hours: 'Clôture dans {{count}} h {{minutes}} min',
    minutes: 'Clôture dans {{count}} min',
    closed: 'Clôturé',
  },
};

export const CALL_DETAIL_FR = {
  back: 'Retour aux appels à projets',
  edit: "Modifier l'appel",
  apply: 'Déposer une candidature',
  reviewersPerApplication: 'Évaluateurs par candidature',
  axesTitle: 'Axes',
  axesCaption: "Axes de l'appel {{code}} et leur enveloppe",
  axisCode: 'Code',
  allocationsTitle: 'Répartition par axe et par année',
  allocationsCaption: "Montants alloués par axe (lignes) et par année (colonnes), en euros",
  axisTotal: 'Total axe',
  yearTotal: 'Total année',
  unbalanced: "La somme des répartitions ne correspond pas à l'enveloppe totale.",
  gridTitle: "Grille d'évaluation",
  gridCaption: "Critères d'évaluation, pondérations et notes maximales",
  criterion: 'Critère',
  weight: 'Pondération',
  maxScore: 'Note maximale',
  gridExplain: 'Chaque critère est noté sur sa note maximale ; la note finale pondérée est sur 100.',
  paymentTitle: 'Modalités de versement',
  payment: {
    advance: "Avance de {{percent}} % à l'ouverture de chaque année, solde après approbation du bilan.",
    noAdvance: "Pas d'avance : versement de chaque année après approbation du bilan.",
    fullAdvance: "Versement intégral à l'ouverture de chaque année.",
  },
};
