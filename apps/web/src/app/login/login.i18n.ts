/** French texts of the sign-in page; English in login.en.i18n.ts (a lazy chunk). Composed into i18n/fr.ts under the same keys. */

export const LOGIN_FR = {
  title: 'Se connecter',
  intro: 'Connectez-vous avec votre adresse e-mail et votre mot de passe.',
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  emailRequired: "Saisissez votre adresse e-mail.",
  emailInvalid: 'Adresse e-mail invalide (exemple : nom@domaine.fr).',
  passwordRequired: 'Saisissez votre mot de passe.',
  showPassword: 'Afficher le mot de passe',
  submit: 'Se connecter',
  demoTitle: 'Comptes de démonstration',
  demoIntro: 'Tous les comptes de démonstration utilisent le mot de passe',
  useDemo: 'Remplir',
  noAccount: 'Votre association n’a pas encore de compte ?',
};
