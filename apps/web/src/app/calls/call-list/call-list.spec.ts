import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CallSummaryView } from '@tremplin/contracts';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { LanguageService } from '../../core/i18n/language.service';
import { callPhase } from '../call-card/call-card';
import { CallList } from './call-list';

const AXES = [
  ['MEDIATION', 'Médiation', 'Mediation', 1_000_000_000],
  ['INNOVATION', 'Innovation', 'Innovation', 1_500_000_000],
  ['REMOBILISATION', 'Remobilisation professionnelle', 'Return to work', 1_730_000_000],
  ['FREINS', "Levée des freins à l'emploi", 'Removing barriers to work', 2_000_000_000],
  ['ACCOMPAGNEMENT', 'Accompagnement social', 'Social support', 1_200_000_000],
] as const;

function call(overrides: Partial<CallSummaryView>): CallSummaryView {
  return {
    id: 'c1',
    code: 'AAP-NORD-2016',
    title: 'Appel à projets insertion 2016',
    description: 'Insertion des bénéficiaires du RSA.',
    titleEn: '',
    descriptionEn: '',
    opensAt: '2016-02-01T08:00:00.000Z',
    closesAt: '2016-03-31T15:00:00.000Z',
    years: [2016, 2017, 2018],
    envelopeCents: 7_430_000_000,
    status: 'closed',
    historical: true, decided: true,
    axes: AXES.map(([code, labelFr, labelEn, envelopeCents], position) => ({
      code,
      labelFr,
      labelEn,
      description: '',
      position,
      envelopeCents,
    })),
    ...overrides,
  };
}

describe('CallList (home page)', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    jest.useFakeTimers({ advanceTimers: true, now: new Date('2026-11-14T12:00:00Z') });
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [CallList],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(LanguageService).init();
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  async function render(calls: CallSummaryView[]): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(CallList);
    TestBed.tick(); // the resource sends its request; whenStable would wait for the answer
    backend.expectOne('/api/calls').flush(calls);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the envelope in French euros, rounded to the euro on this public page: 74 300 000 €', async () => {
    const el = await render([call({})]);
    expect(normalizeSpaces(el.querySelector('[data-testid="envelope"]')?.textContent)).toBe('74 300 000 €');
    expect(el.querySelector('h1')?.textContent).toContain('Appels à projets');
  });

  it('shows every axis with its envelope, as bars and as a table', async () => {
    const el = await render([call({})]);
    const bars = Array.from(el.querySelectorAll('.bar-row')).map((li) => normalizeSpaces(li.textContent));
    expect(bars).toHaveLength(5);
    expect(bars[0]).toContain('Médiation');
    expect(bars[0]).toContain('10 000 000 €');
    expect(bars[3]).toContain("Levée des freins à l'emploi");
    expect(bars[3]).toContain('20 000 000 €');
    const rows = el.querySelectorAll('.chart-table tbody tr');
    expect(rows).toHaveLength(5);
    expect(normalizeSpaces(el.querySelector('.chart-table tfoot')?.textContent)).toContain('74 300 000 €');
  });

  const threeCalls = () => [
    call({}),
    call({ id: 'c3', code: 'AAP-NORD-2026', title: 'Appel clos en instruction', opensAt: '2026-01-05T08:00:00Z', closesAt: '2026-03-31T15:00:00Z', years: [2026, 2027, 2028], decided: false }),
    call({
      id: 'c2',
      code: 'AAP-DEMO',
      title: 'Appel ouvert',
      historical: false,
      decided: false,
      status: 'open',
      opensAt: '2026-10-01T08:00:00Z',
      closesAt: '2026-11-26T13:00:00Z',
    }),
  ];
  const phases = (el: HTMLElement) => Array.from(el.querySelectorAll('[data-testid="call-phase"]')).map((b) => normalizeSpaces(b.textContent));

  it('labels each call by its real state: decided, closed under review, open — with status and countdown', async () => {
    const el = await render(threeCalls());
    expect(phases(el)).toEqual(['Appel 2016 — décidé', 'Appel clos — en instruction', 'Appel ouvert — démo']);
    const cards = Array.from(el.querySelectorAll('tp-call-card')).map((c) => normalizeSpaces(c.textContent));
    expect(cards[0]).toContain('Clos');
    expect(cards[1]).not.toContain('historique');
    expect(cards[2]).toContain('Ouvert');
    expect(cards[2]).toContain('Clôture dans 12 jours');
    expect(cards[2]).toContain('26 novembre 2026 à 14:00');
  });

  it('labels the states in English too', async () => {
    await TestBed.inject(LanguageService).use('en');
    const el = await render(threeCalls());
    expect(phases(el)).toEqual(['2016 call — decided', 'Closed call — under review', 'Open call — demo']);
  });

  it('derives the state from the status and the committee: upcoming, open, under review, decided', () => {
    expect(callPhase({ status: 'upcoming', decided: false })).toBe('upcoming');
    expect(callPhase({ status: 'open', decided: false })).toBe('open');
    expect(callPhase({ status: 'closed', decided: false })).toBe('under_review');
    expect(callPhase({ status: 'closed', decided: true })).toBe('decided');
  });

  it('shows dates in Paris time, French style', async () => {
    const el = await render([call({})]);
    const text = normalizeSpaces(el.textContent);
    expect(text).toContain('1 février 2016 à 09:00');
    expect(text).toContain('31 mars 2016 à 17:00');
  });

  it('reports a failure in an alert with a retry button', async () => {
    const fixture = TestBed.createComponent(CallList);
    TestBed.tick(); // the resource sends its request; whenStable would wait for the answer
    backend
      .expectOne('/api/calls')
      .flush({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'Service momentanément indisponible.' }, { status: 503, statusText: 'x' });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Service momentanément indisponible.');
    expect(el.querySelector('[role="alert"] button')?.textContent).toContain('Réessayer');
  });
});
