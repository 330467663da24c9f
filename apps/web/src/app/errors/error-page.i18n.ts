/** French texts of the error pages (forbidden, not found); English in error-page.en.i18n.ts (a lazy chunk). Composed into i18n/fr.ts under the same keys. */

export const ERROR_PAGE_FR = {
  home: "Retour à l'accueil",
  notFound: {
    title: 'Page introuvable',
    text: "L'adresse demandée ne correspond à aucune page de Tremplin.",
  },
  forbidden: {
    title: 'Accès refusé',
    text: "Votre compte n'a pas accès à cette page.",
  },
};
