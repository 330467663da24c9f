import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { of, throwError } from 'rxjs';
import { conventionView } from '../../../testing/convention-fixtures';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { TransitionDialog, type TransitionDialogData } from './transition-dialog';

describe('TransitionDialog', () => {
  let fixture: ComponentFixture<TransitionDialog>;
  let el: HTMLElement;
  let close: jest.Mock;
  let save: jest.Mock;

  async function open(action: TransitionDialogData['action'], answer: () => unknown = () => of(conventionView())): Promise<void> {
    close = jest.fn();
    save = jest.fn(answer);
    const data: TransitionDialogData = { action, number: 'CONV-2016-0007', paidCents: 1_500_000, save };
    TestBed.configureTestingModule({
      imports: [TransitionDialog],
      providers: [provideTestTranslations(), { provide: MAT_DIALOG_DATA, useValue: data }, { provide: MatDialogRef, useValue: { close } }],
    });
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(TransitionDialog);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    await fixture.whenStable();
  }

  const type = (selector: string, value: string) => {
    const input = el.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };
  const submit = async () => {
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const errors = () => Array.from(el.querySelectorAll('mat-error')).map((e) => normalizeSpaces(e.textContent));

  it('the Département signs with the deliberation reference (required)', async () => {
    await open('sign_by_department');
    expect(normalizeSpaces(el.querySelector('h2')?.textContent)).toBe('Signer la convention CONV-2016-0007 pour le Département');
    await submit();
    expect(save).not.toHaveBeenCalled();
    expect(errors()).toEqual(['Ce champ est obligatoire.']);
    type('#transition-deliberation', ' CP-2016-04-12 ');
    await submit();
    expect(save).toHaveBeenCalledWith({ to: 'signed_by_department', deliberationReference: 'CP-2016-04-12' });
    expect(close).toHaveBeenCalled();
  });

  it('terminates with a reason and a recovery never above what was paid, sent in cents', async () => {
    await open('terminate');
    type('#transition-reason', 'Projet abandonné en cours d’année');
    type('#transition-recovery', '15 000,01');
    await submit();
    expect(save).not.toHaveBeenCalled();
    expect(errors()).toEqual(['Le montant à reverser dépasse ce qui a été versé.']);
    type('#transition-recovery', '4 000,50');
    await submit();
    expect(save).toHaveBeenCalledWith({ to: 'terminated', reason: 'Projet abandonné en cours d’année', recoveryCents: 400_050 });
  });

  it('sends a plain action with the target status only, and shows an illegal transition’s 409', async () => {
    const conflict = new HttpErrorResponse({ status: 409, error: { code: 'ILLEGAL_TRANSITION', message: 'Transition impossible : la convention est déjà active.' } });
    await open('activate', () => throwError(() => conflict));
    await submit();
    expect(save).toHaveBeenCalledWith({ to: 'active' });
    expect(normalizeSpaces(el.querySelector('[role="alert"]')?.textContent)).toBe('Transition impossible : la convention est déjà active.');
    expect(close).not.toHaveBeenCalled();
  });

  it('marks the field the server names (400)', async () => {
    const invalid = new HttpErrorResponse({
      status: 400,
      error: { code: 'VALIDATION_FAILED', message: 'Données invalides.', details: [{ field: 'reason', message: 'Le motif est trop court.' }] },
    });
    await open('suspend', () => throwError(() => invalid));
    type('#transition-reason', 'Contrôle en cours');
    await submit();
    expect(errors()).toEqual(['Le motif est trop court.']);
  });
});
