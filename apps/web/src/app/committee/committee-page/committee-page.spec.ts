import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ApplicationSummaryView, CallView, CommitteeSessionDetailView } from '@tremplin/contracts';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { CommitteePage, simulatedCents } from './committee-page';

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

const summary = (i: number): ApplicationSummaryView => ({
  id: `a${i}`, reference: `AAP2016-MED-0000${i}`, callId: 'c1', callCode: 'AAP-NORD-2016', axisCode: 'MEDIATION', organizationId: 'o1',
  organizationName: `Association ${i}`, territories: [], title: `Projet ${i}`, status: 'reviewed', requestedCents: 4_500_000,
  submittedAt: '2016-01-20T10:00:00.000Z', updatedAt: '2016-03-20T10:00:00.000Z', unreadMessages: 0,
});

/** Lets the resources react to the answers flushed (microtasks), then runs the effects. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  TestBed.tick();
}

describe('CommitteePage', () => {
  let fixture: ComponentFixture<CommitteePage>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  async function start(): Promise<void> {
    TestBed.configureTestingModule({
      imports: [CommitteePage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CommitteePage);
    fixture.componentRef.setInput('callId', 'c1');
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    backend.expectOne('/api/calls/c1').flush(CALL);
    backend.expectOne('/api/calls/c1/committee-sessions').flush([SESSION]);
    await settle();
    backend.expectOne((r) => r.url === '/api/applications' && r.params.get('axisCode') === 'MEDIATION' && r.params.get('status') === 'reviewed,waitlisted')
      .flush({ items: [summary(1), summary(2)], total: 2, page: 1, pageSize: 100 });
    backend.expectOne('/api/committee-sessions/s1').flush(SESSION);
    await settle();
    backend.expectOne('/api/applications/a1/decision').flush({
      applicationId: 'a1', sessionId: 's1', outcome: 'retained', grants: [], totalCents: 4_000_000, waitlistRank: null, rejectionReason: null, comment: '',
      lineExceptionReason: 'x', flagged: true, belowLine: true, rankAtDecision: 3, decidedAt: '', publishedAt: null, version: 1,
    });
    backend.expectOne('/api/applications/a2/decision').flush({ code: 'NOT_FOUND', message: 'Ressource introuvable.' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    await settle();
    // The ranking table above the decisions loads its own page (tested in ranking-table.spec); answer it
    // before waiting for stability, which waits for pending requests.
    for (const request of backend.match((r) => r.url === '/api/calls/c1/ranking')) {
      request.flush({ callId: 'c1', axisCode: 'MEDIATION', score: 'raw', amount: 'requested', years: [], allocations: [], cutLineRank: null, minScore: 0, total: 0, page: 1, pageSize: 25, items: [] });
    }
    await fixture.whenStable();
    fixture.detectChanges();
  }

  afterEach(() => backend.verify());
  const cells = (selector: string) =>
    Array.from(el.querySelectorAll(selector)).map((tr) => Array.from(tr.children).map((c) => normalizeSpaces(c.textContent)).join(' | '));

  it('shows the projected use per year (over-allocation named), the rows with their decision, and the controls of an open session', async () => {
    await start();
    const projected = cells('[data-testid="projected-use"] tbody tr');
    expect(projected).toEqual([
      '2016 | 100 000,00 € | 110 000,00 € | Dépassement 10 000,00 € | ',
      '2017 | 80 000,00 € | 40 000,00 € | 40 000,00 € | ',
    ]);
    const bars = Array.from(el.querySelectorAll('[data-testid="projected-use"] .bar')).map((b) => b.getAttribute('aria-label'));
    expect(bars).toEqual(['2016 : 110 % de la répartition', '2017 : 50 % de la répartition']);
    const rows = cells('[data-testid="committee-rows"] tbody tr');
    expect(rows).toEqual([
      ' | AAP2016-MED-00001 | Projet 1Association 1 | 45 000,00 € | Retenu — 40 000,00 € (Exception à la ligne de coupure) | Décider',
      ' | AAP2016-MED-00002 | Projet 2Association 2 | 45 000,00 € | — | Décider',
    ]);
    expect(el.querySelector('[data-testid="publish"]')).not.toBeNull();
    expect(normalizeSpaces(el.querySelector('#session-title')?.textContent)).toBe('Séance du 2016-03-21 — délibération CP 2016-03-21 n° 12 (ouverte (simulation))');
    // No second session can be opened while one is open.
    expect(el.querySelector('#open-session-title')).toBeNull();
  });

  it('counts only what this session adds for the publication summary', () => {
    expect(simulatedCents(SESSION)).toBe(14_000_000);
  });
});
