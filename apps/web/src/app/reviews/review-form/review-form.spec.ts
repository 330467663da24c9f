import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { ApplicationReviewsView, ReviewQueueItemView, ReviewView } from '@tremplin/contracts';
import { applicationView } from '../../../testing/application-fixtures';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { LanguageService } from '../../core/i18n/language.service';
import { ReviewForm } from './review-form';

const ASSIGNMENT = 'r0000000-0000-4000-8000-000000000001';
const APP = 'a0000000-0000-4000-8000-000000000001';

function reviewView(overrides: Partial<ReviewView> = {}): ReviewView {
  return {
    assignmentId: ASSIGNMENT,
    applicationId: APP,
    callId: 'c0000000-0000-4000-8000-000000000001',
    reference: 'AAP-2026-0001',
    title: 'Ateliers mobilité',
    organizationName: 'Association Essor',
    axisCode: 'MEDIATION',
    axisLabelFr: 'Médiation',
    axisLabelEn: 'Mediation',
    dueOn: '2026-12-20',
    status: 'none',
    criteria: [
      { code: 'PERTINENCE', labelFr: 'Pertinence', labelEn: 'Relevance', description: 'Diagnostic du territoire.', weight: 30, maxScore: 5 },
      { code: 'ACCOMPAGNEMENT', labelFr: 'Accompagnement', labelEn: 'Support', description: '', weight: 25, maxScore: 5 },
      { code: 'CAPACITE', labelFr: 'Capacité', labelEn: 'Capacity', description: '', weight: 15, maxScore: 5 },
      { code: 'PARTENARIATS', labelFr: 'Partenariats', labelEn: 'Partnerships', description: '', weight: 15, maxScore: 5 },
      { code: 'EFFICIENCE', labelFr: 'Efficience', labelEn: 'Cost-efficiency', description: '', weight: 15, maxScore: 5 },
    ],
    years: [
      { year: 2026, requestedCents: 2_500_000, recommendedCents: null },
      { year: 2027, requestedCents: 2_000_000, recommendedCents: null },
    ],
    scores: {},
    comments: {},
    generalComment: '',
    opinion: null,
    total: null,
    submittedAt: null,
    revision: 0,
    version: 1,
    locked: false,
    ...overrides,
  };
}

const reviewsView = (): ApplicationReviewsView => ({
  applicationId: APP, criteria: reviewView().criteria, expectedCount: 2, submittedCount: 1, hiddenCount: 1, consolidated: null, reviews: [],
});

