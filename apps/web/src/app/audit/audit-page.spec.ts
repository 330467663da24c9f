import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuditEventView } from '@tremplin/contracts';
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
  action: 'call.update',
  entityType: 'call',
  entityId: 'c1',
  diff: { title: { before: 'Ancien', after: 'Nouveau' }, envelopeCents: { before: 100, after: 200 } },
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
    expect(cells).toEqual(['title Ancien Nouveau', 'envelopeCents 100 200']);
  });

  it('sends the filters, with dates as Paris day bounds', async () => {
    const set = (name: string, value: string): void => {
      const input = el.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`);
      if (!input) throw new Error(name);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    set('action', 'call.update');
    set('actor', 'admin@');
    set('from', '2026-11-01');
    set('to', '2026-11-26');
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    TestBed.tick();
    const req = backend.expectOne((r) => r.url === '/api/audit-events');
    expect(req.request.params.get('action')).toBe('call.update');
    expect(req.request.params.get('actor')).toBe('admin@');
    expect(req.request.params.get('from')).toBe('2026-10-31T23:00:00.000Z');
    expect(req.request.params.get('to')).toBe('2026-11-26T22:59:59.999Z');
    expect(req.request.params.has('entityType')).toBe(false);
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
});
