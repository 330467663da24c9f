import { applicationReference } from '../applications/application-rules';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Role } from '@tremplin/contracts';
import { INADMISSIBILITY_REASONS, totalRequestedCents, type ApplicationStatus, type InadmissibilityReason } from '@tremplin/domain';
import { AuditService } from '../core/audit/audit.service';
import { hashPassword } from '../core/auth/password';
import { CallsService } from '../calls/calls.service';
import { Call } from '../calls/call.entity';
import { bulkInsert, type BulkColumn } from './bulk-insert';
import { INFORMATION_REQUESTS } from './demo-content';
import { demoApplicationContent, type DemoApplicationContent } from './demo-applications';
import { demoOrganization, demoSiret, type DemoOrganization } from './demo-organizations';
import { demoReviewers } from './demo-reviews';
import { NORD_2016_CODE, NORD_AXES, nord2016Call, openDemoCall, reviewDemoCall } from './nord-2016';
import { between, chance, logNormal, pick, sample, seededRandom, weighted } from './random';
import { buildReviewSeed, insertReviewSeed, type ReviewedApplication, type SeedReviewer } from './review-seed';
import { buildConventionSeed, insertConventionSeed, type ConventionSeed } from './convention-seed';
import type { StorageService } from '../documents/storage.service';

export { demoSiret } from './demo-organizations';

export const DEMO_PASSWORD = 'Tremplin-2016!';

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; fullName: string; role: Role; organizationIndex?: number }> = [
  { email: 'admin@demo.tremplin.fr', fullName: 'Agnès Administratrice', role: 'admin' },
  { email: 'evaluateur@demo.tremplin.fr', fullName: 'Bruno Évaluateur', role: 'reviewer' },
  { email: 'evaluatrice@demo.tremplin.fr', fullName: 'Claire Évaluatrice', role: 'reviewer' },
  { email: 'finances@demo.tremplin.fr', fullName: 'David Finances', role: 'finance' },
  { email: 'association1@demo.tremplin.fr', fullName: 'Émilie Martin', role: 'association', organizationIndex: 0 },
  { email: 'association2@demo.tremplin.fr', fullName: 'Farid Benali', role: 'association', organizationIndex: 1 },
];

/** Per unit of scale: the 2016 call received about 1,500 applications (988 were retained). */
export const ORGANIZATIONS_PER_SCALE = 600;
export const APPLICATIONS_PER_SCALE = 1500;
/** Per unit of scale: applications on the demo call under review. */
export const REVIEW_CALL_APPLICATIONS_PER_SCALE = 300;
/**
 * Applications of the demo accounts' organisations on the 2016 call, all admissible and decided:
 * association1's first and third are retained (an active convention, one to sign) and its second
 * rejected (its letter), their quality forced, see below. The committee still retains exactly its
 * per-axis count within each cell: association1's third project takes the place of the last one
 * retained in its axis, which goes to the waiting list — the totals do not move.
 */
const DEMO_ORGANIZATION_APPLICATIONS = [3, 2];
/** Review quality (standard normal) forced on association1's 2016 applications: clearly retained, clearly rejected, clearly retained. */
const ASSOCIATION1_QUALITY = [2.5, -2.5, 2.5];

const AXIS_WEIGHTS: ReadonlyArray<readonly [string, number]> = [['MEDIATION', 14], ['INNOVATION', 10], ['REMOBILISATION', 28], ['FREINS', 24], ['ACCOMPAGNEMENT', 24]];
/** 2016 is decided: `reviewed` applications are reviewed, then take their committee's decision. */
const NORD_STATUS_WEIGHTS: ReadonlyArray<readonly [ApplicationStatus, number]> = [['reviewed', 95], ['withdrawn', 3], ['inadmissible', 2]];
/** The call under review: admissibility under way, admissible applications assigned (`reviewed` once fully scored). */
const REVIEW_CALL_STATUS_WEIGHTS: ReadonlyArray<readonly [ApplicationStatus, number]> = [
  ['submitted', 30], ['information_requested', 6], ['under_review', 56], ['inadmissible', 4], ['withdrawn', 4],
];
const INADMISSIBILITY_COMMENTS: Record<InadmissibilityReason, string> = {
  incomplete: 'Dossier incomplet : le budget prévisionnel signé et les statuts à jour manquent malgré la relance.',
  out_of_scope: "Le projet ne s'adresse pas aux allocataires du RSA : il relève d'un autre dispositif du Département.",
  ineligible_organization: "La structure ne justifie pas d'une année d'existence juridique à la date de dépôt.",
  late: 'Les pièces demandées sont parvenues après la date limite fixée par le règlement de l’appel.',
};
const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface SeedOptions {
  scale: number;
  /** false: calls, organisations and accounts only (no applications). */
  applications?: boolean;
  /** Where the conventions' PDFs go (the API's document storage). */
  storage: StorageService;
}

