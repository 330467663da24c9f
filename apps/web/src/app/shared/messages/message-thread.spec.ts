import { HttpEventType, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MessageView } from '@tremplin/contracts';
import { documentView } from '../../../testing/application-fixtures';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { LanguageService } from '../../core/i18n/language.service';
import { MessageThread } from './message-thread';

const ID = 'a1';
const message = (id: string, createdAt: string, overrides: Partial<MessageView> = {}): MessageView => ({
  id,
  authorName: 'Agnès Martin',
  authorRole: 'admin',
  body: `Message ${id}`,
  createdAt,
  documents: [],
  mine: false,
  ...overrides,
});

describe('MessageThread', () => {
  let fixture: ComponentFixture<MessageThread>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [MessageThread],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MessageThread);
    fixture.componentRef.setInput('applicationId', ID);
    fixture.componentRef.setInput('lang', 'fr');
    fixture.componentRef.setInput('unread', 1);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    backend.expectOne(`/api/applications/${ID}/messages`).flush([
      message('m2', '2026-11-28T09:00:00.000Z', { documents: [documentView({ id: 'd9', kind: 'message', fileName: 'rib.pdf' })] }),
      message('m1', '2026-11-27T09:00:00.000Z', { authorName: 'Nadia Lambert', authorRole: 'association', mine: true }),
    ]);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('shows messages oldest first, with author, role, date, attachments and the unread badge', () => {
    const items = Array.from(el.querySelectorAll('li.message')).map((li) => normalizeSpaces(li.textContent));
    expect(items[0]).toContain('Nadia Lambert (Association) — 27 novembre 2026 à 10:00');
    expect(items[1]).toContain('Agnès Martin (Administration)');
    expect(el.querySelector('li.message a')?.getAttribute('href')).toBe(`/api/applications/${ID}/documents/d9`);
    expect(normalizeSpaces(el.querySelector('[data-testid="unread-badge"]')?.textContent)).toBe('1 non lu');
  });

  it('uploads an attachment with progress, then sends it with the message', async () => {
    const input = el.querySelector<HTMLInputElement>('#message-file');
    if (!input) throw new Error('file input');
    const file = new File(['%PDF'], 'budget.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    const upload = backend.expectOne(`/api/applications/${ID}/messages/attachments`);
    upload.event({ type: HttpEventType.UploadProgress, loaded: 30, total: 100 });
    await fixture.whenStable();
    expect(el.querySelector('tp-upload-progress mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('30');
    upload.flush(documentView({ id: 'd10', kind: 'message', fileName: 'budget.pdf' }));
    await fixture.whenStable();
    expect(normalizeSpaces(el.querySelector('.attachments.pending')?.textContent)).toContain('budget.pdf');

    const body = el.querySelector<HTMLTextAreaElement>('#message-body');
    if (!body) throw new Error('body');
    body.value = 'Voici le budget corrigé.';
    body.dispatchEvent(new Event('input'));
    el.querySelector<HTMLFormElement>('form.composer')?.dispatchEvent(new Event('submit'));
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === `/api/applications/${ID}/messages`);
    expect(post.request.body).toEqual({ body: 'Voici le budget corrigé.', documentIds: ['d10'] });
    post.flush(message('m3', '2026-11-29T09:00:00.000Z', { body: 'Voici le budget corrigé.', mine: true }));
    await fixture.whenStable();
    const items = Array.from(el.querySelectorAll('li.message')).map((li) => normalizeSpaces(li.textContent));
    expect(items.at(-1)).toContain('Voici le budget corrigé.');
    expect(el.querySelector('.attachments.pending')).toBeNull();
    expect(body.value).toBe('');
    // The emptied composer does not greet the author with an error.
    expect(el.textContent).not.toContain('Écrivez votre message.');
  });

  it('does not send an empty message', async () => {
    el.querySelector<HTMLFormElement>('form.composer')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    backend.expectNone((r) => r.method === 'POST');
    expect(el.textContent).toContain('Écrivez votre message.');
  });
});
