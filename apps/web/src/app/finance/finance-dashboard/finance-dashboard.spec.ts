import { HttpEventType, HttpHeaders, HttpResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { BudgetView, CallSummaryView, FinanceOutlookView } from '@tremplin/contracts';
import { provideEchartsCore } from 'ngx-echarts';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LANG_STORAGE_KEY, LanguageService } from '../../core/i18n/language.service';
import { FileDownloader } from '../../shared/files/file-download';
import { FinanceDashboard } from './finance-dashboard';

const axis = (code: string, envelopeCents: number) => ({ code, labelFr: 'Emploi et insertion', labelEn: 'Employment and integration', description: '', position: 1, envelopeCents });
const call = (id: string, code: string, opensAt: string, status: CallSummaryView['status'], envelopeCents: number): CallSummaryView => ({
  id, code, title: `Appel ${code}`, titleEn: '', description: '', descriptionEn: '', opensAt, closesAt: opensAt, years: [2016, 2017, 2018],
  envelopeCents, status, historical: status === 'closed', decided: status === 'closed', axes: [axis('EMPLOI', envelopeCents)],
});
const CALLS = [
  call('c2017', 'AAP-NORD-2017', '2017-01-09T09:00:00.000Z', 'open', 0),
  call('c2016', 'AAP-NORD-2016', '2016-01-04T09:00:00.000Z', 'closed', 7_430_000_000),
];

const BUDGET: BudgetView = {
  callId: 'c2016',
  envelopeCents: 7_430_000_000,
  totals: {
    allocatedCents: 7_430_000_000, committedCents: 5_123_456_789, paidCents: 1_234_567_812,
    remainingToCommitCents: 2_306_543_211, remainingToPayCents: 3_888_888_977, conventionCount: 988,
  },
  cells: [
    { axisCode: 'EMPLOI', axisLabel: 'Emploi (libellé du budget)', year: 2016, allocatedCents: 1_000_000_000, committedCents: 950_000_050, paidCents: 570_000_030,
      remainingToCommitCents: 49_999_950, remainingToPayCents: 380_000_020, conventionCount: 120 },
    { axisCode: 'EMPLOI', axisLabel: 'Emploi (libellé du budget)', year: 2017, allocatedCents: 900_000_000, committedCents: 0, paidCents: 0,
      remainingToCommitCents: 900_000_000, remainingToPayCents: 0, conventionCount: 0 },
    { axisCode: 'MEDIATION', axisLabel: 'Médiation sociale', year: 2016, allocatedCents: 300_000_000, committedCents: 300_000_000, paidCents: 0,
      remainingToCommitCents: 0, remainingToPayCents: 300_000_000, conventionCount: 1_204 },
  ],
};

const OUTLOOK: FinanceOutlookView = {
  callId: 'c2016',
  asOf: '2026-11-29',
  dueWindows: [
    { withinDays: 30, installmentCount: 1, amountCents: 1_500_000 },
    { withinDays: 60, installmentCount: 12, amountCents: 123_456_78 },
    { withinDays: 90, installmentCount: 0, amountCents: 0 },
  ],
  overdue: { installmentCount: 3, amountCents: 4_500_000 },
  paymentsByMonth: [{ month: '2016-04', amountCents: 570_000_030, paymentCount: 98 }],
};

/** What ECharts received: ngx-echarts calls `init` then `setOption` on the chart it got. */
const charts: Array<{ dom: HTMLElement; options: Array<Record<string, unknown>> }> = [];
const fakeEcharts = {
  init: (dom: HTMLElement) => {
    const chart = { dom, options: [] as Array<Record<string, unknown>> };
    charts.push(chart);
    return {
      setOption: (option: Record<string, unknown>) => chart.options.push(option),
      isDisposed: () => false,
      dispose: () => undefined,
      resize: () => undefined,
      on: () => undefined,
      off: () => undefined,
      showLoading: () => undefined,
      hideLoading: () => undefined,
    };
  },
};

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  TestBed.tick();
}

const rowText = (row: Element | null | undefined): string[] => Array.from(row?.children ?? []).map((c) => normalizeSpaces(c.textContent));
/** A card's parts (term, amount, share…) read in order, one space apart. */
const cardText = (card: Element): string => rowText(card).filter((t) => t !== '').join(' ');

