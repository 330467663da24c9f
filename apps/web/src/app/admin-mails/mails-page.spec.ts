import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { OutboxMailView } from '@tremplin/contracts';
import { afterNavigation } from '../../testing/navigation';
import { normalizeSpaces, provideTestTranslations } from '../../testing/test-providers';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { LanguageService } from '../core/i18n/language.service';
import { linkify } from '../shared/format/linkify';
import { MailsPage } from './mails-page';

const MAIL: OutboxMailView = {
  id: 'm1',
  to: 'contact@essor.fr',
  subject: 'Confirmez votre adresse e-mail',
  text: 'Bonjour,\n\nOuvrez ce lien : http://localhost:3000/verification?token=abc_DEF-123.\n\n<script>alert(1)</script>',
  kind: 'email-verification',
  createdAt: '2026-11-26T13:00:00.000Z',
  sentAt: null,
  attempts: 0,
  nextAttemptAt: '2026-11-26T13:00:00.000Z',
  lastError: null,
};

describe('linkify', () => {
  it('splits text and http(s) links, leaving trailing punctuation as text', () => {
    expect(linkify('Voir https://a.fr/x?y=1. Puis (http://b.fr).')).toEqual([
      { text: 'Voir ' },
      { text: 'https://a.fr/x?y=1', href: 'https://a.fr/x?y=1' },
      { text: '. Puis (' },
      { text: 'http://b.fr', href: 'http://b.fr' },
      { text: ').' },
    ]);
    expect(linkify('javascript:alert(1) ftp://x')).toEqual([{ text: 'javascript:alert(1) ftp://x' }]);
  });
});

describe('MailsPage (admin)', () => {
  let fixture: ComponentFixture<MailsPage>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [MailsPage],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MailsPage);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    const req = backend.expectOne((r) => r.url === '/api/admin/mails');
    expect(req.request.params.get('page')).toBe('1');
    req.flush({ items: [MAIL], total: 1, page: 1, pageSize: 25 });
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('lists the outbox with state and kind in words', () => {
    const row = normalizeSpaces(el.querySelector('tr.mat-mdc-row')?.textContent);
    expect(row).toContain('contact@essor.fr');
    expect(row).toContain('Confirmez votre adresse e-mail');
    expect(row).toContain('Confirmation d’adresse');
    expect(row).toContain('En attente');
  });

  it('expands the text with clickable links, never as HTML', async () => {
    el.querySelector<HTMLButtonElement>('button[aria-expanded]')?.click();
    await fixture.whenStable();
    const text = el.querySelector('[data-testid="mail-text"]');
    const link = text?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('http://localhost:3000/verification?token=abc_DEF-123');
    expect(text?.textContent).toContain('<script>alert(1)</script>');
    expect(text?.querySelector('script')).toBeNull();
  });

  const listRequest = () => backend.expectOne((r) => r.url === '/api/admin/mails');

  it('filters by kind at once and by recipient after a pause; the URL keeps both', async () => {
    (fixture.componentInstance as unknown as { kind: { setValue(v: string): void } }).kind.setValue('invitation');
    await afterNavigation();
    const byKind = listRequest();
    expect(byKind.request.params.get('kind')).toBe('invitation');
    expect(byKind.request.params.get('page')).toBe('1');
    byKind.flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await fixture.whenStable();
    expect(normalizeSpaces(el.querySelector('td.no-data')?.textContent)).toBe('Aucun courriel.');

    const to = el.querySelector<HTMLInputElement>('#mails-to');
    if (!to) throw new Error('#mails-to');
    to.value = ' essor ';
    to.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 50));
    await afterNavigation();
    backend.expectNone((r) => r.url === '/api/admin/mails');
    await new Promise((r) => setTimeout(r, 300));
    await afterNavigation();
    const byRecipient = listRequest();
    expect(byRecipient.request.params.get('to')).toBe('essor');
    expect(byRecipient.request.params.get('kind')).toBe('invitation');
    byRecipient.flush({ items: [MAIL], total: 1, page: 1, pageSize: 25 });
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/?kind=invitation&to=essor');
  });

  it('a link with a page and a kind opens on them, the kind shown in its list', async () => {
    await TestBed.inject(Router).navigateByUrl('/?kind=decision&page=3&pageSize=10');
    TestBed.tick();
    const req = listRequest();
    expect(req.request.params.get('kind')).toBe('decision');
    expect(req.request.params.get('page')).toBe('3');
    expect(req.request.params.get('pageSize')).toBe('10');
    req.flush({ items: [MAIL], total: 31, page: 3, pageSize: 10 });
    await fixture.whenStable();
    expect(normalizeSpaces(el.querySelector('#mails-kind')?.textContent)).toBe('Décision du comité');
    expect(normalizeSpaces(el.querySelector('.mat-mdc-paginator-range-label')?.textContent)).toContain('21 – 30');
  });
});
