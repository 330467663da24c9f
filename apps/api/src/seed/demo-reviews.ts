import type { Territory } from '@tremplin/contracts';
import {
  needsComment, rankAgainstEnvelope, reviewTotal, toHundredths,
  type CriterionInput, type ReviewOpinion, type YearAmount,
} from '@tremplin/domain';
import { expertiseMatch } from '@tremplin/domain/solver';
import { chance, normal, pick } from './random';

/**
 * The review and committee part of the demo, as pure functions of a seeded PRNG: the twelve reviewers,
 * the assignment of k reviewers per application, each review's scores and the committee's decisions
 * on an axis against its allocations. seed.ts writes what they return.
 */

export interface DemoReviewer {
  email: string;
  fullName: string;
  axes: readonly string[];
  territories: readonly Territory[];
  /** Most applications taken in one call, per unit of scale. */
  capacityPerScale: number;
  /** Added to every score (points on a 0–5 scale): negative for a severe reviewer, positive for a lenient one. */
  severity: number;
}

/** Twelve reviewers; the first two are the demo accounts `evaluateur@` (severe) and `evaluatrice@` (lenient). */
export const DEMO_REVIEWERS: readonly DemoReviewer[] = [
  { email: 'evaluateur@demo.tremplin.fr', fullName: 'Bruno Évaluateur', axes: ['MEDIATION', 'ACCOMPAGNEMENT'], territories: ['METROPOLE_LILLE', 'METROPOLE_ROUBAIX_TOURCOING'], capacityPerScale: 280, severity: -0.55 },
  { email: 'evaluatrice@demo.tremplin.fr', fullName: 'Claire Évaluatrice', axes: ['REMOBILISATION', 'FREINS'], territories: ['VALENCIENNOIS', 'CAMBRESIS'], capacityPerScale: 280, severity: 0.45 },
  { email: 'evaluateur3@demo.tremplin.fr', fullName: 'Hélène Lefebvre', axes: ['REMOBILISATION', 'INNOVATION'], territories: ['METROPOLE_LILLE', 'FLANDRE_INTERIEURE'], capacityPerScale: 320, severity: 0 },
  { email: 'evaluateur4@demo.tremplin.fr', fullName: 'Karim Haddad', axes: ['FREINS', 'ACCOMPAGNEMENT'], territories: ['DOUAISIS', 'VALENCIENNOIS'], capacityPerScale: 300, severity: -0.3 },
  { email: 'evaluateur5@demo.tremplin.fr', fullName: 'Sophie Delattre', axes: ['ACCOMPAGNEMENT', 'MEDIATION'], territories: ['AVESNOIS', 'CAMBRESIS'], capacityPerScale: 300, severity: 0.25 },
  { email: 'evaluateur6@demo.tremplin.fr', fullName: 'Thomas Vandamme', axes: ['REMOBILISATION'], territories: ['FLANDRE_MARITIME', 'FLANDRE_INTERIEURE'], capacityPerScale: 280, severity: -0.15 },
  { email: 'evaluateur7@demo.tremplin.fr', fullName: 'Nadia Boukhris', axes: ['FREINS', 'INNOVATION'], territories: ['METROPOLE_ROUBAIX_TOURCOING', 'METROPOLE_LILLE'], capacityPerScale: 260, severity: 0.6 },
  { email: 'evaluateur8@demo.tremplin.fr', fullName: 'Pierre Dufour', axes: ['MEDIATION', 'REMOBILISATION'], territories: ['DOUAISIS', 'AVESNOIS'], capacityPerScale: 260, severity: -0.75 },
  { email: 'evaluateur9@demo.tremplin.fr', fullName: 'Julie Carpentier', axes: ['ACCOMPAGNEMENT', 'FREINS'], territories: ['FLANDRE_MARITIME', 'METROPOLE_LILLE'], capacityPerScale: 240, severity: 0.1 },
  { email: 'evaluateur10@demo.tremplin.fr', fullName: 'Mehdi Ouali', axes: ['INNOVATION', 'MEDIATION'], territories: ['VALENCIENNOIS', 'DOUAISIS'], capacityPerScale: 240, severity: -0.4 },
  { email: 'evaluateur11@demo.tremplin.fr', fullName: 'Anne-Sophie Leroy', axes: ['REMOBILISATION', 'ACCOMPAGNEMENT'], territories: ['CAMBRESIS', 'AVESNOIS'], capacityPerScale: 220, severity: 0.3 },
  { email: 'evaluateur12@demo.tremplin.fr', fullName: 'Vincent Morel', axes: ['FREINS', 'REMOBILISATION'], territories: ['METROPOLE_ROUBAIX_TOURCOING', 'FLANDRE_MARITIME'], capacityPerScale: 200, severity: -0.05 },
];