interface OrganizationRow extends DemoOrganization {
  id: string;
  createdAt: Date;
}
interface UserRow {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  organizationId: string | null;
  organizationAdmin: boolean;
  createdAt: Date;
}
interface ApplicationRow extends ReviewedApplication {
  axisId: string;
  reference: string | null;
  content: Omit<DemoApplicationContent, 'declaration'> & { declaration: DemoApplicationContent['declaration'] | null };
  requestedCents: number;
  version: number;
  submittedVersion: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  withdrawnAt: Date | null;
  admissible: boolean | null;
  admissibilityDecidedAt: Date | null;
  admissibilityDecidedBy: string | null;
  inadmissibilityReason: InadmissibilityReason | null;
  admissibilityComment: string | null;
}
interface InformationRequestRow {
  applicationId: string;
  requestedBy: string;
  message: string;
  dueDate: string;
  createdAt: Date;
}

/**
 * The demo: the Nord's 2016 call with its ~1,500 applications per unit of scale from ~600
 * organisations across the Nord's territories, reviewed by twelve reviewers and decided by its
 * committee (988 retained per unit of scale); a call closed three weeks ago and under review; an open
 * call where association1 has a draft; one account per role. Deterministic content (seeded PRNG);
 * bulk inserts in one transaction; does nothing when the 2016 call already exists.
 */
