import type { BudgetCellView } from '@tremplin/contracts';
import { axisChartOption, compactEuros, monthLabel, monthlyChartOption, monthlySeries } from './finance-charts';

// French typography: U+202F groups thousands, U+00A0 precedes the euro sign. Written out, not computed.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

const cell = (axisCode: string, year: number, allocated: number, committed: number, paid: number): BudgetCellView => ({
  axisCode,
  axisLabel: `Axe ${axisCode}`,
  year,
  allocatedCents: allocated,
  committedCents: committed,
  paidCents: paid,
  remainingToCommitCents: allocated - committed,
  remainingToPayCents: committed - paid,
  conventionCount: 1,
});

const BUDGET = {
  cells: [
    cell('EMPLOI', 2016, 1_000_000_000, 800_000_000, 480_000_000),
    cell('EMPLOI', 2017, 1_000_000_000, 700_000_000, 0),
    cell('LOGEMENT', 2016, 500_000_000, 500_000_000, 300_000_000),
    cell('LOGEMENT', 2018, 250_000_050, 0, 0),
  ],
};
const AXIS_TEXTS = { paid: 'Payé', committedUnpaid: 'Engagé non payé', uncommitted: 'Non engagé', description: 'Barres empilées par axe.' };

describe('axisChartOption', () => {
  const option = axisChartOption(BUDGET, 'fr', AXIS_TEXTS);

  it('stacks paid, committed-unpaid and uncommitted per axis (cents over all years)', () => {
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['EMPLOI', 'LOGEMENT'] });
    const series = option.series as Array<{ name: string; type: string; stack: string; data: number[] }>;
    expect(series.map((s) => [s.name, s.type, s.stack, s.data])).toEqual([
      ['Payé', 'bar', 'allocation', [480_000_000, 300_000_000]],
      ['Engagé non payé', 'bar', 'allocation', [1_020_000_000, 200_000_000]],
      ['Non engagé', 'bar', 'allocation', [500_000_000, 250_000_050]],
    ]);
  });

  it('is accessible: aria with decal patterns and the given description', () => {
    expect(option.aria).toEqual({ enabled: true, label: { description: 'Barres empilées par axe.' }, decal: { show: true } });
  });

  it('formats the tooltip in exact French euros and the value axis in short French amounts', () => {
    const tooltip = option.tooltip as { valueFormatter: (value: unknown) => string };
    expect(tooltip.valueFormatter(1_020_000_000)).toBe(`10${NNBSP}200${NNBSP}000,00${NBSP}€`);
    expect(tooltip.valueFormatter(250_000_050)).toBe(`2${NNBSP}500${NNBSP}000,50${NBSP}€`);
    const axis = option.xAxis as { axisLabel: { formatter: (value: number) => string } };
    expect(axis.axisLabel.formatter(1_500_000_000)).toBe(`15${NBSP}M${NBSP}€`);
    expect(axis.axisLabel.formatter(0)).toBe(`0${NBSP}€`);
  });

  it('writes English amounts in English', () => {
    const en = axisChartOption(BUDGET, 'en', AXIS_TEXTS);
    expect((en.tooltip as { valueFormatter: (value: unknown) => string }).valueFormatter(1_020_000_000)).toBe('€10,200,000.00');
    expect((en.xAxis as { axisLabel: { formatter: (value: number) => string } }).axisLabel.formatter(150_000_000)).toBe('€1.5m');
  });
});

describe('compactEuros and monthLabel', () => {
  it('shortens amounts for chart axes and names months', () => {
    expect(compactEuros(7_430_000_000, 'fr')).toBe(`74,3${NBSP}M${NBSP}€`);
    expect(compactEuros(25_000_000, 'fr')).toBe(`250${NBSP}k${NBSP}€`);
    expect(monthLabel('2016-01', 'fr')).toBe('janv. 2016');
    expect(monthLabel('2017-12', 'en')).toBe('Dec 2017');
  });
});

describe('monthly payments', () => {
  const outlook = {
    paymentsByMonth: [
      { month: '2016-03', amountCents: 120_000_000, paymentCount: 12 },
      { month: '2019-02', amountCents: 5_000, paymentCount: 1 },
    ],
  };

  it('covers every month of the call’s years and later payments, missing months as zero', () => {
    const series = monthlySeries(outlook, [2016, 2017, 2018]);
    expect(series).toHaveLength(38);
    expect(series[0]).toEqual({ month: '2016-01', amountCents: 0, paymentCount: 0 });
    expect(series[2]).toEqual({ month: '2016-03', amountCents: 120_000_000, paymentCount: 12 });
    expect(series[35]).toEqual({ month: '2018-12', amountCents: 0, paymentCount: 0 });
    expect(series[37]).toEqual({ month: '2019-02', amountCents: 5_000, paymentCount: 1 });
    expect(monthlySeries({ paymentsByMonth: [] }, [])).toEqual([]);
  });

  it('builds bars per month with French labels and euro tooltips', () => {
    const option = monthlyChartOption(outlook, BUDGET, 'fr', { payments: 'Paiements', description: 'Paiements par mois.' });
    const x = option.xAxis as { data: string[] };
    expect(x.data.slice(0, 3)).toEqual(['janv. 2016', 'févr. 2016', 'mars 2016']);
    expect(x.data.at(-1)).toBe('févr. 2019');
    const series = option.series as Array<{ name: string; type: string; data: number[] }>;
    expect(series).toHaveLength(1);
    expect(series[0]?.name).toBe('Paiements');
    expect(series[0]?.type).toBe('bar');
    expect(series[0]?.data.slice(0, 3)).toEqual([0, 0, 120_000_000]);
    expect(option.aria).toEqual({ enabled: true, label: { description: 'Paiements par mois.' }, decal: { show: true } });
    expect((option.tooltip as { valueFormatter: (value: unknown) => string }).valueFormatter(120_000_000)).toBe(`1${NNBSP}200${NNBSP}000,00${NBSP}€`);
  });
});
