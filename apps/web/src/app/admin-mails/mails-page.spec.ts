import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OutboxMailView } from '@tremplin/contracts';
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
});
