import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { RankingRowView, RankingView } from '@tremplin/contracts';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { RankingTable } from './ranking-table';

const CALL = '0b7e3c1e-4a5d-4c1f-9a55-6a3c2f1e9d01';

function row(rank: number, above: boolean, extra: Partial<RankingRowView> = {}): RankingRowView {
  return {
    rank, applicationId: `app-${rank}`, reference: `NORD-2016-000${rank}`, title: `Projet ${rank}`, organizationName: 'Atelier', status: 'reviewed',
    rawScore: 80 - rank, normalizedScore: 79.5 - rank, reviewCount: 2, expectedReviewCount: 2,
    years: [
      { year: 2016, amountCents: 100000, requestedCents: 100000, recommendedCents: null, runningTotalCents: 100000 * rank, allocationCents: 250000 },
    ],
    totalAmountCents: 100000, aboveCutLine: above,
    flags: { belowThreshold: false, divergent: false, incompleteReviews: false, conflict: false },
    decision: null,
    ...extra,
  };
}

const PAGE_2: RankingView = {
  callId: CALL, axisCode: 'MED', score: 'raw', amount: 'requested', years: [2016], allocations: [{ year: 2016, allocationCents: 250000 }],
  cutLineRank: 3, minScore: 0, total: 4, page: 1, pageSize: 25,
  items: [
    row(1, true),
    row(2, true, { flags: { belowThreshold: false, divergent: true, incompleteReviews: false, conflict: true }, decision: { outcome: 'retained', published: false, version: 2 } }),
    row(3, false),
    row(4, false),
  ],
};

describe('RankingTable', () => {
  let fixture: ComponentFixture<RankingTable>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [RankingTable], providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()] });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RankingTable);
    fixture.componentRef.setInput('callId', CALL);
    fixture.componentRef.setInput('axis', 'MED');
    el = fixture.nativeElement as HTMLElement;
    // Not whenStable: it would wait for the ranking request, which each test answers itself.
    fixture.detectChanges();
    TestBed.tick();
  });
  afterEach(() => backend.verify());

  const request = () => backend.expectOne((r) => r.url === `/api/calls/${CALL}/ranking`);

  it('asks for the raw ranking, then shows the cut line before the first row below it, flags as text and the decision', async () => {
    const req = request();
    expect(req.request.params.toString()).toBe('axis=MED&score=raw&amount=requested&page=1&pageSize=25');
    req.flush(PAGE_2);
    await fixture.whenStable();
    const rows = Array.from(el.querySelectorAll('tbody tr')).map((tr) => tr.getAttribute('data-testid'));
    expect(rows).toEqual(['ranking-row-1', 'ranking-row-2', 'cut-line', 'ranking-row-3', 'ranking-row-4']);
    expect(normalizeSpaces(el.querySelector('[data-testid="cut-line"]')?.textContent)).toBe(
      'Ligne de coupure : l’enveloppe d’au moins une année est dépassée à partir d’ici (rang 3).',
    );
    const second = normalizeSpaces(el.querySelector('[data-testid="ranking-row-2"]')?.textContent);
    expect(second).toContain('Avis divergents');
    expect(second).toContain('Déport');
    expect(second).toContain('Retenu (simulation)');
    expect(second).toContain('Au-dessus de la ligne');
    expect(normalizeSpaces(el.querySelector('[data-testid="ranking-row-3"]')?.textContent)).toContain('Sous la ligne');
    // Running total beside the allocation; the one over it is marked.
    expect(el.querySelectorAll('[data-testid="ranking-row-3"] td.over')).toHaveLength(1);
    expect(el.querySelectorAll('[data-testid="ranking-row-2"] td.over')).toHaveLength(0);
  });

  it('switches to the normalised score from page 1', async () => {
    request().flush(PAGE_2);
    await fixture.whenStable();
    el.querySelector<HTMLElement>('[data-testid="score-normalized"] button')?.click();
    fixture.detectChanges();
    TestBed.tick();
    const req = request();
    expect(req.request.params.get('score')).toBe('normalized');
    expect(req.request.params.get('page')).toBe('1');
    req.flush({ ...PAGE_2, score: 'normalized' });
    await fixture.whenStable();
  });
});
