import { CONVENTIONS_FR } from '../conventions/conventions.i18n';
import { HOME_FR, CALLS_FR, CALL_DETAIL_FR } from '../calls/calls.i18n';
import { LOGIN_FR } from '../login/login.i18n';
import { ORGANIZATION_FR } from '../organization/organization.i18n';
import { ORGANIZATION_FIELDS_FR, LEGAL_FORMS_FR } from '../shared/organization/organization-profile.i18n';
import { ADMIN_CALLS_FR, CALL_EDITOR_FR, MATRIX_FR, REVISION_FR, CALL_TEXTS_FR } from '../admin-calls/admin-calls.i18n';
import { ACCOUNTS_FR } from '../accounts/accounts.i18n';
import { AUDIT_FR, AUDIT_LABELS_FR } from '../audit/audit.i18n';
import { PASSWORD_FR, PASSWORD_RESET_FR } from '../password/password.i18n';
import { SIGNUP_FR, VERIFY_FR, INVITATION_FR } from '../registration/registration.i18n';
import { APPLICATIONS_FR, NEW_APPLICATION_FR, APPLICATION_PAGE_FR, WIZARD_FR, AUTOSAVE_FR, BUDGET_COMPLETENESS_FR, WIZARD_STEPS_FR } from '../applications/applications.i18n';
import { APPLICATION_FIELDS_FR, BUDGET_ACCOUNTS_FR, BUDGET_FR, DOCUMENT_KINDS_FR, DOCUMENTS_FR, DECLARATION_FR } from '../shared/applications/application-content.i18n';
import { MESSAGES_FR } from '../shared/messages/messages.i18n';
import { INSTRUCTION_FR, ADMISSIBILITY_FR } from '../instruction/instruction.i18n';
import { MAILS_FR } from '../admin-mails/admin-mails.i18n';
import { GRANTOR_PAGE_FR } from '../grantor/grantor.i18n';
import { LEGAL_FR } from '../legal/legal.i18n';
import { ERROR_PAGE_FR } from '../errors/error-page.i18n';
import { REVIEW_QUEUE_FR } from '../reviews/review-queue.i18n';
import { REVIEW_ADMIN_FR } from '../review-admin/review-admin.i18n';
import { COMMITTEE_FR } from '../committee/committee.i18n';
import { REVIEW_FORM_FR } from '../reviews/review-form/review-form.i18n';
import { RANKING_FR } from '../committee/ranking/ranking.i18n';
import { FINANCE_FR } from '../finance/finance.i18n';

/**
 * French UI texts (default language): the shared sections here, each feature's from its
 * `<feature>.i18n.ts` under the same key (a new feature adds one line at the end). English is in
 * `<feature>.en.i18n.ts`, imported by the lazy `en.ts` only, so that it stays out of the first load.
 * `en.ts` must have exactly the same keys (checked by its type and by i18n-keys.spec).
 */
