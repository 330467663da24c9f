import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CallView } from '@tremplin/contracts';
import { allocateProportionally, meanFromSum, toHundredths, type ApplicationStatus, type YearAmount } from '@tremplin/domain';
import { bulkInsert, type BulkColumn } from './bulk-insert';
import { expertiseMatch } from '@tremplin/domain/solver';
import { decideAxis, demoReview, planAssignments, tieKey, type DemoReview, type PlannedAssignment } from './demo-reviews';
import { AXIS_SHARES, NORD_2016_RETAINED } from './nord-2016';
import { between, normal, pick, sample } from './random';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The calls' review_days and divergence_threshold: the seed keeps the columns' defaults. */
const REVIEW_DAYS = 21;
const DIVERGENCE_THRESHOLD_POINTS = 20;

/** What the review part needs to know of an application row (seed.ts owns the row and its other fields). */
export interface ReviewedApplication {
  id: string;
  callId: string;
  organizationId: string;
  axisCode: string;
  territories: readonly string[];
  reference: string | null;
  status: ApplicationStatus;
  /** Requested per year (the Département's line 74 of the budget). */
  requested: YearAmount[];
  updatedAt: Date;
  /** Consolidated score, written on the application row. */
  reviewCount: number;
  reviewSumHundredths: number;
  reviewMinHundredths: number | null;
  reviewMaxHundredths: number | null;
  scoreHundredths: number | null;
  divergent: boolean;
}

export interface SeedReviewer {
  id: string;
  email: string;
  axes: readonly string[];
  territories: readonly string[];
  capacity: number;
  severity: number;
}

interface TieRow { reviewerId: string; organizationId: string; kind: string; comment: string; declaredAt: Date }
interface AssignmentRow {
  id: string; callId: string; applicationId: string; reviewerId: string; status: 'assigned' | 'accepted' | 'recused';
  match: number; dueOn: string; assignedAt: Date; assignedBy: string;
  conflictKind: string | null; conflictComment: string | null; recusedAt: Date | null;
  review: DemoReview | null; submittedAt: Date | null; updatedAt: Date;
}
interface RecommendationRow { assignmentId: string; year: number; amountCents: number }
interface StatRow { callId: string; reviewerId: string; count: number; sum: number; squares: number }
interface SessionRow { id: string; callId: string; axisCode: string; sitsOn: string; reference: string; at: Date; adminId: string; publishedAt: Date }
interface DecisionRow {
  applicationId: string; sessionId: string; outcome: string; waitlistRank: number | null; rejectionReason: string | null; comment: string;
  rank: number; belowLine: boolean; lineExceptionReason: string | null; flagged: boolean; decidedBy: string; decidedAt: Date; publishedAt: Date;
}
interface GrantRow { applicationId: string; year: number; amountCents: number }

export interface ReviewSeed {
  ties: TieRow[];
  assignments: AssignmentRow[];
  recommendations: RecommendationRow[];
  stats: StatRow[];
  sessions: SessionRow[];
  decisions: DecisionRow[];
  grants: GrantRow[];
}

const TIE_COMMENTS: ReadonlyArray<readonly [string, string]> = [
  ['member', "Membre du conseil d'administration de l'association."],
  ['relative', 'Mon conjoint y est salarié.'],
  ['employee', "J'y ai travaillé jusqu'en 2015."],
  ['officer', 'Trésorier bénévole de la structure.'],
  ['funder', 'Je suis le dossier de cette structure au titre du Fonds social européen.'],
  ['other', 'Lien personnel avec la directrice.'],
];

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
/** Plain code-unit order of references: the same on every machine. */
const byReference = (a: { reference: string | null }, b: { reference: string | null }): number =>
  (a.reference ?? '') < (b.reference ?? '') ? -1 : (a.reference ?? '') > (b.reference ?? '') ? 1 : 0;

