import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { of, Subject, throwError } from 'rxjs';
import { conventionView } from '../../../testing/convention-fixtures';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import type { UploadProgress } from '../../shared/files/files';
import type { ConventionView } from '@tremplin/contracts';
import { SignDialog, type SignDialogData } from './sign-dialog';

describe('SignDialog (association)', () => {
  let fixture: ComponentFixture<SignDialog>;
  let el: HTMLElement;
  let close: jest.Mock;
  let accept: jest.Mock;
  let upload: jest.Mock;
  let uploads: Subject<UploadProgress<ConventionView>>;

  async function open(acceptAnswer: () => unknown = () => of(conventionView())): Promise<void> {
    close = jest.fn();
    accept = jest.fn(acceptAnswer);
    uploads = new Subject();
    upload = jest.fn(() => uploads);
    const data: SignDialogData = { convention: conventionView({ status: 'sent', version: 2 }), accept, upload };
    TestBed.configureTestingModule({
      imports: [SignDialog],
      providers: [provideTestTranslations(), { provide: MAT_DIALOG_DATA, useValue: data }, { provide: MatDialogRef, useValue: { close } }],
    });
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(SignDialog);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    await fixture.whenStable();
  }

  const submit = async () => {
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
  };

  it('prefills the legal representative, requires « J’ai lu et j’accepte… », then sends the acceptance', async () => {
    await open();
    expect((el.querySelector('#sign-signer') as HTMLInputElement).value).toBe('Claire Martin');
    expect(normalizeSpaces(el.querySelector('mat-checkbox label')?.textContent)).toBe(
      'J’ai lu et j’accepte les termes de la convention CONV-2016-0007, au nom de l’association.',
    );
    await submit();
    expect(accept).not.toHaveBeenCalled();
    expect(normalizeSpaces(el.querySelector('#sign-accept-error')?.textContent)).toBe('Cochez la case pour accepter la convention.');
    (el.querySelector('#sign-accept input[type="checkbox"]') as HTMLInputElement).click();
    fixture.detectChanges();
    await submit();
    expect(accept).toHaveBeenCalledWith({ to: 'signed_by_association', method: 'accept', signerName: 'Claire Martin', acceptTerms: true, version: 2 });
    expect(close).toHaveBeenCalled();
  });

  it('uploads the signed scan with a progress bar, and refuses a file that is not a PDF', async () => {
    await open();
    (el.querySelectorAll('mat-radio-button input')[1] as HTMLInputElement).click();
    fixture.detectChanges();
    await submit();
    expect(normalizeSpaces(el.querySelector('.field-error')?.textContent)).toBe('Choisissez le fichier de la convention signée.');

    const input = el.querySelector('#sign-file') as HTMLInputElement;
    const choose = (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      fixture.detectChanges();
    };
    choose(new File(['x'], 'convention.docx'));
    expect(normalizeSpaces(el.querySelector('.field-error')?.textContent)).toBe('Le fichier doit être un PDF.');
    const scan = new File(['%PDF-1.7'], 'convention-signee.pdf', { type: 'application/pdf' });
    choose(scan);
    await submit();
    expect(upload).toHaveBeenCalledWith(scan, 'Claire Martin');
    uploads.next({ done: false, percent: 42 });
    fixture.detectChanges();
    expect(el.querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('42');
    expect(normalizeSpaces(el.querySelector('.upload-text')?.textContent)).toBe('Envoi de « convention-signee.pdf » : 40 %');
    const signed = conventionView({ status: 'signed_by_association' });
    uploads.next({ done: true, percent: 100, result: signed });
    expect(close).toHaveBeenCalledWith(signed);
  });

  it('shows the server’s refusal (a stale version)', async () => {
    await open(() => throwError(() => new HttpErrorResponse({ status: 409, error: { code: 'CONVENTION_STALE', message: 'La convention a changé entre-temps : rechargez la page.' } })));
    (el.querySelector('#sign-accept input[type="checkbox"]') as HTMLInputElement).click();
    fixture.detectChanges();
    await submit();
    expect(normalizeSpaces(el.querySelector('[role="alert"]')?.textContent)).toBe('La convention a changé entre-temps : rechargez la page.');
    expect(close).not.toHaveBeenCalled();
  });
});
