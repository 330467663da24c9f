import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { provideRouter } from '@angular/router';
import type { Page, ReviewQueueItemView } from '@tremplin/contracts';
import { normalizeSpaces, provideTestTranslations } from '../../testing/test-providers';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { LanguageService } from '../core/i18n/language.service';
import { TranslatedPaginatorIntl } from '../core/i18n/paginator-intl';
import { QueuePage } from './queue-page';

function item(id: string, overrides: Partial<ReviewQueueItemView> = {}): ReviewQueueItemView {
  return {
    id, status: 'assigned', dueOn: '2026-12-05', overdue: false, callId: 'c1', callTitle: 'Insertion 2027', axisCode: 'MOBILITE',
    axisLabel: 'Mobilité', title: `Projet ${id}`, organizationName: `Association ${id}`, applicationId: null, reference: null, reviewStatus: null,
    ...overrides,
  };
}
const page = (items: ReviewQueueItemView[]): Page<ReviewQueueItemView> => ({ items, total: items.length, page: 1, pageSize: 20 });

describe('QueuePage (reviewer)', () => {
  let fixture: ComponentFixture<QueuePage>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  const queueRequest = (): TestRequest => backend.expectOne((r) => r.url === '/api/reviews/assignments');
  const dialog = () => document.querySelector('tp-assignment-open-dialog') as HTMLElement | null;
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

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [QueuePage],
      providers: [
        provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideTestTranslations(),
        { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
      ],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(QueuePage);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    const req = queueRequest();
    expect(req.request.params.get('page')).toBe('1');
    req.flush(page([
      item('a', { dueOn: '2026-11-20', overdue: true }),
      item('b', { status: 'accepted', applicationId: 'app-b', reference: '2027-MOB-000002', reviewStatus: 'draft' }),
    ]));
    await settle();
  });

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  it('shows the queue in the order the server gives (due first), overdue flagged, the review link only once accepted', () => {
    const rows = Array.from(el.querySelectorAll('[data-testid="queue-item"]')).map((r) => normalizeSpaces(r.textContent));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('20 novembre 2026');
    expect(rows[0]).toContain('En retard');
    expect(rows[0]).toContain('Association a · Mobilité');
    expect(rows[0]).toContain('À ouvrir');
    expect(rows[0]).not.toContain('2027-');
    expect(rows[1]).toContain('Association b · Mobilité · 2027-MOB-000002');
    expect(rows[1]).toContain('Brouillon');
    const links = Array.from(el.querySelectorAll<HTMLAnchorElement>('[data-testid="queue-item"] a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/evaluations/b/evaluation']);
    expect(normalizeSpaces(el.querySelector('[aria-live="polite"]')?.textContent)).toBe('2 évaluation(s) en cours');
  });

  it('opens an assignment on the conflict screen (name, axis, title only) and accepts it', async () => {
    el.querySelector<HTMLButtonElement>('[data-testid="queue-item"] button')?.click();
    await settle();
    expect(normalizeSpaces(dialog()?.querySelector('[data-testid="open-organization"]')?.textContent)).toBe('Association a');
    const accept = Array.from(dialog()?.querySelectorAll<HTMLButtonElement>('button') ?? []).find((b) => normalizeSpaces(b.textContent) === 'Je n’ai aucun lien : j’accepte');
    accept?.click();
    await settle();
    const post = backend.expectOne('/api/assignments/a/accept');
    expect(post.request.method).toBe('POST');
    post.flush(item('a', { status: 'accepted', applicationId: 'app-a', reference: '2027-MOB-000001' }));
    await settle();
    queueRequest().flush(page([item('a', { status: 'accepted', applicationId: 'app-a', reference: '2027-MOB-000001' })]));
    await settle();
    expect(Array.from(el.querySelectorAll<HTMLAnchorElement>('[data-testid="queue-item"] a')).map((a) => a.getAttribute('href'))).toEqual(['/evaluations/a/evaluation']);
  });

  it('declares a conflict: the kind is required, then the conflict is sent with its comment', async () => {
    el.querySelector<HTMLButtonElement>('[data-testid="queue-item"] button')?.click();
    await settle();
    Array.from(dialog()?.querySelectorAll<HTMLButtonElement>('button') ?? []).find((b) => normalizeSpaces(b.textContent) === 'Je déclare un conflit d’intérêts')?.click();
    await settle();
    const submit = dialog()?.querySelector<HTMLButtonElement>('button[type="submit"]');
    submit?.click();
    await settle();
    expect(normalizeSpaces(dialog()?.querySelector('mat-error')?.textContent)).toBe('Choisissez la nature du lien.');
    backend.expectNone('/api/assignments/a/conflict');

    dialog()?.querySelector<HTMLElement>('#conflict-kind .mat-mdc-select-trigger')?.click();
    await settle();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) => normalizeSpaces(o.textContent) === 'Salarié')?.click();
    const comment = dialog()?.querySelector<HTMLTextAreaElement>('#conflict-comment');
    if (comment) {
      comment.value = '  Ma sœur y travaille  ';
      comment.dispatchEvent(new Event('input'));
    }
    await settle();
    submit?.click();
    await settle();
    const post = backend.expectOne('/api/assignments/a/conflict');
    expect(post.request.body).toEqual({ kind: 'employee', comment: 'Ma sœur y travaille' });
    post.flush({ assignment: item('a', { status: 'recused' }), reassigned: true });
    await settle();
    queueRequest().flush(page([]));
    await settle();
    expect(normalizeSpaces(el.textContent)).toContain('Aucune évaluation en cours.');
  });
});
