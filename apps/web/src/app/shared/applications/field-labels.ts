import type { ApplicationView, Lang } from '@tremplin/contracts';
import { budgetYearTotals } from '@tremplin/domain';
import { issueMessage } from '../forms/issue-message';
import { fieldPath } from '../forms/server-errors';
import { ACCOUNT_NUMBERS } from './application-constants';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Wizard step (0-based) where an API field path is edited. */
export function stepOfField(field: string): number {
  const head = fieldPath(field)[0];
  switch (head) {
    case 'project':
      return 1;
    case 'budget':
      return 2;
    case 'documents':
      return 3;
    case 'declaration':
      return 4;
    default:
      return 0;
  }
}

const isUuid = (value: unknown): boolean => typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value);

/**
 * A readable name for an API field path of an application (`budget[1].charges.c64` →
 * « Budget 2017 — 64 Charges de personnel »), for error lists and version diffs.
 */
export function applicationFieldLabel(field: string, t: Translate, years: readonly number[], budgetYears?: readonly number[]): string {
  const path = fieldPath(field);
  const [head, a, b, c, d] = path;
  const yearAt = (i: unknown, list: readonly number[] = years): string =>
    typeof i === 'number' ? String(list[i] ?? i + 1) : '';
  switch (head) {
    case 'title':
    case 'summary':
    case 'axisCode':
      return t(`applicationFields.${head}`);
    case 'project': {
      if (a === undefined) return t('applicationFields.project');
      const name = t(`applicationFields.projectFields.${String(a)}`);
      if (a === 'rsaBeneficiariesPerYear' && typeof b === 'number') return `${name} — ${yearAt(b)}`;
      if ((a === 'partners' || a === 'indicators') && typeof b === 'number') {
        const item = t(a === 'partners' ? 'applicationFields.partnerN' : 'applicationFields.indicatorN', { n: b + 1 });
        if (c === undefined) return item;
        const sub = t(`applicationFields.${a === 'partners' ? 'partnerFields' : 'indicatorFields'}.${String(c)}`);
        return typeof d === 'number' ? `${item} — ${sub} ${yearAt(d)}` : `${item} — ${sub}`;
      }
      return name;
    }
    case 'budget': {
      if (typeof a !== 'number') return t('applicationFields.budget');
      const year = t('applicationFields.budgetYear', { year: yearAt(a, budgetYears ?? years) });
      if ((b === 'charges' || b === 'products') && typeof c === 'string') {
        return `${year} — ${ACCOUNT_NUMBERS[c as keyof typeof ACCOUNT_NUMBERS] ?? ''} ${t(`budgetAccounts.${c}`)}`.replace(/ {2}/g, ' ');
      }
      if (b === 'otherFunderName') return `${year} — ${t('budget.otherFunderName')}`;
      return year;
    }
    case 'documents':
      if (typeof a === 'string' && !isUuid(a)) return `${t('applicationFields.documents')} — ${t(`documentKinds.${a}`)}`;
      return b ? `${t('applicationFields.documents')} — ${String(b)}` : t('applicationFields.documents');
    case 'declaration':
      return a === undefined ? t('applicationFields.declaration') : `${t('applicationFields.declaration')} — ${t(`applicationFields.declarationFields.${String(a)}`)}`;
    case 'organization':
      return a === undefined ? t('applicationFields.organization') : `${t('applicationFields.organization')} — ${t(`organizationFields.${String(a)}`)}`;
    default:
      return field;
  }
}

/** The message of a `missing` item ({field, code}) with the parameters its template needs. */
export function missingMessage(item: { field: string; code: string }, view: Pick<ApplicationView, 'budget' | 'callYears'>, lang: Lang, t: Translate): string {
  const params: Record<string, string | number> = { count: view.callYears.length };
  const budgetIndex = /^budget\[(\d+)\]/.exec(item.field);
  if (budgetIndex) {
    const year = view.budget[Number(budgetIndex[1])];
    if (year) {
      const totals = budgetYearTotals(year);
      Object.assign(params, { year: year.year, chargesCents: totals.chargesCents, productsCents: totals.productsCents, gapCents: totals.gapCents });
    }
  } else if (item.code === 'BUDGET_YEAR_MISSING') {
    params['year'] = view.callYears.filter((y) => !view.budget.some((b) => b.year === y)).join(', ');
  }
  const kind = /^documents\.(\w+)$/.exec(item.field)?.[1];
  if (kind) {
    const label = t(`documentKinds.${kind}`).toLowerCase();
    Object.assign(params, { kind, labelFr: label, labelEn: label });
  }
  return issueMessage({ field: item.field, code: item.code, params }, lang);
}
