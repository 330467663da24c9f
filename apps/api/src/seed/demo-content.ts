import type { Territory } from '@tremplin/contracts';

/**
 * French word lists for the demo: communes of each of the Nord's territories (real postcodes), people's
 * names, banks, and per-axis project wording. Plain data, no logic.
 */

export const CITIES: Record<Territory, ReadonlyArray<readonly [string, string]>> = {
  AVESNOIS: [['Maubeuge', '59600'], ['Avesnes-sur-Helpe', '59440'], ['Fourmies', '59610'], ['Hautmont', '59330'], ['Jeumont', '59460'], ['Aulnoye-Aymeries', '59620'], ['Le Quesnoy', '59530'], ['Landrecies', '59550'], ['Trélon', '59132'], ['Feignies', '59750']],
  CAMBRESIS: [['Cambrai', '59400'], ['Caudry', '59540'], ['Le Cateau-Cambrésis', '59360'], ['Solesmes', '59730'], ['Proville', '59267'], ['Escaudœuvres', '59161'], ['Avesnes-les-Aubert', '59129'], ['Neuville-Saint-Rémy', '59554']],
  DOUAISIS: [['Douai', '59500'], ['Sin-le-Noble', '59450'], ['Somain', '59490'], ['Waziers', '59119'], ['Aniche', '59580'], ['Cuincy', '59553'], ['Lallaing', '59167'], ['Guesnain', '59287'], ['Orchies', '59310']],
  FLANDRE_INTERIEURE: [['Hazebrouck', '59190'], ['Bailleul', '59270'], ['Merville', '59660'], ['Cassel', '59670'], ['Steenvoorde', '59114'], ['Estaires', '59940'], ['Wormhout', '59470'], ['Nieppe', '59850']],
  FLANDRE_MARITIME: [['Dunkerque', '59140'], ['Grande-Synthe', '59760'], ['Gravelines', '59820'], ['Coudekerque-Branche', '59210'], ['Saint-Pol-sur-Mer', '59430'], ['Téteghem', '59229'], ['Bourbourg', '59630'], ['Bergues', '59380'], ['Hondschoote', '59122']],
  VALENCIENNOIS: [['Valenciennes', '59300'], ['Denain', '59220'], ['Anzin', '59410'], ['Saint-Amand-les-Eaux', '59230'], ['Condé-sur-l’Escaut', '59163'], ['Raismes', '59590'], ['Marly', '59770'], ['Onnaing', '59264'], ['Vieux-Condé', '59690'], ['Bruay-sur-l’Escaut', '59860']],
  METROPOLE_LILLE: [['Lille', '59000'], ['Villeneuve-d’Ascq', '59650'], ['Lomme', '59160'], ['Loos', '59120'], ['Armentières', '59280'], ['Hellemmes', '59260'], ['Faches-Thumesnil', '59155'], ['Seclin', '59113'], ['Haubourdin', '59320'], ['Mons-en-Barœul', '59370'], ['Lambersart', '59130']],
  METROPOLE_ROUBAIX_TOURCOING: [['Roubaix', '59100'], ['Tourcoing', '59200'], ['Wattrelos', '59150'], ['Croix', '59170'], ['Wasquehal', '59290'], ['Hem', '59510'], ['Lys-lez-Lannoy', '59390'], ['Halluin', '59250'], ['Mouvaux', '59420'], ['Leers', '59115']],
};

/** Share of the organisations in each territory, roughly by population (per-mille). */
export const TERRITORY_WEIGHTS: ReadonlyArray<readonly [Territory, number]> = [
  ['METROPOLE_LILLE', 230], ['METROPOLE_ROUBAIX_TOURCOING', 150], ['VALENCIENNOIS', 135], ['FLANDRE_MARITIME', 110],
  ['DOUAISIS', 105], ['AVESNOIS', 100], ['CAMBRESIS', 80], ['FLANDRE_INTERIEURE', 90],
];

