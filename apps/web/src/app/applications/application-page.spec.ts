import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ApplicationView } from '@tremplin/contracts';
import { applicationView, documentView } from '../../testing/application-fixtures';
import { normalizeSpaces, provideTestTranslations } from '../../testing/test-providers';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { LanguageService } from '../core/i18n/language.service';
import { ApplicationPage } from './application-page';
import { createApplicationForm, formValueFromView } from './wizard/application-form';
import { DRAFT_KEY_PREFIX } from './wizard/draft-storage';

const ID = 'a0000000-0000-4000-8000-000000000001';
const URL = `/api/applications/${ID}`;
const CALL = {
  id: 'c0000000-0000-4000-8000-000000000001',
  code: 'AAP-NORD-2026',
  title: 'Appel 2026',
  axes: [
    { code: 'MEDIATION', labelFr: 'Médiation', labelEn: 'Mediation', description: '', position: 0, envelopeCents: 1 },
    { code: 'INNOVATION', labelFr: 'Innovation', labelEn: 'Innovation', description: '', position: 1, envelopeCents: 1 },
  ],
};

describe('ApplicationPage (association)', () => {
  let fixture: ComponentFixture<ApplicationPage>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [ApplicationPage],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  async function open(view: ApplicationView): Promise<void> {
    fixture = TestBed.createComponent(ApplicationPage);
    fixture.componentRef.setInput('id', ID);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    backend.expectOne(URL).flush(view);
    TestBed.tick();
    backend.expectOne(`/api/calls/${CALL.id}`).flush(CALL);
    TestBed.tick();
    // A submitted application loads its messages: the test answers them (whenStable would wait).
    if (view.status === 'draft') await fixture.whenStable();
  }

  const text = (selector: string): string => normalizeSpaces(el.querySelector(selector)?.textContent);

  it('opens a draft in the five-step wizard, with the missing items linked to their step', async () => {
    await open(
      applicationView({
        missing: [
          { field: 'summary', code: 'REQUIRED' },
          { field: 'project.rsaBeneficiariesPerYear', code: 'REQUIRED_PER_YEAR' },
          { field: 'documents.statutes', code: 'DOCUMENT_MISSING' },
          { field: 'declaration', code: 'DECLARATION_INCOMPLETE' },
        ],
      }),
    );
    expect(el.querySelectorAll('h1')).toHaveLength(1);
    expect(text('h1')).toBe('Ateliers mobilité');
    const headers = Array.from(el.querySelectorAll('mat-step-header')).map((h) => normalizeSpaces(h.textContent));
    expect(headers).toHaveLength(5);
    expect(headers[0]).toContain('Axe et résumé');
    expect(headers[2]).toContain('Budget');
    const missing = Array.from(el.querySelectorAll('[data-testid="missing"] li')).map((li) => normalizeSpaces(li.textContent));
    expect(missing).toEqual([
      'Étape 1 (Axe et résumé) — Résumé du projet : À renseigner avant le dépôt.',
      "Étape 2 (Le projet) — Bénéficiaires du RSA par année : Une valeur pour chacune des 3 années de l'appel.",
      'Étape 4 (Pièces) — Pièces — Statuts : Pièce obligatoire manquante : statuts.',
      'Étape 5 (Déclaration et dépôt) — Déclaration : La déclaration du représentant légal doit être remplie et chaque engagement accepté.',
    ]);
    expect(el.querySelector('[data-testid="missing"] a')?.getAttribute('href')).toBe('#f-summary');
    expect(el.querySelector('[data-testid="save-status"]')?.getAttribute('aria-live')).toBe('polite');
  });

  it('autosaves after a pause and says « Enregistré à … » politely', async () => {
    await open(applicationView());
    jest.useFakeTimers({ now: new Date('2026-11-26T13:32:10Z') });
    const title = el.querySelector<HTMLInputElement>('#f-title');
    if (!title) throw new Error('title');
    title.value = 'Ateliers mobilité et permis';
    title.dispatchEvent(new Event('input'));
    TestBed.tick();
    expect(text('[data-testid="save-status"] span')).toBe('Modifications en attente d’enregistrement…');
    jest.advanceTimersByTime(1500);
    const req = backend.expectOne((r) => r.method === 'PATCH' && r.url === URL);
    expect(req.request.body).toMatchObject({ version: 3, title: 'Ateliers mobilité et permis' });
    TestBed.tick();
    expect(text('[data-testid="save-status"] span')).toBe('Enregistrement…');
    req.flush(applicationView({ version: 4, title: 'Ateliers mobilité et permis', missing: [] }));
    TestBed.tick();
    expect(text('[data-testid="save-status"] span')).toBe('Enregistré à 14:32');
    expect(localStorage.getItem(DRAFT_KEY_PREFIX + ID)).toBeNull();
    expect(text('.submission')).toContain('La candidature est complète');
  });

  it('offers to restore an unsaved local copy, then saves it on the current version', async () => {
    const view = applicationView();
    const local = formValueFromView(view, 'fr');
    local.summary = 'Résumé tapé hors ligne';
    localStorage.setItem(DRAFT_KEY_PREFIX + ID, JSON.stringify({ savedAt: '2026-11-25T17:00:00.000Z', baseVersion: 2, value: local }));
    await open(view);
    const notice = el.querySelector('.local-copy');
    expect(normalizeSpaces(notice?.textContent)).toContain('Une copie non enregistrée de votre saisie (du 25 novembre 2026 à 18:00)');
    jest.useFakeTimers();
    Array.from(notice?.querySelectorAll('button') ?? []).find((b) => b.textContent?.includes('Restaurer'))?.click();
    TestBed.tick();
    expect(el.querySelector<HTMLTextAreaElement>('#f-summary')?.value).toBe('Résumé tapé hors ligne');
    jest.advanceTimersByTime(1500);
    const req = backend.expectOne((r) => r.method === 'PATCH' && r.url === URL);
    expect(req.request.body).toMatchObject({ version: 3, summary: 'Résumé tapé hors ligne' });
    req.flush(applicationView({ version: 4, summary: 'Résumé tapé hors ligne' }));
    expect(localStorage.getItem(DRAFT_KEY_PREFIX + ID)).toBeNull();
  });

  it('drops a local copy identical to the server and offers nothing', async () => {
    const view = applicationView();
    localStorage.setItem(DRAFT_KEY_PREFIX + ID, JSON.stringify({ savedAt: '2026-11-25T17:00:00.000Z', baseVersion: 3, value: formValueFromView(view, 'fr') }));
    await open(view);
    expect(el.querySelector('.local-copy')).toBeNull();
    expect(localStorage.getItem(DRAFT_KEY_PREFIX + ID)).toBeNull();
  });

  it('submits with the version, then shows the reference and the receipt link', async () => {
    await open(applicationView({ missing: [] }));
    el.querySelector<HTMLButtonElement>('[data-testid="submit"]')?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const req = backend.expectOne(`${URL}/submit`);
    expect(req.request.body).toEqual({ version: 3 });
    req.flush(
      applicationView({
        status: 'submitted',
        reference: 'AAP2026-MED-000042',
        version: 4,
        allowedActions: ['withdraw'],
        submittedAt: '2026-11-26T13:40:00.000Z',
        missing: [],
      }),
    );
    TestBed.tick();
    backend.expectOne(`${URL}/messages`).flush([]);
    await fixture.whenStable();
    expect(text('[data-testid="submitted"]')).toContain('Sa référence est AAP2026-MED-000042');
    expect(el.querySelector('[data-testid="receipt-link"]')?.getAttribute('href')).toBe(`${URL}/receipt`);
    expect(el.querySelector('tp-application-wizard')).toBeNull();
    expect(text('[data-testid="reference"]')).toBe('AAP2026-MED-000042');
  });

  it('says why a submission is refused (deadline passed)', async () => {
    await open(applicationView({ missing: [] }));
    el.querySelector<HTMLButtonElement>('[data-testid="submit"]')?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const message = 'Le dépôt des candidatures est clos depuis le 15 décembre 2026 à 17:00 (heure de Paris) : la candidature ne peut plus être déposée.';
    backend.expectOne(`${URL}/submit`).flush({ statusCode: 409, code: 'SUBMISSION_CLOSED', message }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(text('[data-testid="submit-error"]')).toContain(message);
  });

  it('lists every missing item the API names on an incomplete submission', async () => {
    await open(applicationView({ missing: [] }));
    el.querySelector<HTMLButtonElement>('[data-testid="submit"]')?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    backend.expectOne(`${URL}/submit`).flush(
      {
        statusCode: 400,
        code: 'APPLICATION_INCOMPLETE',
        message: 'La candidature est incomplète.',
        details: [
          { field: 'budget[1]', message: 'Budget 2027 non équilibré : charges 10,00 €, produits 0,00 € (écart -10,00 €).' },
          { field: 'documents.bank_details', message: "Pièce obligatoire manquante : relevé d'identité bancaire." },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    backend.expectOne(URL).flush(applicationView());
    await fixture.whenStable();
    const items = Array.from(el.querySelectorAll('tp-error-summary li')).map((li) => normalizeSpaces(li.textContent));
    expect(items).toEqual([
      'Budget 2027 : Budget 2027 non équilibré : charges 10,00 €, produits 0,00 € (écart -10,00 €).',
      "Pièces — Relevé d’identité bancaire (RIB) : Pièce obligatoire manquante : relevé d'identité bancaire.",
    ]);
    expect(el.querySelector('tp-error-summary a')?.getAttribute('href')).toBe('#f-budget-1-charges-c60');
  });

  it('marks the steps with nothing missing as done in the step bar, with a spoken « Étape complète »', async () => {
    await open(
      applicationView({
        missing: [
          { field: 'summary', code: 'REQUIRED' },
          { field: 'documents.statutes', code: 'DOCUMENT_MISSING' },
          { field: 'declaration', code: 'DECLARATION_INCOMPLETE' },
        ],
      }),
    );
    // Step 1 is the current one; the project (2) and the budget (3) have nothing missing.
    const headers = Array.from(el.querySelectorAll('mat-step-header'));
    const done = headers.map((h) => h.querySelector('.mat-step-icon-state-done') !== null);
    expect(done).toEqual([false, true, true, false, false]);
    expect(normalizeSpaces(headers[1]?.textContent)).toContain('Étape complète');
    expect(normalizeSpaces(headers[3]?.textContent)).not.toContain('Étape complète');
    // Material's English hidden texts are replaced by ours.
    expect(el.textContent).not.toContain('Completed');
    expect(el.textContent).not.toContain('Editable');
  });

  it('lists a missing item once on an incomplete submission (in the missing list, not again in the summary), and focuses that list', async () => {
    await open(applicationView({ missing: [] }));
    el.querySelector<HTMLButtonElement>('[data-testid="submit"]')?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    backend.expectOne(`${URL}/submit`).flush(
      {
        statusCode: 400,
        code: 'APPLICATION_INCOMPLETE',
        message: 'La candidature est incomplète.',
        details: [
          { field: 'summary', message: 'À renseigner avant le dépôt.' },
          { field: 'documents.bank_details', message: "Pièce obligatoire manquante : relevé d'identité bancaire." },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    backend.expectOne(URL).flush(
      applicationView({
        missing: [
          { field: 'summary', code: 'REQUIRED' },
          { field: 'documents.bank_details', code: 'DOCUMENT_MISSING' },
        ],
      }),
    );
    await fixture.whenStable();
    const missing = Array.from(el.querySelectorAll('[data-testid="missing"] li')).map((li) => normalizeSpaces(li.textContent));
    expect(missing).toEqual([
      'Étape 1 (Axe et résumé) — Résumé du projet : À renseigner avant le dépôt.',
      "Étape 4 (Pièces) — Pièces — Relevé d’identité bancaire (RIB) : Pièce obligatoire manquante : relevé d’identité bancaire (rib).",
    ]);
    expect(text('[data-testid="missing"] h3')).toBe('Avant de déposer, 2 éléments à compléter');
    expect(el.querySelectorAll('tp-error-summary li')).toHaveLength(0);
    expect(document.activeElement).toBe(el.querySelector('[data-testid="missing"]'));
  });

  it('opens a submitted application read-only, with receipt, withdrawal and messages', async () => {
    await open(
      applicationView({
        status: 'submitted',
        reference: 'AAP2026-MED-000042',
        allowedActions: ['withdraw'],
        unreadMessages: 1,
        documents: [documentView()],
        missing: [],
      }),
    );
    backend.expectOne(`${URL}/messages`).flush([
      {
        id: 'm1',
        authorName: 'Agnès Martin',
        authorRole: 'admin',
        body: 'Merci de préciser les partenaires.',
        createdAt: '2026-11-27T09:00:00.000Z',
        documents: [],
        mine: false,
      },
    ]);
    await fixture.whenStable();
    expect(el.querySelector('tp-application-wizard')).toBeNull();
    expect(el.querySelector('tp-application-content')).not.toBeNull();
    expect(el.querySelector('[data-testid="receipt-link"]')).not.toBeNull();
    expect(text('tp-message-thread')).toContain('Agnès Martin (Administration)');
    expect(text('[data-testid="unread-badge"]')).toBe('1 non lu');
    expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.includes('Retirer ma candidature'))).toBe(true);
  });

  it('shows the information request at the top and offers to send the application again', async () => {
    await open(
      applicationView({
        status: 'information_requested',
        reference: 'AAP2026-MED-000042',
        allowedActions: ['edit', 'resubmit', 'withdraw'],
        openInformationRequest: { id: 'r1', message: 'Précisez le budget 2027.', dueDate: '2026-12-20', createdAt: '2026-12-01T09:00:00.000Z' },
        missing: [],
      }),
    );
    backend.expectOne(`${URL}/messages`).flush([]);
    await fixture.whenStable();
    expect(text('[data-testid="information-request"]')).toContain('Précisez le budget 2027.');
    expect(text('[data-testid="information-request"]')).toContain('À renvoyer avant le 20 décembre 2026');
    expect(text('[data-testid="submit"]')).toContain('Renvoyer ma candidature');
    // The axis is fixed once submitted.
    expect(el.querySelector('#f-axisCode')?.getAttribute('aria-disabled')).toBe('true');
  });

  it('shows an inadmissible application with its reason, the comment and the letter link', async () => {
    await open(
      applicationView({
        status: 'inadmissible',
        reference: 'AAP2026-MED-000042',
        allowedActions: [],
        missing: [],
        admissibility: { admissible: false, reason: 'out_of_scope', comment: 'Le projet ne vise pas les allocataires du RSA.', decidedAt: '2026-12-02T10:00:00.000Z' },
      }),
    );
    backend.expectOne(`${URL}/messages`).flush([]);
    await fixture.whenStable();
    expect(text('[data-testid="inadmissibility"] h2')).toBe('Irrecevable depuis le 2 décembre 2026 — motif : Hors du champ de l’appel à projets.');
    expect(text('[data-testid="inadmissibility"]')).toContain('Le projet ne vise pas les allocataires du RSA.');
    expect(el.querySelector('[data-testid="inadmissibility-letter"]')?.getAttribute('href')).toBe(`${URL}/inadmissibility-letter`);
  });
});

describe('application form conversions', () => {
  it('round-trips the server view through the form value without losing cents', () => {
    const view = applicationView({
      budget: [
        {
          year: 2026,
          charges: { c60: 0, c61: 0, c62: 0, c63: 0, c64: 3_000_055, c65: 0, c66: 0, c67: 0, c68: 0, c86: 0 },
          products: {
            p70: 0, p74State: 0, p74Region: 0, p74Departement: 3_000_055, p74Municipality: 0, p74Europe: 0, p74Other: 0,
            p75: 0, p76: 0, p77: 0, p78: 0, p87: 0,
          },
          otherFunderName: '',
        },
      ],
    });
    const value = formValueFromView(view, 'fr');
    expect(value.budget.map((b) => b.year)).toEqual([2026, 2027, 2028]);
    expect(value.budget[0]?.charges.c64.replace(/\s/g, ' ')).toBe('30 000,55');
    const form = createApplicationForm(view.callYears);
    expect(form.controls.budget.length).toBe(3);
  });
});