export async function seedDemo(dataSource: DataSource, options: SeedOptions): Promise<void> {
  const logger = new Logger('Seed');
  if (await dataSource.getRepository(Call).exists({ where: { code: NORD_2016_CODE } })) {
    logger.log('Demo data already present: nothing to seed');
    return;
  }
  const started = Date.now();
  const now = new Date(started);
  // Argon2 runs on libuv's pool while the calls are written; hashed once for every demo account.
  const hashing = hashPassword(DEMO_PASSWORD);
  void hashing.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
  const audit = new AuditService(dataSource);
  const calls = new CallsService(dataSource, audit);
  const nord = await calls.create(null, nord2016Call(options.scale));
  const open = await calls.create(null, openDemoCall(now));
  const underReview = await calls.create(null, reviewDemoCall(now, options.scale));
  const axisIds = async (callId: string) => {
    const rows: Array<{ id: string; code: string }> = await dataSource.query('SELECT id, code FROM call_axis WHERE call_id = $1', [callId]);
    return new Map(rows.map((a) => [a.code, a.id]));
  };

  const random = seededRandom(2016);
  const organizations = buildOrganizations(random, ORGANIZATIONS_PER_SCALE * options.scale);
  const reviewerAccounts = demoReviewers(options.scale);
  const users = buildUsers(organizations, reviewerAccounts);
  const admin = users[0];
  if (!admin) throw new Error('no demo admin');
  const applications: ApplicationRow[] = [];
  const informationRequests: InformationRequestRow[] = [];
  const userIds = new Map(users.map((u) => [u.email, u.id]));
  const reviewers: SeedReviewer[] = reviewerAccounts.map((r) => ({ ...r, id: userIds.get(r.email) ?? '' }));
  let reviewSeed: ReturnType<typeof buildReviewSeed> | null = null;
  let conventionSeed: ConventionSeed | null = null;
  const nordAxisIds = await axisIds(nord.id);
  if (options.applications !== false) {
    const membership = new Map(users.filter((u) => u.organizationId).map((u) => [u.organizationId, u.id]));
    const nordCall = { id: nord.id, years: nord.years, opensAt: new Date(nord.opensAt), closesAt: new Date(nord.closesAt), axes: nordAxisIds };
    const nordApplications = buildNordApplications(seededRandom(2016_03_18), nordCall, organizations, membership, APPLICATIONS_PER_SCALE * options.scale, admin.id);
    const reviewCall = { id: underReview.id, years: underReview.years, opensAt: new Date(underReview.opensAt), closesAt: new Date(underReview.closesAt), axes: await axisIds(underReview.id) };
    const reviewCallApplications = buildReviewCallApplications(seededRandom(2026), reviewCall, organizations, membership, REVIEW_CALL_APPLICATIONS_PER_SCALE * options.scale, admin.id);
    informationRequests.push(...buildInformationRequests(seededRandom(2016_04_01), reviewCallApplications, admin.id, new Date(reviewCall.closesAt.getTime() + DAY), now));
    const association1 = nordApplications.filter((a) => a.organizationId === organizations[0]?.id);
    reviewSeed = buildReviewSeed({
      random: seededRandom(2016_06_27), scale: options.scale, now, adminId: admin.id, reviewers,
      demoReviewerIds: new Set(reviewers.slice(0, 2).map((r) => r.id)),
      organizationIds: organizations.slice(DEMO_ORGANIZATION_APPLICATIONS.length).map((o) => o.id),
      nord, nordApplications, forcedQuality: new Map(association1.map((a, i) => [a.id, ASSOCIATION1_QUALITY[i] ?? 0])),
      reviewCall: underReview, reviewCallApplications,
    });
    applications.push(...nordApplications, ...reviewCallApplications);
    const finance = users.find((u) => u.role === 'finance');
    if (!finance) throw new Error('no demo finance account');
    const cells: Array<{ id: string; code: string; year: number }> = await dataSource.query(
      `SELECT ca.id, x.code, ca.year FROM call_allocation ca JOIN call_axis x ON x.id = ca.axis_id WHERE ca.call_id = $1`, [nord.id]);
    const sessions = new Map(reviewSeed.sessions.map((s) => [s.id, s]));
    const grants = new Map<string, Array<{ year: number; amountCents: number }>>();
    for (const g of reviewSeed.grants) grants.set(g.applicationId, [...(grants.get(g.applicationId) ?? []), g]);
    const byId = new Map(nordApplications.map((a) => [a.id, a]));
    const fullNames = new Map(users.map((u) => [u.id, u.fullName]));
    conventionSeed = buildConventionSeed({
      random: seededRandom(2016_07_04), scale: options.scale, callId: nord.id, callYear: 2016, advanceBasisPoints: nord.paymentRule.advanceBasisPoints,
      cells: new Map(cells.map((c) => [`${c.code}|${c.year}`, c.id])),
      retained: reviewSeed.decisions
        .filter((d) => d.outcome === 'retained')
        .map((d) => {
          const application = byId.get(d.applicationId);
          const session = sessions.get(d.sessionId);
          if (!application || !session) throw new Error('seed: retained decision without its application or session');
          return {
            applicationId: d.applicationId, organizationId: application.organizationId, axisCode: application.axisCode, reference: application.reference ?? '',
            deliberationReference: session.reference, publishedAt: d.publishedAt,
            grants: (grants.get(d.applicationId) ?? []).map((g) => ({ year: g.year, amountCents: g.amountCents })).sort((a, b) => a.year - b.year),
          };
        })
        .sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0)),
      signers: new Map([...membership].filter((e): e is [string, string] => e[0] !== null).map(([org, userId]) => [org, { id: userId, fullName: fullNames.get(userId) ?? '' }])),
      finance: { id: finance.id, fullName: finance.fullName }, adminId: admin.id, featuredOrganizationId: organizations[0]?.id ?? '',
      today: now.toISOString().slice(0, 10),
    });
    const openCall = { id: open.id, years: open.years, axes: await axisIds(open.id) };
    applications.push(...buildOpenCallDrafts(seededRandom(2027), openCall, organizations, membership, now));
  }
  const generated = Date.now();
  const passwordHash = await hashing;
  const submitted = applications.filter((a) => a.submittedVersion > 0);

  const hashed = Date.now();
  let conventionsMs = 0;
  let documentsMs = 0;
  await dataSource.transaction(async (manager) => {
    await bulkInsert(manager, 'organization', ORGANIZATION_COLUMNS, organizations, 2000);
    await bulkInsert(manager, 'app_user', userColumns(passwordHash), users, 2000);
    await bulkInsert(manager, 'application', APPLICATION_COLUMNS, applications, 500);
    // The frozen version 1 of each submitted application, built from the rows just written, in the
    // shape ApplicationSubmissionService freezes (the receipt and the version diff read it).
    await manager.query(
      `INSERT INTO application_version (application_id, version_no, snapshot, submitted_at, submitted_by)
       SELECT a.id, 1, jsonb_build_object(
                'reference', a.reference, 'versionNo', 1,
                'submittedAt', to_char(a.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'submittedBy', jsonb_build_object('id', u.id, 'email', u.email, 'fullName', u.full_name),
                'call', jsonb_build_object('id', c.id, 'code', c.code, 'title', c.title, 'years', to_jsonb(c.years)),
                'axis', jsonb_build_object('code', x.code, 'labelFr', x.label_fr, 'labelEn', x.label_en),
                'organization', jsonb_build_object(
                  'id', o.id, 'legalName', o.legal_name, 'siret', o.siret, 'rna', o.rna, 'legalForm', o.legal_form,
                  'addressLine', o.address_line, 'postalCode', o.postal_code, 'city', o.city, 'territory', o.territory,
                  'legalRepName', o.legal_rep_name, 'legalRepFunction', o.legal_rep_function),
                'title', a.title, 'summary', a.summary, 'axisCode', x.code, 'project', a.project,
                'budget', a.budget, 'declaration', a.declaration, 'documents', '[]'::jsonb),
              a.submitted_at, a.created_by
       FROM application a
       JOIN call c ON c.id = a.call_id
       JOIN call_axis x ON x.id = a.axis_id
       JOIN organization o ON o.id = a.organization_id
       JOIN app_user u ON u.id = a.created_by
       WHERE a.call_id = ANY($1) AND a.submitted_version = 1`,
      [[nord.id, underReview.id]],
    );
    // The amount requested per year of the submitted version, as submission writes it (the migration's
    // backfill ran before these rows existed).
    await manager.query(
      `INSERT INTO application_request (application_id, year, amount_cents)
       SELECT a.id, (y->>'year')::int, COALESCE((y->'products'->>'p74Departement')::bigint, 0)
         FROM application a CROSS JOIN LATERAL jsonb_array_elements(a.budget) y
        WHERE a.call_id = ANY($1) AND a.submitted_version > 0`,
      [[nord.id, underReview.id]],
    );
    await bulkInsert(manager, 'information_request', INFORMATION_REQUEST_COLUMNS, informationRequests);
    // Reviewer profiles even without applications; the rest only with them.
    await insertReviewSeed(manager, reviewSeed ?? { ties: [], assignments: [], recommendations: [], stats: [], sessions: [], decisions: [], grants: [] }, reviewers, nordAxisIds, now);
    for (const call of [nord, underReview]) {
      const count = submitted.filter((a) => a.callId === call.id).length;
      if (!count) continue;
      await manager.query(`INSERT INTO application_reference_counter (call_id, last_number) VALUES ($1, $2)`, [call.id, count]);
      // The call's structure froze at its first submission.
      await manager.query(`UPDATE call SET structure_locked_at = (SELECT min(submitted_at) FROM application WHERE call_id = $1) WHERE id = $1`, [call.id]);
    }
    // Conventions of the retained 2016 projects, their schedules and payments; a few PDFs now, the rest on first download.
    const conventionsStarted = Date.now();
    if (conventionSeed) documentsMs = (await insertConventionSeed(manager, options.storage, conventionSeed, nord.id, admin.id)).documentsMs;
    conventionsMs = Date.now() - conventionsStarted;
    const count = (status: ApplicationStatus) => applications.filter((a) => a.callId === nord.id && a.status === status).length;
    const conventionCount = (status: string) => conventionSeed?.conventions.filter((c) => c.status === status).length ?? 0;
    await audit.record(manager, null, {
      action: 'demo.seeded', entityType: 'system', entityId: null,
      diff: {
        scale: { before: null, after: options.scale },
        organizations: { before: null, after: organizations.length },
        users: { before: null, after: users.length },
        reviewers: { before: null, after: reviewers.length },
        applications: { before: null, after: applications.length },
        submittedApplications: { before: null, after: submitted.length },
        informationRequests: { before: null, after: informationRequests.length },
        reviewAssignments: { before: null, after: reviewSeed?.assignments.length ?? 0 },
        submittedReviews: { before: null, after: reviewSeed?.assignments.filter((a) => a.review).length ?? 0 },
        retained: { before: null, after: count('retained') },
        waitlisted: { before: null, after: count('waitlisted') },
        rejected: { before: null, after: count('rejected') },
        conventions: { before: null, after: conventionSeed?.conventions.length ?? 0 },
        activeConventions: { before: null, after: conventionCount('active') },
        terminatedConventions: { before: null, after: conventionCount('terminated') },
        amendments: { before: null, after: conventionSeed?.amendments.length ?? 0 },
        installments: { before: null, after: (conventionSeed?.installments.length ?? 0) + (conventionSeed?.amendments.reduce((n, a) => n + a.replacements.length, 0) ?? 0) },
        payments: { before: null, after: conventionSeed?.payments.length ?? 0 },
        paidCents: { before: null, after: conventionSeed?.payments.reduce((sum, p) => sum + p.amountCents, 0) ?? 0 },
        conventionDocumentsRendered: { before: null, after: conventionSeed?.eager.length ?? 0 },
      },
    });
  });
  // Fresh statistics so that the planner picks the indexes from the first request on, and a visibility
  // map so that list counts are index-only scans before autovacuum's first pass.
  await dataSource.query(
    'VACUUM (ANALYZE) organization, app_user, application, application_version, application_request, review_assignment, review_recommendation, committee_decision, decision_grant, ' +
      'call_allocation, convention, convention_year, installment, payment',
  );
  logger.log(
    `Demo seeded at scale ${options.scale} in ${Date.now() - started} ms ` +
      `(${organizations.length} organisations, ${users.length} accounts, ${applications.length} applications of which ${submitted.length} submitted, ` +
      `${reviewSeed?.assignments.length ?? 0} review assignments, ${reviewSeed?.decisions.length ?? 0} decisions, ` +
      `${conventionSeed?.conventions.length ?? 0} conventions and ${conventionSeed?.payments.length ?? 0} payments in ${conventionsMs} ms (${conventionSeed?.eager.length ?? 0} PDFs and the amendments: ${documentsMs} ms); ` +
      `calls and content ${generated - started} ms, password hash wait ${hashed - generated} ms, database ${Date.now() - hashed} ms)`,
  );
}