/** How a territory reads after « de » and « dans » in a sentence. */
export const TERRITORY_PHRASES: Record<Territory, { of: string; in: string }> = {
  AVESNOIS: { of: 'de l’Avesnois', in: 'dans l’Avesnois' },
  CAMBRESIS: { of: 'du Cambrésis', in: 'dans le Cambrésis' },
  DOUAISIS: { of: 'du Douaisis', in: 'dans le Douaisis' },
  FLANDRE_INTERIEURE: { of: 'de la Flandre intérieure', in: 'en Flandre intérieure' },
  FLANDRE_MARITIME: { of: 'de la Flandre maritime', in: 'en Flandre maritime' },
  VALENCIENNOIS: { of: 'du Valenciennois', in: 'dans le Valenciennois' },
  METROPOLE_LILLE: { of: 'de la métropole lilloise', in: 'dans la métropole lilloise' },
  METROPOLE_ROUBAIX_TOURCOING: { of: 'de Roubaix-Tourcoing', in: 'dans le secteur de Roubaix-Tourcoing' },
};

/** Neighbouring territories: some projects act on two. */
export const NEIGHBOURS: Record<Territory, readonly Territory[]> = {
  AVESNOIS: ['CAMBRESIS', 'VALENCIENNOIS'],
  CAMBRESIS: ['AVESNOIS', 'DOUAISIS', 'VALENCIENNOIS'],
  DOUAISIS: ['CAMBRESIS', 'VALENCIENNOIS', 'METROPOLE_LILLE'],
  FLANDRE_INTERIEURE: ['FLANDRE_MARITIME', 'METROPOLE_LILLE'],
  FLANDRE_MARITIME: ['FLANDRE_INTERIEURE'],
  VALENCIENNOIS: ['DOUAISIS', 'AVESNOIS', 'CAMBRESIS'],
  METROPOLE_LILLE: ['METROPOLE_ROUBAIX_TOURCOING', 'DOUAISIS', 'FLANDRE_INTERIEURE'],
  METROPOLE_ROUBAIX_TOURCOING: ['METROPOLE_LILLE'],
};

export const STREETS = [
  'rue de la République', 'rue Jean Jaurès', 'place du Général de Gaulle', 'rue Victor Hugo', 'boulevard de la Liberté', 'rue Pasteur',
  'rue Roger Salengro', 'rue Jules Guesde', 'avenue Jean Lebas', 'rue du Maréchal Foch', 'rue Gambetta', 'rue Paul Bert', 'rue de Lille',
  'rue Émile Zola', 'rue Léon Blum', 'rue des Écoles', 'rue de la Gare', 'place de l’Hôtel de Ville', 'rue Pierre Mauroy', 'rue Jean Moulin',
];

export const FIRST_NAMES_F = ['Nathalie', 'Sandrine', 'Isabelle', 'Valérie', 'Sophie', 'Céline', 'Aurélie', 'Karima', 'Fatima', 'Marie', 'Christine', 'Sylvie', 'Julie', 'Amandine', 'Laetitia', 'Nadia', 'Claire', 'Anne', 'Samira', 'Élodie', 'Virginie', 'Hélène', 'Martine', 'Catherine'];
export const FIRST_NAMES_M = ['Philippe', 'Christophe', 'Laurent', 'Stéphane', 'Olivier', 'Karim', 'Mohamed', 'Jean-Marc', 'Thierry', 'Frédéric', 'Nicolas', 'David', 'Sébastien', 'Pascal', 'Bruno', 'Hervé', 'Rachid', 'Didier', 'Patrick', 'Franck', 'Jérôme', 'Yannick', 'Grégory', 'Michel'];
export const LAST_NAMES = [
  'Lefebvre', 'Dupont', 'Leroy', 'Lemaire', 'Vandenbussche', 'Delattre', 'Dubois', 'Deschamps', 'Caron', 'Lecomte', 'Vasseur', 'Dumont',
  'Desmet', 'Martin', 'Lambert', 'Bernard', 'Duhamel', 'Lenoir', 'Vanhoutte', 'Ramdani', 'Boulanger', 'Delannoy', 'Bouchez', 'Fontaine',
  'Kaczmarek', 'Nowak', 'Benamar', 'Mahieu', 'Hennebert', 'Wallart', 'Decroix', 'Carpentier', 'Delcroix', 'Morel', 'Plouvier', 'Ghesquière',
  'Haddad', 'Debruyne', 'Verhaeghe', 'Petit', 'Roussel', 'Coppin', 'Dhainaut', 'Lemoine', 'Cordier', 'Guilbert', 'Hamdi', 'Szymanski',
];

