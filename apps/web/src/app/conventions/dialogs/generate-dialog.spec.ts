import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { CallSummaryView, CommitteeSessionView } from '@tremplin/contracts';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { GenerateDialog, type GenerateDialogData } from './generate-dialog';

const CALL = { id: 'c1', code: 'AAP-NORD-2016', title: 'Appel 2016', years: [2016, 2017, 2018], axes: [] } as unknown as CallSummaryView;
const session = (id: string, status: 'open' | 'published', retained: number): CommitteeSessionView => ({
  id, callId: 'c1', axisCode: 'MEDIATION', sitsOn: '2016-03-21', deliberationReference: 'CP-2016-03-21', status,
  openedAt: '2016-03-21T08:00:00.000Z', publishedAt: status === 'published' ? '2016-03-22T08:00:00.000Z' : null, version: 1,
  counts: { retained, waitlisted: 0, rejected: 0 },
});

describe('GenerateDialog', () => {
  let fixture: ComponentFixture<GenerateDialog>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  async function open(data: GenerateDialogData): Promise<void> {
    TestBed.configureTestingModule({
      imports: [GenerateDialog],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations(), { provide: MAT_DIALOG_DATA, useValue: data }],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(GenerateDialog);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  afterEach(() => backend.verify());

  const submit = async () => {
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
  };

  it('offers the published sessions of the chosen call, generates, and says how many were created', async () => {
    await open({ calls: [CALL], callId: 'c1', canListSessions: true });
    backend.expectOne('/api/calls/c1/committee-sessions').flush([session('s-open', 'open', 4), session('s-pub', 'published', 3)]);
    fixture.detectChanges();
    const component = fixture.componentInstance as unknown as { sessions: () => CommitteeSessionView[]; sessionId: { setValue(v: string): void } };
    expect(component.sessions().map((s) => s.id)).toEqual(['s-pub']);
    await submit();
    backend.expectNone('/api/conventions/batch');
    component.sessionId.setValue('7f3c2a10-5b7e-4c1d-9a2b-0c1d2e3f4a5b');
    await submit();
    const req = backend.expectOne('/api/conventions/batch');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ sessionId: '7f3c2a10-5b7e-4c1d-9a2b-0c1d2e3f4a5b' });
    req.flush({ created: [{}, {}], alreadyCreated: 1 });
    fixture.detectChanges();
    expect(normalizeSpaces(el.querySelector('[role="status"]')?.textContent)).toBe('2 convention(s) créée(s) ; 1 existaient déjà.');
    expect(el.querySelector('button[type="submit"]')).toBeNull();
  });

  it('without committee rights, asks for the session identifier instead of listing sessions', async () => {
    await open({ calls: [CALL], callId: 'c1', canListSessions: false });
    backend.expectNone('/api/calls/c1/committee-sessions');
    const input = el.querySelector('#generate-session-id') as HTMLInputElement;
    input.value = 'pas-un-identifiant';
    input.dispatchEvent(new Event('input'));
    await submit();
    backend.expectNone('/api/conventions/batch');
    expect(normalizeSpaces(el.querySelector('mat-error')?.textContent)).toBe('Valeur invalide.');
  });
});
