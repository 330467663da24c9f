/** One JSON error shape for the whole API. */
export interface ApiErrorDetail {
  field: string;
  message: string;
  code?: string;
}
export interface ApiError {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  details?: ApiErrorDetail[];
  requestId?: string;
}

export type Lang = 'fr' | 'en';

/** Error codes with their user messages. `{name}` placeholders are filled from params. */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: { fr: 'Certaines données sont invalides.', en: 'Some data is invalid.' },
  NOT_FOUND: { fr: 'Ressource introuvable.', en: 'Resource not found.' },
  ROUTE_NOT_FOUND: { fr: "Cette adresse de l'API n'existe pas.", en: 'This API route does not exist.' },
  UNAUTHENTICATED: { fr: 'Veuillez vous connecter.', en: 'Please sign in.' },
  INVALID_CREDENTIALS: { fr: 'Adresse e-mail ou mot de passe incorrect.', en: 'Incorrect email or password.' },
  INVALID_REFRESH_TOKEN: { fr: 'Session expirée : veuillez vous reconnecter.', en: 'Session expired: please sign in again.' },
  TOO_MANY_ATTEMPTS: {
    fr: 'Trop de tentatives. Réessayez dans {retryAfterSeconds} secondes.',
    en: 'Too many attempts. Try again in {retryAfterSeconds} seconds.',
  },
  FORBIDDEN: { fr: "Vous n'avez pas le droit de faire cela.", en: 'You are not allowed to do this.' },
  EMAIL_TAKEN: { fr: 'Un compte existe déjà avec cette adresse e-mail.', en: 'An account already uses this email address.' },
  CALL_CODE_TAKEN: { fr: 'Un appel à projets porte déjà ce code.', en: 'A call already uses this code.' },
  CALL_STRUCTURE_LOCKED: {
    fr: "Depuis la première candidature déposée, ces éléments de l'appel sont verrouillés : {lockedFr}. Les textes peuvent changer et la clôture être repoussée ; l'enveloppe change par une révision budgétaire.",
    en: "Since the first application was submitted, these parts of the call are locked: {lockedEn}. Texts may change and the closing date may be postponed; the envelope changes through a budget revision.",
  },
  CALL_NOT_LOCKED: {
    fr: "La structure de l'appel n'est pas encore verrouillée : modifiez directement l'enveloppe.",
    en: 'The call structure is not locked yet: edit the envelope directly.',
  },
  STALE_VERSION: {
    fr: "Ces données ont été modifiées par quelqu'un d'autre entre-temps. Rechargez-les.",
    en: 'Someone else changed this data in the meantime. Reload it.',
  },
  CANNOT_DEACTIVATE_SELF: { fr: 'Vous ne pouvez pas désactiver votre propre compte.', en: 'You cannot deactivate your own account.' },
  ILLEGAL_TRANSITION: {
    fr: "Action « {action} » impossible depuis l'état « {state} ».",
    en: 'Action "{action}" is not allowed from state "{state}".',
  },
  INTERNAL_ERROR: { fr: 'Erreur interne. Réessayez plus tard.', en: 'Internal error. Please try again later.' },
  SERVICE_UNAVAILABLE: { fr: 'Service momentanément indisponible.', en: 'Service temporarily unavailable.' },
  PAYLOAD_TOO_LARGE: { fr: 'Données trop volumineuses.', en: 'Payload too large.' },
  // Sign-up, organisation and invitations (issue #3).
  SIRET_TAKEN: {
    fr: "Une organisation est déjà inscrite avec ce SIRET. Demandez à son administrateur de vous inviter depuis son espace « Mon organisation ».",
    en: 'An organisation with this SIRET is already registered. Ask its administrator to invite you from their "My organisation" page.',
  },
  EMAIL_NOT_VERIFIED: {
    fr: "Confirmez d'abord votre adresse e-mail avec le lien reçu (vous pouvez demander un nouveau lien).",
    en: 'Confirm your email address first with the link you received (you can ask for a new link).',
  },
  EMAIL_ALREADY_VERIFIED: { fr: 'Votre adresse e-mail est déjà confirmée.', en: 'Your email address is already confirmed.' },
  INVALID_TOKEN: {
    fr: 'Ce lien est invalide, expiré ou a déjà été utilisé. Demandez-en un nouveau.',
    en: 'This link is invalid, expired or already used. Ask for a new one.',
  },
  ORGANIZATION_ADMIN_REQUIRED: {
    fr: "Seuls les administrateurs de l'organisation peuvent faire cela.",
    en: 'Only the organisation administrators can do this.',
  },
  LAST_ORGANIZATION_ADMIN: {
    fr: "L'organisation doit garder au moins un administrateur : nommez-en un autre d'abord.",
    en: 'The organisation must keep at least one administrator: appoint another one first.',
  },
  // Documents and messages (issue #3).
  FILE_TOO_LARGE: {
    fr: 'Fichier trop volumineux : {maxMegabytes} Mo au maximum par document.',
    en: 'File too large: at most {maxMegabytes} MB per document.',
  },
  UNSUPPORTED_FILE_TYPE: {
    fr: 'Type de fichier refusé. Formats acceptés : PDF, PNG, JPEG, XLSX (Excel), DOCX (Word) et ODT (LibreOffice). Le type est lu dans le contenu du fichier, pas dans son nom.',
    en: 'File type not accepted. Accepted formats: PDF, PNG, JPEG, XLSX (Excel), DOCX (Word) and ODT (LibreOffice). The type is read from the file content, not its name.',
  },
  DOCUMENTS_LOCKED: {
    fr: "Les pièces ne se modifient que pendant la préparation de la candidature ou en réponse à une demande de compléments (état actuel : « {status} »).",
    en: 'Documents can only change while the application is a draft or answers an information request (current state: "{status}").',
  },
  THREAD_NOT_OPEN: {
    fr: 'La messagerie de cette candidature ouvre une fois la candidature déposée.',
    en: "This application's messages open once the application is submitted.",
  },
  THREAD_CLOSED: {
    fr: "La candidature est close (état « {status} ») : on ne peut plus y joindre de pièces.",
    en: 'The application is closed (state "{status}"): no more attachments can be added.',
  },
  ATTACHMENT_SENT: {
    fr: 'Cette pièce a été envoyée avec un message : elle ne peut plus être retirée.',
    en: 'This file was sent with a message: it can no longer be removed.',
  },
  // Applications: creation, drafts, submission (issue #3).
  CALL_NOT_OPEN: {
    fr: "Cet appel à projets n'est pas ouvert aux candidatures : il est ouvert du {opensAtFr} au {closesAtFr} (heure de Paris).",
    en: 'This call is not open for applications: it runs from {opensAtEn} to {closesAtEn} (Paris time).',
  },
  SUBMISSION_CLOSED: {
    fr: 'Le dépôt des candidatures est clos depuis le {deadlineFr} (heure de Paris) : la candidature ne peut plus être déposée.',
    en: 'Submissions closed on {deadlineEn} (Paris time): the application can no longer be submitted.',
  },
  APPLICATION_NOT_EDITABLE: {
    fr: "Cette candidature n'est plus modifiable (état « {status} »).",
    en: 'This application can no longer be edited (state "{status}").',
  },
  APPLICATION_INCOMPLETE: {
    fr: 'La candidature est incomplète : complétez chacun des éléments signalés avant de la déposer.',
    en: 'The application is incomplete: complete each of the listed items before submitting.',
  },
  APPLICATION_NOT_SUBMITTED: {
    fr: "Cette candidature n'a pas encore été déposée : elle n'a pas d'accusé de réception.",
    en: 'This application has not been submitted yet: it has no acknowledgement of receipt.',
  },
  // Scoring (issue #7 §4).
  REVIEW_LOCKED: {
    fr: "Les notes sont verrouillées : la commission de cet axe est ouverte ou a statué.",
    en: 'Scores are locked: the committee for this axis is open or has decided.',
  },
  REVIEW_INCOMPLETE: {
    fr: "L'évaluation est incomplète : complétez chacun des éléments signalés avant de la transmettre.",
    en: 'The review is incomplete: complete each of the listed items before submitting it.',
  },
  // Robustness (issue #6 §6): a unique key that no explicit check names, hit by a race.
  DUPLICATE_VALUE: { fr: 'Cette valeur est déjà utilisée.', en: 'This value is already used.' },
  // Assignment and conflicts of interest (issue #7 §2–§3).
  ASSIGNMENT_INFEASIBLE: {
    fr: "Affectation impossible : {reasonFr} Ajoutez des évaluateurs actifs, augmentez leur capacité ou réduisez le nombre d'évaluateurs par candidature.",
    en: 'Assignment impossible: {reasonEn} Add active reviewers, raise their capacity or lower the number of reviewers per application.',
  },
  ASSIGNMENT_REVIEW_SUBMITTED: {
    fr: "L'évaluation de cette affectation est déjà remise : elle ne peut plus être retirée ni réaffectée.",
    en: 'The review of this assignment is already submitted: it can no longer be withdrawn or reassigned.',
  },
  // A conflict found after submitting: declarable until the axis's committee session opens (issue #7 leftovers).
  CONFLICT_DECLARATION_CLOSED: {
    fr: "La commission de cet axe est ouverte ou a statué : un conflit d'intérêts ne peut plus être déclaré sur une évaluation remise. Signalez-le au service instructeur.",
    en: 'The committee for this axis is open or has decided: a conflict of interest can no longer be declared on a submitted review. Report it to the instructing department.',
  },
  ASSIGNMENT_NOT_ACTIVE: {
    fr: "Cette affectation est close (état « {status} ») : son échéance ne change plus.",
    en: 'This assignment is closed (state "{status}"): its due date no longer changes.',
  },
  REVIEWER_TIE_EXISTS: {
    fr: 'Vous avez déjà déclaré un lien avec cette organisation.',
    en: 'You have already declared a tie with this organisation.',
  },
  // Committee decisions (issue #7 §7).
  COMMITTEE_SESSION_ALREADY_OPEN: {
    fr: "Une séance du comité est déjà ouverte sur l'axe {axisCode} de cet appel : publiez-la avant d'en ouvrir une autre.",
    en: 'A committee session is already open on axis {axisCode} of this call: publish it before opening another.',
  },
  DECISION_STALE: {
    fr: "La décision sur cette candidature a été modifiée par quelqu'un d'autre entre-temps (version {current}, vous aviez la version {seen}). Rechargez avant de décider.",
    en: 'Someone else changed the decision on this application in the meantime (version {current}, you had version {seen}). Reload before deciding.',
  },
  CONFLICT_OF_INTEREST: {
    fr: "Vous vous êtes déporté·e de cette candidature (conflit d'intérêts) : vous ne prenez pas part à la décision.",
    en: 'You recused yourself from this application (conflict of interest): you take no part in the decision.',
  },
  NOT_IN_SESSION: {
    fr: "Cette candidature n'est pas dans une séance ouverte du comité : ouvrez une séance sur son axe ({axisCode}).",
    en: 'This application is not in an open committee session: open a session on its axis ({axisCode}).',
  },
  NOT_DECIDABLE: {
    fr: "Le comité ne décide que sur une candidature instruite ou en liste d'attente (état actuel : « {status} »).",
    en: 'The committee decides only on reviewed or waitlisted applications (current state: "{status}").',
  },
  ALLOCATION_EXCEEDED: {
    fr: 'Publication refusée : les montants accordés dépassent la répartition de {cells}.',
    en: 'Publication refused: granted amounts exceed the allocation of {cellsEn}.',
  },
  NOTHING_TO_PUBLISH: { fr: "Aucune décision à publier dans cette séance.", en: 'No decision to publish in this session.' },
  DECISION_NOT_PUBLISHED: { fr: "La décision n'est pas encore publiée.", en: 'The decision is not published yet.' },
  // Conventions and payments (issue #8).
  ALLOCATION_BELOW_COMMITTED: {
    fr: 'La case {axisCode} × {year} porte déjà {committedFr} d’engagements signés : sa dotation ne peut pas descendre en dessous.',
    en: 'Cell {axisCode} × {year} already carries {committedEn} of signed commitments: its allocation cannot go below that.',
  },
  COMMITMENT_EXCEEDS_ALLOCATION: {
    fr: 'Engagement refusé : la case {axisCode} × {year} n’a plus que {remainingFr} disponibles pour {requestedFr} demandés.',
    en: 'Commitment refused: cell {axisCode} × {year} has only {remainingEn} left for {requestedEn} requested.',
  },
  COMMITMENT_BELOW_PAID: {
    fr: 'Réduction refusée : dans la case {axisCode} × {year}, seuls {remainingFr} engagés ne sont pas encore payés.',
    en: 'Reduction refused: in cell {axisCode} × {year}, only {remainingEn} committed is still unpaid.',
  },
  PAYMENT_REFUSED: {
    fr: 'Paiement refusé : il ne reste que {remainingFr} à payer sur cette échéance ou sur l’engagement de l’année.',
    en: 'Payment refused: only {remainingEn} remains to pay on this installment or on the year’s commitment.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    fr: 'Cette clé d’idempotence a déjà servi pour un autre paiement.',
    en: 'This idempotency key was already used for another payment.',
  },
  // Conventions API (issue #8 §1, §5).
  CONVENTION_DECISION_NOT_PUBLISHED: {
    fr: 'Pas de convention sans décision « retenu » publiée par le comité pour cette candidature.',
    en: 'No convention without a published "retained" committee decision for this application.',
  },
  CONVENTION_ALREADY_EXISTS: {
    fr: 'Cette candidature a déjà sa convention ({number}).',
    en: 'This application already has its convention ({number}).',
  },
  CONVENTION_STALE: {
    fr: "La convention a été modifiée par quelqu'un d'autre entre-temps (version {current}, vous aviez la version {seen}). Rechargez-la.",
    en: 'Someone else changed the convention in the meantime (version {current}, you had version {seen}). Reload it.',
  },
  CONVENTION_NOT_AMENDABLE: {
    fr: 'Un avenant ne se signe que sur une convention signée par le Département ou active (état actuel : « {status} »).',
    en: 'An amendment applies only to a convention signed by the Département or active (current state: "{status}").',
  },
  CONVENTION_YEAR_BELOW_PAID: {
    fr: "L'année {year} ne peut pas descendre sous ce qui est déjà payé ({paidFr}).",
    en: 'Year {year} cannot go below what is already paid ({paidEn}).',
  },
  CONVENTION_YEAR_SETTLED: {
    fr: "Le solde {year} est déjà payé : le montant de cette année ne peut plus augmenter.",
    en: 'The {year} balance is already paid: that year’s amount can no longer increase.',
  },
  CONVENTION_NOTHING_CHANGED: { fr: "L'avenant ne change aucun montant ni aucune date.", en: 'The amendment changes no amount and no date.' },
  INSTALLMENT_NOT_MOVABLE: {
    fr: "L'échéance {kindFr} {year} est {statusFr} : seule une échéance prévue et non payée peut changer de date.",
    en: 'The {year} {kindEn} installment is {statusEn}: only a planned, unpaid installment can change its date.',
  },
  INSTALLMENT_DUE_NOT_MOVABLE: {
    fr: "L'échéance {kindFr} {year} est déjà exigible : son cycle de vie ne permet pas de la remettre en « prévue », sa date ne peut plus changer.",
    en: 'The {year} {kindEn} installment is already due: its lifecycle cannot take it back to planned, so its date can no longer change.',
  },
  CONVENTION_OPEN_INSTALLMENTS: {
    fr: 'Clôture impossible : {count} échéance(s) restent à payer. Payez-les ou résiliez la convention.',
    en: 'Cannot close: {count} installment(s) remain to be paid. Pay them or terminate the convention.',
  },
  CONVENTION_NOT_ACTIVE: {
    fr: "Le compte rendu ne s'approuve que sur une convention active (état actuel : « {status} »).",
    en: 'A report is approved only on an active convention (current state: "{status}").',
  },
  REPORT_ALREADY_APPROVED: { fr: 'Le compte rendu {year} est déjà approuvé.', en: 'The {year} report is already approved.' },
  NO_SIGNED_DOCUMENT: { fr: "La convention n'est pas encore signée par le Département.", en: 'The Département has not signed the convention yet.' },
  // Payments (issue #8 §3): why an installment cannot be paid now.
  INSTALLMENT_NOT_PAYABLE: {
    fr: 'Paiement refusé : cette échéance est {statusFr}.',
    en: 'Payment refused: this installment is {statusEn}.',
  },
  CONVENTION_NOT_PAYABLE: {
    fr: 'Paiement refusé : seules les conventions actives sont payées, celle-ci est {statusFr}.',
    en: 'Payment refused: only active conventions are paid, this one is {statusEn}.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Validation messages for fields (used in `details`). */
export const FIELD_MESSAGES = {
  ALLOCATION_NEGATIVE: { fr: 'Un montant ne peut pas être négatif.', en: 'An amount cannot be negative.' },
  ALLOCATION_UNKNOWN_AXIS: { fr: "Axe inconnu dans l'appel.", en: 'Unknown axis for this call.' },
  ALLOCATION_UNKNOWN_YEAR: { fr: "Année hors de l'appel.", en: 'Year outside the call.' },
  ALLOCATION_DUPLICATE_CELL: { fr: 'Cette case axe × année est saisie deux fois.', en: 'This axis × year cell appears twice.' },
  ALLOCATION_MISSING_CELL: { fr: 'Il manque la case {axisCode} × {year}.', en: 'Cell {axisCode} × {year} is missing.' },
  ALLOCATION_SUM_MISMATCH: {
    fr: "La somme des répartitions ({actual}) doit être égale à l'enveloppe ({expected}).",
    en: 'Allocations add up to {actual} but must equal the envelope ({expected}).',
  },
  ENVELOPE_NOT_POSITIVE: { fr: "L'enveloppe doit être positive.", en: 'The envelope must be positive.' },
  GRID_EMPTY: { fr: 'La grille doit compter au moins un critère.', en: 'The grid needs at least one criterion.' },
  GRID_WEIGHTS_SUM: {
    fr: 'La somme des pondérations doit être 100 (actuellement {actual}).',
    en: 'Weights must add up to 100 (currently {actual}).',
  },
  GRID_WEIGHT_INVALID: { fr: 'Pondération entière entre 1 et 100.', en: 'Weight must be a whole number from 1 to 100.' },
  GRID_MAX_SCORE_INVALID: { fr: 'Note maximale entière entre 1 et 100.', en: 'Maximum score must be a whole number from 1 to 100.' },
  GRID_DUPLICATE_CODE: { fr: 'Code de critère en double.', en: 'Duplicate criterion code.' },
  PAYMENT_ADVANCE_INVALID: { fr: "Part d'avance entière entre 0 et 10 000 points de base (0 à 100 %).", en: 'Advance share must be a whole number from 0 to 10,000 basis points (0–100%).' },
  AMOUNT_NOT_CENTS: { fr: 'Montant en centimes entiers attendu.', en: 'Amount must be a whole number of cents.' },
  CALL_DATES_ORDER: { fr: "La clôture doit suivre l'ouverture.", en: 'Closing must come after opening.' },
  CALL_YEARS_INVALID: {
    fr: "De 1 à 4 années consécutives (convention pluriannuelle d'objectifs).",
    en: 'From 1 to 4 consecutive years (multi-year convention).',
  },
  AXIS_DUPLICATE_CODE: { fr: "Code d'axe en double.", en: 'Duplicate axis code.' },
  // Organisation identifiers and passwords (issue #3).
  SIRET_INVALID: {
    fr: 'SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle (vérifiez sur votre avis de situation INSEE).',
    en: 'Invalid SIRET: 14 digits, the last being a check digit (see your INSEE registration notice).',
  },
  RNA_INVALID: { fr: 'Numéro RNA invalide : W suivi de 9 caractères (ex. W595012345).', en: 'Invalid RNA number: W followed by 9 characters (e.g. W595012345).' },
  IDENTIFIER_REQUIRED: { fr: 'Indiquez le SIRET ou le numéro RNA (au moins un des deux).', en: 'Give the SIRET or the RNA number (at least one).' },
  IBAN_INVALID: { fr: 'IBAN invalide : vérifiez-le sur votre RIB.', en: 'Invalid IBAN: check it against your bank details.' },
  BIC_INVALID: { fr: 'BIC invalide : 8 ou 11 caractères (ex. CEPAFRPP627).', en: 'Invalid BIC: 8 or 11 characters (e.g. CEPAFRPP627).' },
  PASSWORD_TOO_SHORT: { fr: 'Au moins {min} caractères.', en: 'At least {min} characters.' },
  PASSWORD_TOO_WEAK: {
    fr: 'Mot de passe trop facile à deviner (mot courant, suite de clavier, nom ou adresse e-mail). Préférez une phrase de plusieurs mots sans rapport entre eux.',
    en: 'Password too easy to guess (common word, keyboard pattern, name or email). Prefer a passphrase of several unrelated words.',
  },
  // Password change (issue #6).
  CURRENT_PASSWORD_WRONG: { fr: 'Mot de passe actuel incorrect.', en: 'The current password is incorrect.' },
  // Documents and messages (issue #3).
  FILE_EXTENSION_MISMATCH: {
    fr: "Le nom du fichier se termine par « .{extension} » mais son contenu est au format {detected}.",
    en: 'The file name ends in ".{extension}" but its content is {detected}.',
  },
  DOCUMENT_NOT_ATTACHABLE: {
    fr: 'Pièce introuvable ou déjà jointe à un message : déposez-la de nouveau.',
    en: 'Attachment not found or already attached to a message: upload it again.',
  },
  // Applications: what submission requires (issue #3).
  REQUIRED: { fr: 'À renseigner avant le dépôt.', en: 'Required before submission.' },
  REQUIRED_PER_YEAR: { fr: "Une valeur pour chacune des {count} années de l'appel.", en: 'One value for each of the {count} years of the call.' },
  INDICATOR_REQUIRED: {
    fr: "Au moins un indicateur, avec une cible pour chaque année de l'appel.",
    en: 'At least one indicator, with a target for each year of the call.',
  },
  DOCUMENT_MISSING: { fr: 'Pièce obligatoire manquante : {labelFr}.', en: 'Required document missing: {labelEn}.' },
  DECLARATION_INCOMPLETE: {
    fr: 'La déclaration du représentant légal doit être remplie et chaque engagement accepté.',
    en: "The legal representative's declaration must be filled in and each commitment accepted.",
  },
  DATE_INVALID: { fr: "Cette date n'existe pas.", en: 'This date does not exist.' },
  DUE_DATE_PAST: { fr: "L'échéance doit être postérieure à aujourd'hui.", en: 'The due date must be after today.' },
  CALL_UNKNOWN: { fr: 'Appel à projets introuvable.', en: 'Call for projects not found.' },
  AXIS_UNKNOWN: { fr: "Cet axe n'existe pas dans l'appel.", en: 'This axis does not exist in the call.' },
  AXIS_LOCKED: { fr: "L'axe ne change plus une fois la candidature déposée.", en: 'The axis cannot change once the application is submitted.' },
  STATUS_UNKNOWN: { fr: 'État inconnu : {value}.', en: 'Unknown state: {value}.' },
  TEXT_INVALID_CHARACTER: {
    fr: 'Ce texte contient un caractère qui ne peut pas être enregistré (caractère nul ou codage invalide).',
    en: 'This text contains a character that cannot be stored (null character or invalid encoding).',
  },
  BUDGET_YEAR_UNBALANCED: {
    fr: "Budget {year} non équilibré : charges {charges}, produits {products} (écart {gap}). Les charges doivent égaler les produits.",
    en: 'Budget {year} does not balance: charges {charges}, products {products} (gap {gap}). Charges must equal products.',
  },
  BUDGET_AMOUNT_INVALID: { fr: 'Budget {year} : montant en centimes entiers positifs attendu.', en: 'Budget {year}: amount must be a whole, non-negative number of cents.' },
  BUDGET_YEAR_MISSING: { fr: "Il manque le budget de l'année {year}.", en: 'The budget for {year} is missing.' },
  BUDGET_YEAR_UNKNOWN: { fr: "L'année {year} ne fait pas partie de l'appel.", en: 'Year {year} is not part of the call.' },
  BUDGET_TOTAL_TOO_LARGE: { fr: 'Budget {year} : montants trop élevés pour être additionnés au centime près.', en: 'Budget {year}: amounts too large to be added up to the cent.' },
  BUDGET_YEAR_DUPLICATE: { fr: "Le budget de l'année {year} est saisi deux fois.", en: 'The budget for {year} appears twice.' },
  BUDGET_OTHER_FUNDER_NAME: { fr: 'Budget {year} : nommez les autres financeurs (compte 74).', en: 'Budget {year}: name the other funders (account 74).' },
  FIELD_LOCKED: {
    fr: 'Verrouillé depuis la première candidature déposée.',
    en: 'Locked since the first application was submitted.',
  },
  BUDGET_YEAR_EMPTY: {
    fr: 'Budget {year} vide : chaque année du projet a son budget (charges et produits).',
    en: 'Budget {year} is empty: each year of the project needs its budget (charges and products).',
  },
  BUDGET_YEAR_NO_REQUEST: {
    fr: 'Budget {year} : indiquez le montant demandé au Département (compte 74).',
    en: 'Budget {year}: give the amount requested from the Département (account 74).',
  },
  // Admissibility (issue #7 §1).
  ADMISSIBILITY_REASON_INVALID: { fr: "Choisissez le motif d'irrecevabilité ({allowed}).", en: 'Choose the reason for inadmissibility ({allowed}).' },
  ADMISSIBILITY_REASON_FORBIDDEN: { fr: "Pas de motif d'irrecevabilité pour une candidature recevable.", en: 'No inadmissibility reason for an admissible application.' },
  ADMISSIBILITY_COMMENT_REQUIRED: { fr: "Expliquez l'irrecevabilité : ce texte figure dans le courrier.", en: 'Explain the inadmissibility: this text goes into the letter.' },
  ADMISSIBILITY_COMMENT_TOO_LONG: { fr: '{max} caractères au plus.', en: 'At most {max} characters.' },
  // Assignment and conflicts of interest (issue #7 §2–§3).
  REVIEWER_UNKNOWN: { fr: 'Évaluateur introuvable.', en: 'Reviewer not found.' },
  REVIEWER_INACTIVE: { fr: "Cet évaluateur n'est pas actif.", en: 'This reviewer is not active.' },
  REVIEWER_TIED: {
    fr: "Cet évaluateur a déclaré un lien avec l'organisation (conflit d'intérêts).",
    en: 'This reviewer declared a tie with the organisation (conflict of interest).',
  },
  REVIEWER_ALREADY_ASSIGNED: {
    fr: 'Cet évaluateur est ou a déjà été affecté à cette candidature.',
    en: 'This reviewer is or was already assigned to this application.',
  },
  REVIEWER_AT_CAPACITY: {
    fr: 'Cet évaluateur a atteint sa capacité dans cet appel ({load} sur {capacity}).',
    en: 'This reviewer has reached their capacity in this call ({load} of {capacity}).',
  },
  ORGANIZATION_UNKNOWN: { fr: 'Organisation introuvable.', en: 'Organisation not found.' },
  ASSIGNMENT_NOT_ENOUGH_REVIEWERS: {
    fr: '{reference} : {available} évaluateur(s) disponible(s) sans conflit pour {needed} à affecter.',
    en: '{reference}: {available} reviewer(s) available without conflict for {needed} to assign.',
  },
  ASSIGNMENT_CAPACITY_TOO_LOW: {
    fr: 'Capacité restante des évaluateurs actifs : {capacity} évaluations pour {needed} à affecter.',
    en: 'Active reviewers can take {capacity} more reviews for {needed} to assign.',
  },
  ASSIGNMENT_OVER_CAPACITY: {
    fr: '{reviewer} a déjà {load} affectations pour une capacité de {capacity}.',
    en: '{reviewer} already has {load} assignments for a capacity of {capacity}.',
  },
  ASSIGNMENT_TOO_MANY_REVIEWERS: {
    fr: '{reference} a déjà {count} évaluateurs pour {needed} demandés.',
    en: '{reference} already has {count} reviewers for {needed} asked.',
  },
  ASSIGNMENT_NO_SOLUTION: {
    fr: "Aucune répartition ne respecte à la fois les conflits et les capacités.",
    en: 'No assignment respects both the conflicts and the capacities.',
  },
  ASSIGNMENT_NO_BALANCED_SOLUTION: {
    fr: 'Aucune répartition équilibrée ne respecte les conflits et les capacités.',
    en: 'No balanced assignment respects the conflicts and the capacities.',
  },
  ASSIGNMENT_TIME_LIMIT: {
    fr: "Le calcul n'a pas abouti en {seconds} secondes.",
    en: 'The computation did not finish within {seconds} seconds.',
  },
  // Scoring (issue #7 §4).
  REVIEW_UNKNOWN_CRITERION: { fr: "Critère {code} absent de la grille de l'appel.", en: "Criterion {code} is not in the call's grid." },
  REVIEW_COMMENT_INVALID: { fr: 'Le commentaire doit être un texte.', en: 'The comment must be text.' },
  REVIEW_COMMENT_TOO_LONG: { fr: '{max} caractères au plus.', en: 'At most {max} characters.' },
  REVIEW_SCORE_MISSING: { fr: 'Notez ce critère.', en: 'Score this criterion.' },
  REVIEW_SCORE_OUT_OF_SCALE: { fr: 'Note entière de {min} à {max}.', en: 'Whole score from {min} to {max}.' },
  REVIEW_COMMENT_REQUIRED: {
    fr: 'Commentaire obligatoire pour une note dans le quart inférieur ({score} sur {max}).',
    en: 'A comment is required for a score in the bottom quarter ({score} out of {max}).',
  },
  REVIEW_YEAR_UNKNOWN: { fr: "L'année {year} ne fait pas partie de la demande.", en: 'Year {year} is not part of the request.' },
  REVIEW_YEAR_DUPLICATE: { fr: "L'année {year} est saisie deux fois.", en: 'Year {year} appears twice.' },
  REVIEW_AMOUNT_MISSING: { fr: 'Indiquez le montant recommandé pour {year}.', en: 'Give the recommended amount for {year}.' },
  REVIEW_AMOUNT_ABOVE_REQUEST: {
    fr: 'Le montant recommandé pour {year} ne peut pas dépasser la demande ({max}).',
    en: 'The recommended amount for {year} cannot exceed the request ({max}).',
  },
  REVIEW_OPINION_MISSING: { fr: 'Donnez un avis global.', en: 'Give an overall opinion.' },
  REVIEW_OPINION_INVALID: { fr: 'Avis inconnu ({allowed}).', en: 'Unknown opinion ({allowed}).' },
  REVIEW_REASON_REQUIRED: {
    fr: "Expliquez pourquoi vous modifiez une évaluation déjà transmise : le motif est tracé.",
    en: 'Explain why you change a review already submitted: the reason is recorded.',
  },
  LATE_CONFLICT_REASON_REQUIRED: {
    fr: 'Expliquez le conflit d’intérêts : votre évaluation transmise sera retirée, le motif est tracé.',
    en: 'Explain the conflict of interest: your submitted review will be withdrawn, the reason is recorded.',
  },
  // Robustness (issue #6 §6).
  DUPLICATE_VALUE: { fr: 'déjà utilisé', en: 'already used' },
  JSON_TOO_DEEP: { fr: 'JSON imbriqué sur plus de {max} niveaux', en: 'JSON nested deeper than {max} levels' },
  // Committee decisions (issue #7 §7).
  DECISION_OUTCOME_INVALID: { fr: 'Choisissez la décision ({allowed}).', en: 'Choose the decision ({allowed}).' },
  DECISION_YEAR_UNKNOWN: { fr: "La candidature ne demande rien pour {year}.", en: 'The application requests nothing for {year}.' },
  DECISION_YEAR_DUPLICATE: { fr: "L'année {year} est saisie deux fois.", en: 'Year {year} appears twice.' },
  DECISION_GRANT_ABOVE_REQUEST: {
    fr: '{year} : le montant accordé ne peut pas dépasser le montant demandé ({requested}).',
    en: '{year}: the amount granted cannot exceed the amount requested ({requested}).',
  },
  DECISION_GRANT_REQUIRED: { fr: 'Un projet retenu reçoit un montant pour au moins une année.', en: 'A retained project is granted an amount for at least one year.' },
  DECISION_GRANTS_FORBIDDEN: { fr: "Seul un projet retenu reçoit des montants.", en: 'Only a retained project is granted amounts.' },
  DECISION_WAITLIST_RANK_INVALID: { fr: "Rang en liste d'attente : un entier à partir de 1.", en: 'Waitlist rank: a whole number from 1.' },
  DECISION_REJECTION_REASON_INVALID: { fr: 'Choisissez le motif du refus ({allowed}).', en: 'Choose the reason for rejection ({allowed}).' },
  DECISION_COMMENT_REQUIRED: { fr: 'Précisez le motif « autre » : ce texte figure dans le courrier.', en: 'Explain the « other » reason: this text goes into the letter.' },
  DECISION_LINE_EXCEPTION_REQUIRED: {
    fr: 'Retenir sous la ligne de coupure ou refuser au-dessus demande une justification écrite.',
    en: 'Retaining below the cut line or rejecting above it needs a written justification.',
  },
  DECISION_FIELD_FORBIDDEN: { fr: "Sans objet pour cette décision.", en: 'Not applicable to this decision.' },
  DECISION_TEXT_TOO_LONG: { fr: '{max} caractères au plus.', en: 'At most {max} characters.' },
  ALLOCATION_EXCEEDED_CELL: {
    fr: '{axisCode} × {year} : {granted} accordés pour une répartition de {allocation} (dépassement de {excess}).',
    en: '{axisCode} × {year}: {granted} granted for an allocation of {allocation} (over by {excess}).',
  },
  // Conventions and payments (issue #8).
  ALLOCATION_BELOW_COMMITTED: {
    fr: '{axisCode} × {year} : au moins {committed} (déjà engagés).',
    en: '{axisCode} × {year}: at least {committed} (already committed).',
  },
  PAYMENT_ABOVE_INSTALLMENT: { fr: 'Au plus {remaining} (reste à payer sur l’échéance).', en: 'At most {remaining} (left to pay on the installment).' },
  PAYMENT_ABOVE_COMMITMENT: { fr: 'Au plus {remaining} (reste engagé sur l’année).', en: 'At most {remaining} (left committed for the year).' },
  PAYMENT_NOT_POSITIVE: { fr: 'Le montant doit être positif.', en: 'The amount must be positive.' },
  PAYMENT_INSTALLMENT_NOT_DUE: { fr: 'Cette échéance n’est pas exigible ({status}).', en: 'This installment is not due ({status}).' },
  CONVENTION_FIELD_REQUIRED: { fr: 'Obligatoire pour cette étape.', en: 'Required for this step.' },
  CONVENTION_FIELD_FORBIDDEN: { fr: 'Sans objet pour cette étape.', en: 'Not applicable to this step.' },
  CONVENTION_SCAN_NOT_PDF: { fr: 'La convention signée se dépose en PDF.', en: 'The signed convention must be a PDF.' },
  RECOVERY_NEGATIVE: { fr: 'Le montant à reverser ne peut pas être négatif.', en: 'The recovery amount cannot be negative.' },
  RECOVERY_ABOVE_PAID: { fr: 'Au plus {paid} (total déjà versé).', en: 'At most {paid} (total already paid).' },
  AMENDMENT_YEAR_UNKNOWN: { fr: "L'année {year} n'est pas dans la convention.", en: 'Year {year} is not in the convention.' },
  AMENDMENT_YEAR_DUPLICATE: { fr: "L'année {year} est saisie deux fois.", en: 'Year {year} appears twice.' },
  AMENDMENT_INSTALLMENT_UNKNOWN: { fr: "Aucune échéance {kindFr} {year} dans cette convention.", en: 'No {year} {kindEn} installment in this convention.' },
  AMENDMENT_INSTALLMENT_DUPLICATE: { fr: "L'échéance {kindFr} {year} est saisie deux fois.", en: 'The {year} {kindEn} installment appears twice.' },
  AMENDMENT_DUE_ON_OUT_OF_RANGE: { fr: 'Une date entre le {from} et le {to}.', en: 'A date between {from} and {to}.' },
} as const satisfies Record<string, Record<Lang, string>>;
export type FieldMessageCode = keyof typeof FIELD_MESSAGES;

export function fillMessage(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