export interface ReviewSeedInput {
  random: () => number;
  scale: number;
  now: Date;
  adminId: string;
  reviewers: readonly SeedReviewer[];
  /** Ids of `evaluateur@` and `evaluatrice@`: nothing submitted on the call under review, so they have work to do. */
  demoReviewerIds: ReadonlySet<string>;
  /** Organisation ids that may carry a declared tie (not the demo accounts'). */
  organizationIds: readonly string[];
  nord: CallView;
  nordApplications: ReviewedApplication[];
  /** Forced quality of some applications (association1's retained and rejected ones). */
  forcedQuality: ReadonlyMap<string, number>;
  reviewCall: CallView;
  reviewCallApplications: ReviewedApplication[];
}

/**
 * Ties, assignments, reviews, consolidated scores, reviewer statistics and the 2016 committee. The
 * 2016 applications in status `reviewed` are reviewed and decided (their status becomes the decision);
 * on the call under review, those `under_review` get k reviewers, some of whom have scored
 * (`reviewed` once all k have).
 */
export function buildReviewSeed(input: ReviewSeedInput): ReviewSeed {
  const { random, scale, reviewers, adminId, nord, reviewCall } = input;
  const ties: TieRow[] = [];
  const tieSet = new Set<string>();
  const addTie = (reviewerId: string, organizationId: string, kind: string, comment: string, declaredAt: Date): boolean => {
    if (tieSet.has(tieKey(reviewerId, organizationId))) return false;
    tieSet.add(tieKey(reviewerId, organizationId));
    ties.push({ reviewerId, organizationId, kind, comment, declaredAt });
    return true;
  };
  // Ties declared ahead of time, in the reviewers' profiles.
  for (let i = 0; i < 6 * scale; i++) {
    const [kind, comment] = pick(random, TIE_COMMENTS);
    addTie(pick(random, reviewers).id, pick(random, input.organizationIds), kind, comment, new Date(Date.UTC(2016, 1, 1, 9) + between(random, 0, 40 * 24) * HOUR));
  }

  // 2016: assignments on the admissible applications, a few declined for a conflict and reassigned.
  const nordEligible = input.nordApplications.filter((a) => a.status === 'reviewed').sort((a, b) => byReference(a, b));
  const tieable = new Set(input.organizationIds);
  const recusals = new Map<string, { reviewerId: string; kind: string; comment: string; recusedAt: Date }>();
  for (const application of sample(random, nordEligible.filter((a) => tieable.has(a.organizationId)), 8 * scale)) {
    const experts = reviewers.filter((r) => r.axes.includes(application.axisCode) && !tieSet.has(tieKey(r.id, application.organizationId)));
    if (!experts.length) continue;
    const reviewer = pick(random, experts);
    const [kind, comment] = pick(random, TIE_COMMENTS);
    const recusedAt = new Date(Date.UTC(2016, 2, 29, 9) + between(random, 2, 30) * HOUR);
    // Declaring the conflict on opening the assignment records the tie: never assigned there again.
    addTie(reviewer.id, application.organizationId, kind, comment, recusedAt);
    recusals.set(application.id, { reviewerId: reviewer.id, kind, comment, recusedAt });
  }
  const nordPairs = planAssignments(nordEligible, reviewers, nord.reviewersPerApplication, tieSet);

  const reviewEligible = input.reviewCallApplications.filter((a) => a.status === 'under_review').sort((a, b) => byReference(a, b));
  const reviewPairs = planAssignments(reviewEligible, reviewers, reviewCall.reviewersPerApplication, tieSet);

  const severity = new Map(reviewers.map((r) => [r.id, r.severity]));
  const assignments: AssignmentRow[] = [];
  const recommendations: RecommendationRow[] = [];
  const byId = new Map([...input.nordApplications, ...input.reviewCallApplications].map((a) => [a.id, a]));
  const quality = new Map<string, number>();
  const qualityOf = (id: string): number => {
    let q = quality.get(id);
    if (q === undefined) quality.set(id, (q = input.forcedQuality.get(id) ?? normal(random)));
    return q;
  };
  const submit = (row: AssignmentRow, application: ReviewedApplication, submittedAt: Date): void => {
    const review = demoReview(random, nord.criteria, qualityOf(application.id), severity.get(row.reviewerId) ?? 0, application.requested);
    Object.assign(row, { status: 'accepted', review, submittedAt, updatedAt: submittedAt });
    for (const r of review.recommended) recommendations.push({ assignmentId: row.id, year: r.year, amountCents: r.amountCents });
  };

  // 2016: every assignment reviewed before mid-April.
  const nordAssignedAt = Date.UTC(2016, 2, 29, 9);
  const seenRecusal = new Set<string>();
  for (const pair of nordPairs) {
    const application = byId.get(pair.applicationId);
    if (!application) throw new Error('seed: assignment of an unknown application');
    let assignedAt = new Date(nordAssignedAt + between(random, 0, 8) * HOUR);
    const recusal = recusals.get(pair.applicationId);
    if (recusal && !seenRecusal.has(pair.applicationId)) {
      seenRecusal.add(pair.applicationId);
      const reviewer = reviewers.find((r) => r.id === recusal.reviewerId);
      const match = reviewer ? expertiseMatch(application, reviewer) : 0;
      assignments.push({
        ...assignmentRow(nord.id, { applicationId: pair.applicationId, reviewerId: recusal.reviewerId, match }, adminId, new Date(nordAssignedAt)),
        status: 'recused', conflictKind: recusal.kind, conflictComment: recusal.comment, recusedAt: recusal.recusedAt, updatedAt: recusal.recusedAt,
      });
      // The reviewer who replaced them was assigned an hour after the conflict was declared.
      assignedAt = new Date(recusal.recusedAt.getTime() + HOUR);
    }
    const row = assignmentRow(nord.id, pair, adminId, assignedAt);
    submit(row, application, new Date(assignedAt.getTime() + between(random, 20, 20 * 24) * HOUR));
    assignments.push(row);
  }

  // The call under review: assigned over the last three weeks; the other reviewers have scored about
  // half of theirs; evaluateur@ and evaluatrice@ have everything still to do.
  const now = input.now.getTime();
  for (const pair of reviewPairs) {
    const application = byId.get(pair.applicationId);
    if (!application) throw new Error('seed: assignment of an unknown application');
    const assignedAt = new Date(now - between(random, 2 * 24, 18 * 24) * HOUR);
    const row = assignmentRow(reviewCall.id, pair, adminId, assignedAt);
    const elapsed = now - assignedAt.getTime();
    const draw = random();
    if (!input.demoReviewerIds.has(pair.reviewerId) && draw < 0.5) {
      submit(row, application, new Date(assignedAt.getTime() + Math.floor(random() * (elapsed - HOUR))));
    } else if (draw < 0.75) {
      Object.assign(row, { status: 'accepted', updatedAt: new Date(assignedAt.getTime() + Math.floor(random() * elapsed * 0.5)) });
    }
    assignments.push(row);
  }

  // Consolidated scores and reviewer moments from the submitted reviews.
  const statByKey = new Map<string, StatRow>();
  const totals = new Map<string, number[]>();
  for (const row of assignments) {
    if (!row.review) continue;
    const total = row.review.totalHundredths;
    totals.set(row.applicationId, [...(totals.get(row.applicationId) ?? []), total]);
    const key = `${row.callId}|${row.reviewerId}`;
    const stat = statByKey.get(key) ?? { callId: row.callId, reviewerId: row.reviewerId, count: 0, sum: 0, squares: 0 };
    stat.count++;
    stat.sum += total;
    stat.squares += total * total;
    statByKey.set(key, stat);
  }
  for (const [applicationId, values] of totals) {
    const application = byId.get(applicationId);
    if (!application) continue;
    const sum = values.reduce((a, b) => a + b, 0);
    application.reviewCount = values.length;
    application.reviewSumHundredths = sum;
    application.reviewMinHundredths = Math.min(...values);
    application.reviewMaxHundredths = Math.max(...values);
    application.scoreHundredths = toHundredths(meanFromSum(sum, values.length));
    application.divergent = application.reviewMaxHundredths - application.reviewMinHundredths > DIVERGENCE_THRESHOLD_POINTS * 100;
  }
  for (const application of reviewEligible) {
    if (application.reviewCount >= reviewCall.reviewersPerApplication) application.status = 'reviewed';
  }

  const { sessions, decisions, grants } = decideNord(input, nordEligible);
  return { ties, assignments, recommendations, stats: [...statByKey.values()], sessions, decisions, grants };
}