describe('FinanceDashboard', () => {
  let fixture: ComponentFixture<FinanceDashboard>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeAll(() => {
    // jsdom has no ResizeObserver; ngx-echarts needs one to follow the chart's size.
    const noop = (): void => undefined;
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver ??= class {
      observe = noop;
      unobserve = noop;
      disconnect = noop;
    };
  });

  beforeEach(async () => {
    charts.length = 0;
    window.localStorage.removeItem(LANG_STORAGE_KEY); // the English test leaves its choice behind
    TestBed.configureTestingModule({
      imports: [FinanceDashboard],
      providers: [
        provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations(),
        provideEchartsCore({ echarts: fakeEcharts }),
      ],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FinanceDashboard);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    backend.expectOne('/api/calls').flush(CALLS);
    await settle();
    // No call in the URL: the most recent closed call with conventions; its budget is read once.
    backend.expectOne('/api/calls/c2016/budget').flush(BUDGET);
    await settle();
    backend.expectOne('/api/calls/c2016/finance-outlook').flush(OUTLOOK);
    await settle();
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('shows the totals against the envelope in French formats', () => {
    const cards = Array.from(el.querySelectorAll('[data-testid="finance-totals"] .card')).map(cardText);
    expect(cards).toEqual([
      'Enveloppe 74 300 000,00 €',
      'Alloué 74 300 000,00 € 100 % de l’enveloppe',
      'Engagé 51 234 567,89 € 69 % de l’enveloppe',
      'Payé 12 345 678,12 € 16,6 % de l’enveloppe',
      'Reste à engager 23 065 432,11 €',
      'Reste à payer 38 888 889,77 €',
      'Conventions 988',
    ]);
  });

  it('shows each axis × year cell, the axis totals and the call total, in French formats', () => {
    const table = el.querySelector('[data-testid="finance-cells"]');
    expect(rowText(table?.querySelector('thead tr'))).toEqual(['Année', 'Alloué', 'Engagé', 'Payé', 'Reste à engager', 'Reste à payer', 'Conventions']);
    const emploi = Array.from(table?.querySelectorAll('[data-testid="axis-EMPLOI"] tr') ?? []).map(rowText);
    expect(emploi).toEqual([
      ['EMPLOI — Emploi et insertion'],
      ['2016', '10 000 000,00 €', '9 500 000,50 €', '5 700 000,30 €', '499 999,50 €', '3 800 000,20 €', '120 conventions de l’axe EMPLOI en 2016'],
      ['2017', '9 000 000,00 €', '0,00 €', '0,00 €', '9 000 000,00 €', '0,00 €', '0 conventions de l’axe EMPLOI en 2017'],
      ['Total EMPLOI', '19 000 000,00 €', '9 500 000,50 €', '5 700 000,30 €', '9 499 999,50 €', '3 800 000,20 €', ''],
    ]);
    // An axis the call list does not name keeps the budget's own label.
    expect(rowText(table?.querySelector('[data-testid="axis-MEDIATION"] tr'))).toEqual(['MEDIATION — Médiation sociale']);
    expect(rowText(table?.querySelector('[data-testid="cell-MEDIATION-2016"]'))).toEqual([
      '2016', '3 000 000,00 €', '3 000 000,00 €', '0,00 €', '0,00 €', '3 000 000,00 €', '1 204 conventions de l’axe MEDIATION en 2016',
    ]);
    expect(rowText(table?.querySelector('[data-testid="finance-cells-total"]'))).toEqual([
      'Total de l’appel', '74 300 000,00 €', '51 234 567,89 €', '12 345 678,12 €', '23 065 432,11 €', '38 888 889,77 €', '988',
    ]);
  });

  it('links each cell to its conventions (call, axis, year)', () => {
    const hrefs = Array.from(el.querySelectorAll<HTMLAnchorElement>('[data-testid="finance-cells"] tbody a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      '/conventions?callId=c2016&axisCode=EMPLOI&year=2016',
      '/conventions?callId=c2016&axisCode=EMPLOI&year=2017',
      '/conventions?callId=c2016&axisCode=MEDIATION&year=2016',
    ]);
  });

  it('shows overdue installments and the 30/60/90-day windows, linking to the worklist', () => {
    const lines = Array.from(el.querySelectorAll('[data-testid="finance-due"] li')).map((li) => ({
      text: cardText(li),
      href: li.querySelector('a')?.getAttribute('href'),
    }));
    expect(lines).toEqual([
      { text: 'En retard 45 000,00 € 3 échéances Voir les échéances — En retard', href: '/conventions/echeances?callId=c2016&status=due&dueBefore=2026-11-29' },
      { text: 'Dans les 30 jours 15 000,00 € 1 échéance Voir les échéances — Dans les 30 jours', href: '/conventions/echeances?callId=c2016&dueBefore=2026-12-29' },
      { text: 'Dans les 60 jours 123 456,78 € 12 échéances Voir les échéances — Dans les 60 jours', href: '/conventions/echeances?callId=c2016&dueBefore=2027-01-28' },
      { text: 'Dans les 90 jours 0,00 € 0 échéance Voir les échéances — Dans les 90 jours', href: '/conventions/echeances?callId=c2016&dueBefore=2027-02-27' },
    ]);
    expect(normalizeSpaces(el.querySelector('[data-testid="finance-due"]')?.previousElementSibling?.textContent)).toBe('Au 29 novembre 2026.');
  });

  it('draws both charts with captions, accessible options, and the monthly figures as a table', async () => {
    await settle();
    expect(normalizeSpaces(el.querySelector('[data-testid="finance-axis-chart"] figcaption')?.textContent)).toBe(
      'Par axe, sur les années de l’appel : payé, engagé non payé, non engagé',
    );
    expect(charts).toHaveLength(2);
    const [axisChart, monthly] = charts.map((c) => c.options.at(-1) as { series: Array<{ name: string; data: number[] }>; aria: { enabled: boolean } });
    expect(axisChart?.series.map((s) => [s.name, s.data])).toEqual([
      ['Payé', [570_000_030, 0]],
      ['Engagé non payé', [380_000_020, 300_000_000]],
      ['Non engagé', [949_999_950, 0]],
    ]);
    expect(axisChart?.aria.enabled).toBe(true);
    expect(monthly?.series[0]?.data.slice(0, 4)).toEqual([0, 0, 0, 570_000_030]);
    const monthRows = Array.from(el.querySelectorAll('[data-testid="finance-monthly-table"] tbody tr')).map(rowText);
    // The budget's years (2016, 2017), month by month.
    expect(monthRows).toHaveLength(24);
    expect(monthRows[3]).toEqual(['avr. 2016', '98', '5 700 000,30 €']);
    expect(monthRows[23]).toEqual(['déc. 2017', '0', '0,00 €']);
  });

  it('switches to English: labels, amounts, axis names and month names', async () => {
    await TestBed.inject(LanguageService).use('en');
    TestBed.tick();
    await fixture.whenStable();
    expect(cardText(el.querySelectorAll('[data-testid="finance-totals"] .card')[2] as Element)).toBe('Committed €51,234,567.89 69% of the envelope');
    const table = el.querySelector('[data-testid="finance-cells"]');
    expect(rowText(table?.querySelector('[data-testid="axis-EMPLOI"] tr'))).toEqual(['EMPLOI — Employment and integration']);
    expect(rowText(table?.querySelector('[data-testid="cell-EMPLOI-2016"]'))).toEqual([
      '2016', '€10,000,000.00', '€9,500,000.50', '€5,700,000.30', '€499,999.50', '€3,800,000.20', '120 conventions of axis EMPLOI in 2016',
    ]);
    expect(rowText(el.querySelectorAll('[data-testid="finance-monthly-table"] tbody tr')[3])).toEqual(['Apr 2016', '98', '€5,700,000.30']);
    await settle();
    const axisChart = charts[0]?.options.at(-1) as { series: Array<{ name: string }> };
    expect(axisChart.series.map((s) => s.name)).toEqual(['Paid', 'Committed unpaid', 'Uncommitted']);
  });

  it('exports budget.csv with a progress indicator', () => {
    const saved: Array<[Blob, string, string | null]> = [];
    jest.spyOn(TestBed.inject(FileDownloader), 'saveBlob').mockImplementation((blob, name, disposition) => void saved.push([blob, name, disposition]));
    el.querySelector<HTMLButtonElement>('[data-testid="export-budget-csv"]')?.click();
    TestBed.tick();
    const request = backend.expectOne('/api/calls/c2016/budget.csv');
    expect(request.request.responseType).toBe('blob');
    expect(request.request.reportProgress).toBe(true);
    request.event({ type: HttpEventType.DownloadProgress, loaded: 20_480 });
    TestBed.tick();
    expect(normalizeSpaces(el.querySelector('.export-status')?.textContent)).toBe('Export en cours : 20 ko reçus');
    expect(el.querySelector('.export-status mat-progress-bar')).not.toBeNull();
    expect(el.querySelector<HTMLButtonElement>('[data-testid="export-budget-csv"]')?.disabled).toBe(true);
    const body = new Blob(['axe;année\n']);
    request.event(new HttpResponse({ body, headers: new HttpHeaders({ 'Content-Disposition': 'attachment; filename="budget-AAP-NORD-2016.csv"' }) }));
    TestBed.tick();
    expect(saved).toEqual([[body, 'budget.csv', 'attachment; filename="budget-AAP-NORD-2016.csv"']]);
    expect(normalizeSpaces(el.querySelector('.export-status')?.textContent)).toBe('Export terminé.');
  });

  it('exports every payment as CSV, both export buttons waiting while it downloads', () => {
    const saved: Array<[Blob, string, string | null]> = [];
    jest.spyOn(TestBed.inject(FileDownloader), 'saveBlob').mockImplementation((blob, name, disposition) => void saved.push([blob, name, disposition]));
    const button = (testId: string) => el.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
    expect(normalizeSpaces(button('export-payments-csv')?.textContent)).toBe('Exporter les paiements (CSV)');
    button('export-payments-csv')?.click();
    TestBed.tick();
    const request = backend.expectOne('/api/calls/c2016/payments.csv');
    expect([request.request.responseType, request.request.reportProgress]).toEqual(['blob', true]);
    request.event({ type: HttpEventType.DownloadProgress, loaded: 512_000 });
    TestBed.tick();
    expect(normalizeSpaces(el.querySelector('.export-status')?.textContent)).toBe('Export en cours : 500 ko reçus');
    expect([button('export-budget-csv')?.disabled, button('export-payments-csv')?.disabled]).toEqual([true, true]);
    const body = new Blob(['Date de paiement;Convention\r\n']);
    request.event(new HttpResponse({ body, headers: new HttpHeaders({ 'Content-Disposition': 'attachment; filename="paiements-AAP-NORD-2016.csv"' }) }));
    TestBed.tick();
    expect(saved).toEqual([[body, 'paiements.csv', 'attachment; filename="paiements-AAP-NORD-2016.csv"']]);
    expect([button('export-budget-csv')?.disabled, button('export-payments-csv')?.disabled]).toEqual([false, false]);
  });
});

describe('FinanceDashboard choosing its call', () => {
  async function start(callId?: string): Promise<{ backend: HttpTestingController; fixture: ComponentFixture<FinanceDashboard> }> {
    TestBed.configureTestingModule({
      imports: [FinanceDashboard],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations(), provideEchartsCore({ echarts: fakeEcharts })],
    });
    await TestBed.inject(LanguageService).init();
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(FinanceDashboard);
    if (callId) fixture.componentRef.setInput('callId', callId);
    TestBed.tick();
    return { backend, fixture };
  }

  it('skips a more recent closed call that has no convention yet (under review)', async () => {
    const { backend, fixture } = await start();
    const underReview = call('c2026', 'AAP-NORD-2026', '2026-08-03T09:00:00.000Z', 'closed', 1_500_000_000);
    backend.expectOne('/api/calls').flush([...CALLS, underReview]);
    await settle();
    backend.expectOne('/api/calls/c2026/budget').flush({ ...BUDGET, callId: 'c2026', totals: { ...BUDGET.totals, conventionCount: 0 } });
    await settle();
    backend.expectOne('/api/calls/c2016/budget').flush(BUDGET);
    await settle();
    backend.expectOne('/api/calls/c2016/finance-outlook').flush(OUTLOOK);
    await settle();
    await fixture.whenStable();
    expect(normalizeSpaces((fixture.nativeElement as HTMLElement).querySelector('#finance-call')?.textContent)).toBe('AAP-NORD-2016 — Appel AAP-NORD-2016');
    backend.verify();
  });

  it('opens on the most recent closed call when none has conventions yet', async () => {
    const { backend } = await start();
    backend.expectOne('/api/calls').flush(CALLS);
    await settle();
    backend.expectOne('/api/calls/c2016/budget').flush({ ...BUDGET, totals: { ...BUDGET.totals, conventionCount: 0 } });
    await settle();
    backend.expectOne('/api/calls/c2016/finance-outlook').flush(OUTLOOK);
    backend.verify();
  });
});

describe('FinanceDashboard with a call in the URL', () => {
  it('loads the call given by ?callId= and lists calls most recent first', async () => {
    TestBed.configureTestingModule({
      imports: [FinanceDashboard],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations(), provideEchartsCore({ echarts: fakeEcharts })],
    });
    await TestBed.inject(LanguageService).init();
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(FinanceDashboard);
    fixture.componentRef.setInput('callId', 'c2017');
    TestBed.tick();
    backend.expectOne('/api/calls').flush(CALLS);
    backend.expectOne('/api/calls/c2017/budget');
    backend.expectOne('/api/calls/c2017/finance-outlook');
    await settle();
    backend.verify();
  });
});
