/** French texts of password strength, reset and change; English in password.en.i18n.ts (a lazy chunk). Composed into i18n/fr.ts under the same keys. */

export const PASSWORD_FR = {
  label: 'Mot de passe',
  hint: 'Au moins {{min}} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.',
  strength: {
    empty: 'Solidité : saisissez un mot de passe.',
    tooShort: 'Solidité : trop court.',
    weak: 'Solidité : faible — trop facile à deviner.',
    fair: 'Solidité : moyenne — un mot de plus le renforcerait.',
    good: 'Solidité : bonne.',
  },
};

export const PASSWORD_RESET_FR = {
  titles: {
    forgot: 'Mot de passe oublié',
    reset: 'Nouveau mot de passe',
    change: 'Changer mon mot de passe',
  },
  forgotLink: 'Mot de passe oublié ?',
  forgotTitle: 'Mot de passe oublié',
  forgotIntro:
    'Saisissez l’adresse e-mail de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe. Le lien est valable une heure et ne sert qu’une fois.',
  send: 'Envoyer le lien',
  sent: 'Si un compte utilise l’adresse {{email}}, un lien vient d’y être envoyé. Pensez à regarder dans les courriers indésirables.',
  backToLogin: 'Retour à la connexion',
  resetTitle: 'Choisir un nouveau mot de passe',
  resetIntro: 'Choisissez votre nouveau mot de passe. Toutes les sessions ouvertes sur votre compte seront fermées.',
  missingToken: 'Ce lien est incomplet. Ouvrez le lien reçu par courriel, ou demandez-en un nouveau.',
  askAgain: 'Demander un nouveau lien',
  newPassword: 'Nouveau mot de passe',
  currentPassword: 'Mot de passe actuel',
  save: 'Enregistrer le mot de passe',
  done: 'Mot de passe modifié. Connectez-vous avec votre nouveau mot de passe.',
  menu: 'Changer mon mot de passe',
  changeTitle: 'Changer mon mot de passe',
  changeIntro: 'Saisissez votre mot de passe actuel, puis le nouveau. Vos autres sessions (autres navigateurs, autres appareils) seront fermées.',
  changed: 'Mot de passe modifié. Vos autres sessions ont été fermées.',
};