function buildOrganizations(random: () => number, count: number): OrganizationRow[] {
  const usedSirets = new Set<string>();
  // Spread over the months before the call opened, in index order: the demo accounts' come first.
  const first = Date.UTC(2015, 8, 14, 9), step = Math.floor((Date.UTC(2016, 0, 24, 18) - first) / count);
  const contacts = DEMO_ACCOUNTS.filter((a) => a.organizationIndex !== undefined).map((a) => ({ fullName: a.fullName, feminine: a.fullName.startsWith('É') }));
  const rows: OrganizationRow[] = [];
  for (let i = 0; i < count; i++) {
    let siret = demoSiret(random);
    while (usedSirets.has(siret)) siret = demoSiret(random);
    usedSirets.add(siret);
    rows.push({ ...demoOrganization(random, i, siret, contacts[i]), id: randomUUID(), createdAt: new Date(Math.floor((first + i * step + random() * step) / 1000) * 1000) });
  }
  return rows;
}

/** The demo accounts, the other reviewers, then one administrator member per other organisation. */
function buildUsers(organizations: readonly OrganizationRow[], reviewers: ReadonlyArray<{ email: string; fullName: string }>): UserRow[] {
  const staffCreated = Date.UTC(2015, 8, 1, 8);
  const users: UserRow[] = DEMO_ACCOUNTS.map((account, i) => {
    const organization = account.organizationIndex === undefined ? undefined : organizations[account.organizationIndex];
    return {
      id: randomUUID(), email: account.email, fullName: account.fullName, role: account.role,
      organizationId: organization?.id ?? null, organizationAdmin: account.role === 'association',
      createdAt: organization?.createdAt ?? new Date(staffCreated + i * 60_000),
    };
  });
  const known = new Set(users.map((u) => u.email));
  reviewers.filter((r) => !known.has(r.email)).forEach((reviewer, i) => {
    users.push({
      id: randomUUID(), email: reviewer.email, fullName: reviewer.fullName, role: 'reviewer', organizationId: null, organizationAdmin: false,
      createdAt: new Date(staffCreated + (DEMO_ACCOUNTS.length + i) * 60_000),
    });
  });
  const taken = new Set(DEMO_ACCOUNTS.map((a) => a.organizationIndex));
  organizations.forEach((organization, i) => {
    if (taken.has(i)) return;
    users.push({
      id: randomUUID(), email: `contact+${i + 1}@asso-${i + 1}.demo.tremplin.fr`, fullName: organization.contactName, role: 'association',
      organizationId: organization.id, organizationAdmin: true, createdAt: organization.createdAt,
    });
  });
  return users;
}