/**
 * The reviewers seeded at `scale`: the twelve, and above scale 10 another twelve per ten units of scale
 * (`evaluateur13@`…), since a capacity cannot pass 10,000 and twelve people cannot review 150,000 files.
 */
export function demoReviewers(scale: number): Array<DemoReviewer & { capacity: number }> {
  const groups = Math.ceil(scale / 10);
  const reviewers: Array<DemoReviewer & { capacity: number }> = [];
  for (let g = 0; g < groups; g++) {
    DEMO_REVIEWERS.forEach((reviewer, i) => {
      const n = g * DEMO_REVIEWERS.length + i + 1;
      const capacity = Math.min(10_000, Math.ceil((reviewer.capacityPerScale * scale) / groups));
      reviewers.push(g === 0 ? { ...reviewer, capacity } : { ...reviewer, email: `evaluateur${n}@demo.tremplin.fr`, fullName: `${reviewer.fullName} (${g + 1})`, capacity });
    });
  }
  return reviewers;
}

export interface AssignableApplication {
  id: string;
  organizationId: string;
  axisCode: string;
  territories: readonly string[];
}

export interface AssignableReviewer {
  id: string;
  axes: readonly string[];
  territories: readonly string[];
  capacity: number;
}

export interface PlannedAssignment {
  applicationId: string;
  reviewerId: string;
  match: number;
}

export const tieKey = (reviewerId: string, organizationId: string): string => `${reviewerId}|${organizationId}`;

/**
 * k distinct reviewers per application, in the applications' order: never a reviewer tied to the
 * organisation, never above a capacity, preferring expertise (axis, territory) but spreading the load
 * (a reviewer's load ratio weighs as much as the match). Cheap and deterministic; the optimal
 * assignment is the API's job (HiGHS), the demo only needs a plausible, valid one.
 */
export function planAssignments(
  applications: readonly AssignableApplication[],
  reviewers: readonly AssignableReviewer[],
  k: number,
  ties: ReadonlySet<string>,
  loads: Map<string, number> = new Map(),
): PlannedAssignment[] {
  const planned: PlannedAssignment[] = [];
  const load = reviewers.map((r) => loads.get(r.id) ?? 0);
  for (const application of applications) {
    // The k lowest keys (load ratio × 10 − match), ties to the earlier reviewer: a partial insertion sort.
    const best: Array<{ index: number; key: number; match: number }> = [];
    reviewers.forEach((reviewer, index) => {
      const current = load[index] ?? 0;
      if (current >= reviewer.capacity || ties.has(tieKey(reviewer.id, application.organizationId))) return;
      const match = expertiseMatch(application, reviewer);
      const key = (current / reviewer.capacity) * 10 - match;
      let at = best.length;
      while (at > 0 && (best[at - 1]?.key ?? 0) > key) at--;
      if (at < k) best.splice(at, 0, { index, key, match });
      if (best.length > k) best.pop();
    });
    if (best.length < k) throw new Error(`seed: fewer than ${k} reviewers free for application ${application.id}`);
    for (const { index, match } of best) {
      const reviewer = reviewers[index];
      if (!reviewer) continue;
      load[index] = (load[index] ?? 0) + 1;
      planned.push({ applicationId: application.id, reviewerId: reviewer.id, match });
    }
  }
  reviewers.forEach((r, i) => loads.set(r.id, load[i] ?? 0));
  return planned;
}

export interface DemoReview {
  scores: Record<string, number>;
  comments: Record<string, string>;
  generalComment: string;
  opinion: ReviewOpinion;
  recommended: YearAmount[];
  totalHundredths: number;
}

/** Why a low score was given, per criterion of the Nord grid (a comment is required in the bottom quarter). */
const LOW_SCORE_COMMENTS: Record<string, readonly string[]> = {
  PERTINENCE: [
    'Le diagnostic territorial reste très général et ne cite aucune donnée sur les allocataires du RSA du secteur.',
    "Le public visé recoupe largement une action déjà financée sur le territoire, sans articulation proposée.",
  ],
  ACCOMPAGNEMENT: [
    "L'intensité de l'accompagnement n'est pas précisée (fréquence des rendez-vous, durée des parcours).",
    'Aucun indicateur de sortie vers l’emploi ou la formation n’est suivi.',
  ],
  CAPACITE: [
    "La structure repose sur un seul salarié à temps partiel pour un volume d'accompagnement important.",
    'Les comptes montrent des fonds propres négatifs depuis deux exercices.',
  ],
  PARTENARIATS: [
    'Aucun partenaire opérationnel n’est identifié, en dehors du Département.',
    'La coordination avec les référents RSA et Pôle emploi n’est pas décrite.',
  ],
  EFFICIENCE: [
    'Le coût par personne accompagnée est près du double de celui des actions comparables.',
    'Le budget prévoit des charges de structure disproportionnées au regard du nombre de personnes suivies.',
  ],
};

