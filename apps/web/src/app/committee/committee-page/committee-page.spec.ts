import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MatDialog, type MatDialogRef } from '@angular/material/dialog';
import type { CallView, CommitteeSessionDetailView, DecisionView, RankingRowView, RankingView } from '@tremplin/contracts';
import { of } from 'rxjs';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import type { DecisionDialogData } from '../decision-dialog/decision-dialog';
import { batchItems, CommitteePage, simulatedCents } from './committee-page';

const CALL = {
  id: 'c1', code: 'AAP-NORD-2016', title: 'Appel 2016', titleEn: '', description: '', descriptionEn: '', opensAt: '', closesAt: '', years: [2016, 2017],
  envelopeCents: 18_000_000, status: 'closed', historical: true,
  axes: [
    { code: 'MEDIATION', labelFr: 'Médiation sociale', labelEn: 'Social mediation', description: '', position: 1, envelopeCents: 18_000_000 },
    { code: 'EMPLOI', labelFr: 'Emploi', labelEn: 'Work', description: '', position: 2, envelopeCents: 0 },
  ],
  allocations: [], criteria: [], paymentRule: { advanceBasisPoints: 6000 }, reviewersPerApplication: 2, structureLocked: true, version: 1, updatedAt: '',
} as unknown as CallView;

const SESSION: CommitteeSessionDetailView = {
  id: 's1', callId: 'c1', axisCode: 'MEDIATION', sitsOn: '2016-03-21', deliberationReference: 'CP 2016-03-21 n° 12', status: 'open',
  openedAt: '2016-03-21T08:00:00.000Z', publishedAt: null, version: 1, counts: { retained: 2, waitlisted: 1, rejected: 0 },
  projected: [
    { year: 2016, allocationCents: 10_000_000, publishedCents: 1_000_000, grantedCents: 11_000_000, remainingCents: -1_000_000 },
    { year: 2017, allocationCents: 8_000_000, publishedCents: 0, grantedCents: 4_000_000, remainingCents: 4_000_000 },
  ],
};

/** A ranking row: 2016 and 2017 requested (2018 not requested), reviewed unless told otherwise. */
function row(rank: number, above: boolean, extra: Partial<RankingRowView> = {}): RankingRowView {
  return {
    rank, applicationId: `a${rank}`, reference: `AAP2016-MED-000${String(rank).padStart(2, '0')}`, title: `Projet ${rank}`, organizationName: `Association ${rank}`,
    status: 'reviewed', rawScore: 90 - rank, normalizedScore: 89 - rank, reviewCount: 2, expectedReviewCount: 2,
    years: [
      { year: 2016, amountCents: 3_000_000, requestedCents: 3_000_000, recommendedCents: null, runningTotalCents: 3_000_000 * rank, allocationCents: 10_000_000 },
      { year: 2017, amountCents: 1_500_000, requestedCents: 1_500_000, recommendedCents: null, runningTotalCents: 1_500_000 * rank, allocationCents: 8_000_000 },
      { year: 2018, amountCents: 0, requestedCents: 0, recommendedCents: null, runningTotalCents: 0, allocationCents: 0 },
    ],
    totalAmountCents: 4_500_000, aboveCutLine: above,
    flags: { belowThreshold: false, divergent: false, incompleteReviews: false, conflict: false },
    decision: null,
    ...extra,
  };
}

function ranking(page: number, items: RankingRowView[], extra: Partial<RankingView> = {}): RankingView {
  return {
    callId: 'c1', axisCode: 'MEDIATION', score: 'raw', amount: 'requested', years: [2016, 2017, 2018],
    allocations: [{ year: 2016, allocationCents: 10_000_000 }, { year: 2017, allocationCents: 8_000_000 }, { year: 2018, allocationCents: 0 }],
    cutLineRank: 4, minScore: 0, total: 30, page, pageSize: 25, items, ...extra,
  };
}

const PAGE_1 = ranking(1, [
  row(1, true, { decision: { outcome: 'retained', published: false, version: 3 } }),
  row(2, true, { status: 'under_review', reviewCount: 1 }),
  row(3, true),
  row(4, false),
]);
const PAGE_2 = ranking(2, [row(26, false)]);