interface CallRef {
  id: string;
  years: readonly number[];
  axes: Map<string, string>;
}

/** How many 2016 applications each organisation made: at least one, a few large structures many. */
function applicationCounts(random: () => number, organizations: number, total: number): number[] {
  const counts = organizations <= DEMO_ORGANIZATION_APPLICATIONS.length
    ? DEMO_ORGANIZATION_APPLICATIONS.slice(0, organizations)
    : [...DEMO_ORGANIZATION_APPLICATIONS, ...Array<number>(organizations - DEMO_ORGANIZATION_APPLICATIONS.length).fill(1)];
  const others = Array.from({ length: Math.max(0, organizations - DEMO_ORGANIZATION_APPLICATIONS.length) }, (_, k) => k + DEMO_ORGANIZATION_APPLICATIONS.length);
  const size = others.map(() => logNormal(random, 1, 0.9));
  const cumulative: number[] = [];
  size.reduce((sum, s, k) => (cumulative[k] = sum + s), 0);
  const totalSize = cumulative[cumulative.length - 1] ?? 0;
  let extra = total - counts.reduce((a, b) => a + b, 0);
  while (extra > 0 && others.length) {
    // Binary search of a uniform draw in the cumulative sizes: big structures apply more often.
    const r = random() * totalSize;
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < r) lo = mid + 1;
      else hi = mid;
    }
    const index = others[lo] ?? 0;
    if ((counts[index] ?? 0) >= 10) continue;
    counts[index] = (counts[index] ?? 0) + 1;
    extra--;
  }
  return counts;
}

