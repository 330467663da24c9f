import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { CallSummaryView, ConventionSummaryView, Role } from '@tremplin/contracts';
import { firstValueFrom } from 'rxjs';
import { conventionView } from '../../../testing/convention-fixtures';
import { loginResponse, normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { AUTH_API, AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { ConventionListPage } from './convention-list-page';

const CALL = {
  id: 'c1', code: 'AAP-NORD-2016', title: 'Appel 2016', years: [2016, 2017, 2018],
  axes: [
    { code: 'MEDIATION', labelFr: 'Médiation sociale', labelEn: 'Social mediation', description: '', position: 1, envelopeCents: 0 },
    { code: 'EMPLOI', labelFr: 'Emploi', labelEn: 'Work', description: '', position: 2, envelopeCents: 0 },
  ],
} as unknown as CallSummaryView;

const summary = (): ConventionSummaryView => {
  const { parties: _p, years: _y, amendments: _a, allowedActions: _aa, documentSha256: _d, signedDocumentSha256: _s, associationSignature: _as,
    departmentSignature: _ds, activatedAt: _ac, closedAt: _c, terminatedAt: _t, terminationReason: _tr, recoveryCents: _r, ...rest } = conventionView({ status: 'active', paidCents: 1_500_000 });
  return rest;
};

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  TestBed.tick();
}

describe('ConventionListPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let el: HTMLElement;

  async function start(role: Role, url: string): Promise<TestRequest> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'conventions', component: ConventionListPage },
          { path: 'mes-conventions', component: ConventionListPage, data: { own: true } },
        ]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
      ],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    const signedIn = firstValueFrom(TestBed.inject(AuthService).login(`${role}@demo.tremplin.fr`, 'pw'));
    backend.expectOne(AUTH_API.login).flush(loginResponse(role));
    await signedIn;
    harness = await RouterTestingHarness.create();
    const navigated = harness.navigateByUrl(url);
    await settle();
    if (role !== 'association') backend.expectOne('/api/calls').flush([CALL]);
    const request = backend.expectOne((r) => r.url === '/api/conventions');
    request.flush({ items: [summary()], total: 1, page: 1, pageSize: 25 });
    await navigated;
    await settle();
    harness.detectChanges();
    el = harness.routeNativeElement as HTMLElement;
    return request;
  }

  afterEach(() => backend.verify());

  // The project cell holds the title, a line break, then the reference.
  const row = () => Array.from(el.querySelectorAll('tbody tr')[0]?.children ?? []).map((cell) => normalizeSpaces(cell.textContent));

  it('finance drills down from the dashboard: the cell’s call, axis and year are the filters sent and shown', async () => {
    const request = await start('finance', '/conventions?callId=c1&axisCode=MEDIATION&year=2017');
    expect(request.request.params.keys().sort()).toEqual(['axisCode', 'callId', 'page', 'pageSize', 'year']);
    expect(request.request.params.get('callId')).toBe('c1');
    expect(request.request.params.get('axisCode')).toBe('MEDIATION');
    expect(request.request.params.get('year')).toBe('2017');
    expect(normalizeSpaces(el.querySelector('#conventions-axis')?.textContent)).toBe('Médiation sociale');
    expect(normalizeSpaces(el.querySelector('#conventions-year')?.textContent)).toBe('2017');
    expect(row()).toEqual([
      'CONV-2016-0007', 'Association Essor', 'Médiation de nuitAAP2016-MED-00012', 'Médiation sociale', '60 000,00 €', '15 000,00 €', 'Active', '3 avril 2016',
    ]);
    expect(el.querySelector('tbody a')?.getAttribute('href')).toBe('/conventions/cv1');
    expect(Array.from(el.querySelectorAll('.actions a, .actions button')).map((b) => normalizeSpaces(b.textContent))).toEqual([
      'Générer les conventions',
      'Échéances à payer',
    ]);
  });

  it('a status filter goes back to the first page and is written to the URL', async () => {
    await start('finance', '/conventions?page=3');
    (harness.routeDebugElement?.componentInstance as { status: { setValue(v: string): void } }).status.setValue('sent');
    await settle();
    const request = backend.expectOne((r) => r.url === '/api/conventions');
    expect(request.request.params.get('status')).toBe('sent');
    expect(request.request.params.get('page')).toBe('1');
    request.flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await settle();
    harness.detectChanges();
    expect(normalizeSpaces(el.querySelector('tbody')?.textContent)).toBe('Aucune convention ne correspond à ces critères.');
  });

  it('the association sees its own conventions, without generation nor call filters, linking to « Mes conventions »', async () => {
    const request = await start('association', '/mes-conventions');
    expect(request.request.params.keys().sort()).toEqual(['page', 'pageSize']);
    expect(normalizeSpaces(el.querySelector('h1')?.textContent)).toBe('Mes conventions');
    expect(el.querySelector('.actions')).toBeNull();
    expect(el.querySelector('#conventions-call')).toBeNull();
    expect(row()).toEqual(['CONV-2016-0007', 'Médiation de nuitAAP2016-MED-00012', 'Médiation sociale', '60 000,00 €', '15 000,00 €', 'Active', '3 avril 2016']);
    expect(el.querySelector('tbody a')?.getAttribute('href')).toBe('/mes-conventions/cv1');
  });
});