/** French banks with their bank code and a BIC, as found on associations' RIBs. */
export const BANKS: ReadonlyArray<{ code: string; bic: string }> = [
  { code: '42559', bic: 'CCOPFRPPXXX' }, // Crédit Coopératif, the associations' bank
  { code: '20041', bic: 'PSSTFRPPLIL' }, // La Banque Postale, Lille
  { code: '16275', bic: 'CEPAFRPP627' }, // Caisse d'Épargne Hauts de France
  { code: '16706', bic: 'AGRIFRPP867' }, // Crédit Agricole Nord de France
  { code: '15629', bic: 'CMCIFR2A' }, // Crédit Mutuel Nord Europe
  { code: '30004', bic: 'BNPAFRPPXXX' },
  { code: '30003', bic: 'SOGEFRPP' },
  { code: '30076', bic: 'NORDFRPP' }, // Crédit du Nord
];

/** Legal forms with the words their names start with. */
export const LEGAL_FORM_NAMES: ReadonlyArray<readonly [string, readonly string[], number]> = [
  ['association_1901', ['Association', 'Collectif', 'Maison', 'Réseau', 'Atelier', 'Comité', 'Union', 'Espace', 'Centre social', 'Régie de quartier', 'Les Amis de'], 880],
  ['scic', ['SCIC'], 45],
  ['sarl_ess', ['Entreprise d’insertion', 'SARL solidaire'], 35],
  ['fondation', ['Fondation'], 15],
  ['autre', ['GEIQ', 'Groupement'], 25],
];

export const NAME_THEMES = [
  'Tremplin Emploi', 'Solidarité', 'Insertion et Partage', 'Mobilité Solidaire', 'Femmes Relais', 'Jardins de Cocagne', 'Parcours Santé',
  'Entraide Familles', 'Logement Accompagné', 'Chantier Nature', 'Savoirs de Base', 'Médiation Sociale', 'Horizon Travail', 'Passerelles',
  'Le Relais', 'Nouveau Départ', 'Accueil et Promotion', 'Initiatives Citoyennes', 'Vivre Ensemble', 'Rebond', 'Les Ateliers du Lien',
  'Cap Avenir', 'La Clé', 'Emploi Solidaire', 'Terre d’Accueil', 'Les Petits Pas', 'Main dans la Main', 'Trait d’Union', 'Sésame',
];

export const OTHER_FUNDERS = [
  'Caisse d’allocations familiales du Nord', 'Fondation de France', 'Fondation Abbé Pierre', 'Agence régionale de santé Hauts-de-France',
  'Fondation Vinci pour la Cité', 'AG2R La Mondiale', 'Bailleurs sociaux (Partenord Habitat, Vilogia)', 'Fonds de dotation local',
  'Caisse primaire d’assurance maladie', 'Fondation Crédit Coopératif',
];

/** Partners named in projects; `{city}` and `{ofTerritory}` are filled in. */
export const PARTNERS: ReadonlyArray<readonly [string, string]> = [
  ['UTPAS de {city}', 'Orientation des allocataires et suivi des contrats d’engagements réciproques'],
  ['Pôle emploi {city}', 'Co-accompagnement vers l’emploi et offres adaptées'],
  ['CCAS de {city}', 'Repérage des publics et aides facultatives'],
  ['Mission locale de {city}', 'Relais pour les jeunes allocataires de moins de 26 ans'],
  ['Caisse d’allocations familiales du Nord', 'Accès aux droits et accompagnement des familles'],
  ['PLIE {ofTerritory}', 'Parcours renforcés vers l’emploi'],
  ['Centre social de {city}', 'Accueil des ateliers collectifs'],
  ['Maison de l’emploi {ofTerritory}', 'Mise en relation avec les employeurs du bassin'],
  ['Restos du Cœur de {city}', 'Aide alimentaire et orientation vers le projet'],
  ['Secours populaire français', 'Accueil et orientation des familles'],
  ['Cap emploi Nord', 'Accompagnement des personnes en situation de handicap'],
  ['Caisse primaire d’assurance maladie', 'Bilans de santé et accès aux soins'],
  ['Entreprises du bassin d’emploi de {city}', 'Immersions professionnelles et recrutements'],
  ['Structures d’insertion par l’activité économique {ofTerritory}', 'Suites de parcours en emploi d’insertion'],
];