/** A submission time between opening and closing, crowding towards the deadline as in real calls. */
function submissionTime(random: () => number, opensAt: Date, closesAt: Date): Date {
  const span = closesAt.getTime() - opensAt.getTime();
  const lastDays = 4 * DAY;
  const offset = chance(random, 0.35) ? span - lastDays + random() * lastDays : span * random() ** 0.6;
  return new Date(Math.min(closesAt.getTime() - 1000, Math.floor((opensAt.getTime() + offset) / 1000) * 1000));
}

type SubmittedCallRef = CallRef & { opensAt: Date; closesAt: Date };

/** One submitted application of a closed call, with its admissibility decided (or not) by `adminId`. */
function submittedApplication(
  random: () => number,
  call: SubmittedCallRef,
  organization: OrganizationRow,
  createdBy: string,
  axisCode: string,
  status: ApplicationStatus,
  adminId: string,
  startMonths: readonly string[],
): ApplicationRow {
  const content = demoApplicationContent(random, organization, axisCode, call.years, startMonths);
  const submittedAt = submissionTime(random, call.opensAt, call.closesAt);
  const createdAt = new Date(Math.max(call.opensAt.getTime(), submittedAt.getTime() - between(random, 1, 35) * DAY - between(random, 0, 36_000) * 1000));
  // Admissibility is decided in the days after the deadline; withdrawals come before it.
  const decidedAt = new Date(call.closesAt.getTime() + between(random, 1, 40) * HOUR);
  const decided = status !== 'submitted' && status !== 'information_requested' && status !== 'withdrawn';
  const inadmissible = status === 'inadmissible';
  const reason = inadmissible ? pick(random, INADMISSIBILITY_REASONS) : null;
  let withdrawnAt: Date | null = null;
  if (status === 'withdrawn') withdrawnAt = new Date(Math.min(submittedAt.getTime() + between(random, 2, 45) * DAY, call.closesAt.getTime() - HOUR));
  return {
    id: randomUUID(), callId: call.id, axisId: call.axes.get(axisCode) ?? '', axisCode, organizationId: organization.id, territories: content.project.territories, status,
    reference: null, content, requestedCents: totalRequestedCents(content.budget), version: between(random, 3, 14), submittedVersion: 1,
    requested: content.budget.map((b) => ({ year: b.year, amountCents: b.products.p74Departement })),
    createdBy, createdAt, updatedAt: withdrawnAt ?? (decided ? decidedAt : submittedAt), submittedAt, withdrawnAt,
    admissible: decided ? !inadmissible : null, admissibilityDecidedAt: decided ? decidedAt : null, admissibilityDecidedBy: decided ? adminId : null,
    inadmissibilityReason: reason, admissibilityComment: reason ? INADMISSIBILITY_COMMENTS[reason] : null,
    reviewCount: 0, reviewSumHundredths: 0, reviewMinHundredths: null, reviewMaxHundredths: null, scoreHundredths: null, divergent: false,
  };
}

/** References follow the order of submission, numbered per call. */
function numberReferences(rows: ApplicationRow[], firstYear: number): void {
  [...rows]
    .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0))
    .forEach((row, k) => (row.reference = applicationReference(firstYear, 0, row.axisCode, k + 1)));
}

function buildNordApplications(
  random: () => number,
  call: SubmittedCallRef,
  organizations: readonly OrganizationRow[],
  membership: Map<string | null, string>,
  total: number,
  adminId: string,
): ApplicationRow[] {
  const counts = applicationCounts(random, organizations.length, total);
  const rows: ApplicationRow[] = [];
  organizations.forEach((organization, i) => {
    const createdBy = membership.get(organization.id);
    if (!createdBy) throw new Error(`organisation ${i} has no member`);
    const count = counts[i] ?? 0;
    // The demo accounts' organisations apply to distinct axes, and are all admissible.
    const demo = i < DEMO_ORGANIZATION_APPLICATIONS.length;
    const axes = demo ? sample(random, NORD_AXES.map((a) => a.code), count) : Array.from({ length: count }, () => weighted(random, AXIS_WEIGHTS));
    for (const axisCode of axes) {
      const status = demo ? 'reviewed' : weighted(random, NORD_STATUS_WEIGHTS);
      rows.push(submittedApplication(random, call, organization, createdBy, axisCode, status, adminId, ['04', '05', '06', '07', '09']));
    }
  });
  numberReferences(rows, 2016);
  return rows;
}

/**
 * The call under review: ~300 applications per unit of scale from organisations drawn at random
 * (association1 among them, waiting for admissibility; association2 not), every admissibility stage.
 */
