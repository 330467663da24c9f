import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter, Router } from '@angular/router';
import type { AuditEventView } from '@tremplin/contracts';
import { afterNavigation } from '../../testing/navigation';
import { normalizeSpaces, provideTestTranslations } from '../../testing/test-providers';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { LanguageService } from '../core/i18n/language.service';
import { AuditPage } from './audit-page';

const EVENT: AuditEventView = {
  id: 'e1',
  seq: 42,
  occurredAt: '2026-11-26T13:00:00Z',
  actorId: 'u1',
  actorEmail: 'admin@demo.tremplin.fr',
  actorRole: 'admin',
  actorName: 'Agnès Admin',
  action: 'call.updated',
  entityType: 'call',
  entityId: 'c1',
  entityLabel: 'AAP-NORD-2016 — Appel à projets insertion 2016',
  diff: {
    title: { before: 'Ancien', after: 'Nouveau' },
    envelopeCents: { before: 7_430_000_000, after: 7_480_000_000 },
    closesAt: { before: '2016-03-18T11:00:00.000Z', after: '2016-04-01T10:00:00.000Z' },
    organizationAdmin: { before: true, after: false },
    'budget[1].products.p74Departement': { before: 2_500_000, after: 2_612_345 },
    years: { before: [2016, 2017], after: [2016, 2017, 2018] },
  },
  requestId: 'req-1',
  hash: 'abc123',
};

describe('AuditPage', () => {
  let fixture: ComponentFixture<AuditPage>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [AuditPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(AuditPage);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    backend.expectOne((r) => r.url === '/api/audit-events').flush({ items: [EVENT], total: 1, page: 1, pageSize: 25 });
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('expands a row to show the before/after diff', async () => {
    const toggle = el.querySelector<HTMLButtonElement>('button[aria-expanded]');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    const detail = el.querySelector<HTMLElement>('#audit-detail-e1');
    expect(detail?.hidden).toBe(true);
    toggle?.click();
    await fixture.whenStable();
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(detail?.hidden).toBe(false);
    const cells = Array.from(detail?.querySelectorAll('tp-audit-diff tbody tr') ?? []).map((tr) =>
      Array.from(tr.children)
        .map((cell) => normalizeSpaces(cell.textContent))
        .join(' '),
    );
    expect(cells).toEqual([
      'Titre Ancien Nouveau',
      'Enveloppe 74 300 000,00 € 74 800 000,00 €',
      'Clôture 18 mars 2016 à 12:00 1 avril 2016 à 12:00',
      "Administrateur de l'organisation oui non",
      'Budget — [1].products.p74Departement 25 000,00 € 26 123,45 €',
      'Années 2016, 2017 2016, 2017, 2018',
    ]);
  });

  it('reads for people: action and object in words, the object and the author by name', () => {
    const row = Array.from(el.querySelectorAll('tr.mat-mdc-row')[0]?.children ?? []).map((cell) => normalizeSpaces(cell.textContent));
    const [actor, action, entity] = row.slice(3);
    expect(actor).toContain('Agnès Admin');
    expect(actor).toContain('admin@demo.tremplin.fr');
    expect(action).toBe('Appel modifié');
    expect(entity).toContain('Appel à projets');
    expect(entity).toContain('AAP-NORD-2016 — Appel à projets insertion 2016');
    expect(entity).not.toContain('c1');
    expect(el.textContent).not.toContain('call.updated');
  });

  it('filters by labels (select lists sending the codes), with dates as Paris day bounds', async () => {
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const action = await loader.getHarness(MatSelectHarness.with({ selector: '#audit-filter-action' }));
    await action.open();
    const labels = await Promise.all((await action.getOptions()).map((o) => o.getText()));
    expect(labels).toEqual(expect.arrayContaining(['Toutes les actions', 'Connexion', 'Appel modifié', 'Candidature déposée']));
    expect(labels.some((l) => l.includes('.'))).toBe(false);
    await action.clickOptions({ text: 'Appel modifié' });
    const entity = await loader.getHarness(MatSelectHarness.with({ selector: '#audit-filter-entity' }));
    await entity.open();
    await entity.clickOptions({ text: 'Appel à projets' });
    const set = (name: string, value: string): void => {
      const input = el.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`);
      if (!input) throw new Error(name);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    set('actor', 'admin@');
    set('from', '2026-11-01');
    set('to', '2026-11-26');
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    await afterNavigation();
    const req = backend.expectOne((r) => r.url === '/api/audit-events');
    expect(req.request.params.get('action')).toBe('call.updated');
    expect(req.request.params.get('entityType')).toBe('call');
    expect(req.request.params.get('actor')).toBe('admin@');
    expect(req.request.params.get('from')).toBe('2026-10-31T23:00:00.000Z');
    expect(req.request.params.get('to')).toBe('2026-11-26T22:59:59.999Z');
    req.flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await fixture.whenStable();
  });

  it('verifies the chain and says the result in words', async () => {
    const verify = Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes("Vérifier l'intégrité"));
    verify?.click();
    backend.expectOne('/api/audit-events/verify').flush({ valid: false, checked: 41, firstBrokenSeq: 42, reason: 'hash mismatch' });
    await fixture.whenStable();
    const status = normalizeSpaces(el.querySelector('[role="status"]')?.textContent);
    expect(status).toContain('Chaîne rompue à l’événement n° 42 (41 événements vérifiés).');
    expect(status).toContain('hash mismatch');
  });

  it('a link with filters (days in the URL) fills the form and asks for those Paris days; « Effacer » clears them', async () => {
    await TestBed.inject(Router).navigateByUrl('/?action=call.updated&actor=admin%40&from=2026-07-01&to=2026-07-31&entityId=c1');
    TestBed.tick();
    const linked = backend.expectOne((r) => r.url === '/api/audit-events');
    const sent = Object.fromEntries(linked.request.params.keys().map((k) => [k, linked.request.params.get(k)]));
    expect(sent).toEqual({
      page: '1', pageSize: '25', action: 'call.updated', entityId: 'c1', actor: 'admin@',
      from: '2026-06-30T22:00:00.000Z', to: '2026-07-31T21:59:59.999Z',
    });
    linked.flush({ items: [EVENT], total: 1, page: 1, pageSize: 25 });
    await fixture.whenStable();
    const value = (name: string): string | undefined => el.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)?.value;
    expect([value('actor'), value('from'), value('to')]).toEqual(['admin@', '2026-07-01', '2026-07-31']);
    expect(normalizeSpaces(el.querySelector('#audit-filter-action')?.textContent)).toBe('Appel modifié');

    Array.from(el.querySelectorAll<HTMLButtonElement>('form button')).find((b) => b.textContent?.includes('Effacer les filtres'))?.click();
    await afterNavigation();
    const cleared = backend.expectOne((r) => r.url === '/api/audit-events');
    expect(cleared.request.params.keys().sort()).toEqual(['page', 'pageSize']);
    cleared.flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/');
    expect([value('actor'), value('from'), value('to')]).toEqual(['', '', '']);
  });
});
