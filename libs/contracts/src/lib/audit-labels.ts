import type { Lang } from './errors';

type Labels = Record<string, Record<Lang, string>>;

/**
 * Words for the audit trail's codes, for people reading it (the codes stay in the hash-chained rows).
 * An unknown code is shown as it is: a new action never breaks the page.
 */
export const AUDIT_ACTION_LABELS: Labels = {
  'auth.login': { fr: 'Connexion', en: 'Sign-in' },
  'user.created': { fr: 'Compte créé', en: 'Account created' },
  'user.registered': { fr: 'Inscription', en: 'Sign-up' },
  'user.email-verified': { fr: 'Adresse e-mail vérifiée', en: 'Email address verified' },
  'user.email-verification-resent': { fr: 'Lien de vérification renvoyé', en: 'Verification link resent' },
  'user.deactivated': { fr: 'Compte désactivé', en: 'Account deactivated' },
  'user.reactivated': { fr: 'Compte réactivé', en: 'Account reactivated' },
  'organization.registered': { fr: 'Organisation inscrite', en: 'Organisation registered' },
  'organization.updated': { fr: 'Organisation modifiée', en: 'Organisation updated' },
  'organization.member-invited': { fr: 'Membre invité', en: 'Member invited' },
  'organization.invitation-accepted': { fr: 'Invitation acceptée', en: 'Invitation accepted' },
  'organization.member-admin-changed': { fr: "Droit d'administration modifié", en: 'Admin right changed' },
  'call.created': { fr: 'Appel créé', en: 'Call created' },
  'call.updated': { fr: 'Appel modifié', en: 'Call updated' },
  'call.budget-revised': { fr: 'Enveloppe révisée', en: 'Budget revised' },
  'application.created': { fr: 'Candidature créée', en: 'Application created' },
  'application.updated': { fr: 'Candidature modifiée', en: 'Application updated' },
  'application.submitted': { fr: 'Candidature déposée', en: 'Application submitted' },
  'application.resubmitted': { fr: 'Candidature complétée et redéposée', en: 'Application resubmitted' },
  'application.withdrawn': { fr: 'Candidature retirée', en: 'Application withdrawn' },
  'application.information-requested': { fr: 'Compléments demandés', en: 'Information requested' },
  'application.declared-admissible': { fr: 'Candidature déclarée recevable', en: 'Application declared admissible' },
  'application.declared-inadmissible': { fr: 'Candidature déclarée irrecevable', en: 'Application declared inadmissible' },
  'application.review-started': { fr: 'Évaluation commencée', en: 'Review started' },
  'application.review-completed': { fr: 'Évaluations terminées', en: 'Reviews completed' },
  'review.draft-saved': { fr: "Brouillon d'évaluation enregistré", en: 'Review draft saved' },
  'review.submitted': { fr: 'Évaluation transmise', en: 'Review submitted' },
  'review.revised': { fr: 'Évaluation modifiée après transmission', en: 'Review changed after submission' },
  'document.uploaded': { fr: 'Pièce déposée', en: 'Document uploaded' },
  'document.deleted': { fr: 'Pièce supprimée', en: 'Document deleted' },
  'message.posted': { fr: 'Message envoyé', en: 'Message sent' },
  'grantor.updated': { fr: 'Organisme financeur modifié', en: 'Granting body updated' },
  'demo.seeded': { fr: 'Données de démonstration créées', en: 'Demo data seeded' },
};

export const AUDIT_ENTITY_LABELS: Labels = {
  user: { fr: 'Compte', en: 'Account' },
  organization: { fr: 'Organisation', en: 'Organisation' },
  call: { fr: 'Appel à projets', en: 'Call for projects' },
  application: { fr: 'Candidature', en: 'Application' },
  application_document: { fr: 'Pièce', en: 'Document' },
  application_message: { fr: 'Message', en: 'Message' },
  grantor: { fr: 'Organisme financeur', en: 'Granting body' },
  review_assignment: { fr: 'Évaluation', en: 'Review' },
  system: { fr: 'Système', en: 'System' },
};