const GENERAL_COMMENTS: Record<ReviewOpinion, readonly string[]> = {
  favourable: [
    'Projet solide, bien ancré sur son territoire, avec des résultats mesurables. Avis favorable.',
    'Action pertinente et bien construite ; le partenariat local est un atout. Avis favorable.',
    'Équipe expérimentée, parcours clairs et suivi rigoureux. Avis favorable au montant demandé.',
  ],
  reserved: [
    'Projet intéressant, mais les indicateurs de résultat restent à préciser. Avis réservé.',
    'Action utile ; le budget paraît optimiste au regard des moyens humains. Avis réservé, montant à ajuster.',
  ],
  unfavourable: [
    "Le projet ne démontre pas sa plus-value par rapport à l'offre existante. Avis défavorable.",
    'Le diagnostic et les moyens ne sont pas à la hauteur des objectifs annoncés. Avis défavorable.',
  ],
};

/** Share of the request a reviewer recommends, in basis points, per opinion. */
const RECOMMENDED_SHARE: Record<ReviewOpinion, readonly number[]> = {
  favourable: [10_000, 10_000, 10_000, 9_000],
  reserved: [8_000, 8_500, 9_000],
  unfavourable: [0, 5_000],
};

/**
 * reviewTotal checks the grid and sums exact fractions (BigInt) on every call: fine for a request,
 * slow for 30,000 seeded reviews. Scores are a few small integers, so each combination is computed once.
 */
const totals = new WeakMap<readonly CriterionInput[], Map<string, number>>();
function cachedTotal(criteria: readonly CriterionInput[], scores: Record<string, number>): number {
  const cache = totals.get(criteria) ?? new Map<string, number>();
  totals.set(criteria, cache);
  const key = criteria.map((c) => scores[c.code]).join(',');
  let total = cache.get(key);
  if (total === undefined) cache.set(key, (total = toHundredths(reviewTotal(criteria, scores))));
  return total;
}

/** Rounded down to whole hundreds of euros: what a committee writes. */
export const floorToHundredEuros = (cents: number): number => Math.floor(cents / 10_000) * 10_000;

/**
 * One submitted review: the application's quality (a standard normal draw shared by its reviewers)
 * plus the reviewer's severity plus noise, per criterion, on the criterion's scale; a comment on every
 * bottom-quarter score; the opinion follows the total; recommended amounts never above the request.
 */
export function demoReview(
  random: () => number,
  criteria: readonly CriterionInput[],
  quality: number,
  severity: number,
  requested: readonly YearAmount[],
): DemoReview {
  const scores: Record<string, number> = {};
  const comments: Record<string, string> = {};
  for (const criterion of criteria) {
    const raw = (criterion.maxScore * (3.1 + 0.95 * quality + severity + 0.6 * normal(random))) / 5;
    const score = Math.min(criterion.maxScore, Math.max(0, Math.round(raw)));
    scores[criterion.code] = score;
    if (needsComment(score, criterion.maxScore)) comments[criterion.code] = pick(random, LOW_SCORE_COMMENTS[criterion.code] ?? ['Point insuffisamment étayé dans le dossier.']);
  }
  const totalHundredths = cachedTotal(criteria, scores);
  const opinion: ReviewOpinion = totalHundredths >= 7000 ? 'favourable' : totalHundredths >= 5000 ? 'reserved' : 'unfavourable';
  const share = pick(random, RECOMMENDED_SHARE[opinion]);
  return {
    scores,
    comments,
    generalComment: chance(random, 0.85) ? pick(random, GENERAL_COMMENTS[opinion]) : '',
    opinion,
    recommended: requested.map(({ year, amountCents }) => ({ year, amountCents: floorToHundredEuros((amountCents * share) / 10_000) })),
    totalHundredths,
  };
}

export type DecisionOutcome = 'retained' | 'waitlisted' | 'rejected';
export type RejectionReason = 'insufficient_score' | 'envelope_exhausted' | 'outside_priorities' | 'weak_budget' | 'other';