export interface AxisWording {
  titles: readonly string[];
  summaries: readonly string[];
  objectives: readonly string[];
  activities: readonly string[];
  indicators: ReadonlyArray<{ label: string; unit: string; kind: 'people' | 'percent' | 'count' }>;
}

/** Per-axis wording; `{city}`, `{ofTerritory}` and `{inTerritory}` are filled in. */
export const AXIS_WORDING: Record<string, AxisWording> = {
  MEDIATION: {
    titles: [
      'Médiation sociale de proximité dans les quartiers de {city}',
      'Aller vers : permanences mobiles pour les allocataires du RSA {ofTerritory}',
      'Médiateurs pairs pour renouer le lien avec les services d’insertion',
      'Point d’accueil et de médiation numérique à {city}',
      'Bus de l’insertion : médiation itinérante en milieu rural',
      'Médiation interculturelle et accès aux droits à {city}',
      'Porte-à-porte solidaire vers les allocataires isolés',
    ],
    summaries: [
      'Des médiateurs vont à la rencontre des allocataires du RSA qui ne se présentent plus à leurs rendez-vous, pour rétablir le contact et les accompagner vers leur référent.',
      'Permanences de médiation tenues au plus près des habitants, dans les lieux qu’ils fréquentent déjà, pour lever la méfiance envers les institutions.',
      'Une équipe de médiateurs, dont d’anciens allocataires, repère les personnes sans accompagnement et les remet en lien avec les services d’insertion.',
    ],
    objectives: [
      'Repérer les allocataires du RSA sans accompagnement effectif et rétablir le contact.',
      'Réduire le non-recours aux droits et aux dispositifs d’insertion.',
      'Faciliter la relation entre les personnes et les services du Département.',
      'Préparer l’entrée dans un parcours d’insertion adapté à chaque situation.',
    ],
    activities: [
      'Permanences hebdomadaires dans les centres sociaux et les mairies de quartier.',
      'Visites à domicile et appels de relance en lien avec l’UTPAS.',
      'Accompagnement physique aux premiers rendez-vous avec le référent RSA.',
      'Ateliers d’information collective sur les droits et devoirs des allocataires.',
      'Médiation numérique pour l’accès aux démarches en ligne.',
    ],
    indicators: [
      { label: 'Personnes rencontrées lors des actions d’aller-vers', unit: 'personnes', kind: 'people' },
      { label: 'Personnes remises en lien avec un référent RSA', unit: 'personnes', kind: 'people' },
      { label: 'Permanences tenues', unit: 'permanences', kind: 'count' },
    ],
  },
  INNOVATION: {
    titles: [
      'Laboratoire d’expérimentation sociale pour l’insertion à {city}',
      'Garage solidaire et mobilité partagée',
      'Plateforme d’entraide numérique entre allocataires du RSA',
      'Tiers-lieu de l’insertion et du réemploi à {city}',
      'Conciergerie solidaire d’insertion',
      'Jardin maraîcher partagé et circuits courts à {city}',
      'Coopérative d’activités pour créateurs allocataires du RSA',
    ],
    summaries: [
      'Expérimentation d’une réponse nouvelle aux besoins d’insertion du territoire, co-construite avec les personnes concernées et évaluée chaque année.',
      'Un lieu ouvert où les allocataires du RSA conçoivent et testent des activités utiles au territoire, avec un accompagnement vers l’emploi.',
      'Un dispositif pilote qui combine activité support, accompagnement social et lien avec les employeurs locaux.',
    ],
    objectives: [
      'Expérimenter une méthode d’insertion nouvelle sur le territoire et en mesurer les effets.',
      'Associer les personnes accompagnées à la conception du dispositif.',
      'Créer des activités utiles au territoire qui servent de support d’insertion.',
      'Diffuser les résultats de l’expérimentation aux acteurs de l’insertion du Nord.',
    ],
    activities: [
      'Ateliers de co-conception avec les allocataires et les partenaires.',
      'Mise en place d’une activité support (réemploi, maraîchage, services de proximité).',
      'Évaluation annuelle avec un comité de suivi associant le Département.',
      'Accompagnement individuel vers l’emploi ou la création d’activité.',
    ],
    indicators: [
      { label: 'Participants à l’expérimentation', unit: 'personnes', kind: 'people' },
      { label: 'Taux de sortie positive (emploi, formation)', unit: '%', kind: 'percent' },
      { label: 'Partenaires impliqués dans le comité de suivi', unit: 'partenaires', kind: 'count' },
    ],
  },
  REMOBILISATION: {
    titles: [
      'Chantier d’insertion espaces verts et jardins à {city}',
      'Atelier de remobilisation par le sport et la santé',
      'Parcours « Cap vers l’emploi » : ateliers collectifs et immersions en entreprise',
      'Jardin d’insertion et ateliers de remise en activité à {city}',
      'Ateliers couture et réemploi textile',
      'Atelier vélo solidaire : réparer pour se remobiliser',
      'Remobilisation professionnelle des allocataires du RSA {ofTerritory}',
      'Chantier école bâtiment second œuvre à {city}',
    ],
    summaries: [
      'Des ateliers collectifs et des mises en situation de travail pour redonner confiance et préparer un retour à l’emploi ou à la formation.',
      'Un parcours de remobilisation de six mois alliant activité support, remise à niveau et immersions en entreprise.',
      'Une activité concrète, encadrée par des professionnels, qui permet de retrouver un rythme et de reprendre pied dans le monde du travail.',
    ],
    objectives: [
      'Redonner confiance et retrouver un rythme de vie compatible avec l’emploi.',
      'Identifier les compétences et construire un projet professionnel réaliste.',
      'Permettre des immersions en entreprise et des entrées en formation qualifiante.',
      'Atteindre une sortie positive pour au moins un tiers des participants.',
    ],
    activities: [
      'Ateliers techniques encadrés (espaces verts, couture, mécanique cycle, bâtiment).',
      'Ateliers collectifs sur la confiance en soi, la communication et les codes de l’entreprise.',
      'Périodes de mise en situation en milieu professionnel avec des employeurs partenaires.',
      'Entretiens individuels mensuels avec un conseiller en insertion professionnelle.',
      'Préparation aux entretiens d’embauche et aide à la recherche de formation.',
    ],
    indicators: [
      { label: 'Sorties vers l’emploi ou la formation', unit: 'personnes', kind: 'people' },
      { label: 'Heures d’atelier réalisées', unit: 'heures', kind: 'count' },
      { label: 'Taux d’assiduité aux ateliers', unit: '%', kind: 'percent' },
    ],
  },
  FREINS: {
    titles: [
      'Auto-école sociale et aide à la mobilité {inTerritory}',
      'Garde d’enfants à horaires atypiques pour parents en insertion',
      'Accès aux soins et bilans de santé des allocataires du RSA',
      'Location solidaire de scooters et de vélos électriques',
      'Accompagnement vers le logement autonome à {city}',
      'Permanences d’accès aux droits et lutte contre le non-recours',
      'Ateliers savoirs de base et français langue étrangère à {city}',
      'Inclusion numérique : équipement et ateliers à {city}',
    ],
    summaries: [
      'Lever les obstacles concrets qui empêchent de prendre un emploi : mobilité, garde d’enfants, santé, logement, maîtrise du français ou du numérique.',
      'Une réponse pratique et rapide aux freins périphériques à l’emploi, articulée avec le parcours d’insertion suivi par le référent RSA.',
      'Des solutions de proximité pour que la mobilité, la santé ou la garde des enfants ne soient plus un obstacle au retour à l’emploi.',
    ],
    objectives: [
      'Lever les freins périphériques à l’emploi identifiés dans le contrat d’engagements réciproques.',
      'Rendre les personnes autonomes dans leurs déplacements vers l’emploi et la formation.',
      'Sécuriser l’accès aux soins et au logement des allocataires accompagnés.',
      'Permettre l’accès à une formation ou à un emploi dans les six mois.',
    ],
    activities: [
      'Diagnostic individuel des freins avec le référent RSA.',
      'Leçons de code et de conduite à tarif solidaire, location de deux-roues.',
      'Solutions de garde d’enfants ponctuelles pendant les formations et les entretiens.',
      'Ateliers d’apprentissage du français et des savoirs de base.',
      'Accompagnement aux démarches de santé et de logement.',
    ],
    indicators: [
      { label: 'Freins levés (mobilité, garde, santé, logement)', unit: 'situations', kind: 'count' },
      { label: 'Permis de conduire obtenus', unit: 'personnes', kind: 'people' },
      { label: 'Accès à un emploi ou une formation après l’action', unit: 'personnes', kind: 'people' },
    ],
  },
  ACCOMPAGNEMENT: {
    titles: [
      'Accompagnement social global des familles allocataires du RSA à {city}',
      'Référent de parcours renforcé pour les personnes isolées',
      'Accompagnement budgétaire et prévention du surendettement',
      'Soutien à la parentalité et accompagnement social à {city}',
      'Accompagnement des femmes seules avec enfants vers l’autonomie',
      'Épicerie sociale et accompagnement individualisé à {city}',
      'Accompagnement des travailleurs indépendants au RSA',
    ],
    summaries: [
      'Un accompagnement social individualisé et durable des personnes et des familles, articulé avec le contrat d’engagements réciproques.',
      'Des entretiens réguliers et des ateliers collectifs pour reprendre la maîtrise de son budget, de ses démarches et de son projet.',
      'Un accompagnement de proximité qui traite ensemble les difficultés sociales et prépare l’insertion professionnelle.',
    ],
    objectives: [
      'Assurer un accompagnement social global et régulier des allocataires orientés.',
      'Stabiliser la situation budgétaire, administrative et familiale des ménages.',
      'Construire avec chaque personne un contrat d’engagements réciproques réaliste.',
      'Préparer le passage vers un accompagnement socioprofessionnel.',
    ],
    activities: [
      'Entretiens individuels au moins mensuels, à domicile ou en permanence.',
      'Ateliers collectifs budget, parentalité, accès aux droits.',
      'Coordination avec l’UTPAS, la CAF et les bailleurs sociaux.',
      'Aide à la constitution des dossiers (surendettement, logement, santé).',
    ],
    indicators: [
      { label: 'Contrats d’engagements réciproques signés', unit: 'contrats', kind: 'count' },
      { label: 'Ménages accompagnés', unit: 'ménages', kind: 'people' },
      { label: 'Entretiens individuels réalisés', unit: 'entretiens', kind: 'count' },
    ],
  },
};

export const OTHER_PUBLICS = [
  '',
  'Demandeurs d’emploi de longue durée non allocataires.',
  'Jeunes de moins de 26 ans suivis par la mission locale.',
  'Bénéficiaires de l’allocation de solidarité spécifique.',
  'Familles monoparentales orientées par la CAF.',
  'Habitants des quartiers prioritaires de la politique de la ville.',
];

export const INFORMATION_REQUESTS = [
  'Merci de préciser le nombre d’allocataires du RSA accompagnés chaque année et la façon dont ils sont orientés vers l’action.',
  'Le budget prévisionnel 2017 mentionne un cofinancement européen : merci de joindre la notification ou l’état d’avancement de la demande.',
  'Pouvez-vous détailler la répartition des frais de personnel (postes, temps de travail consacré à l’action) ?',
  'Merci de joindre les derniers comptes approuvés et le rapport d’activité de l’année écoulée.',
];
