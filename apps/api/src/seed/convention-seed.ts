import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  buildInstallmentSchedule,
  formatConventionNumber,
  sumCents,
  type ConventionStatus,
  type InstallmentKind,
  type InstallmentStatus,
  type YearAmount,
} from '@tremplin/domain';
import { ensureConventionDocument } from '../conventions/convention-document-store';
import { renderConventionDocument } from '../conventions/convention-document';
import type { StorageService } from '../documents/storage.service';
import { bulkInsert, type BulkColumn } from './bulk-insert';
import { floorToHundredEuros } from './demo-reviews';
import { between, chance } from './random';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Conventions in each state but `active`, per unit of scale (the rest of the 988 are active). The
 * demo's "now" for money is the end of 2018: 2016 and 2017 are paid, 2018's advance falls due.
 */
export const CONVENTION_STATUS_COUNTS_PER_SCALE: Readonly<Record<Exclude<ConventionStatus, 'active'>, number>> = {
  draft: 12,
  sent: 20,
  signed_by_association: 14,
  signed_by_department: 8,
  suspended: 6,
  closed: 5,
  terminated: 1,
};
/** Per unit of scale: one active convention amended (avenant n° 1, its 2018 amount lowered). */
export const AMENDMENTS_PER_SCALE = 1;
/** Conventions whose PDF the seed renders and stores; the others are rendered on first download. */
export const EAGER_DOCUMENTS = 50;
/** Share of active conventions whose 2017 report is still awaited (their 2017 balance not paid yet). */
const ACTIVE_2017_REPORT_PENDING = 0.1;

export const AMENDMENT_REASON =
  "Démarrage de l'action 2018 reporté au second semestre (locaux indisponibles) : le montant 2018 est ramené à 80 % de la subvention votée.";
export const TERMINATION_REASON =
  "Dissolution de l'association votée en assemblée générale le 2 octobre 2017 : la convention est résiliée et la part non utilisée de l'avance 2017 doit être reversée.";

export interface RetainedForConvention {
  applicationId: string;
  organizationId: string;
  axisCode: string;
  reference: string;
  /** The committee session's deliberation and its publication. */
  deliberationReference: string;
  publishedAt: Date;
  grants: YearAmount[];
}

export interface ConventionSeedInput {
  random: () => number;
  scale: number;
  callId: string;
  callYear: number;
  advanceBasisPoints: number;
  /** `AXIS|year` → call_allocation.id */
  cells: ReadonlyMap<string, string>;
  /** Retained applications with published decisions, in reference order. */
  retained: readonly RetainedForConvention[];
  /** The member who signs for each organisation. */
  signers: ReadonlyMap<string, { id: string; fullName: string }>;
  finance: { id: string; fullName: string };
  adminId: string;
  /** association1's organisation: its first convention is active, its second waits for its signature. */
  featuredOrganizationId: string;
  /** Real today (ISO): advances dated before it are due. */
  today: string;
}

interface ConventionRow {
  id: string; callId: string; applicationId: string; organizationId: string; number: string; status: ConventionStatus;
  documentVersion: number; totalCents: number; paidCents: number; sentAt: Date | null;
  associationSignerId: string | null; associationSignerName: string | null; associationSignedAt: Date | null;
  departmentSignerId: string | null; departmentSignerName: string | null; deliberationReference: string | null; departmentSignedAt: Date | null;
  activatedAt: Date | null; closedAt: Date | null; terminatedAt: Date | null; terminationReason: string | null; recoveryCents: number | null;
  createdAt: Date; createdBy: string; updatedAt: Date; axisCode: string;
}
interface YearRow {
  conventionId: string; year: number; allocationId: string; amountCents: number; committedCents: number; paidCents: number;
  reportApprovedAt: Date | null; reportApprovedBy: string | null;
}
interface InstallmentRow {
  id: string; conventionId: string; year: number; kind: InstallmentKind; amountCents: number; dueOn: string; status: InstallmentStatus;
  paidCents: number; createdAt: Date;
}
interface PaymentRow {
  installmentId: string; conventionId: string; amountCents: number; paidOn: string; mandateNumber: string; accountingReference: string;
  createdBy: string; createdAt: Date;
}
interface AmendmentPlan {
  conventionId: string; year: number; beforeCents: number; afterCents: number; createdAt: Date; associationSignedAt: Date; departmentSignedAt: Date;
  /** The 2018 installments the amendment cancelled (written as such) and their replacements. */
  replaced: InstallmentRow[];
  replacements: InstallmentRow[];
}