describe('ReviewForm', () => {
  let fixture: ComponentFixture<ReviewForm>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  async function open(review: ReviewView): Promise<void> {
    fixture = TestBed.createComponent(ReviewForm);
    fixture.componentRef.setInput('assignmentId', ASSIGNMENT);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    backend.expectOne(`/api/assignments/${ASSIGNMENT}/review`).flush(review);
    // The page then reads the application, its versions and its reviews (pending until answered).
    const seen = new Set<string>();
    for (let round = 0; round < 5; round++) {
      TestBed.tick();
      fixture.detectChanges();
      for (const req of backend.match((r) => r.method === 'GET')) {
        seen.add(req.request.url);
        if (req.request.url === `/api/applications/${APP}`) req.flush(applicationView({ status: 'under_review', reference: 'AAP-2026-0001', submittedVersion: 1 }));
        else if (req.request.url === `/api/applications/${APP}/versions`) req.flush([]);
        else if (req.request.url === `/api/applications/${APP}/reviews`) req.flush(reviewsView());
        else req.flush({}, { status: 404, statusText: 'Not Found' });
      }
    }
    expect([...seen].filter((url) => url.startsWith('/api/applications/')).sort()).toEqual([
      `/api/applications/${APP}`, `/api/applications/${APP}/reviews`, `/api/applications/${APP}/versions`,
    ]);
    await settle();
  }

  async function settle(): Promise<void> {
    TestBed.tick();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  async function type(id: string, value: string): Promise<void> {
    const input = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`);
    if (!input) throw new Error(`no #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  }

  const totalText = () => normalizeSpaces(el.querySelector('.review-total')?.textContent);
  const summary = () => Array.from(el.querySelectorAll('tp-error-summary li')).map((li) => normalizeSpaces(li.textContent));
  const button = (label: string) => Array.from(el.querySelectorAll('button')).find((b) => normalizeSpaces(b.textContent) === label) as HTMLButtonElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ReviewForm],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  it('shows each criterion with its weight and scale, and updates the weighted total out of 100 as scores are typed', async () => {
    await open(reviewView());
    const legends = Array.from(el.querySelectorAll('fieldset.criterion legend')).map((l) => normalizeSpaces(l.textContent));
    expect(legends).toEqual(['Pertinence — pondération 30', 'Accompagnement — pondération 25', 'Capacité — pondération 15', 'Partenariats — pondération 15', 'Efficience — pondération 15']);
    expect(normalizeSpaces(el.querySelector('#score-PERTINENCE')?.closest('mat-form-field')?.querySelector('mat-label')?.textContent)).toBe('Note (0 à 5)');
    expect(normalizeSpaces(el.querySelector('#desc-PERTINENCE')?.textContent)).toBe('Diagnostic du territoire.');
    expect(totalText()).toBe('Note pondérée : Notez chaque critère pour obtenir la note pondérée sur 100.');

    // 30·4/5 + 25·3/5 + 15·5/5 + 15·2/5 + 15·4/5 = 24 + 15 + 15 + 6 + 12 = 72
    await type('score-PERTINENCE', '4');
    await type('score-ACCOMPAGNEMENT', '3');
    await type('score-CAPACITE', '5');
    await type('score-PARTENARIATS', '2');
    expect(totalText()).toBe('Note pondérée : Notez chaque critère pour obtenir la note pondérée sur 100.');
    await type('score-EFFICIENCE', '4');
    expect(totalText()).toBe('Note pondérée : 72,00 / 100');
    // 24 → 18 on the first criterion: 66
    await type('score-PERTINENCE', '3');
    expect(totalText()).toBe('Note pondérée : 66,00 / 100');
    // Out of scale: no total.
    await type('score-CAPACITE', '6');
    expect(totalText()).toBe('Note pondérée : Notez chaque critère pour obtenir la note pondérée sur 100.');
  });

  it('asks for a comment on a bottom-quarter score and refuses to submit an incomplete review, naming each field (nothing sent)', async () => {
    await open(reviewView());
    expect(el.querySelector('.needed')).toBeNull();
    await type('score-PARTENARIATS', '1');
    expect(normalizeSpaces(el.querySelector('.needed')?.textContent)).toBe('Commentaire obligatoire : la note est dans le quart inférieur de l’échelle.');
    await type('score-PARTENARIATS', '2');
    expect(el.querySelector('.needed')).toBeNull();
    await type('score-PARTENARIATS', '1');

    button('Transmettre l’évaluation').click();
    await settle();
    expect(summary()).toEqual([
      'Pertinence : Notez ce critère.',
      'Accompagnement : Notez ce critère.',
      'Capacité : Notez ce critère.',
      'Commentaire — Partenariats : Commentaire obligatoire pour une note dans le quart inférieur (1 sur 5).',
      'Efficience : Notez ce critère.',
      'Avis global : Donnez un avis global.',
      'Montant recommandé 2026 : Indiquez le montant recommandé pour 2026.',
      'Montant recommandé 2027 : Indiquez le montant recommandé pour 2027.',
    ]);
    backend.expectNone((r) => r.method !== 'GET');
  });

  it('refuses a recommended amount above the request, then saves the draft as typed', async () => {
    await open(reviewView());
    await type('score-PERTINENCE', '4');
    await type('recommended-2026', '25 000,01');
    button('Enregistrer le brouillon').click();
    await settle();
    expect(summary()).toEqual(['Montant recommandé 2026 : Le montant recommandé pour 2026 ne peut pas dépasser la demande (25 000,00 €).']);
    backend.expectNone((r) => r.method === 'PUT');

    await type('recommended-2026', '20 000');
    await type('comment-PERTINENCE', 'Diagnostic solide.');
    button('Enregistrer le brouillon').click();
    await settle();
    expect(summary()).toEqual([]);
    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === `/api/assignments/${ASSIGNMENT}/review`);
    expect(put.request.body).toEqual({
      version: 1,
      scores: { PERTINENCE: 4, ACCOMPAGNEMENT: null, CAPACITE: null, PARTENARIATS: null, EFFICIENCE: null },
      comments: { PERTINENCE: 'Diagnostic solide.' },
      opinion: null,
      generalComment: '',
      recommended: [{ year: 2026, amountCents: 2_000_000 }, { year: 2027, amountCents: null }],
    });
    put.flush(reviewView({ status: 'draft', version: 2, scores: { PERTINENCE: 4 } }));
    await settle();
    expect(normalizeSpaces(el.querySelector('.meta .status')?.textContent)).toBe('Brouillon enregistré');
  });

  it('after submission: shows the total, asks a reason for any change, and sends it', async () => {
    const submitted = reviewView({
      status: 'submitted', version: 4, total: 72, submittedAt: '2026-11-28T10:00:00.000Z', opinion: 'favourable',
      scores: { PERTINENCE: 4, ACCOMPAGNEMENT: 3, CAPACITE: 5, PARTENARIATS: 2, EFFICIENCE: 4 },
      years: [{ year: 2026, requestedCents: 2_500_000, recommendedCents: 2_000_000 }, { year: 2027, requestedCents: 2_000_000, recommendedCents: 2_000_000 }],
    });
    await open(submitted);
    expect(totalText()).toBe('Note pondérée : 72,00 / 100');
    expect(button('Enregistrer le brouillon')).toBeUndefined();
    await type('score-PERTINENCE', '5');
    expect(totalText()).toBe('Note pondérée : 78,00 / 100');
    button('Enregistrer la modification').click();
    await settle();
    expect(summary()).toEqual(['Motif de la modification : Indiquez le motif de la modification.']);
    backend.expectNone((r) => r.method === 'PUT');

    await type('reason', 'Pièces complémentaires lues.');
    button('Enregistrer la modification').click();
    await settle();
    const put = backend.expectOne((r) => r.method === 'PUT');
    expect(put.request.body).toMatchObject({ version: 4, reason: 'Pièces complémentaires lues.', scores: { PERTINENCE: 5 }, opinion: 'favourable' });
    put.flush({ ...submitted, version: 5, revision: 1, total: 78 });
    TestBed.tick();
    fixture.detectChanges();
    // The panel reloads the reviews after a change.
    backend.expectOne(`/api/applications/${APP}/reviews`).flush(reviewsView());
    await settle();
    expect(normalizeSpaces(el.textContent)).toContain('Modifiée 1 fois après transmission.');
  });

  it('locks the form when the committee session is open', async () => {
    await open(reviewView({ locked: true, status: 'draft' }));
    expect(normalizeSpaces(el.querySelector('.notice.warn')?.textContent)).toBe('La commission de cet axe est ouverte ou a statué : les notes sont verrouillées.');
    expect(el.querySelector<HTMLInputElement>('#score-PERTINENCE')?.disabled).toBe(true);
    expect(button('Transmettre l’évaluation')).toBeUndefined();
  });
  describe('a conflict of interest found after accepting', () => {
    const dialog = () => document.querySelector('tp-late-conflict-dialog') as HTMLElement | null;
    const dialogButton = (label: string) => Array.from(dialog()?.querySelectorAll<HTMLButtonElement>('button') ?? []).find((b) => normalizeSpaces(b.textContent) === label);
    /** HTTP results resume subscribers in a macrotask; then render. */
    const flushUi = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      fixture.detectChanges();
      TestBed.tick();
      await new Promise((resolve) => setTimeout(resolve, 0));
      fixture.detectChanges();
    };
    const recused = (): ReviewQueueItemView => ({
      id: ASSIGNMENT, status: 'recused', dueOn: '2026-12-20', overdue: false, callId: 'c0000000-0000-4000-8000-000000000001', callTitle: 'Insertion 2027',
      axisCode: 'MEDIATION', axisLabel: 'Médiation', title: 'Ateliers mobilité', organizationName: 'Association Essor', applicationId: null, reference: null, reviewStatus: 'submitted',
    });
    const submittedReview = () => reviewView({
      status: 'submitted', version: 4, total: 72, submittedAt: '2026-11-28T10:00:00.000Z', opinion: 'favourable',
      scores: { PERTINENCE: 4, ACCOMPAGNEMENT: 3, CAPACITE: 5, PARTENARIATS: 2, EFFICIENCE: 4 },
    });

    async function chooseKind(label: string): Promise<void> {
      dialog()?.querySelector<HTMLElement>('#late-conflict-kind .mat-mdc-select-trigger')?.click();
      await flushUi();
      Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) => normalizeSpaces(o.textContent) === label)?.click();
      await flushUi();
    }

    async function typeReason(value: string): Promise<void> {
      const reason = dialog()?.querySelector<HTMLTextAreaElement>('#late-conflict-reason');
      if (!reason) throw new Error('no reason field');
      reason.value = value;
      reason.dispatchEvent(new Event('input'));
      await flushUi();
    }

    async function openDialog(): Promise<void> {
      el.querySelector<HTMLButtonElement>('[data-testid="declare-conflict"]')?.click();
      await flushUi();
      expect(dialog()).not.toBeNull();
    }

    it('on a submitted review: says what happens, requires the kind and a written reason, sends them, then goes back to the queue', async () => {
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
      await open(submittedReview());
      await openDialog();
      // Focus on the dialog's title first, so that what follows is read before choosing.
      expect(document.activeElement?.textContent?.trim()).toBe('Déclarer un conflit d’intérêts ?');
      expect(Array.from(dialog()?.querySelectorAll('[data-testid="conflict-consequences"] li') ?? []).map((li) => normalizeSpaces(li.textContent))).toEqual([
        'votre évaluation transmise est retirée de la note consolidée de la candidature ;',
        'la candidature est confiée à un autre évaluateur ;',
        'vous n’avez plus accès à la candidature, ni à ses évaluations ;',
        'le lien est ajouté à vos liens déclarés : vous quittez aussi vos autres évaluations non transmises de cette organisation.',
      ]);

      // Nothing chosen: the kind is named and focused, nothing is sent.
      dialogButton('Déclarer le conflit')?.click();
      await flushUi();
      expect(Array.from(dialog()?.querySelectorAll('mat-error') ?? []).map((e) => normalizeSpaces(e.textContent))).toEqual([
        'Choisissez la nature du lien.', 'Indiquez le motif du conflit.',
      ]);
      expect(document.activeElement?.closest('#late-conflict-kind')).not.toBeNull();
      backend.expectNone(`/api/assignments/${ASSIGNMENT}/conflict`);

      // A kind, but a blank reason: the reason is required, and focused.
      await chooseKind('Salarié');
      await typeReason('   ');
      dialogButton('Déclarer le conflit')?.click();
      await flushUi();
      expect(Array.from(dialog()?.querySelectorAll('mat-error') ?? []).map((e) => normalizeSpaces(e.textContent))).toEqual(['Indiquez le motif du conflit.']);
      expect(document.activeElement?.id).toBe('late-conflict-reason');
      backend.expectNone(`/api/assignments/${ASSIGNMENT}/conflict`);

      await typeReason('  Mon frère est entré au bureau de l’association.  ');
      dialogButton('Déclarer le conflit')?.click();
      await flushUi();
      const post = backend.expectOne(`/api/assignments/${ASSIGNMENT}/conflict`);
      expect(post.request.method).toBe('POST');
      expect(post.request.body).toEqual({ kind: 'employee', comment: 'Mon frère est entré au bureau de l’association.' });
      expect(navigate).not.toHaveBeenCalled();
      post.flush({ assignment: recused(), reassigned: true });
      await flushUi();
      expect(dialog()).toBeNull();
      expect(navigate).toHaveBeenCalledWith(['/evaluations']);
    });

    it('shows the API’s 409 in French in the dialog, focused, and stays on the page', async () => {
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
      await open(submittedReview());
      await openDialog();
      await chooseKind('Proche d’un responsable');
      await typeReason('Ma cousine préside l’association.');
      dialogButton('Déclarer le conflit')?.click();
      await flushUi();
      const post = backend.expectOne(`/api/assignments/${ASSIGNMENT}/conflict`);
      expect(post.request.headers.get('Accept-Language')).toBe('fr');
      expect(post.request.body).toEqual({ kind: 'relative', comment: 'Ma cousine préside l’association.' });
      post.flush(
        {
          statusCode: 409, code: 'CONFLICT_DECLARATION_CLOSED',
          message: 'La commission de cet axe est ouverte ou a statué : un conflit d’intérêts ne peut plus être déclaré sur une évaluation remise. Signalez-le au service instructeur.',
        },
        { status: 409, statusText: 'Conflict' },
      );
      await flushUi();
      const error = dialog()?.querySelector<HTMLElement>('[data-testid="conflict-error"]');
      expect(normalizeSpaces(error?.textContent)).toBe(
        'La commission de cet axe est ouverte ou a statué : un conflit d’intérêts ne peut plus être déclaré sur une évaluation remise. Signalez-le au service instructeur.',
      );
      expect(error?.getAttribute('role')).toBe('alert');
      expect(document.activeElement).toBe(error);
      expect(dialogButton('Déclarer le conflit')?.disabled).toBe(false);
      expect(navigate).not.toHaveBeenCalled();
    });

    it('on a draft: says the draft is not submitted; once the committee sits, a submitted review offers no declaration', async () => {
      await open(reviewView({ status: 'draft', version: 2 }));
      await openDialog();
      expect(normalizeSpaces(dialog()?.querySelector('[data-testid="conflict-consequences"] li')?.textContent)).toBe('votre brouillon d’évaluation n’est pas transmis ;');
      dialogButton('Annuler')?.click();
      await flushUi();
      expect(dialog()).toBeNull();
      backend.expectNone(`/api/assignments/${ASSIGNMENT}/conflict`);

      fixture.destroy();
      await open(reviewView({ ...submittedReview(), locked: true }));
      expect(el.querySelector('[data-testid="declare-conflict"]')).toBeNull();
      expect(normalizeSpaces(el.querySelector('[data-testid="conflict-closed"]')?.textContent)).toBe(
        'La commission de cet axe est ouverte ou a statué : un conflit d’intérêts ne peut plus être déclaré sur cette évaluation transmise. Signalez-le au service instructeur.',
      );
    });
  });
});