function buildReviewCallApplications(
  random: () => number,
  call: SubmittedCallRef,
  organizations: readonly OrganizationRow[],
  membership: Map<string | null, string>,
  total: number,
  adminId: string,
): ApplicationRow[] {
  const rows: ApplicationRow[] = [];
  const first = organizations[0];
  if (first) rows.push(submittedApplication(random, call, first, membership.get(first.id) ?? '', 'FREINS', 'submitted', adminId, ['01', '02', '03']));
  const others = organizations.slice(DEMO_ORGANIZATION_APPLICATIONS.length);
  while (rows.length < total && others.length) {
    const organization = pick(random, others);
    const axisCode = weighted(random, AXIS_WEIGHTS);
    const status = weighted(random, REVIEW_CALL_STATUS_WEIGHTS);
    rows.push(submittedApplication(random, call, organization, membership.get(organization.id) ?? '', axisCode, status, adminId, ['01', '02', '03', '04']));
  }
  numberReferences(rows, call.years[0] ?? 0);
  return rows;
}

/** An open request on each application in `information_requested`, asked between `from` and `to`. */
function buildInformationRequests(random: () => number, applications: ApplicationRow[], adminId: string, from: Date, to: Date): InformationRequestRow[] {
  return applications
    .filter((a) => a.status === 'information_requested')
    .map((application) => {
      const createdAt = new Date(from.getTime() + Math.floor(random() * (to.getTime() - from.getTime() - HOUR)));
      application.updatedAt = createdAt;
      return {
        applicationId: application.id, requestedBy: adminId, message: pick(random, INFORMATION_REQUESTS),
        dueDate: new Date(createdAt.getTime() + 15 * DAY).toISOString().slice(0, 10), createdAt,
      };
    });
}