export const FR = {
  titles: {
    home: 'Appels à projets',
    callDetail: 'Appel à projets',
    login: 'Se connecter',
    organization: 'Mon organisation',
    adminCalls: 'Gérer les appels',
    callNew: 'Nouvel appel',
    callEdit: "Modifier l'appel",
    accounts: 'Comptes',
    audit: "Journal d'audit",
    accessibility: "Déclaration d'accessibilité",
    forbidden: 'Accès refusé',
    notFound: 'Page introuvable',
    signup: 'Créer un compte association',
    verify: 'Confirmation de l’adresse e-mail',
    invitation: 'Rejoindre une organisation',
    applications: 'Mes candidatures',
    application: 'Candidature',
    instruction: 'Candidatures',
    instructionApplication: 'Instruction d’une candidature',
    mails: 'Courriels',
  },
  shell: {
    skipLink: 'Aller au contenu',
    subtitle: 'Département du Nord — appels à projets insertion',
    language: 'Langue',
    mainNav: 'Navigation principale',
    userMenu: 'menu du compte',
    role: 'Rôle',
    logout: 'Se déconnecter',
    footerOwner: 'Tremplin — Département du Nord',
    accessibility: 'Accessibilité : non conforme (non encore audité)',
  },
  nav: {
    calls: 'Appels à projets',
    login: 'Se connecter',
    organization: 'Mon organisation',
    manageCalls: 'Gérer les appels',
    myApplications: 'Mes candidatures',
    instruction: 'Candidatures',
    mails: 'Courriels',
    accounts: 'Comptes',
    audit: "Journal d'audit",
  },
  roles: {
    association: 'Association',
    reviewer: 'Évaluation',
    finance: 'Finances',
    admin: 'Administration',
  },
  common: {
    loading: 'Chargement en cours',
    retry: 'Réessayer',
    close: 'Fermer',
    cancel: 'Annuler',
    total: 'Total',
    actions: 'Actions',
    description: 'Description',
    notProvided: 'Non renseigné',
    /** French puts a (non-breaking) space before a colon. */
    colon: '\u00a0:',
    requiredHint: 'Les champs marqués d’un astérisque (*) sont obligatoires.',
    yes: 'Oui',
    no: 'Non',
    newWindow: 'nouvelle fenêtre',
  },
  errors: {
    network: 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.',
    unexpected: 'Une erreur inattendue est survenue. Réessayez plus tard.',
  },
  forms: {
    summaryTitle: 'Le formulaire contient des erreurs',
    required: 'Ce champ est obligatoire.',
    invalid: 'Valeur invalide.',
    pattern: "Format invalide : voir l'aide sous le champ.",
    min: 'La valeur doit être au moins {{min}}.',
    max: 'La valeur doit être au plus {{max}}.',
    minLength: 'Au moins {{min}} caractères.',
    maxLength: 'Au plus {{max}} caractères.',
    euros: 'Montant illisible : saisissez par exemple 12 500,00.',
    eurosPositive: 'Saisissez un montant supérieur à zéro, par exemple 74 300 000,00.',
    negative: 'Un montant ne peut pas être négatif.',
    datesOrder: "La clôture doit suivre l'ouverture.",
    tooLarge: 'Montant trop élevé : 10 milliards d’euros au plus par ligne.',
    integer: 'Saisissez un nombre entier.',
    email: 'Adresse e-mail invalide (exemple : nom@domaine.fr).',
    postalCode: 'Code postal : 5 chiffres (ex. 59000).',
    phone: 'Numéro de téléphone : chiffres, espaces, +, points ou tirets (6 à 20 caractères).',
    website: 'Adresse web complète attendue, commençant par https:// ou http://.',
    perYear: 'Indiquez une valeur pour chacune des {{count}} années, ou aucune pour l’instant.',
  },
  paginator: {
    itemsPerPage: 'Lignes par page',
    next: 'Page suivante',
    previous: 'Page précédente',
    first: 'Première page',
    last: 'Dernière page',
    range: '{{start}} – {{end}} sur {{length}}',
    rangeEmpty: '0 sur {{length}}',
  },
  chart: {
    showTable: 'Afficher les données sous forme de tableau',
    label: 'Libellé',
    amount: 'Montant',
    share: 'Part',
  },
  home: HOME_FR,
  calls: CALLS_FR,
  callDetail: CALL_DETAIL_FR,
  login: LOGIN_FR,
  organization: ORGANIZATION_FR,
  adminCalls: ADMIN_CALLS_FR,
  callEditor: CALL_EDITOR_FR,
  matrix: MATRIX_FR,
  revision: REVISION_FR,
  accounts: ACCOUNTS_FR,
  audit: AUDIT_FR,
  organizationFields: ORGANIZATION_FIELDS_FR,
  legalForms: LEGAL_FORMS_FR,
  password: PASSWORD_FR,
  signup: SIGNUP_FR,
  verify: VERIFY_FR,
  verifyBanner: {
    title: 'Vérifiez votre adresse e-mail',
    text: 'Un lien de confirmation a été envoyé à {{email}}. Vous pouvez préparer vos candidatures, mais pas les déposer avant d’avoir confirmé votre adresse.',
    resend: 'Renvoyer le lien',
    sent: 'Un nouveau lien de confirmation vient d’être envoyé.',
  },
  invitation: INVITATION_FR,
  applicationStatus: {
    draft: 'Brouillon',
    submitted: 'Déposée',
    information_requested: 'Compléments demandés',
    admissible: 'Recevable',
    under_review: 'En instruction',
    reviewed: 'Évaluée',
    retained: 'Retenue',
    waitlisted: 'Liste d’attente',
    rejected: 'Non retenue',
    withdrawn: 'Retirée',
    inadmissible: 'Irrecevable',
  },
  applications: APPLICATIONS_FR,
  newApplication: NEW_APPLICATION_FR,
  applicationPage: APPLICATION_PAGE_FR,
  wizard: WIZARD_FR,
  applicationFields: APPLICATION_FIELDS_FR,
  budgetAccounts: BUDGET_ACCOUNTS_FR,
  budget: BUDGET_FR,
  documentKinds: DOCUMENT_KINDS_FR,
  documents: DOCUMENTS_FR,
  upload: {
    progressLabel: 'Envoi de {{name}}',
    progress: 'Envoi de « {{name}} » : {{percent}} %',
  },
  declaration: DECLARATION_FR,
  autosave: AUTOSAVE_FR,
  messages: MESSAGES_FR,
  instruction: INSTRUCTION_FR,
  mails: MAILS_FR,
  passwordReset: PASSWORD_RESET_FR,
  errorPage: ERROR_PAGE_FR,
  budgetCompleteness: BUDGET_COMPLETENESS_FR,
  grantorPage: GRANTOR_PAGE_FR,
  auditLabels: AUDIT_LABELS_FR,
  callTexts: CALL_TEXTS_FR,
  /** Plural messages by CLDR category (Intl.PluralRules): `other` is required, French 0 and 1 are `one`. */
  plurals: {
    stepMissing: { one: '{{count}} élément à compléter', other: '{{count}} éléments à compléter' },
    missingTitle: { one: 'Avant de déposer, {{count}} élément à compléter', other: 'Avant de déposer, {{count}} éléments à compléter' },
    unread: { one: '{{count}} non lu', other: '{{count}} non lus' },
    changes: { one: '{{count}} modification', other: '{{count}} modifications' },
  },
  wizardSteps: WIZARD_STEPS_FR,
  legal: LEGAL_FR,
  admissibility: ADMISSIBILITY_FR,
  reviewQueue: REVIEW_QUEUE_FR,
  reviewAdmin: REVIEW_ADMIN_FR,
  committee: COMMITTEE_FR,
  reviewForm: REVIEW_FORM_FR,
  ranking: RANKING_FR,
  conventions: CONVENTIONS_FR,
  finance: FINANCE_FR,
};