const DECISION_A1: DecisionView = {
  applicationId: 'a1', sessionId: 's1', outcome: 'retained', grants: [{ year: 2016, amountCents: 2_500_000 }, { year: 2017, amountCents: 1_500_000 }],
  totalCents: 4_000_000, waitlistRank: null, rejectionReason: null, comment: '', lineExceptionReason: null, flagged: false, belowLine: false,
  rankAtDecision: 1, decidedAt: '2016-03-21T09:00:00.000Z', publishedAt: null, version: 3,
};

/** Lets the resources react to the answers flushed (microtasks), then runs the effects. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  TestBed.tick();
}

describe('CommitteePage', () => {
  let fixture: ComponentFixture<CommitteePage>;
  let el: HTMLElement;
  let backend: HttpTestingController;
  let opened: DecisionDialogData[];

  const rankingRequest = (page: number) =>
    backend.expectOne((r) => r.url === '/api/calls/c1/ranking' && r.params.get('axis') === 'MEDIATION' && r.params.get('page') === String(page));

  async function render(): Promise<void> {
    fixture.detectChanges();
    await settle();
    fixture.detectChanges();
  }

  async function start(): Promise<void> {
    TestBed.configureTestingModule({
      imports: [CommitteePage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    // The dialog itself is tested in decision-dialog.spec: here, what the page hands it, and that it was saved.
    opened = [];
    jest.spyOn(TestBed.inject(MatDialog), 'open').mockImplementation((_component, config) => {
      opened.push(config?.data as DecisionDialogData);
      return { afterClosed: () => of(true) } as MatDialogRef<unknown>;
    });
    fixture = TestBed.createComponent(CommitteePage);
    fixture.componentRef.setInput('callId', 'c1');
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    backend.expectOne('/api/calls/c1').flush(CALL);
    backend.expectOne('/api/calls/c1/committee-sessions').flush([SESSION]);
    await settle();
    backend.expectOne('/api/committee-sessions/s1').flush(SESSION);
    await render();
    rankingRequest(1).flush(PAGE_1);
    await render();
  }

  afterEach(() => backend.verify());
  const cells = (selector: string) =>
    Array.from(el.querySelectorAll(selector)).map((tr) => Array.from(tr.children).map((c) => normalizeSpaces(c.textContent)).join(' | '));
  const button = (label: string) => el.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
  const checkbox = (label: string) => el.querySelector<HTMLInputElement>(`input[type="checkbox"][aria-label="${label}"]`);

  it('shows the projected use per year (over-allocation named) and decides from the ranking, with no decision read per row', async () => {
    await start();
    const projected = cells('[data-testid="projected-use"] tbody tr');
    expect(projected).toEqual([
      '2016 | 100 000,00 € | 110 000,00 € | Dépassement 10 000,00 € | ',
      '2017 | 80 000,00 € | 40 000,00 € | 40 000,00 € | ',
    ]);
    const bars = Array.from(el.querySelectorAll('[data-testid="projected-use"] .bar')).map((b) => b.getAttribute('aria-label'));
    expect(bars).toEqual(['2016 : 110 % de la répartition', '2017 : 50 % de la répartition']);
    expect(el.querySelector('[data-testid="publish"]')).not.toBeNull();
    expect(normalizeSpaces(el.querySelector('#session-title')?.textContent)).toBe('Séance du 2016-03-21 — délibération CP 2016-03-21 n° 12 (ouverte (simulation))');
    // No second session can be opened while one is open.
    expect(el.querySelector('#open-session-title')).toBeNull();
    // A button and a box on each decidable row of the ranking; none on the one still under review.
    expect(button('Décider sur AAP2016-MED-00001')).not.toBeNull();
    expect(button('Décider sur AAP2016-MED-00002')).toBeNull();
    expect(checkbox('Sélectionner AAP2016-MED-00002')).toBeNull();
    expect(checkbox('Sélectionner AAP2016-MED-00003')).not.toBeNull();
    expect(checkbox('Sélectionner AAP2016-MED-00004')).not.toBeNull();
    // afterEach: backend.verify() — no GET /api/applications, no GET …/decision per row.
  });

  it('opens the dialog of a row below the line knowing it is below, with the years it asks for, and reloads the ranking and the projected use once saved', async () => {
    await start();
    button('Décider sur AAP2016-MED-00004')?.click();
    expect(opened).toHaveLength(1);
    const data = opened[0] as DecisionDialogData;
    expect(data.reference).toBe('AAP2016-MED-00004');
    expect(data.aboveCutLine).toBe(false);
    expect(data.years).toEqual([{ year: 2016, requestedCents: 3_000_000 }, { year: 2017, requestedCents: 1_500_000 }]);
    expect(data.current).toBeNull();
    data.save({ outcome: 'rejected', rejectionReason: 'envelope_exhausted', comment: '' }).subscribe();
    const post = backend.expectOne({ method: 'POST', url: '/api/applications/a4/decision' });
    expect(post.request.body).toEqual({ outcome: 'rejected', rejectionReason: 'envelope_exhausted', comment: '', version: 0 });
    post.flush({});
    // Closed saved: the session (projected use) and the same ranking page load again.
    await render();
    backend.expectOne('/api/calls/c1/committee-sessions').flush([SESSION]);
    await settle();
    backend.expectOne('/api/committee-sessions/s1').flush({ ...SESSION, counts: { retained: 2, waitlisted: 1, rejected: 1 } });
    rankingRequest(1).flush(PAGE_1);
    await render();
  });

  it('reads the decision already taken (one request, on demand) to edit it, at its version', async () => {
    await start();
    button('Décider sur AAP2016-MED-00001')?.click();
    backend.expectOne('/api/applications/a1/decision').flush(DECISION_A1);
    await settle();
    const data = opened[0] as DecisionDialogData;
    expect(data.aboveCutLine).toBe(true);
    expect(data.current?.grants).toEqual([{ year: 2016, amountCents: 2_500_000 }, { year: 2017, amountCents: 1_500_000 }]);
    data.save({ outcome: 'retained', grants: [{ year: 2016, amountCents: 2_000_000 }], comment: '' }).subscribe();
    const post = backend.expectOne({ method: 'POST', url: '/api/applications/a1/decision' });
    expect(post.request.body.version).toBe(3);
    post.flush({});
    await render();
    backend.expectOne('/api/calls/c1/committee-sessions').flush([SESSION]);
    await settle();
    backend.expectOne('/api/committee-sessions/s1').flush(SESSION);
    rankingRequest(1).flush(PAGE_1);
    await render();
  });

  it('keeps the selection across the ranking\'s pages and decides on it in one batch, each at its version with what it asked', async () => {
    await start();
    checkbox('Sélectionner AAP2016-MED-00001')?.click();
    checkbox('Sélectionner AAP2016-MED-00003')?.click();
    await render();
    el.querySelector<HTMLButtonElement>('.mat-mdc-paginator-navigation-next')?.click();
    await render();
    rankingRequest(2).flush(PAGE_2);
    await render();
    checkbox('Sélectionner AAP2016-MED-00026')?.click();
    await render();
    expect(normalizeSpaces(el.querySelector('[data-testid="selection-count"]')?.textContent)).toBe('3 sélectionnée(s)');
    el.querySelector<HTMLButtonElement>('[data-testid="decide-selection"]')?.click();
    const data = opened[0] as DecisionDialogData;
    expect(data.count).toBe(3);
    expect(data.aboveCutLine).toBeNull();
    data.save({ outcome: 'retained', comment: '' }).subscribe();
    const post = backend.expectOne({ method: 'POST', url: '/api/committee-sessions/s1/decisions' });
    const grants = [{ year: 2016, amountCents: 3_000_000 }, { year: 2017, amountCents: 1_500_000 }];
    expect(post.request.body).toEqual({
      items: [
        { outcome: 'retained', comment: '', applicationId: 'a1', version: 3, grants },
        { outcome: 'retained', comment: '', applicationId: 'a3', version: 0, grants },
        { outcome: 'retained', comment: '', applicationId: 'a26', version: 0, grants },
      ],
    });
    post.flush({ items: [] });
    await render();
    backend.expectOne('/api/calls/c1/committee-sessions').flush([SESSION]);
    await settle();
    backend.expectOne('/api/committee-sessions/s1').flush(SESSION);
    rankingRequest(2).flush(PAGE_2);
    await render();
    expect(normalizeSpaces(el.querySelector('[data-testid="selection-count"]')?.textContent)).toBe('0 sélectionnée(s)');
  });

  it('batches a rejection without grants', () => {
    expect(batchItems([row(5, false)], { outcome: 'rejected', rejectionReason: 'insufficient_score', comment: 'x' })).toEqual([
      { outcome: 'rejected', rejectionReason: 'insufficient_score', comment: 'x', applicationId: 'a5', version: 0 },
    ]);
  });

  it('counts only what this session adds for the publication summary', () => {
    expect(simulatedCents(SESSION)).toBe(14_000_000);
  });
});