function assignmentRow(callId: string, pair: PlannedAssignment, adminId: string, assignedAt: Date): AssignmentRow {
  return {
    id: randomUUID(), callId, applicationId: pair.applicationId, reviewerId: pair.reviewerId, status: 'assigned', match: pair.match,
    dueOn: isoDay(new Date(assignedAt.getTime() + REVIEW_DAYS * DAY)), assignedAt, assignedBy: adminId,
    conflictKind: null, conflictComment: null, recusedAt: null, review: null, submittedAt: null, updatedAt: assignedAt,
  };
}

/**
 * The 2016 committee: one session per axis on 27 June 2016, published. Per axis, 988 × scale
 * retained in all, split like the envelope; a tenth as many waitlisted; the rest rejected.
 */
function decideNord(input: ReviewSeedInput, eligible: ReviewedApplication[]) {
  const { nord, adminId, random } = input;
  const retainCounts = allocateProportionally(NORD_2016_RETAINED * input.scale, AXIS_SHARES);
  const sitsOn = Date.UTC(2016, 5, 27);
  const publishedAt = new Date(sitsOn + 16 * HOUR);
  const sessions: SessionRow[] = [];
  const decisions: DecisionRow[] = [];
  const grants: GrantRow[] = [];
  nord.axes.forEach((axis, axisIndex) => {
    const ranked = eligible
      .filter((a) => a.axisCode === axis.code)
      .sort((a, b) => (b.scoreHundredths ?? 0) - (a.scoreHundredths ?? 0) || byReference(a, b))
      .map((a) => ({ id: a.id, scoreHundredths: a.scoreHundredths ?? 0, requested: a.requested }));
    const allocations = nord.allocations.filter((x) => x.axisCode === axis.code).map(({ year, amountCents }) => ({ year, amountCents }));
    const retain = retainCounts[axisIndex] ?? 0;
    const { decisions: planned } = decideAxis(random, ranked, allocations, retain, Math.ceil(retain / 10));
    const session: SessionRow = {
      id: randomUUID(), callId: nord.id, axisCode: axis.code, sitsOn: isoDay(new Date(sitsOn)),
      reference: `CP-2016-06-27-INS-${String(axisIndex + 1).padStart(2, '0')}`, at: new Date(sitsOn - 14 * DAY + 9 * HOUR), adminId, publishedAt,
    };
    sessions.push(session);
    const byId = new Map(eligible.map((a) => [a.id, a]));
    planned.forEach((d, i) => {
      const application = byId.get(d.applicationId);
      if (application) Object.assign(application, { status: d.outcome, updatedAt: publishedAt });
      decisions.push({
        applicationId: d.applicationId, sessionId: session.id, outcome: d.outcome, waitlistRank: d.waitlistRank, rejectionReason: d.rejectionReason,
        comment: d.comment, rank: d.rank, belowLine: d.belowLine, lineExceptionReason: d.lineExceptionReason, flagged: d.flagged,
        decidedBy: adminId, decidedAt: new Date(sitsOn + 10 * HOUR + i * 1000), publishedAt,
      });
      for (const g of d.grants) grants.push({ applicationId: d.applicationId, year: g.year, amountCents: g.amountCents });
    });
  });
  return { sessions, decisions, grants };
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

const TIE_COLUMNS: ReadonlyArray<BulkColumn<TieRow>> = [
  { name: 'reviewer_id', type: 'uuid', value: (t) => t.reviewerId },
  { name: 'organization_id', type: 'uuid', value: (t) => t.organizationId },
  { name: 'kind', type: 'text', value: (t) => t.kind },
  { name: 'comment', type: 'text', value: (t) => t.comment },
  { name: 'declared_at', type: 'timestamptz', value: (t) => t.declaredAt.toISOString() },
];

const ASSIGNMENT_COLUMNS: ReadonlyArray<BulkColumn<AssignmentRow>> = [
  { name: 'id', type: 'uuid', value: (a) => a.id },
  { name: 'call_id', type: 'uuid', value: (a) => a.callId },
  { name: 'application_id', type: 'uuid', value: (a) => a.applicationId },
  { name: 'reviewer_id', type: 'uuid', value: (a) => a.reviewerId },
  { name: 'status', type: 'review_assignment_status', value: (a) => a.status },
  { name: 'match_points', type: 'integer', value: (a) => a.match },
  { name: 'due_on', type: 'date', value: (a) => a.dueOn },
  { name: 'assigned_at', type: 'timestamptz', value: (a) => a.assignedAt.toISOString() },
  { name: 'assigned_by', type: 'uuid', value: (a) => a.assignedBy },
  { name: 'conflict_kind', type: 'text', value: (a) => a.conflictKind },
  { name: 'conflict_comment', type: 'text', value: (a) => a.conflictComment },
  { name: 'recused_at', type: 'timestamptz', value: (a) => iso(a.recusedAt) },
  { name: 'review_status', type: 'review_status', value: (a) => (a.review ? 'submitted' : null) },
  { name: 'scores', type: 'jsonb', value: (a) => JSON.stringify(a.review?.scores ?? {}) },
  { name: 'comments', type: 'jsonb', value: (a) => JSON.stringify(a.review?.comments ?? {}) },
  { name: 'general_comment', type: 'text', value: (a) => a.review?.generalComment ?? '' },
  { name: 'opinion', type: 'text', value: (a) => a.review?.opinion ?? null },
  { name: 'total_hundredths', type: 'integer', value: (a) => a.review?.totalHundredths ?? null },
  { name: 'submitted_at', type: 'timestamptz', value: (a) => iso(a.submittedAt) },
  { name: 'updated_at', type: 'timestamptz', value: (a) => a.updatedAt.toISOString() },
];

const RECOMMENDATION_COLUMNS: ReadonlyArray<BulkColumn<RecommendationRow>> = [
  { name: 'assignment_id', type: 'uuid', value: (r) => r.assignmentId },
  { name: 'year', type: 'integer', value: (r) => r.year },
  { name: 'amount_cents', type: 'bigint', value: (r) => r.amountCents },
];

const STAT_COLUMNS: ReadonlyArray<BulkColumn<StatRow>> = [
  { name: 'call_id', type: 'uuid', value: (s) => s.callId },
  { name: 'reviewer_id', type: 'uuid', value: (s) => s.reviewerId },
  { name: 'review_count', type: 'integer', value: (s) => s.count },
  { name: 'sum_hundredths', type: 'bigint', value: (s) => s.sum },
  { name: 'sum_squares', type: 'bigint', value: (s) => s.squares },
];

const DECISION_COLUMNS: ReadonlyArray<BulkColumn<DecisionRow>> = [
  { name: 'application_id', type: 'uuid', value: (d) => d.applicationId },
  { name: 'session_id', type: 'uuid', value: (d) => d.sessionId },
  { name: 'outcome', type: 'text', value: (d) => d.outcome },
  { name: 'waitlist_rank', type: 'integer', value: (d) => d.waitlistRank },
  { name: 'rejection_reason', type: 'text', value: (d) => d.rejectionReason },
  { name: 'comment', type: 'text', value: (d) => d.comment },
  { name: 'rank_at_decision', type: 'integer', value: (d) => d.rank },
  { name: 'below_line', type: 'boolean', value: (d) => d.belowLine },
  { name: 'line_exception_reason', type: 'text', value: (d) => d.lineExceptionReason },
  { name: 'flagged', type: 'boolean', value: (d) => d.flagged },
  { name: 'decided_by', type: 'uuid', value: (d) => d.decidedBy },
  { name: 'decided_at', type: 'timestamptz', value: (d) => d.decidedAt.toISOString() },
  { name: 'published_at', type: 'timestamptz', value: (d) => d.publishedAt.toISOString() },
];

const GRANT_COLUMNS: ReadonlyArray<BulkColumn<GrantRow>> = [
  { name: 'application_id', type: 'uuid', value: (g) => g.applicationId },
  { name: 'year', type: 'integer', value: (g) => g.year },
  { name: 'amount_cents', type: 'bigint', value: (g) => g.amountCents },
];

/**
 * Writes the review seed (the applications are already written). Profiles first; committee sessions
 * name their axis by code until here, where the call's axis ids are known.
 */
export async function insertReviewSeed(manager: EntityManager, seed: ReviewSeed, reviewers: readonly SeedReviewer[], axisIds: ReadonlyMap<string, string>, at: Date): Promise<void> {
  await bulkInsert(manager, 'reviewer_profile', [
    { name: 'user_id', type: 'uuid', value: (r: SeedReviewer) => r.id },
    { name: 'axis_codes', type: 'text', value: (r: SeedReviewer) => r.axes.join(','), convert: (v) => `string_to_array(${v}, ',')` },
    { name: 'territories', type: 'text', value: (r: SeedReviewer) => r.territories.join(','), convert: (v) => `string_to_array(${v}, ',')` },
    { name: 'capacity', type: 'integer', value: (r: SeedReviewer) => r.capacity },
    { name: 'updated_at', type: 'timestamptz', value: () => at.toISOString() },
  ], reviewers);
  await bulkInsert(manager, 'reviewer_tie', TIE_COLUMNS, seed.ties);
  await bulkInsert(manager, 'review_assignment', ASSIGNMENT_COLUMNS, seed.assignments, 2000);
  await bulkInsert(manager, 'review_recommendation', RECOMMENDATION_COLUMNS, seed.recommendations, 5000);
  await bulkInsert(manager, 'reviewer_call_stat', STAT_COLUMNS, seed.stats);
  await bulkInsert(manager, 'committee_session', [
    { name: 'id', type: 'uuid', value: (s: SessionRow) => s.id },
    { name: 'call_id', type: 'uuid', value: (s: SessionRow) => s.callId },
    { name: 'axis_id', type: 'uuid', value: (s: SessionRow) => axisIds.get(s.axisCode) ?? null },
    { name: 'sits_on', type: 'date', value: (s: SessionRow) => s.sitsOn },
    { name: 'deliberation_reference', type: 'text', value: (s: SessionRow) => s.reference },
    { name: 'status', type: 'committee_session_status', value: () => 'published' },
    { name: 'opened_at', type: 'timestamptz', value: (s: SessionRow) => s.at.toISOString() },
    { name: 'opened_by', type: 'uuid', value: (s: SessionRow) => s.adminId },
    { name: 'published_at', type: 'timestamptz', value: (s: SessionRow) => s.publishedAt.toISOString() },
    { name: 'published_by', type: 'uuid', value: (s: SessionRow) => s.adminId },
  ], seed.sessions);
  await bulkInsert(manager, 'committee_decision', DECISION_COLUMNS, seed.decisions, 2000);
  await bulkInsert(manager, 'decision_grant', GRANT_COLUMNS, seed.grants, 5000);
}