export interface RankedApplication {
  id: string;
  /** Consolidated raw score in hundredths. */
  scoreHundredths: number;
  requested: readonly YearAmount[];
}

export interface PlannedDecision {
  applicationId: string;
  outcome: DecisionOutcome;
  waitlistRank: number | null;
  rejectionReason: RejectionReason | null;
  comment: string;
  rank: number;
  belowLine: boolean;
  flagged: boolean;
  lineExceptionReason: string | null;
  /** Retained only: the amount granted per year. */
  grants: YearAmount[];
}

const REJECTION_COMMENTS: Record<RejectionReason, string> = {
  insufficient_score: "Note consolidée insuffisante au regard des critères de l'appel.",
  envelope_exhausted: "Projet de qualité, mais l'enveloppe de l'axe ne permet pas de le financer.",
  outside_priorities: "Projet hors des priorités retenues par la commission pour l'axe.",
  weak_budget: 'Budget insuffisamment étayé (co-financements non confirmés).',
  other: 'Autre motif, précisé dans le courrier.',
};

/**
 * The committee's decisions on one axis, ranked best first: the first `retain` retained, the next
 * `waitlist` waitlisted in rank order, the rest rejected. Each retained project is granted its request;
 * when the requests pass an allocation year, every grant of the axis is reduced by the same proportion
 * (rounded down to €100), so that no year passes its allocation and no grant its request.
 * The strict line is the one on requested amounts (rankAgainstEnvelope): retaining below it, or
 * passing over above it, carries a written reason and is flagged.
 */
export function decideAxis(
  random: () => number,
  ranked: readonly RankedApplication[],
  allocations: readonly YearAmount[],
  retain: number,
  waitlist: number,
): { decisions: PlannedDecision[]; reductionBasisPoints: number } {
  if (retain > ranked.length) throw new Error(`seed: cannot retain ${retain} of ${ranked.length} applications`);
  const line = rankAgainstEnvelope(ranked.map((r) => ({ id: r.id, amounts: r.requested })), allocations);
  const retained = ranked.slice(0, retain);
  // The binding year: the smallest allocation / wanted ratio, as an exact fraction.
  let ratio: { num: bigint; den: bigint } = { num: 1n, den: 1n };
  for (const allocation of allocations) {
    const wanted = retained.reduce((sum, r) => sum + BigInt(r.requested.find((a) => a.year === allocation.year)?.amountCents ?? 0), 0n);
    if (wanted > 0n && BigInt(allocation.amountCents) * ratio.den < ratio.num * wanted) ratio = { num: BigInt(allocation.amountCents), den: wanted };
  }
  const reductionBasisPoints = Number(10_000n - (10_000n * ratio.num) / ratio.den);
  const decisions = ranked.map((application, i): PlannedDecision => {
    const belowLine = line.cutIndex !== null && i >= line.cutIndex;
    const base = { applicationId: application.id, rank: i + 1, belowLine, waitlistRank: null, rejectionReason: null, grants: [] as YearAmount[] };
    if (i < retain) {
      const grants = application.requested.map(({ year, amountCents }) => ({
        year, amountCents: floorToHundredEuros(Number((BigInt(amountCents) * ratio.num) / ratio.den)),
      }));
      // Below the strict line only when the requests do not all fit, i.e. when the grants are reduced.
      const reason = `Retenu sous la ligne : tous les montants de l'axe réduits de ${(reductionBasisPoints / 100).toFixed(2).replace('.', ',')} % pour tenir dans l'enveloppe de chaque année.`;
      return { ...base, outcome: 'retained', comment: '', flagged: belowLine, lineExceptionReason: belowLine ? reason : null, grants };
    }
    const passedOver = !belowLine ? 'Non retenu au-dessus de la ligne : la commission garde une marge sur l’enveloppe de l’axe.' : null;
    if (i < retain + waitlist) {
      return { ...base, outcome: 'waitlisted', waitlistRank: i - retain + 1, comment: 'Inscrit en liste d’attente, dans l’ordre du classement.', flagged: !belowLine, lineExceptionReason: passedOver };
    }
    const reason: RejectionReason = application.scoreHundredths < 5000
      ? 'insufficient_score'
      : chance(random, 0.08) ? pick(random, ['outside_priorities', 'weak_budget'] as const) : 'envelope_exhausted';
    return { ...base, outcome: 'rejected', rejectionReason: reason, comment: REJECTION_COMMENTS[reason], flagged: !belowLine, lineExceptionReason: passedOver };
  });
  return { decisions, reductionBasisPoints };
}
