import { HttpEventType, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DocumentView } from '@tremplin/contracts';
import { documentView } from '../../../testing/application-fixtures';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { LanguageService } from '../../core/i18n/language.service';
import { DocumentsStep } from './documents-step';

const ID = 'a0000000-0000-4000-8000-000000000001';

describe('DocumentsStep', () => {
  let fixture: ComponentFixture<DocumentsStep>;
  let el: HTMLElement;
  let backend: HttpTestingController;
  let emitted: DocumentView[][];

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [DocumentsStep],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DocumentsStep);
    fixture.componentRef.setInput('applicationId', ID);
    fixture.componentRef.setInput('documents', [documentView({ kind: 'officers', fileName: 'bureau.pdf' })]);
    fixture.componentRef.setInput('lang', 'fr');
    emitted = [];
    fixture.componentInstance.documentsChange.subscribe((list) => emitted.push(list));
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const row = (kind: string): HTMLElement => {
    const found = el.querySelector<HTMLElement>(`[data-testid="doc-row-${kind}"]`);
    if (!found) throw new Error(kind);
    return found;
  };

  function choose(kind: string, file: File): void {
    const input = el.querySelector<HTMLInputElement>(`#f-documents-${kind}`);
    if (!input) throw new Error(kind);
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
  }

  const pdf = (name = 'statuts.pdf', size = 2048): File => {
    const file = new File(['%PDF-1.7'], name, { type: 'application/pdf' });
    Object.defineProperty(file, 'size', { value: size });
    return file;
  };

  it('has a labelled, keyboard-reachable file input per document kind, with the accepted types', () => {
    const inputs = Array.from(el.querySelectorAll<HTMLInputElement>('input[type="file"]'));
    expect(inputs.map((i) => i.id)).toEqual([
      'f-documents-statutes',
      'f-documents-officers',
      'f-documents-bank_details',
      'f-documents-activity_report',
      'f-documents-accounts',
      'f-documents-budget',
      'f-documents-other',
    ]);
    expect(inputs[0]?.getAttribute('accept')).toBe('.pdf,.png,.jpg,.jpeg,.xlsx,.docx,.odt');
    expect(el.querySelector('label[for="f-documents-statutes"]')?.textContent).toContain('Ajouter un fichier — Statuts');
    expect(normalizeSpaces(row('officers').textContent)).toContain('bureau.pdf');
    expect(normalizeSpaces(row('officers').textContent)).toContain('Fournie');
    expect(normalizeSpaces(row('statutes').textContent)).toContain('Obligatoire, manquante');
  });

  it('shows the upload progress, announced, then lists the file', async () => {
    choose('statutes', pdf());
    const req = backend.expectOne(`/api/applications/${ID}/documents`);
    expect(req.request.method).toBe('POST');
    expect(req.request.reportProgress).toBe(true);
    const body = req.request.body as FormData;
    expect(body.get('kind')).toBe('statutes');
    expect((body.get('file') as File).name).toBe('statuts.pdf');

    req.event({ type: HttpEventType.Sent });
    req.event({ type: HttpEventType.UploadProgress, loaded: 45, total: 100 });
    await fixture.whenStable();
    const bar = row('statutes').querySelector('mat-progress-bar');
    expect(bar?.getAttribute('aria-valuenow')).toBe('45');
    expect(bar?.getAttribute('aria-label')).toBe('Envoi de statuts.pdf');
    expect(normalizeSpaces(row('statutes').querySelector('[aria-live="polite"]')?.textContent)).toBe('Envoi de « statuts.pdf » : 40 %');

    req.event({ type: HttpEventType.UploadProgress, loaded: 100, total: 100 });
    await fixture.whenStable();
    // Not 100 % before the server has accepted the file.
    expect(row('statutes').querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('99');

    const uploaded = documentView({ id: 'd2', kind: 'statutes', fileName: 'statuts.pdf' });
    req.flush(uploaded);
    await fixture.whenStable();
    expect(row('statutes').querySelector('mat-progress-bar')).toBeNull();
    expect(emitted.at(-1)?.map((d) => d.fileName)).toEqual(['bureau.pdf', 'statuts.pdf']);
    expect(normalizeSpaces(row('statutes').querySelector('[role="status"]')?.textContent)).toContain('« statuts.pdf » a été déposé.');
  });

  it('refuses a file over 10 MB before sending it', async () => {
    choose('budget', pdf('budget.pdf', 10 * 1024 * 1024 + 1));
    backend.expectNone(`/api/applications/${ID}/documents`);
    await fixture.whenStable();
    expect(normalizeSpaces(row('budget').querySelector('[role="alert"]')?.textContent)).toContain('« budget.pdf » est trop volumineux : 10 Mo au plus par fichier.');
  });

  it("shows the API's refusal (415, 413) on the row", async () => {
    choose('accounts', pdf('comptes.pdf'));
    backend.expectOne(`/api/applications/${ID}/documents`).flush(
      {
        statusCode: 415,
        code: 'UNSUPPORTED_FILE_TYPE',
        message: 'Type de fichier refusé. Formats acceptés : PDF, PNG, JPEG, XLSX (Excel), DOCX (Word) et ODT (LibreOffice).',
      },
      { status: 415, statusText: 'Unsupported Media Type' },
    );
    await fixture.whenStable();
    expect(row('accounts').querySelector('[role="alert"]')?.textContent).toContain('Type de fichier refusé.');
    expect(row('accounts').querySelector('input[type="file"]')?.getAttribute('aria-describedby')).toContain('f-documents-accounts-error');
    expect(emitted).toEqual([]);

    choose('accounts', pdf('comptes.pdf'));
    backend
      .expectOne(`/api/applications/${ID}/documents`)
      .flush({ statusCode: 413, code: 'FILE_TOO_LARGE', message: 'Fichier trop volumineux : 10 Mo au maximum par document.' }, { status: 413, statusText: 'Payload Too Large' });
    await fixture.whenStable();
    expect(row('accounts').querySelector('[role="alert"]')?.textContent).toContain('Fichier trop volumineux');
  });
});