/** association1's draft on the open call, and a few other organisations preparing one. */
function buildOpenCallDrafts(
  random: () => number,
  call: CallRef,
  organizations: readonly OrganizationRow[],
  membership: Map<string | null, string>,
  now: Date,
): ApplicationRow[] {
  const rows: ApplicationRow[] = [];
  organizations.forEach((organization, i) => {
    if (i !== 0 && (i < DEMO_ORGANIZATION_APPLICATIONS.length || !chance(random, 0.04))) return;
    const axisCode = i === 0 ? 'INNOVATION' : weighted(random, AXIS_WEIGHTS);
    const full = demoApplicationContent(random, organization, axisCode, call.years, ['01', '03', '04']);
    // Partly filled, as a draft is: a few project fields and the first year of the budget.
    const budget = i === 0 ? full.budget.slice(0, 1) : full.budget.slice(0, between(random, 0, 3));
    const content = {
      title: full.title,
      summary: i === 0 || chance(random, 0.8) ? full.summary : '',
      project: {
        ...full.project,
        activities: i === 0 || chance(random, 0.5) ? full.project.activities : '',
        otherPublics: '', startDate: null, partners: [], indicators: i === 0 ? [] : full.project.indicators,
      },
      budget,
      declaration: null,
    };
    const createdAt = new Date(now.getTime() - (i === 0 ? 3 : between(random, 1, 20)) * DAY);
    rows.push({
      id: randomUUID(), callId: call.id, axisId: call.axes.get(axisCode) ?? '', axisCode, organizationId: organization.id, territories: content.project.territories,
      status: 'draft', reference: null, content, requestedCents: totalRequestedCents(budget), requested: [], version: between(random, 2, 9), submittedVersion: 0,
      createdBy: membership.get(organization.id) ?? '', createdAt, updatedAt: new Date(createdAt.getTime() + between(random, 600, 20 * 3600) * 1000),
      submittedAt: null, withdrawnAt: null, admissible: null, admissibilityDecidedAt: null, admissibilityDecidedBy: null, inadmissibilityReason: null, admissibilityComment: null,
      reviewCount: 0, reviewSumHundredths: 0, reviewMinHundredths: null, reviewMaxHundredths: null, scoreHundredths: null, divergent: false,
    });
  });
  return rows;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

const ORGANIZATION_COLUMNS: ReadonlyArray<BulkColumn<OrganizationRow>> = [
  { name: 'id', type: 'uuid', value: (o) => o.id },
  { name: 'legal_name', type: 'text', value: (o) => o.legalName },
  { name: 'siret', type: 'text', value: (o) => o.siret },
  { name: 'rna', type: 'text', value: (o) => o.rna },
  { name: 'legal_form', type: 'text', value: (o) => o.legalForm },
  { name: 'territory', type: 'text', value: (o) => o.territory },
  { name: 'address_line', type: 'text', value: (o) => o.addressLine },
  { name: 'postal_code', type: 'text', value: (o) => o.postalCode },
  { name: 'city', type: 'text', value: (o) => o.city },
  { name: 'legal_rep_name', type: 'text', value: (o) => o.legalRepName },
  { name: 'legal_rep_function', type: 'text', value: (o) => o.legalRepFunction },
  { name: 'contact_name', type: 'text', value: (o) => o.contactName },
  { name: 'phone', type: 'text', value: (o) => o.phone },
  { name: 'iban', type: 'text', value: (o) => o.iban },
  { name: 'bic', type: 'text', value: (o) => o.bic },
  { name: 'website', type: 'text', value: (o) => o.website },
  { name: 'created_at', type: 'timestamptz', value: (o) => o.createdAt.toISOString() },
  { name: 'updated_at', type: 'timestamptz', value: (o) => o.createdAt.toISOString() },
];

const userColumns = (passwordHash: string): ReadonlyArray<BulkColumn<UserRow>> => [
  { name: 'id', type: 'uuid', value: (u) => u.id },
  { name: 'email', type: 'text', value: (u) => u.email },
  { name: 'full_name', type: 'text', value: (u) => u.fullName },
  { name: 'password_hash', type: 'text', value: () => passwordHash },
  { name: 'role', type: 'user_role', value: (u) => u.role },
  { name: 'organization_id', type: 'uuid', value: (u) => u.organizationId },
  { name: 'organization_admin', type: 'boolean', value: (u) => u.organizationAdmin },
  { name: 'active', type: 'boolean', value: () => true },
  { name: 'email_verified_at', type: 'timestamptz', value: (u) => u.createdAt.toISOString() },
  { name: 'created_at', type: 'timestamptz', value: (u) => u.createdAt.toISOString() },
];

const APPLICATION_COLUMNS: ReadonlyArray<BulkColumn<ApplicationRow>> = [
  { name: 'id', type: 'uuid', value: (a) => a.id },
  { name: 'call_id', type: 'uuid', value: (a) => a.callId },
  { name: 'axis_id', type: 'uuid', value: (a) => a.axisId },
  { name: 'organization_id', type: 'uuid', value: (a) => a.organizationId },
  { name: 'status', type: 'application_status', value: (a) => a.status },
  { name: 'reference', type: 'text', value: (a) => a.reference },
  { name: 'title', type: 'text', value: (a) => a.content.title },
  { name: 'summary', type: 'text', value: (a) => a.content.summary },
  { name: 'project', type: 'jsonb', value: (a) => JSON.stringify(a.content.project) },
  { name: 'budget', type: 'jsonb', value: (a) => JSON.stringify(a.content.budget) },
  { name: 'declaration', type: 'jsonb', value: (a) => (a.content.declaration ? JSON.stringify(a.content.declaration) : null) },
  // Territory codes hold no comma: the list travels as one string per row (unnest would flatten a 2-D array).
  { name: 'territories', type: 'text', value: (a) => a.content.project.territories.join(','), convert: (v) => `string_to_array(${v}, ',')` },
  { name: 'requested_cents', type: 'bigint', value: (a) => a.requestedCents },
  { name: 'version', type: 'integer', value: (a) => a.version },
  { name: 'submitted_version', type: 'integer', value: (a) => a.submittedVersion },
  { name: 'created_by', type: 'uuid', value: (a) => a.createdBy },
  { name: 'created_at', type: 'timestamptz', value: (a) => a.createdAt.toISOString() },
  { name: 'updated_at', type: 'timestamptz', value: (a) => a.updatedAt.toISOString() },
  { name: 'submitted_at', type: 'timestamptz', value: (a) => iso(a.submittedAt) },
  { name: 'withdrawn_at', type: 'timestamptz', value: (a) => iso(a.withdrawnAt) },
  { name: 'admissible', type: 'boolean', value: (a) => a.admissible },
  { name: 'admissibility_decided_at', type: 'timestamptz', value: (a) => iso(a.admissibilityDecidedAt) },
  { name: 'admissibility_decided_by', type: 'uuid', value: (a) => a.admissibilityDecidedBy },
  { name: 'inadmissibility_reason', type: 'text', value: (a) => a.inadmissibilityReason },
  { name: 'admissibility_comment', type: 'text', value: (a) => a.admissibilityComment },
  { name: 'review_count', type: 'integer', value: (a) => a.reviewCount },
  { name: 'review_sum_hundredths', type: 'integer', value: (a) => a.reviewSumHundredths },
  { name: 'review_min_hundredths', type: 'integer', value: (a) => a.reviewMinHundredths },
  { name: 'review_max_hundredths', type: 'integer', value: (a) => a.reviewMaxHundredths },
  { name: 'score_hundredths', type: 'integer', value: (a) => a.scoreHundredths },
  { name: 'divergent', type: 'boolean', value: (a) => a.divergent },
];

const INFORMATION_REQUEST_COLUMNS: ReadonlyArray<BulkColumn<InformationRequestRow>> = [
  { name: 'application_id', type: 'uuid', value: (r) => r.applicationId },
  { name: 'requested_by', type: 'uuid', value: (r) => r.requestedBy },
  { name: 'message', type: 'text', value: (r) => r.message },
  { name: 'due_date', type: 'date', value: (r) => r.dueDate },
  { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt.toISOString() },
];
