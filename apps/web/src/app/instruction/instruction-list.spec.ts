import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import { provideRouter, Router } from '@angular/router';
import type { ApplicationSummaryView, Page } from '@tremplin/contracts';
import { afterNavigation } from '../../testing/navigation';
import { normalizeSpaces, provideTestTranslations } from '../../testing/test-providers';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { LanguageService } from '../core/i18n/language.service';
import { TranslatedPaginatorIntl } from '../core/i18n/paginator-intl';
import { InstructionList, SEARCH_DEBOUNCE_MS } from './instruction-list';

function summary(i: number): ApplicationSummaryView {
  return {
    id: `a${i}`,
    reference: `AAP2016-MED-${String(i).padStart(6, '0')}`,
    callId: 'c1',
    callCode: 'AAP-NORD-2016',
    axisCode: 'MEDIATION',
    organizationId: 'o1',
    organizationName: `Association ${i}`,
    territories: ['METROPOLE_LILLE', 'DOUAISIS'],
    title: `Projet ${i}`,
    status: 'submitted',
    requestedCents: 7_500_000 + i,
    submittedAt: '2016-03-20T10:00:00.000Z',
    updatedAt: '2016-03-20T10:00:00.000Z',
    unreadMessages: i === 1 ? 2 : 0,
  };
}

const page = (items: ApplicationSummaryView[], total: number, p = 1, size = 25): Page<ApplicationSummaryView> => ({ items, total, page: p, pageSize: size });