/** Labels of the fields that diffs carry; a nested path is labelled by its first segment. */
export const AUDIT_FIELD_LABELS: Labels = {
  // Accounts and organisations
  email: { fr: 'Adresse e-mail', en: 'Email address' },
  fullName: { fr: 'Nom', en: 'Name' },
  role: { fr: 'Rôle', en: 'Role' },
  active: { fr: 'Actif', en: 'Active' },
  emailVerifiedAt: { fr: 'E-mail vérifié le', en: 'Email verified on' },
  organizationId: { fr: 'Organisation', en: 'Organisation' },
  organizationAdmin: { fr: "Administrateur de l'organisation", en: 'Organisation administrator' },
  invitationId: { fr: 'Invitation', en: 'Invitation' },
  userId: { fr: 'Compte', en: 'Account' },
  expiresAt: { fr: 'Expire le', en: 'Expires on' },
  legalName: { fr: 'Raison sociale', en: 'Legal name' },
  siret: { fr: 'SIRET', en: 'SIRET' },
  rna: { fr: 'RNA', en: 'RNA' },
  legalForm: { fr: 'Forme juridique', en: 'Legal form' },
  addressLine: { fr: 'Adresse', en: 'Address' },
  postalCode: { fr: 'Code postal', en: 'Postal code' },
  city: { fr: 'Commune', en: 'City' },
  territory: { fr: 'Territoire', en: 'Territory' },
  legalRepName: { fr: 'Représentant légal', en: 'Legal representative' },
  legalRepFunction: { fr: 'Fonction du représentant légal', en: "Legal representative's function" },
  contactName: { fr: 'Personne à contacter', en: 'Contact person' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  ibanMasked: { fr: 'IBAN', en: 'IBAN' },
  iban: { fr: 'IBAN', en: 'IBAN' },
  bic: { fr: 'BIC', en: 'BIC' },
  website: { fr: 'Site web', en: 'Website' },
  // Reviews (issue #7 §4)
  scores: { fr: 'Notes', en: 'Scores' },
  comments: { fr: 'Commentaires par critère', en: 'Comments per criterion' },
  generalComment: { fr: 'Appréciation générale', en: 'Overall assessment' },
  opinion: { fr: 'Avis', en: 'Opinion' },
  recommended: { fr: 'Montants recommandés', en: 'Recommended amounts' },
  total: { fr: 'Note pondérée', en: 'Weighted score' },
  // Calls
  code: { fr: 'Code', en: 'Code' },
  title: { fr: 'Titre', en: 'Title' },
  description: { fr: 'Description', en: 'Description' },
  titleEn: { fr: 'Titre (anglais)', en: 'Title (English)' },
  descriptionEn: { fr: 'Description (anglais)', en: 'Description (English)' },
  opensAt: { fr: 'Ouverture', en: 'Opens' },
  closesAt: { fr: 'Clôture', en: 'Closes' },
  years: { fr: 'Années', en: 'Years' },
  envelopeCents: { fr: 'Enveloppe', en: 'Envelope' },
  axes: { fr: 'Axes', en: 'Axes' },
  allocations: { fr: 'Répartition par axe et par année', en: 'Allocations by axis and year' },
  criteria: { fr: "Grille d'évaluation", en: 'Scoring grid' },
  paymentRule: { fr: 'Règle de versement', en: 'Payment rule' },
  reviewersPerApplication: { fr: 'Évaluateurs par candidature', en: 'Reviewers per application' },
  reason: { fr: 'Motif', en: 'Reason' },
  // Applications
  callCode: { fr: 'Appel', en: 'Call' },
  axisCode: { fr: 'Axe', en: 'Axis' },
  summary: { fr: 'Résumé', en: 'Summary' },
  project: { fr: 'Projet', en: 'Project' },
  budget: { fr: 'Budget', en: 'Budget' },
  declaration: { fr: 'Déclaration', en: 'Declaration' },
  status: { fr: 'État', en: 'State' },
  reference: { fr: 'Référence', en: 'Reference' },
  submittedVersion: { fr: 'Version déposée', en: 'Submitted version' },
  version: { fr: 'Version', en: 'Version' },
  // Documents and messages
  applicationId: { fr: 'Candidature', en: 'Application' },
  kind: { fr: 'Type de pièce', en: 'Document type' },
  fileName: { fr: 'Fichier', en: 'File' },
  mimeType: { fr: 'Format', en: 'Format' },
  sizeBytes: { fr: 'Taille (octets)', en: 'Size (bytes)' },
  sha256: { fr: 'Empreinte SHA-256', en: 'SHA-256 fingerprint' },
  messageId: { fr: 'Message', en: 'Message' },
  bodyLength: { fr: 'Longueur du message', en: 'Message length' },
  documentIds: { fr: 'Pièces jointes', en: 'Attachments' },
  // Grantor
  name: { fr: 'Nom', en: 'Name' },
  address: { fr: 'Adresse', en: 'Address' },
  presidentName: { fr: 'Président ou présidente', en: 'President' },
  presidentTitle: { fr: 'Qualité', en: 'Title' },
};

export function auditLabel(labels: Labels, code: string, lang: Lang): string {
  return labels[code]?.[lang] ?? code;
}
