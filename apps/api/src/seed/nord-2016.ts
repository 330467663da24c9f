import type { CallInput } from '@tremplin/contracts';
import { allocateProportionally } from '@tremplin/domain';

export const NORD_2016_CODE = 'AAP-NORD-2016';

export const NORD_AXES: CallInput['axes'] = [
  {
    code: 'MEDIATION', labelFr: 'Médiation', labelEn: 'Mediation',
    description: "Aller vers les allocataires du RSA éloignés des institutions et rétablir le lien avec les services d'insertion.",
  },
  {
    code: 'INNOVATION', labelFr: 'Innovation', labelEn: 'Innovation',
    description: "Expérimenter des réponses nouvelles aux besoins d'insertion du territoire.",
  },
  {
    code: 'REMOBILISATION', labelFr: 'Remobilisation professionnelle', labelEn: 'Return-to-work remobilisation',
    description: "Redonner confiance, remettre en activité et préparer le retour à l'emploi ou à la formation.",
  },
  {
    code: 'FREINS', labelFr: "Levée des freins à l'emploi", labelEn: 'Removing barriers to employment',
    description: "Lever les obstacles périphériques à l'emploi : logement, santé, mobilité, garde d'enfants…",
  },
  {
    code: 'ACCOMPAGNEMENT', labelFr: 'Accompagnement social', labelEn: 'Social support',
    description: 'Accompagner les personnes et les familles dans leurs démarches et leur parcours social.',
  },
];

export const NORD_CRITERIA: CallInput['criteria'] = [
  { code: 'PERTINENCE', labelFr: 'Pertinence au regard des besoins du territoire', labelEn: 'Relevance to local needs', description: 'Diagnostic, public visé, articulation avec le Programme départemental d’insertion.', weight: 30, maxScore: 5 },
  { code: 'ACCOMPAGNEMENT', labelFr: "Qualité de l'accompagnement proposé", labelEn: 'Quality of support', description: 'Méthodes, intensité, suivi des parcours, indicateurs de résultat.', weight: 25, maxScore: 5 },
  { code: 'CAPACITE', labelFr: 'Capacité de la structure', labelEn: 'Capacity of the organisation', description: 'Expérience, moyens humains, solidité financière.', weight: 15, maxScore: 5 },
  { code: 'PARTENARIATS', labelFr: 'Partenariats et ancrage local', labelEn: 'Partnerships and local roots', description: 'Co-financements, réseau d’acteurs, coordination avec les services du Département.', weight: 15, maxScore: 5 },
  { code: 'EFFICIENCE', labelFr: 'Efficience (coût par personne accompagnée)', labelEn: 'Cost-efficiency', description: 'Coût au regard du nombre de personnes accompagnées et des résultats visés.', weight: 15, maxScore: 5 },
];

/** Shares per axis in per-mille of the envelope: illustrative, the real split was not published this way. */
export const AXIS_SHARES = [120, 80, 300, 250, 250];

/** The real call's envelope and number of retained projects (the demo multiplies both by its scale). */
export const NORD_2016_ENVELOPE_CENTS = 7_430_000_000;
export const NORD_2016_RETAINED = 988;

export function splitEnvelope(envelopeCents: number, years: readonly number[]): CallInput['allocations'] {
  const byAxis = allocateProportionally(envelopeCents, AXIS_SHARES);
  return NORD_AXES.flatMap((axis, i) =>
    allocateProportionally(byAxis[i] ?? 0, years.map(() => 1)).map((amountCents, y) => ({ axisCode: axis.code, year: years[y] ?? 0, amountCents })),
  );
}

/**
 * The Nord's 2016 call: €74.3M over 2016–2018 on five axes (988 projects were retained). At a demo
 * scale N the envelope is N times larger, so that N times as many applications keep the same odds.
 */
export function nord2016Call(scale = 1): CallInput {
  const years = [2016, 2017, 2018];
  const envelopeCents = NORD_2016_ENVELOPE_CENTS * scale;
  return {
    code: NORD_2016_CODE,
    title: "Appel à projets insertion 2016 — Département du Nord",
    description:
      "Appel à projets pour l'insertion sociale et professionnelle des allocataires du RSA, sur cinq axes, " +
      'avec des conventions de trois ans (2016–2018). 988 projets ont été retenus pour 74,3 M€.' +
      (scale === 1 ? '' : ` Démonstration à l'échelle ${scale} : enveloppe et candidatures multipliées par ${scale}.`),
    opensAt: '2016-01-25T08:00:00.000Z',
    closesAt: '2016-03-18T11:00:00.000Z',
    years,
    envelopeCents,
    axes: NORD_AXES,
    allocations: splitEnvelope(envelopeCents, years),
    criteria: NORD_CRITERIA,
    paymentRule: { advanceBasisPoints: 6000 },
    reviewersPerApplication: 2,
  };
}

/** An open call on the same axes so that a newcomer can try applying. */
export function openDemoCall(now: Date): CallInput {
  const first = now.getUTCFullYear() + 1;
  const years = [first, first + 1, first + 2];
  const envelopeCents = 7_460_000_000;
  const closesAt = new Date(now.getTime() + 42 * 86_400_000);
  closesAt.setUTCHours(11, 0, 0, 0);
  return {
    code: `AAP-NORD-${first}`,
    title: `Appel à projets insertion ${first}–${first + 2} — démonstration`,
    description:
      "Appel ouvert de démonstration, sur les mêmes cinq axes que l'appel de 2016 : déposez une candidature " +
      'pour essayer le parcours des associations.',
    opensAt: new Date(now.getTime() - 60_000).toISOString(),
    closesAt: closesAt.toISOString(),
    years,
    envelopeCents,
    axes: NORD_AXES,
    allocations: splitEnvelope(envelopeCents, years),
    criteria: NORD_CRITERIA,
    paymentRule: { advanceBasisPoints: 6000 },
    reviewersPerApplication: 2,
  };
}

/**
 * A call that closed three weeks before the demo was seeded and is being reviewed: admissibility under
 * way, reviewers scoring, no committee yet. Its years start with the seeding year, the open call's the year after.
 */
export function reviewDemoCall(now: Date, scale = 1): CallInput {
  const first = now.getUTCFullYear();
  const years = [first, first + 1, first + 2];
  const envelopeCents = 1_500_000_000 * scale;
  const closesAt = new Date(now.getTime() - 21 * 86_400_000);
  closesAt.setUTCHours(11, 0, 0, 0);
  return {
    code: `AAP-NORD-${first}`,
    title: `Appel à projets insertion ${first}–${first + 2} — en cours d'instruction (démonstration)`,
    description:
      "Appel de démonstration clos, en cours d'instruction : recevabilité des candidatures, évaluation par les " +
      "évaluateurs du Département, puis commission par axe (pas encore réunie).",
    opensAt: new Date(closesAt.getTime() - 75 * 86_400_000).toISOString(),
    closesAt: closesAt.toISOString(),
    years,
    envelopeCents,
    axes: NORD_AXES,
    allocations: splitEnvelope(envelopeCents, years),
    criteria: NORD_CRITERIA,
    paymentRule: { advanceBasisPoints: 6000 },
    reviewersPerApplication: 2,
  };
}