describe('InstructionList (staff)', () => {
  let fixture: ComponentFixture<InstructionList>;
  let el: HTMLElement;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [InstructionList],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
        { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
      ],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(InstructionList);
    el = fixture.nativeElement as HTMLElement;
    loader = TestbedHarnessEnvironment.loader(fixture);
    TestBed.tick();
    backend.expectOne('/api/calls').flush([
      {
        id: 'c1',
        code: 'AAP-NORD-2016',
        title: 'Appel 2016',
        axes: [{ code: 'MEDIATION', labelFr: 'Médiation', labelEn: 'Mediation', description: '', position: 0, envelopeCents: 1 }],
      },
    ]);
    listRequest().flush(page([summary(1), summary(2)], 1500));
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function listRequest(): TestRequest {
    return backend.expectOne((r) => r.url === '/api/applications');
  }

  const params = (req: TestRequest): Record<string, string | null> =>
    Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)]));

  it('loads the first page sorted by submission date, newest first, and shows French formats', () => {
    const rows = Array.from(el.querySelectorAll('tr.mat-mdc-row')).map((r) => normalizeSpaces(r.textContent));
    expect(rows[0]).toContain('AAP2016-MED-000001');
    expect(rows[0]).toContain('2 non lus');
    expect(rows[0]).toContain('Médiation');
    expect(rows[0]).toContain('Métropole Lille, Douaisis');
    expect(rows[0]).toContain('75 000,01 €');
    expect(rows[0]).toContain('20/03/2016 11:00');
    expect(normalizeSpaces(el.querySelector('[data-testid="count"]')?.textContent)).toBe('Candidatures trouvées : 1 500');
    expect(el.querySelector('table caption')?.textContent).toContain('Candidatures');
    expect(el.querySelectorAll('th[scope="col"]').length).toBe(8);
  });

  // Harness actions wait for the app to be stable, which a pending list request prevents:
  // actions that load a page are done on the DOM, then the request is answered.
  async function click(selector: string): Promise<void> {
    const target = el.querySelector<HTMLElement>(selector);
    if (!target) throw new Error(selector);
    target.click();
    await afterNavigation();
  }

  async function clickHeader(label: string): Promise<void> {
    const header = Array.from(el.querySelectorAll<HTMLElement>('th .mat-sort-header-container')).find((h) => h.textContent?.includes(label));
    if (!header) throw new Error(label);
    header.click();
    await afterNavigation();
  }

  it('sends the sort column and direction from MatSort, back to page 1', async () => {
    await click('button.mat-mdc-paginator-navigation-next');
    const second = listRequest();
    expect(params(second)).toMatchObject({ page: '2', pageSize: '25', sort: 'submittedAt', direction: 'desc' });
    second.flush(page([summary(26)], 60, 2));
    await fixture.whenStable();

    await clickHeader('Référence');
    const byReference = listRequest();
    expect(params(byReference)).toMatchObject({ page: '1', sort: 'reference', direction: 'asc' });
    byReference.flush(page([summary(1)], 60));
    await fixture.whenStable();
    const sort = await loader.getHarness(MatSortHarness);
    expect(await (await sort.getActiveHeader())?.getLabel()).toBe('Référence');

    await clickHeader('Référence');
    const descending = listRequest();
    expect(params(descending)).toMatchObject({ sort: 'reference', direction: 'desc' });
    descending.flush(page([summary(1)], 60));
    await fixture.whenStable();

    await clickHeader('Montant demandé');
    const byAmount = listRequest();
    expect(params(byAmount)).toMatchObject({ sort: 'requestedCents', direction: 'asc' });
    byAmount.flush(page([summary(1)], 60));
    await fixture.whenStable();
  });

  it('changes the page size and page from MatPaginator', async () => {
    const paginator = await loader.getHarness(MatPaginatorHarness);
    const select = await loader.getHarness(MatSelectHarness.with({ ancestor: 'mat-paginator' }));
    await select.open();
    const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) => o.textContent?.trim() === '50');
    option?.click();
    await afterNavigation();
    const req = listRequest();
    expect(params(req)).toMatchObject({ page: '1', pageSize: '50' });
    req.flush(page([summary(1)], 15000, 1, 50));
    await fixture.whenStable();
    expect(await paginator.getRangeLabel()).toBe('1 – 50 sur 15\u202f000');
  });

  async function choose(selectId: string, text: string): Promise<void> {
    const select = await loader.getHarness(MatSelectHarness.with({ selector: selectId }));
    await select.open();
    const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) => o.textContent?.trim() === text);
    if (!option) throw new Error(text);
    option.click();
    await afterNavigation();
  }

  it('filters by status and territory, and searches after a pause', async () => {
    await choose('#filter-status', 'Compléments demandés');
    const byStatus = listRequest();
    expect(params(byStatus)).toMatchObject({ status: 'information_requested', page: '1' });
    byStatus.flush(page([], 0));
    await fixture.whenStable();

    await choose('#filter-territory', 'Valenciennois');
    const byTerritory = listRequest();
    expect(params(byTerritory)).toMatchObject({ status: 'information_requested', territory: 'VALENCIENNOIS' });
    byTerritory.flush(page([], 0));
    await fixture.whenStable();
    expect(el.textContent).toContain('Aucune candidature ne correspond à ces critères.');

    jest.useFakeTimers();
    try {
      const search = el.querySelector<HTMLInputElement>('#filter-q');
      if (!search) throw new Error('search');
      search.value = 'essor';
      search.dispatchEvent(new Event('input'));
      jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
      TestBed.tick();
      backend.expectNone((r) => r.url === '/api/applications');
      jest.advanceTimersByTime(1);
    } finally {
      jest.useRealTimers();
    }
    await afterNavigation();
    const searched = listRequest();
    expect(params(searched)).toMatchObject({ q: 'essor', page: '1', territory: 'VALENCIENNOIS' });
    searched.flush(page([], 0));
  });

  it('opens on the filters, sort and page of a shared link, and « Effacer les filtres » clears every filter at once', async () => {
    await TestBed.inject(Router).navigateByUrl('/?status=submitted&territory=DOUAISIS&q=essor&sort=reference&direction=asc&page=2');
    TestBed.tick();
    const linked = listRequest();
    expect(params(linked)).toEqual({ page: '2', pageSize: '25', status: 'submitted', territory: 'DOUAISIS', q: 'essor', sort: 'reference', direction: 'asc' });
    linked.flush(page([summary(26)], 30, 2));
    await fixture.whenStable();
    expect(el.querySelector<HTMLInputElement>('#filter-q')?.value).toBe('essor');
    expect(await (await loader.getHarness(MatSelectHarness.with({ selector: '#filter-status' }))).getValueText()).toBe('Déposée');
    expect(await (await loader.getHarness(MatSelectHarness.with({ selector: '#filter-territory' }))).getValueText()).toBe('Douaisis');

    await click('button.reset');
    const cleared = listRequest();
    expect(params(cleared)).toEqual({ page: '1', pageSize: '25', sort: 'reference', direction: 'asc' });
    cleared.flush(page([summary(1)], 1500));
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/?sort=reference&direction=asc');
    expect(el.querySelector<HTMLInputElement>('#filter-q')?.value).toBe('');
    expect(await (await loader.getHarness(MatSelectHarness.with({ selector: '#filter-status' }))).getValueText()).toBe('Tous');
  });
});
