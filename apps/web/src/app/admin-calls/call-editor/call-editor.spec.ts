import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { CallView } from '@tremplin/contracts';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { LanguageService } from '../../core/i18n/language.service';
import { CallEditor } from './call-editor';

const CALL: CallView = {
  id: 'c1',
  code: 'AAP-NORD-2027',
  title: 'Appel 2027',
  description: '',
  titleEn: '',
  descriptionEn: '',
  opensAt: '2026-10-01T08:00:00.000Z',
  closesAt: '2026-12-08T16:00:00.000Z',
  years: [2027, 2028],
  envelopeCents: 300_00,
  status: 'open',
  historical: false, decided: false,
  axes: [
    { code: 'MEDIATION', labelFr: 'Médiation', labelEn: 'Mediation', description: '', position: 0, envelopeCents: 100_00 },
    { code: 'INNOVATION', labelFr: 'Innovation', labelEn: 'Innovation', description: '', position: 1, envelopeCents: 200_00 },
  ],
  allocations: [
    { axisCode: 'MEDIATION', year: 2027, amountCents: 50_00 },
    { axisCode: 'MEDIATION', year: 2028, amountCents: 50_00 },
    { axisCode: 'INNOVATION', year: 2027, amountCents: 150_00 },
    { axisCode: 'INNOVATION', year: 2028, amountCents: 50_00 },
  ],
  criteria: [{ code: 'PERTINENCE', labelFr: 'Pertinence', labelEn: 'Relevance', description: '', weight: 100, maxScore: 20, position: 0 }],
  paymentRule: { advanceBasisPoints: 6000 },
  reviewersPerApplication: 2,
  structureLocked: false,
  version: 7,
  updatedAt: '2026-11-01T00:00:00Z',
};

