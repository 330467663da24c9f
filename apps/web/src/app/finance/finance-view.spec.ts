import type { BudgetCellView, CallSummaryView } from '@tremplin/contracts';
import { addDays, budgetYears, callsWithPossibleConventions, cellConventionsLink, dueLines, envelopeShare, fallbackCallId, groupByAxis } from './finance-view';

const cell = (axisCode: string, year: number, allocated: number, committed: number, paid: number, count: number): BudgetCellView => ({
  axisCode,
  axisLabel: `Axe ${axisCode}`,
  year,
  allocatedCents: allocated,
  committedCents: committed,
  paidCents: paid,
  remainingToCommitCents: allocated - committed,
  remainingToPayCents: committed - paid,
  conventionCount: count,
});

const call = (id: string, opensAt: string, status: CallSummaryView['status'], envelopeCents: number): CallSummaryView => ({
  id,
  code: id.toUpperCase(),
  title: id,
  description: '',
  titleEn: '',
  descriptionEn: '',
  opensAt,
  closesAt: opensAt,
  years: [2016],
  envelopeCents,
  status,
  historical: status === 'closed',
  decided: status === 'closed',
  axes: envelopeCents ? [{ code: 'A', labelFr: 'A', labelEn: 'A', description: '', position: 1, envelopeCents }] : [],
});

describe('groupByAxis', () => {
  it('groups cells per axis in the API order, years ascending, with money sums per axis', () => {
    const groups = groupByAxis({
      cells: [cell('EMPLOI', 2017, 500, 300, 100, 2), cell('EMPLOI', 2016, 1000, 800, 600, 3), cell('LOGEMENT', 2016, 200, 0, 0, 0)],
    });
    expect(groups.map((g) => [g.axisCode, g.cells.map((c) => c.year)])).toEqual([
      ['EMPLOI', [2016, 2017]],
      ['LOGEMENT', [2016]],
    ]);
    expect(groups[0]?.total).toEqual({ allocatedCents: 1500, committedCents: 1100, paidCents: 700, remainingToCommitCents: 400, remainingToPayCents: 400 });
  });

  it('lists the years once, ascending', () => {
    expect(budgetYears({ cells: [cell('B', 2018, 1, 0, 0, 0), cell('A', 2016, 1, 0, 0, 0), cell('A', 2018, 1, 0, 0, 0)] })).toEqual([2016, 2018]);
  });
});

describe('choosing the call to open on', () => {
  const calls = [
    call('old', '2015-01-05T09:00:00Z', 'closed', 100),
    call('c2016', '2016-01-04T09:00:00Z', 'closed', 7_430_000_000),
    call('c2026', '2026-08-01T09:00:00Z', 'closed', 1_500_000_000),
    call('next', '2027-01-04T09:00:00Z', 'open', 100),
    call('empty', '2025-01-04T09:00:00Z', 'closed', 0),
  ];

  it('asks the closed calls with allocations, most recent first, a few at most', () => {
    expect(callsWithPossibleConventions(calls).map((c) => c.id)).toEqual(['c2026', 'c2016', 'old']);
    expect(callsWithPossibleConventions(calls, 2).map((c) => c.id)).toEqual(['c2026', 'c2016']);
  });

  it('falls back on the most recent closed call with allocations, then any with allocations, then the most recent', () => {
    expect(fallbackCallId(calls)).toBe('c2026');
    expect(fallbackCallId([call('a', '2016-01-01T00:00:00Z', 'open', 100), call('b', '2017-01-01T00:00:00Z', 'upcoming', 0)])).toBe('a');
    expect(fallbackCallId([call('a', '2016-01-01T00:00:00Z', 'open', 0), call('b', '2017-01-01T00:00:00Z', 'upcoming', 0)])).toBe('b');
    expect(fallbackCallId([])).toBeNull();
  });
});

describe('links', () => {
  it('drills down from a cell to the conventions of its axis and year', () => {
    expect(cellConventionsLink('c-1', { axisCode: 'EMPLOI', year: 2017 })).toEqual({
      path: '/conventions',
      queryParams: { callId: 'c-1', axisCode: 'EMPLOI', year: '2017' },
    });
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-11-29', 30)).toBe('2026-12-29');
    expect(addDays('2026-11-29', 90)).toBe('2027-02-27');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-29T08:15:00.000Z', 60)).toBe('2027-01-28');
  });

  it('lists overdue installments first, then the windows, each linking to the worklist up to its last day', () => {
    const lines = dueLines('c-1', {
      asOf: '2026-11-29',
      overdue: { installmentCount: 4, amountCents: 1_234_500 },
      dueWindows: [
        { withinDays: 90, installmentCount: 30, amountCents: 9_000_000 },
        { withinDays: 30, installmentCount: 10, amountCents: 3_000_000 },
        { withinDays: 60, installmentCount: 20, amountCents: 6_000_000 },
      ],
    });
    expect(lines.map((l) => [l.kind, l.withinDays, l.installmentCount, l.amountCents, l.link.path, l.link.queryParams])).toEqual([
      ['overdue', null, 4, 1_234_500, '/conventions/echeances', { callId: 'c-1', status: 'due', dueBefore: '2026-11-29' }],
      ['window', 30, 10, 3_000_000, '/conventions/echeances', { callId: 'c-1', dueBefore: '2026-12-29' }],
      ['window', 60, 20, 6_000_000, '/conventions/echeances', { callId: 'c-1', dueBefore: '2027-01-28' }],
      ['window', 90, 30, 9_000_000, '/conventions/echeances', { callId: 'c-1', dueBefore: '2027-02-27' }],
    ]);
  });
});

describe('envelopeShare', () => {
  it('writes the share of the envelope as a French or English percentage', () => {
    expect(envelopeShare(929_000_000, 7_430_000_000, 'fr')).toBe('12,5\u00a0%');
    expect(envelopeShare(929_000_000, 7_430_000_000, 'en')).toBe('12.5%');
    expect(envelopeShare(1, 0, 'fr')).toBe('');
  });
});
