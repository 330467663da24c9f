import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ApplicationView } from '@tremplin/contracts';
import { applicationView } from '../../../testing/application-fixtures';
import { provideTestTranslations } from '../../../testing/test-providers';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { LanguageService } from '../../core/i18n/language.service';
import { createApplicationForm, formValueFromView, patchApplicationForm, type ApplicationForm } from './application-form';
import { DraftAutosave } from './draft-autosave';
import { DRAFT_KEY_PREFIX, DraftStorage } from './draft-storage';

const ID = 'a0000000-0000-4000-8000-000000000001';
const URL = `/api/applications/${ID}`;
const stale = { statusCode: 409, code: 'STALE_VERSION', message: "Ces données ont été modifiées par quelqu'un d'autre entre-temps. Rechargez-les." };

describe('DraftAutosave', () => {
  let autosave: DraftAutosave;
  let backend: HttpTestingController;
  let form: ApplicationForm;
  let saved: ApplicationView[];
  let reloaded: ApplicationView[];

  beforeEach(async () => {
    jest.useFakeTimers();
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        DraftAutosave,
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
      ],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    autosave = TestBed.inject(DraftAutosave);
    const view = applicationView();
    form = createApplicationForm(view.callYears);
    patchApplicationForm(form, formValueFromView(view, 'fr'), view.callYears);
    saved = [];
    reloaded = [];
    autosave.connect({
      id: ID,
      version: 3,
      value: () => form.getRawValue(),
      saved: (v) => saved.push(v),
      reloaded: (v) => {
        reloaded.push(v);
        patchApplicationForm(form, formValueFromView(v, 'fr'), v.callYears);
      },
      invalid: () => undefined,
    });
    form.valueChanges.subscribe(() => autosave.changed());
  });

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
    jest.useRealTimers();
  });

  const localCopy = (): { baseVersion: number; value: { title: string } } | null => {
    const text = localStorage.getItem(DRAFT_KEY_PREFIX + ID);
    return text ? (JSON.parse(text) as { baseVersion: number; value: { title: string } }) : null;
  };

  const patchRequest = (): TestRequest => backend.expectOne((r) => r.method === 'PATCH' && r.url === URL);

  async function settle(): Promise<void> {
    await Promise.resolve();
    jest.advanceTimersByTime(0);
    await Promise.resolve();
  }

  async function clickDialogButton(label: string): Promise<void> {
    const button = Array.from(document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button')).find((b) => b.textContent?.includes(label));
    if (!button) throw new Error(`no dialog button ${label}`);
    button.click();
    for (let i = 0; i < 5; i++) await settle();
  }

  it('keeps a local copy at once and saves ~1.5 s after the last change, with the version read', () => {
    form.controls.title.setValue('Ateliers mobilité solidaire');
    expect(localCopy()?.value.title).toBe('Ateliers mobilité solidaire');
    expect(autosave.status().kind).toBe('pending');

    jest.advanceTimersByTime(1000);
    form.controls.summary.setValue('Des ateliers pour passer le permis.');
    jest.advanceTimersByTime(1499);
    backend.expectNone(URL);

    jest.advanceTimersByTime(1);
    const req = patchRequest();
    expect(req.request.body).toMatchObject({ version: 3, title: 'Ateliers mobilité solidaire', summary: 'Des ateliers pour passer le permis.' });
    expect(autosave.status().kind).toBe('saving');
    expect(localCopy()).not.toBeNull();

    req.flush(applicationView({ version: 4, title: 'Ateliers mobilité solidaire' }));
    expect(localCopy()).toBeNull();
    expect(autosave.status()).toMatchObject({ kind: 'saved', blockedSteps: [] });
    expect(saved.map((v) => v.version)).toEqual([4]);

    // The next save carries the version the server answered.
    form.controls.title.setValue('Ateliers mobilité');
    jest.advanceTimersByTime(1500);
    const next = patchRequest();
    expect(next.request.body.version).toBe(4);
    next.flush(applicationView({ version: 5 }));
  });

  it('keeps the local copy while a change typed during the save is not stored yet', () => {
    form.controls.title.setValue('Version A');
    jest.advanceTimersByTime(1500);
    const first = patchRequest();
    form.controls.title.setValue('Version B');
    first.flush(applicationView({ version: 4 }));
    expect(localCopy()?.value.title).toBe('Version B');
    jest.advanceTimersByTime(1500);
    const second = patchRequest();
    expect(second.request.body).toMatchObject({ version: 4, title: 'Version B' });
    second.flush(applicationView({ version: 5 }));
    expect(localCopy()).toBeNull();
  });

  it('saves at once on flush (step change) and resolves once stored', async () => {
    form.controls.title.setValue('Tout de suite');
    const done = autosave.flush();
    patchRequest().flush(applicationView({ version: 4 }));
    await expect(done).resolves.toBe(true);
    expect(autosave.currentVersion()).toBe(4);
  });

  it('leaves out a part that cannot be sent as typed and keeps it locally', () => {
    form.controls.budget.at(0).controls.charges.controls.c64.setValue('12,345');
    form.controls.title.setValue('Titre valide');
    jest.advanceTimersByTime(1500);
    const req = patchRequest();
    expect(req.request.body.title).toBe('Titre valide');
    expect(req.request.body.budget).toBeUndefined();
    req.flush(applicationView({ version: 4 }));
    expect(autosave.status()).toMatchObject({ kind: 'saved', blockedSteps: [2] });
    expect(localCopy()).not.toBeNull();
  });

  it('on 409 asks what to do; « Garder ma copie » saves the same input over the fresh version', async () => {
    form.controls.title.setValue('Ma version');
    jest.advanceTimersByTime(1500);
    patchRequest().flush(stale, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(autosave.status().kind).toBe('conflict');
    expect(document.querySelector('mat-dialog-container')?.textContent).toContain('Cette candidature a été modifiée ailleurs');
    // Nothing typed is lost while the person decides.
    expect(localCopy()?.value.title).toBe('Ma version');

    await clickDialogButton('Garder ma copie');
    backend.expectOne((r) => r.method === 'GET' && r.url === URL).flush(applicationView({ version: 7, title: 'Leur version' }));
    const resave = patchRequest();
    expect(resave.request.body).toMatchObject({ version: 7, title: 'Ma version' });
    expect(localCopy()?.value.title).toBe('Ma version');
    resave.flush(applicationView({ version: 8, title: 'Ma version' }));
    expect(localCopy()).toBeNull();
    expect(form.controls.title.value).toBe('Ma version');
  });

  it('on 409, « Recharger » puts the stored version in the form and drops the local copy', async () => {
    form.controls.title.setValue('Ma version');
    jest.advanceTimersByTime(1500);
    patchRequest().flush(stale, { status: 409, statusText: 'Conflict' });
    await settle();
    await clickDialogButton('Recharger la version enregistrée');
    backend.expectOne((r) => r.method === 'GET' && r.url === URL).flush(applicationView({ version: 7, title: 'Leur version' }));
    expect(reloaded.map((v) => v.version)).toEqual([7]);
    expect(form.controls.title.value).toBe('Leur version');
    expect(localCopy()).toBeNull();
    expect(autosave.status().kind).toBe('reloaded');
    // Reloading is not a change: nothing is saved back.
    jest.advanceTimersByTime(3000);
    backend.expectNone(URL);
    expect(autosave.currentVersion()).toBe(7);
  });

  it('on a network failure keeps the copy and says so; « Réessayer » sends it again', () => {
    form.controls.title.setValue('Hors ligne');
    jest.advanceTimersByTime(1500);
    patchRequest().error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    expect(autosave.status()).toMatchObject({ kind: 'error' });
    expect(localCopy()?.value.title).toBe('Hors ligne');
    autosave.retry();
    const again = patchRequest();
    expect(again.request.body).toMatchObject({ version: 3, title: 'Hors ligne' });
    again.flush(applicationView({ version: 4 }));
    expect(localCopy()).toBeNull();
  });

  it('stores copies per application', () => {
    const storage = TestBed.inject(DraftStorage);
    form.controls.title.setValue('Copie A');
    expect(storage.read(ID)?.value.title).toBe('Copie A');
    expect(storage.read('autre')).toBeNull();
    jest.advanceTimersByTime(1500);
    patchRequest().flush(applicationView({ version: 4 }));
  });
});
