import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { AssignmentSummaryView, AssignmentView, CallSummaryView, Page, ReviewerView } from '@tremplin/contracts';
import { normalizeSpaces, provideTestTranslations } from '../../testing/test-providers';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { LanguageService } from '../core/i18n/language.service';
import { TranslatedPaginatorIntl } from '../core/i18n/paginator-intl';
import { AssignmentPage } from './assignment-page';

const CALL = {
  id: 'c1', code: 'AAP-2027', title: 'Insertion 2027', description: '', titleEn: '', descriptionEn: '', opensAt: '2026-01-01T00:00:00.000Z',
  closesAt: '2026-03-01T00:00:00.000Z', years: [2027], envelopeCents: 100, status: 'closed', historical: false, decided: false,
  axes: [{ code: 'MOBILITE', labelFr: 'Mobilité', labelEn: 'Mobility', description: '', position: 1 }],
} as unknown as CallSummaryView;

const SUMMARY: AssignmentSummaryView = {
  reviewersPerApplication: 2,
  loads: [{ reviewerId: 'r1', fullName: 'Anne Évaluatrice', load: 3, capacity: 4 }, { reviewerId: 'r2', fullName: 'Bruno Évaluateur', load: 1, capacity: 4 }],
  matchQuality: { axisAndTerritory: 2, axis: 1, territory: 0, none: 1 },
  applications: 2,
  shortOfReviewers: 1,
  overdue: 0,
};
const REVIEWERS: ReviewerView[] = [
  { userId: 'r1', fullName: 'Anne Évaluatrice', email: 'a@x.fr', accountActive: true, load: 3, profile: { axisCodes: ['MOBILITE'], territories: [], capacity: 4, active: true, version: 2 } },
  { userId: 'r2', fullName: 'Bruno Évaluateur', email: 'b@x.fr', accountActive: true, load: 1, profile: { axisCodes: [], territories: [], capacity: 4, active: true, version: 1 } },
];
const ROW: AssignmentView = {
  id: 'as1', applicationId: 'app1', reference: '2027-MOB-000001', title: 'Projet 1', organizationName: 'Association 1', axisCode: 'MOBILITE',
  reviewerId: 'r1', reviewerName: 'Anne Évaluatrice', status: 'assigned', dueOn: '2026-12-20', overdue: false, matchPoints: 3, reviewStatus: null,
};
const page = (items: AssignmentView[]): Page<AssignmentView> => ({ items, total: items.length, page: 1, pageSize: 20 });

describe('AssignmentPage (admin)', () => {
  let fixture: ComponentFixture<AssignmentPage>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  /**
   * Lets awaited HTTP results resume the component (a macrotask: every microtask has run), then renders and
   * runs the resources' effects. Not `whenStable`: a pending request keeps the app unstable until flushed.
   */
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
  };
  const listRequest = (): TestRequest => backend.expectOne((r) => r.url === '/api/calls/c1/assignments');
  const flushCallData = (summary: AssignmentSummaryView, rows: AssignmentView[]) => {
    backend.expectOne('/api/calls/c1/assignments/summary').flush(summary);
    backend.expectOne((r) => r.url === '/api/reviewers').flush(REVIEWERS);
    listRequest().flush(page(rows));
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [AssignmentPage],
      providers: [
        provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideTestTranslations(),
        { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
        { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap({ appel: 'c1' }) } } },
      ],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AssignmentPage);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    backend.expectOne('/api/calls').flush([CALL]);
    flushCallData(SUMMARY, [ROW]);
    await settle();
  });

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  it('shows the summary, the loads and the match quality as figures with bars', () => {
    expect(normalizeSpaces(el.querySelector('[data-testid="short"]')?.textContent)).toBe('1');
    const cells = (selector: string) =>
      Array.from(el.querySelectorAll(`${selector} tbody tr`)).map((r) => Array.from(r.querySelectorAll('th, td')).slice(0, 2).map((c) => normalizeSpaces(c.textContent)));
    expect(cells('[data-testid="loads"]')).toEqual([['Anne Évaluatrice', '3 / 4'], ['Bruno Évaluateur', '1 / 4']]);
    const widths = Array.from(el.querySelectorAll<HTMLElement>('[data-testid="loads"] .fill')).map((f) => f.style.width);
    expect(widths).toEqual(['75%', '25%']);
    expect(cells('[data-testid="quality"]')).toEqual([['Axe et territoire', '2'], ['Axe seulement', '1'], ['Territoire seulement', '0'], ['Ni axe ni territoire', '1']]);
    const row = normalizeSpaces(el.querySelector('[data-testid="assignment-row"]')?.textContent);
    expect(row).toContain('2027-MOB-000001');
    expect(row).toContain('Anne Évaluatrice');
    expect(row).toContain('Axe et territoire');
  });

  it('runs the automatic assignment with a progress indicator, then reloads the figures', async () => {
    const button = Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find((b) => normalizeSpaces(b.textContent) === 'Affecter automatiquement');
    button?.click();
    await settle();
    const post = backend.expectOne('/api/calls/c1/assignments/auto');
    expect(post.request.body).toEqual({});
    expect(el.querySelector('mat-progress-bar')).not.toBeNull();
    expect(normalizeSpaces(el.querySelector('.live')?.textContent)).toBe('Calcul de la répartition optimale…');
    expect(button?.disabled).toBe(true);
    post.flush({ assigned: 4, reviewStarted: 2, balanced: true, optimal: true, solveMs: 12, loads: SUMMARY.loads, matchQuality: SUMMARY.matchQuality });
    await settle();
    flushCallData({ ...SUMMARY, shortOfReviewers: 0 }, [ROW]);
    await settle();
    expect(normalizeSpaces(el.querySelector('[data-testid="auto-result"]')?.textContent)).toBe('4 affectation(s) créée(s) en 12 ms.');
    expect(normalizeSpaces(el.querySelector('[data-testid="short"]')?.textContent)).toBe('0');
    expect(button?.disabled).toBe(false);
  });

  it('reassigns by hand to another active reviewer', async () => {
    Array.from(el.querySelectorAll<HTMLButtonElement>('[data-testid="assignment-row"] button')).find((b) => normalizeSpaces(b.textContent) === 'Réaffecter')?.click();
    await settle();
    const dialog = document.querySelector('tp-reassign-dialog') as HTMLElement;
    dialog.querySelector<HTMLElement>('#reassign-reviewer .mat-mdc-select-trigger')?.click();
    await settle();
    const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).map((o) => normalizeSpaces(o.textContent));
    expect(options).toEqual(['Bruno Évaluateur (1 / 4)']);
    document.querySelector<HTMLElement>('mat-option')?.click();
    await settle();
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle();
    const post = backend.expectOne('/api/assignments/as1/reassign');
    expect(post.request.body).toEqual({ reviewerId: 'r2' });
    post.flush({ withdrawn: { ...ROW, status: 'withdrawn' }, assignment: { ...ROW, id: 'as2', reviewerId: 'r2', reviewerName: 'Bruno Évaluateur' } });
    await settle();
    flushCallData(SUMMARY, [{ ...ROW, id: 'as2', reviewerId: 'r2', reviewerName: 'Bruno Évaluateur' }]);
    await settle();
    expect(normalizeSpaces(el.querySelector('[data-testid="assignment-row"]')?.textContent)).toContain('Bruno Évaluateur');
  });
});
