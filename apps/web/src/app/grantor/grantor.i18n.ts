/** French texts of the grantor record; English in grantor.en.i18n.ts (a lazy chunk). Composed into i18n/fr.ts under the same keys. */

export const GRANTOR_PAGE_FR = {
  nav: 'Financeur',
  title: 'Organisme financeur',
  intro: 'Qui attribue les subventions : ce nom, ce SIRET et cette adresse figurent dans les courriels, les accusés de réception et, bientôt, les conventions et les données publiées.',
  name: 'Nom',
  siret: 'SIRET',
  siretHint: '14 chiffres, clé de contrôle vérifiée',
  address: 'Adresse postale',
  presidentName: 'Nom du président ou de la présidente',
  presidentTitle: 'Qualité (par exemple : Président du Conseil départemental)',
  save: 'Enregistrer',
  saved: 'Organisme financeur enregistré.',
};
