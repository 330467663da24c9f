/** French texts of sign-up, address verification and invitations; English in registration.en.i18n.ts (a lazy chunk). Composed into i18n/fr.ts under the same keys. */

export const SIGNUP_FR = {
  title: 'Créer un compte association',
  intro:
    'Créez le compte de votre association et décrivez-la : vous pourrez ensuite préparer et déposer vos candidatures. Une adresse e-mail confirmée est nécessaire pour déposer.',
  cta: 'Créer un compte association',
  haveAccount: 'Vous avez déjà un compte ?',
  login: 'Se connecter',
  account: 'Votre compte',
  email: 'Adresse e-mail',
  emailHint: 'Un lien de confirmation y sera envoyé.',
  fullName: 'Nom et prénom',
  password: 'Mot de passe',
  organization: 'Votre organisation',
  submit: 'Créer le compte',
  welcome: 'Compte créé. Confirmez votre adresse e-mail avec le lien reçu.',
  siretTaken: 'Cette organisation a déjà un compte.',
  emailTaken: 'Cette adresse e-mail a déjà un compte.',
};

export const VERIFY_FR = {
  title: 'Confirmation de l’adresse e-mail',
  checking: 'Vérification du lien en cours…',
  done: 'Votre adresse e-mail est confirmée. Vous pouvez déposer vos candidatures.',
  missing: 'Ce lien est incomplet : ouvrez le lien exact reçu par courriel.',
  toApplications: 'Aller à mes candidatures',
  toLogin: 'Se connecter',
};

export const INVITATION_FR = {
  title: 'Rejoindre une organisation',
  intro: 'Vous avez été invité à rejoindre une organisation sur Tremplin. Indiquez votre nom et choisissez un mot de passe.',
  missing: 'Ce lien d’invitation est incomplet : ouvrez le lien exact reçu par courriel.',
  submit: 'Créer mon compte',
  welcome: 'Bienvenue ! Vous avez rejoint l’organisation.',
};
