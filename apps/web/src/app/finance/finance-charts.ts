// ECharts options built from the API's views: pure functions (type-only ECharts imports, erased at
// build time), so the charts are tested without a canvas and ECharts itself stays in echarts-setup.ts.
import type { BudgetView, FinanceOutlookView, Lang, MonthlyPaymentsView } from '@tremplin/contracts';
import { formatEuros } from '@tremplin/domain';
import type { BarSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { budgetYears, groupByAxis } from './finance-view';

export type FinanceChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption>;

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Colours of the three parts of an axis's allocation; the decal patterns (aria) tell them apart without colour. */
export const FINANCE_CHART_COLORS = { paid: '#004d57', committedUnpaid: '#4f9aa3', uncommitted: '#c4c7c5', payments: '#004d57' } as const;

/** Short amounts for chart axes: « 25 M € », « 1,5 M € » (fr), "€25m" (en); tooltips and tables give the exact amount. */
export function compactEuros(cents: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    style: 'currency',
    currency: 'EUR',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(cents / 100);
}

/** « janv. 2016 » (fr), "Jan 2016" (en), from `YYYY-MM`. */
export function monthLabel(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(LOCALES[lang], { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export interface AxisChartTexts {
  paid: string;
  committedUnpaid: string;
  uncommitted: string;
  /** What a screen reader hears for the chart (ECharts puts it on the chart's role="img" element). */
  description: string;
}

export interface AxisChartRow {
  axisCode: string;
  axisLabel: string;
  paidCents: number;
  committedUnpaidCents: number;
  uncommittedCents: number;
}

/** Per axis over the call's years: paid, committed but not yet paid, not committed (stacks add up to the allocation). */
export function axisChartRows(budget: Pick<BudgetView, 'cells'>): AxisChartRow[] {
  return groupByAxis(budget).map((g) => ({
    axisCode: g.axisCode,
    axisLabel: g.axisLabel,
    paidCents: g.total.paidCents,
    committedUnpaidCents: Math.max(0, g.total.committedCents - g.total.paidCents),
    uncommittedCents: Math.max(0, g.total.allocatedCents - g.total.committedCents),
  }));
}

const tooltipEuros = (lang: Lang) => (value: unknown): string => (typeof value === 'number' ? formatEuros(value, lang) : '');

/** Horizontal stacked bars, one per axis (labels stay readable on a phone). Values in cents. */
export function axisChartOption(budget: Pick<BudgetView, 'cells'>, lang: Lang, texts: AxisChartTexts): FinanceChartOption {
  const rows = axisChartRows(budget);
  const bar = (name: string, color: string, values: number[]): BarSeriesOption => ({
    name,
    type: 'bar',
    stack: 'allocation',
    itemStyle: { color },
    emphasis: { focus: 'series' },
    data: values,
  });
  return {
    aria: { enabled: true, label: { description: texts.description }, decal: { show: true } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: tooltipEuros(lang) },
    legend: { top: 0, left: 0 },
    grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (value: number) => compactEuros(value, lang) } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.axisCode) },
    series: [
      bar(texts.paid, FINANCE_CHART_COLORS.paid, rows.map((r) => r.paidCents)),
      bar(texts.committedUnpaid, FINANCE_CHART_COLORS.committedUnpaid, rows.map((r) => r.committedUnpaidCents)),
      bar(texts.uncommitted, FINANCE_CHART_COLORS.uncommitted, rows.map((r) => r.uncommittedCents)),
    ],
  };
}

/**
 * Every month from January of the call's first year to December of its last — and beyond when payments
 * were made later (a last year's balance is paid after its report) — with no payment as zero.
 */
export function monthlySeries(outlook: Pick<FinanceOutlookView, 'paymentsByMonth'>, years: readonly number[]): MonthlyPaymentsView[] {
  const byMonth = new Map(outlook.paymentsByMonth.map((m) => [m.month, m]));
  const months = [...byMonth.keys()].sort();
  const first = [years.length ? `${Math.min(...years)}-01` : null, months[0] ?? null].filter((m): m is string => m !== null).sort()[0];
  const last = [years.length ? `${Math.max(...years)}-12` : null, months[months.length - 1] ?? null].filter((m): m is string => m !== null).sort().at(-1);
  if (!first || !last) return [];
  const series: MonthlyPaymentsView[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    series.push(byMonth.get(month) ?? { month, amountCents: 0, paymentCount: 0 });
    if (month === last) break;
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return series;
}

export interface MonthlyChartTexts {
  payments: string;
  description: string;
}

/** Payments per month as bars (values in cents), over the months of `monthlySeries`. */
export function monthlyChartOption(
  outlook: Pick<FinanceOutlookView, 'paymentsByMonth'>,
  budget: Pick<BudgetView, 'cells'>,
  lang: Lang,
  texts: MonthlyChartTexts,
): FinanceChartOption {
  const series = monthlySeries(outlook, budgetYears(budget));
  return {
    aria: { enabled: true, label: { description: texts.description }, decal: { show: true } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: tooltipEuros(lang) },
    legend: { show: false },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: series.map((s) => monthLabel(s.month, lang)) },
    yAxis: { type: 'value', axisLabel: { formatter: (value: number) => compactEuros(value, lang) } },
    series: [{ name: texts.payments, type: 'bar', itemStyle: { color: FINANCE_CHART_COLORS.payments }, data: series.map((s) => s.amountCents) }],
  };
}
