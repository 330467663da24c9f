import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { CallSummaryView, ConventionSessionView } from '@tremplin/contracts';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { GenerateDialog, type GenerateDialogData } from './generate-dialog';

const CALL = { id: 'c1', code: 'AAP-NORD-2016', title: 'Appel 2016', years: [2016, 2017, 2018], axes: [] } as unknown as CallSummaryView;
const SESSIONS: ConventionSessionView[] = [
  {
    id: 's-innov', callId: 'c1', axisCode: 'INNOVATION', axisLabelFr: 'Innovation', axisLabelEn: 'Innovation', sitsOn: '2016-09-12',
    deliberationReference: 'CP 2016-402', retainedCount: 1, withoutConventionCount: 1,
  },
  {
    id: '7f3c2a10-5b7e-4c1d-9a2b-0c1d2e3f4a5b', callId: 'c1', axisCode: 'MEDIATION', axisLabelFr: 'Médiation', axisLabelEn: 'Mediation',
    sitsOn: '2016-06-27', deliberationReference: 'CP 2016-315', retainedCount: 3, withoutConventionCount: 2,
  },
];

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

  const options = () => Array.from(document.querySelectorAll('mat-option')).map((o) => normalizeSpaces(o.textContent));

  it('lists the chosen call\'s published sessions from the conventions API (finance has no committee right), generates, says how many', async () => {
    await open({ calls: [CALL], callId: 'c1' });
    const req = backend.expectOne((r) => r.url === '/api/conventions/sessions');
    expect(req.request.params.get('callId')).toBe('c1');
    backend.expectNone('/api/calls/c1/committee-sessions');
    req.flush(SESSIONS);
    fixture.detectChanges();
    expect(el.querySelector('#generate-session-id')).toBeNull();
    (el.querySelector('#generate-session .mat-mdc-select-trigger') as HTMLElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(options()).toEqual([
      'Innovation — séance du 12 septembre 2016, délibération CP 2016-402 (1 retenu(s), 1 sans convention)',
      'Médiation — séance du 27 juin 2016, délibération CP 2016-315 (3 retenu(s), 2 sans convention)',
    ]);
    (document.querySelectorAll('mat-option')[1] as HTMLElement).click();
    fixture.detectChanges();
    await submit();
    const batch = backend.expectOne('/api/conventions/batch');
    expect(batch.request.method).toBe('POST');
    expect(batch.request.body).toEqual({ sessionId: '7f3c2a10-5b7e-4c1d-9a2b-0c1d2e3f4a5b' });
    batch.flush({ created: [{}, {}], alreadyCreated: 1 });
    fixture.detectChanges();
    expect(normalizeSpaces(el.querySelector('[role="status"]')?.textContent)).toBe('2 convention(s) créée(s) ; 1 existaient déjà.');
    expect(el.querySelector('button[type="submit"]')).toBeNull();
  });

  it('without a chosen session, generates nothing; a call without published sessions says so', async () => {
    await open({ calls: [CALL], callId: 'c1' });
    backend.expectOne((r) => r.url === '/api/conventions/sessions' && r.params.get('callId') === 'c1').flush([]);
    fixture.detectChanges();
    expect(normalizeSpaces(el.querySelector('mat-hint')?.textContent)).toBe('Aucune séance publiée pour cet appel.');
    await submit();
    backend.expectNone('/api/conventions/batch');
    expect(normalizeSpaces(el.querySelector('mat-error')?.textContent)).toBe('Ce champ est obligatoire.');
  });
});