export interface ConventionSeed {
  conventions: ConventionRow[];
  years: YearRow[];
  installments: InstallmentRow[];
  payments: PaymentRow[];
  amendments: AmendmentPlan[];
  /** Ids whose PDF the seed renders now (association1's, the amended and terminated ones, the first numbers). */
  eager: string[];
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const utc = (year: number, month: number, day: number, hour = 9): number => Date.UTC(year, month - 1, day, hour);

/** Fisher–Yates with the seeded PRNG. */
function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The 2016 call's conventions, in memory: numbered CONV-2016-0001… in the order of the applications'
 * references, each state's dates and signers as its transitions would have written them, commitments
 * for those the Département signed, installments from `buildInstallmentSchedule`, and the payments of
 * 2016 and 2017 (advances, then balances after each year's report is approved).
 */
export function buildConventionSeed(input: ConventionSeedInput): ConventionSeed {
  const { random, retained } = input;
  const statusOf = new Map<string, ConventionStatus>();
  const featured = retained.filter((r) => r.organizationId === input.featuredOrganizationId);
  if (featured[0]) statusOf.set(featured[0].applicationId, 'active');
  if (featured[1]) statusOf.set(featured[1].applicationId, 'sent');
  const others = shuffled(random, retained.filter((r) => !statusOf.has(r.applicationId)));
  let next = 0;
  for (const [status, perScale] of Object.entries(CONVENTION_STATUS_COUNTS_PER_SCALE) as Array<[ConventionStatus, number]>) {
    const wanted = perScale * input.scale - [...statusOf.values()].filter((s) => s === status).length;
    for (let k = 0; k < wanted && next < others.length; k++) statusOf.set((others[next++] as RetainedForConvention).applicationId, status);
  }
  for (; next < others.length; next++) statusOf.set((others[next] as RetainedForConvention).applicationId, 'active');
  // The amended ones: active, not association1's, drawn from the shuffled order.
  const amendedIds = new Set(others.filter((r) => statusOf.get(r.applicationId) === 'active').slice(0, AMENDMENTS_PER_SCALE * input.scale).map((r) => r.applicationId));

  const conventions: ConventionRow[] = [];
  const years: YearRow[] = [];
  const installments: InstallmentRow[] = [];
  const pending: Array<Omit<PaymentRow, 'mandateNumber' | 'accountingReference' | 'createdAt'>> = [];
  const amendments: AmendmentPlan[] = [];
  const eager = new Set<string>();

  retained.forEach((application, i) => {
    const status = statusOf.get(application.applicationId) ?? 'active';
    const signer = input.signers.get(application.organizationId);
    if (!signer) throw new Error(`seed: no member signs for organisation ${application.organizationId}`);
    const id = randomUUID();
    const createdAt = utc(2016, 7, 4) + i * 3 * 60_000;
    const sentAt = status === 'draft' ? null : createdAt + between(random, 1, 3) * DAY;
    const associationSigned = status === 'draft' || status === 'sent' ? null : (sentAt ?? 0) + between(random, 3, 21) * DAY + between(random, 0, 8) * HOUR;
    const departmentSigned = associationSigned === null || status === 'signed_by_association' ? null : associationSigned + between(random, 2, 10) * DAY + between(random, 0, 6) * HOUR;
    const activated = departmentSigned === null || status === 'signed_by_department' ? null : departmentSigned + HOUR;
    const convention: ConventionRow = {
      id, callId: input.callId, applicationId: application.applicationId, organizationId: application.organizationId,
      number: formatConventionNumber(input.callYear, i + 1), status, documentVersion: 1, totalCents: sumCents(application.grants.map((g) => g.amountCents)), paidCents: 0,
      sentAt: sentAt === null ? null : new Date(sentAt),
      associationSignerId: associationSigned === null ? null : signer.id, associationSignerName: associationSigned === null ? null : signer.fullName,
      associationSignedAt: associationSigned === null ? null : new Date(associationSigned),
      departmentSignerId: departmentSigned === null ? null : input.finance.id, departmentSignerName: departmentSigned === null ? null : input.finance.fullName,
      deliberationReference: departmentSigned === null ? null : application.deliberationReference,
      departmentSignedAt: departmentSigned === null ? null : new Date(departmentSigned),
      activatedAt: activated === null ? null : new Date(activated),
      closedAt: status === 'closed' ? new Date(utc(2018, 12, 28, 15)) : null,
      terminatedAt: null, terminationReason: null, recoveryCents: null,
      createdAt: new Date(createdAt), createdBy: input.adminId, updatedAt: new Date(createdAt), axisCode: application.axisCode,
    };
    conventions.push(convention);
    if (application.organizationId === input.featuredOrganizationId || i < EAGER_DOCUMENTS) eager.add(id);
    const yearRows = new Map<number, YearRow>();
    for (const grant of application.grants) {
      const allocationId = input.cells.get(`${application.axisCode}|${grant.year}`);
      if (!allocationId) throw new Error(`seed: no cell ${application.axisCode} × ${grant.year}`);
      const row: YearRow = {
        conventionId: id, year: grant.year, allocationId, amountCents: grant.amountCents,
        committedCents: departmentSigned === null ? 0 : grant.amountCents, paidCents: 0, reportApprovedAt: null, reportApprovedBy: null,
      };
      yearRows.set(grant.year, row);
      years.push(row);
    }
    convention.updatedAt = new Date(Math.max(createdAt, sentAt ?? 0, associationSigned ?? 0, activated ?? departmentSigned ?? 0));
    if (departmentSigned === null) return;

    // Installments at the Département's signature, from the call's rule.
    const schedule = buildInstallmentSchedule({ years: application.grants, rule: { advanceBasisPoints: input.advanceBasisPoints }, signedOn: isoDay(departmentSigned) });
    const own: InstallmentRow[] = schedule.map((s) => ({
      id: randomUUID(), conventionId: id, year: s.year, kind: s.kind, amountCents: s.amountCents, dueOn: s.dueOn, status: 'planned', paidCents: 0,
      createdAt: new Date(departmentSigned),
    }));
    installments.push(...own);
    const find = (year: number, kind: InstallmentKind) => own.find((x) => x.year === year && x.kind === kind && x.status !== 'cancelled');
    const pay = (year: number, kind: InstallmentKind, on: number) => {
      const installment = find(year, kind);
      const yearRow = yearRows.get(year);
      if (!installment || !yearRow) return;
      installment.status = 'paid';
      installment.paidCents = installment.amountCents;
      yearRow.paidCents += installment.amountCents;
      convention.paidCents += installment.amountCents;
      pending.push({ installmentId: installment.id, conventionId: id, amountCents: installment.amountCents, paidOn: isoDay(on), createdBy: input.finance.id });
    };
    const approveReport = (year: number, on: number) => {
      const yearRow = yearRows.get(year);
      if (yearRow) Object.assign(yearRow, { reportApprovedAt: new Date(on), reportApprovedBy: input.adminId });
    };
    const reportOn = (year: number) => utc(year + 1, 3, 1, 10) + between(random, 0, 110) * DAY;

    if (status === 'signed_by_department') {
      // Signed, not activated yet: nothing paid.
    } else {
      pay(2016, 'advance', departmentSigned + between(random, 10, 30) * DAY);
      const report2016 = reportOn(2016);
      approveReport(2016, report2016);
      pay(2016, 'balance', report2016 + between(random, 15, 45) * DAY);
      pay(2017, 'advance', utc(2017, 1, 16, 10) + between(random, 0, 40) * DAY);
      const full2017 = status === 'closed' || (status === 'active' && (amendedIds.has(application.applicationId) || !chance(random, ACTIVE_2017_REPORT_PENDING)));
      if (full2017) {
        const report2017 = reportOn(2017);
        approveReport(2017, report2017);
        pay(2017, 'balance', report2017 + between(random, 15, 45) * DAY);
      }
      if (status === 'closed') {
        // Ended with the 2018 action: its report approved early, everything paid, then closed.
        pay(2018, 'advance', utc(2018, 1, 15, 10) + between(random, 0, 30) * DAY);
        const report2018 = utc(2018, 11, 5, 10) + between(random, 0, 20) * DAY;
        approveReport(2018, report2018);
        pay(2018, 'balance', report2018 + between(random, 5, 12) * DAY);
      }
    }
    if (status === 'terminated') {
      const terminatedAt = utc(2017, 10, 16, 11);
      const advance2017 = find(2017, 'advance')?.amountCents ?? 0;
      Object.assign(convention, {
        terminatedAt: new Date(terminatedAt), terminationReason: TERMINATION_REASON,
        // Half of the 2017 advance was not spent: at most what was paid (CHECK ck_convention_recovery).
        recoveryCents: Math.floor(advance2017 / 2), updatedAt: new Date(terminatedAt),
      });
      // The unpaid installments are cancelled and the commitment released down to what was paid.
      for (const installment of own) if (installment.status !== 'paid') installment.status = 'cancelled';
      for (const row of yearRows.values()) row.committedCents = row.paidCents;
      eager.add(id);
    }
    if (amendedIds.has(application.applicationId)) {
      const year2018 = yearRows.get(2018);
      if (year2018) {
        const afterCents = floorToHundredEuros(Math.floor((year2018.amountCents * 8) / 10));
        const createdAtAmendment = utc(2018, 2, 12, 10);
        // The amendment cancelled the live 2018 installments (unpaid) and scheduled the new amount's.
        const replaced = own.filter((x) => x.year === 2018);
        for (const x of replaced) x.status = 'cancelled';
        const replacements = buildInstallmentSchedule({
          years: [{ year: 2018, amountCents: afterCents }], rule: { advanceBasisPoints: input.advanceBasisPoints }, signedOn: isoDay(departmentSigned),
        }).map((s): InstallmentRow => ({
          id: randomUUID(), conventionId: id, year: s.year, kind: s.kind, amountCents: s.amountCents, dueOn: s.dueOn, status: 'planned', paidCents: 0,
          createdAt: new Date(utc(2018, 3, 1, 14)),
        }));
        amendments.push({
          conventionId: id, year: 2018, beforeCents: year2018.amountCents, afterCents, createdAt: new Date(createdAtAmendment),
          associationSignedAt: new Date(utc(2018, 2, 20, 16)), departmentSignedAt: new Date(utc(2018, 3, 1, 14)), replaced, replacements,
        });
        eager.add(id);
      }
    }
  });

  // Open installments: an advance is due once its date has come, a balance once its year's report is approved.
  const reportApproved = new Set(years.filter((y) => y.reportApprovedAt).map((y) => `${y.conventionId}|${y.year}`));
  const settle = (x: InstallmentRow) => {
    if (x.status !== 'planned') return;
    if (x.kind === 'advance' ? x.dueOn <= input.today : reportApproved.has(`${x.conventionId}|${x.year}`)) x.status = 'due';
  };
  installments.forEach(settle);
  for (const amendment of amendments) amendment.replacements.forEach(settle);

  // Mandates numbered per year in the order they were issued; one accounting batch (bordereau) per week.
  pending.sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));
  const sequence = new Map<string, number>();
  const payments = pending.map((p, k): PaymentRow => {
    const year = p.paidOn.slice(0, 4);
    const n = (sequence.get(year) ?? 0) + 1;
    sequence.set(year, n);
    const dayOfYear = Math.floor((Date.parse(`${p.paidOn}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / DAY);
    return {
      ...p, mandateNumber: `MDT-${year}-${String(n).padStart(6, '0')}`,
      accountingReference: `BORD-${year}-${String(Math.floor(dayOfYear / 7) + 1).padStart(3, '0')} / 6574`,
      createdAt: new Date(Date.parse(`${p.paidOn}T10:00:00Z`) + (k % 3600) * 1000),
    };
  });
  return { conventions, years, installments, payments, amendments, eager: [...eager] };
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

const CONVENTION_COLUMNS: ReadonlyArray<BulkColumn<ConventionRow>> = [
  { name: 'id', type: 'uuid', value: (c) => c.id },
  { name: 'call_id', type: 'uuid', value: (c) => c.callId },
  { name: 'application_id', type: 'uuid', value: (c) => c.applicationId },
  { name: 'organization_id', type: 'uuid', value: (c) => c.organizationId },
  { name: 'number', type: 'text', value: (c) => c.number },
  { name: 'status', type: 'convention_status', value: (c) => c.status },
  { name: 'document_version', type: 'integer', value: () => 1 },
  { name: 'total_cents', type: 'bigint', value: (c) => c.totalCents },
  { name: 'paid_cents', type: 'bigint', value: (c) => c.paidCents },
  { name: 'sent_at', type: 'timestamptz', value: (c) => iso(c.sentAt) },
  { name: 'association_signer_id', type: 'uuid', value: (c) => c.associationSignerId },
  { name: 'association_signer_name', type: 'text', value: (c) => c.associationSignerName },
  { name: 'association_signed_at', type: 'timestamptz', value: (c) => iso(c.associationSignedAt) },
  { name: 'association_signature_method', type: 'text', value: (c) => (c.associationSignedAt ? 'accept' : null) },
  { name: 'department_signer_id', type: 'uuid', value: (c) => c.departmentSignerId },
  { name: 'department_signer_name', type: 'text', value: (c) => c.departmentSignerName },
  { name: 'deliberation_reference', type: 'text', value: (c) => c.deliberationReference },
  { name: 'department_signed_at', type: 'timestamptz', value: (c) => iso(c.departmentSignedAt) },
  { name: 'activated_at', type: 'timestamptz', value: (c) => iso(c.activatedAt) },
  { name: 'closed_at', type: 'timestamptz', value: (c) => iso(c.closedAt) },
  { name: 'terminated_at', type: 'timestamptz', value: (c) => iso(c.terminatedAt) },
  { name: 'termination_reason', type: 'text', value: (c) => c.terminationReason },
  { name: 'recovery_cents', type: 'bigint', value: (c) => c.recoveryCents },
  { name: 'created_at', type: 'timestamptz', value: (c) => c.createdAt.toISOString() },
  { name: 'created_by', type: 'uuid', value: (c) => c.createdBy },
  { name: 'updated_at', type: 'timestamptz', value: (c) => c.updatedAt.toISOString() },
];

const YEAR_COLUMNS: ReadonlyArray<BulkColumn<YearRow>> = [
  { name: 'convention_id', type: 'uuid', value: (y) => y.conventionId },
  { name: 'year', type: 'integer', value: (y) => y.year },
  { name: 'allocation_id', type: 'uuid', value: (y) => y.allocationId },
  { name: 'amount_cents', type: 'bigint', value: (y) => y.amountCents },
  { name: 'committed_cents', type: 'bigint', value: (y) => y.committedCents },
  { name: 'paid_cents', type: 'bigint', value: (y) => y.paidCents },
  { name: 'report_approved_at', type: 'timestamptz', value: (y) => iso(y.reportApprovedAt) },
  { name: 'report_approved_by', type: 'uuid', value: (y) => y.reportApprovedBy },
];

const INSTALLMENT_COLUMNS: ReadonlyArray<BulkColumn<InstallmentRow>> = [
  { name: 'id', type: 'uuid', value: (x) => x.id },
  { name: 'convention_id', type: 'uuid', value: (x) => x.conventionId },
  { name: 'year', type: 'integer', value: (x) => x.year },
  { name: 'kind', type: 'text', value: (x) => x.kind },
  { name: 'amount_cents', type: 'bigint', value: (x) => x.amountCents },
  { name: 'due_on', type: 'date', value: (x) => x.dueOn },
  { name: 'status', type: 'installment_status', value: (x) => x.status },
  { name: 'paid_cents', type: 'bigint', value: (x) => x.paidCents },
  { name: 'created_at', type: 'timestamptz', value: (x) => x.createdAt.toISOString() },
];

const PAYMENT_COLUMNS: ReadonlyArray<BulkColumn<PaymentRow>> = [
  { name: 'installment_id', type: 'uuid', value: (p) => p.installmentId },
  { name: 'convention_id', type: 'uuid', value: (p) => p.conventionId },
  { name: 'amount_cents', type: 'bigint', value: (p) => p.amountCents },
  { name: 'paid_on', type: 'date', value: (p) => p.paidOn },
  { name: 'mandate_number', type: 'text', value: (p) => p.mandateNumber },
  { name: 'accounting_reference', type: 'text', value: (p) => p.accountingReference },
  { name: 'created_by', type: 'uuid', value: (p) => p.createdBy },
  { name: 'created_at', type: 'timestamptz', value: (p) => p.createdAt.toISOString() },
];

/**
 * Writes the conventions seed inside the seed's transaction: rows in bulk, the cells' committed and
 * paid totals as the sums of their convention years, the call's counter, the eager documents (through
 * the API's own `ensureConventionDocument`, so that a later rendering of the others gives the same kind
 * of bytes), then each amendment as the API applies one: the original stays, the avenant is a new
 * version with its PDF, the amended year's amount and commitment move, its installments are replaced.
 */
export async function insertConventionSeed(manager: EntityManager, storage: StorageService, seed: ConventionSeed, callId: string, adminId: string): Promise<{ documentsMs: number }> {
  await bulkInsert(manager, 'convention', CONVENTION_COLUMNS, seed.conventions, 1000);
  await bulkInsert(manager, 'convention_year', YEAR_COLUMNS, seed.years, 3000);
  await bulkInsert(manager, 'installment', INSTALLMENT_COLUMNS, [...seed.installments, ...seed.amendments.flatMap((a) => a.replacements)], 3000);
  await bulkInsert(manager, 'payment', PAYMENT_COLUMNS, seed.payments, 3000);
  await manager.query(`INSERT INTO convention_counter (call_id, last_sequence) VALUES ($1, $2)`, [callId, seed.conventions.length]);
  // Statistics of the rows just written, so that each document's lookup uses the indexes.
  await manager.query('ANALYZE convention, convention_year, call_allocation');
  const documentsStarted = Date.now();
  for (const id of seed.eager) await ensureConventionDocument(manager, storage, id);

  for (const amendment of seed.amendments) {
    const [source] = (await manager.query(
      `SELECT c.number, cl.title AS "callTitle", cl.advance_basis_points AS "advanceBasisPoints", ax.label_fr AS "axisLabel", a.reference, a.title,
              c.deliberation_reference AS "deliberationReference", o.legal_name AS "legalName", o.siret, o.rna, o.address_line AS "addressLine",
              o.postal_code AS "postalCode", o.city, o.legal_rep_name AS "legalRepName", o.legal_rep_function AS "legalRepFunction",
              g.name AS "grantorName", g.siret AS "grantorSiret", g.address AS "grantorAddress", g.president_name AS "presidentName", g.president_title AS "presidentTitle"
         FROM convention c JOIN call cl ON cl.id = c.call_id JOIN application a ON a.id = c.application_id JOIN call_axis ax ON ax.id = a.axis_id
         JOIN organization o ON o.id = c.organization_id CROSS JOIN grantor g WHERE c.id = $1`,
      [amendment.conventionId],
    )) as Array<Record<string, string>>;
    if (!source) throw new Error('seed: amended convention not found');
    const years = seed.years
      .filter((y) => y.conventionId === amendment.conventionId)
      .map((y) => ({ year: y.year, amountCents: y.year === amendment.year ? amendment.afterCents : y.amountCents }));
    const document = await renderConventionDocument({
      grantor: { name: source['grantorName'] ?? '', siret: (source['grantorSiret'] ?? '').trim(), address: source['grantorAddress'] ?? '', presidentName: source['presidentName'] ?? '', presidentTitle: source['presidentTitle'] ?? '' },
      number: source['number'] ?? '', versionNo: 2, amendmentReason: AMENDMENT_REASON, callTitle: source['callTitle'] ?? '', axisLabel: source['axisLabel'] ?? '',
      deliberationReference: source['deliberationReference'] ?? '', deliberationDate: null,
      organization: {
        legalName: source['legalName'] ?? '', siret: source['siret'] ?? null, rna: source['rna'] ?? null, addressLine: source['addressLine'] ?? '',
        postalCode: source['postalCode'] ?? '', city: source['city'] ?? '', legalRepName: source['legalRepName'] ?? '', legalRepFunction: source['legalRepFunction'] ?? '',
      },
      project: { reference: source['reference'] ?? '', title: source['title'] ?? '' }, years, advanceBasisPoints: Number(source['advanceBasisPoints']),
      generatedAt: amendment.createdAt,
    });
    const key = await storage.put(document.bytes);
    const deltaCents = amendment.afterCents - amendment.beforeCents;
    await manager.query(
      `INSERT INTO convention_amendment (convention_id, version_no, reason, diff, document_storage_key, document_sha256, association_signed_at, department_signed_at, created_at, created_by)
       VALUES ($1, 2, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        amendment.conventionId, AMENDMENT_REASON, JSON.stringify({ years: [{ year: amendment.year, beforeCents: amendment.beforeCents, afterCents: amendment.afterCents }] }),
        key, document.sha256, amendment.associationSignedAt.toISOString(), amendment.departmentSignedAt.toISOString(), amendment.createdAt.toISOString(), adminId,
      ],
    );
    await manager.query(
      `UPDATE convention SET document_version = 2, total_cents = total_cents + $2, updated_at = $3, version = version + 1 WHERE id = $1`,
      [amendment.conventionId, deltaCents, amendment.departmentSignedAt.toISOString()],
    );
    await manager.query(`UPDATE convention_year SET amount_cents = $3, committed_cents = $3 WHERE convention_id = $1 AND year = $2`, [
      amendment.conventionId, amendment.year, amendment.afterCents,
    ]);
  }
  // The cells carry the sums of what their convention years commit and what was paid on them.
  await manager.query(
    `UPDATE call_allocation ca SET committed_cents = t.committed, paid_cents = t.paid
       FROM (SELECT allocation_id, sum(committed_cents) AS committed, sum(paid_cents) AS paid FROM convention_year GROUP BY allocation_id) t
      WHERE t.allocation_id = ca.id AND ca.call_id = $1`,
    [callId],
  );
  return { documentsMs: Date.now() - documentsStarted };
}