describe('CallEditor', () => {
  let fixture: ComponentFixture<CallEditor>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [CallEditor],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(LanguageService).init();
  });

  afterEach(() => backend.verify());

  async function open(call: CallView = CALL): Promise<void> {
    fixture = TestBed.createComponent(CallEditor);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', call.id);
    await fixture.whenStable();
    backend.expectOne(`/api/calls/${call.id}`).flush(call);
    // A locked call also loads its revision history (a resource): whenStable would wait for it.
    if (call.structureLocked) TestBed.tick();
    else await fixture.whenStable();
  }

  async function save(): Promise<void> {
    el.querySelector<HTMLButtonElement>('form button[type="submit"]')?.click();
    await fixture.whenStable();
  }

  async function type(selector: string, value: string): Promise<void> {
    const input = el.querySelector<HTMLInputElement>(selector);
    if (!input) throw new Error(selector);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }

  it('loads the call into the form with live totals', async () => {
    await open();
    expect(el.querySelector('h1')?.textContent).toContain("Modifier l'appel AAP-NORD-2027");
    expect(el.querySelector<HTMLInputElement>('#f-envelope')?.value).toBe('300,00');
    expect(normalizeSpaces(el.querySelector('[data-testid="grand-total"]')?.textContent)).toBe('300,00 €');
    expect(normalizeSpaces(el.querySelector('[data-testid="matrix-status"]')?.textContent)).toContain('Répartition équilibrée');
    expect(normalizeSpaces(el.querySelector('[data-testid="weights-total"]')?.textContent)).toContain('100 / 100');
  });

  it('saves with the version read', async () => {
    await open();
    await save();
    const req = backend.expectOne({ method: 'PUT', url: '/api/calls/c1' });
    expect(req.request.body).toMatchObject({ version: 7, envelopeCents: 300_00, years: [2027, 2028] });
    req.flush({ ...CALL, version: 8 });
    await fixture.whenStable();
  });

  it('checks the domain rules before sending: unbalanced split and weights', async () => {
    await open();
    await type('#f-allocations-0-0', '10');
    await type('#f-criteria-0-weight', '90');
    await save();
    backend.expectNone({ method: 'PUT', url: '/api/calls/c1' });
    const summary = el.querySelector('tp-error-summary');
    const text = normalizeSpaces(summary?.textContent);
    expect(text).toContain('Le formulaire contient des erreurs');
    expect(text).toContain('La somme des répartitions (260,00 €) doit être égale à l\'enveloppe (300,00 €).');
    expect(text).toContain('La somme des pondérations doit être 100 (actuellement 90).');
    expect(normalizeSpaces(el.querySelector('[data-testid="weights-total"]')?.textContent)).toContain('il manque 10 points');
  });

  it('shows the API field errors next to the fields and in the summary', async () => {
    await open();
    await save();
    backend.expectOne({ method: 'PUT', url: '/api/calls/c1' }).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        code: 'VALIDATION_FAILED',
        message: 'Certaines données sont invalides.',
        details: [
          { field: 'axes[1].code', message: "Code d'axe en double." },
          { field: 'allocations[3].amountCents', message: 'Un montant ne peut pas être négatif.' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const summary = normalizeSpaces(el.querySelector('tp-error-summary')?.textContent);
    expect(summary).toContain('Certaines données sont invalides.');
    expect(summary).toContain("Axe 2 — Code : Code d'axe en double.");
    const link = el.querySelector<HTMLAnchorElement>('tp-error-summary a[href="#f-axes-1-code"]');
    expect(link).not.toBeNull();
    const cell = el.querySelector('#f-allocations-1-1');
    expect(cell?.getAttribute('aria-invalid')).toBe('true');
    expect(normalizeSpaces(el.querySelector('#f-allocations-1-1-error')?.textContent)).toContain('Un montant ne peut pas être négatif.');
  });

  it('offers to reload on a version conflict (409 STALE_VERSION)', async () => {
    await open();
    await save();
    backend.expectOne({ method: 'PUT', url: '/api/calls/c1' }).flush(
      { statusCode: 409, error: 'Conflict', code: 'STALE_VERSION', message: "Ces données ont été modifiées par quelqu'un d'autre entre-temps." },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain("modifié par quelqu'un d'autre");
    const reload = Array.from(alert?.querySelectorAll('button') ?? []).find((b) => b.textContent?.includes("Recharger l'appel"));
    reload?.click();
    backend.expectOne('/api/calls/c1').flush({ ...CALL, title: 'Titre changé', version: 8 });
    await fixture.whenStable();
    expect(el.querySelector<HTMLInputElement>('#f-title')?.value).toBe('Titre changé');
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('makes a locked call read-only and offers a budget revision with its history', async () => {
    await open({ ...CALL, structureLocked: true });
    backend.expectOne('/api/calls/c1/budget-revisions').flush([
      {
        id: 'r1',
        callId: 'c1',
        revisedAt: '2026-11-02T10:00:00Z',
        revisedBy: '6f0c2c1e-0000-4000-8000-000000000001',
        revisedByEmail: 'admin@demo.tremplin.fr',
        reason: 'Redéploiement après commission',
        deliberationReference: 'CP 26-001',
        envelopeBeforeCents: 200_00,
        envelopeAfterCents: 300_00,
      },
    ]);
    await fixture.whenStable();
    // A summary, not the editor's disabled inputs: read-only tables of axes × years and the grid.
    expect(el.querySelector('#f-code')).toBeNull();
    expect(el.querySelector('#f-allocations-0-0')).toBeNull();
    const summary = el.querySelector('[data-testid="locked-call-summary"]');
    const rows = Array.from(summary?.querySelectorAll('table')[0]?.querySelectorAll('tbody tr, tfoot tr') ?? []).map((tr) =>
      Array.from(tr.children).map((cell) => normalizeSpaces(cell.textContent)).join(' '),
    );
    expect(rows).toEqual([
      'Médiation (MEDIATION) 50,00 € 50,00 € 100,00 €',
      'Innovation (INNOVATION) 150,00 € 50,00 € 200,00 €',
      'Total 200,00 € 100,00 € 300,00 €',
    ]);
    const criterion = summary?.querySelectorAll('table')[1]?.querySelector('tbody tr');
    expect(Array.from(criterion?.children ?? []).map((cell) => normalizeSpaces(cell.textContent))).toEqual(['Pertinence', '100', '20']);
    expect(summary?.querySelectorAll('input, textarea, select').length).toBe(0);
    expect(el.textContent).toContain('Révision budgétaire');
    expect(el.textContent).toContain('Redéploiement après commission');

    // reason too short: no request
    const revisionForm = el.querySelector('tp-budget-revision form');
    const reason = revisionForm?.querySelector<HTMLTextAreaElement>('#rev-f-reason');
    if (!reason) throw new Error('no reason field');
    reason.value = 'court';
    reason.dispatchEvent(new Event('input'));
    revisionForm?.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    backend.expectNone('/api/calls/c1/budget-revisions');
    expect(normalizeSpaces(el.querySelector('tp-budget-revision tp-error-summary')?.textContent)).toContain('Au moins 10 caractères.');

    reason.value = 'Redéploiement voté en commission permanente';
    reason.dispatchEvent(new Event('input'));
    revisionForm?.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    const req = backend.expectOne({ method: 'POST', url: '/api/calls/c1/budget-revisions' });
    expect(req.request.body).toMatchObject({ version: 7, envelopeCents: 300_00, reason: 'Redéploiement voté en commission permanente' });
    expect(req.request.body.allocations).toHaveLength(4);
    req.flush({ ...CALL, structureLocked: true, version: 8 });
    TestBed.tick(); // the new version reloads the history
    backend.expectOne('/api/calls/c1/budget-revisions').flush([]);
    await fixture.whenStable();
  });

  it('edits the texts and postpones the closing date of a locked call, sending everything else as read', async () => {
    await open({ ...CALL, structureLocked: true });
    backend.expectOne('/api/calls/c1/budget-revisions').flush([]);
    await fixture.whenStable();
    await type('#f-locked-titleEn', 'Call 2027');
    await type('#f-locked-closesAt', '2026-12-01T17:00');
    el.querySelector<HTMLButtonElement>('[data-testid="locked-call-texts"] button[type="submit"]')?.click();
    await fixture.whenStable();
    backend.expectNone({ method: 'PUT', url: '/api/calls/c1' });
    expect(normalizeSpaces(el.querySelector('[data-testid="locked-call-texts"]')?.textContent)).toContain('La clôture ne peut pas être avancée');

    await type('#f-locked-closesAt', '2026-12-22T17:00');
    el.querySelector<HTMLButtonElement>('[data-testid="locked-call-texts"] button[type="submit"]')?.click();
    await fixture.whenStable();
    const req = backend.expectOne({ method: 'PUT', url: '/api/calls/c1' });
    expect(req.request.body).toEqual({
      code: 'AAP-NORD-2027', title: 'Appel 2027', description: '', titleEn: 'Call 2027', descriptionEn: '',
      opensAt: '2026-10-01T08:00:00.000Z', closesAt: '2026-12-22T16:00:00.000Z', years: [2027, 2028], envelopeCents: 300_00,
      axes: [
        { code: 'MEDIATION', labelFr: 'Médiation', labelEn: 'Mediation', description: '' },
        { code: 'INNOVATION', labelFr: 'Innovation', labelEn: 'Innovation', description: '' },
      ],
      allocations: CALL.allocations,
      criteria: [{ code: 'PERTINENCE', labelFr: 'Pertinence', labelEn: 'Relevance', description: '', weight: 100, maxScore: 20 }],
      paymentRule: { advanceBasisPoints: 6000 }, reviewersPerApplication: 2, version: 7,
    });
    req.flush({ ...CALL, structureLocked: true, titleEn: 'Call 2027', closesAt: '2026-12-22T16:00:00.000Z', version: 8 });
    TestBed.tick();
    backend.expectOne('/api/calls/c1/budget-revisions').flush([]);
    await fixture.whenStable();
    expect(el.querySelector<HTMLInputElement>('#f-locked-titleEn')?.value).toBe('Call 2027');
  });

  it('creates a new call and opens it', async () => {
    fixture = TestBed.createComponent(CallEditor);
    el = fixture.nativeElement as HTMLElement;
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toContain('Nouvel appel à projets');
    await type('#f-code', 'AAP-TEST');
    await type('#f-title', 'Appel test');
    await type('#f-opensAt', '2027-01-10T09:00');
    await type('#f-closesAt', '2027-03-10T17:00');
    await type('#f-envelope', '3 000');
    await type('#f-axes-0-code', 'MEDIATION');
    await type('#f-axes-0-labelFr', 'Médiation');
    await type('#f-axes-0-labelEn', 'Mediation');
    await type('#f-allocations-0-0', '1 000');
    await type('#f-allocations-0-1', '1 000');
    await type('#f-allocations-0-2', '1 000');
    await type('#f-criteria-0-code', 'PERTINENCE');
    await type('#f-criteria-0-labelFr', 'Pertinence');
    await type('#f-criteria-0-labelEn', 'Relevance');
    await save();
    const req = backend.expectOne({ method: 'POST', url: '/api/calls' });
    expect(req.request.body).toMatchObject({
      code: 'AAP-TEST',
      opensAt: '2027-01-10T08:00:00.000Z',
      envelopeCents: 300_000,
      allocations: [
        { axisCode: 'MEDIATION', year: 2027, amountCents: 100_000 },
        { axisCode: 'MEDIATION', year: 2028, amountCents: 100_000 },
        { axisCode: 'MEDIATION', year: 2029, amountCents: 100_000 },
      ],
      criteria: [{ code: 'PERTINENCE', weight: 100, maxScore: 20 }],
      paymentRule: { advanceBasisPoints: 6000 },
    });
    req.flush({ ...CALL, id: 'new-id' }, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/admin/appels', 'new-id'], { replaceUrl: true });
  });
});
