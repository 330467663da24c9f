import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { of, throwError } from 'rxjs';
import { conventionView } from '../../../testing/convention-fixtures';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { AmendmentDialog, type AmendmentDialogData } from './amendment-dialog';

describe('AmendmentDialog', () => {
  let fixture: ComponentFixture<AmendmentDialog>;
  let el: HTMLElement;
  let close: jest.Mock;
  let save: jest.Mock;

  async function open(answer: () => unknown = () => of(conventionView()), installments?: AmendmentDialogData['installments']): Promise<void> {
    close = jest.fn();
    save = jest.fn(answer);
    TestBed.configureTestingModule({
      imports: [AmendmentDialog],
      providers: [
        provideTestTranslations(),
        { provide: MAT_DIALOG_DATA, useValue: { convention: conventionView({ status: 'active' }), installments, save } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(AmendmentDialog);
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
    fixture.detectChanges();
  };
  const diffRows = () => Array.from(el.querySelectorAll('[data-testid="amendment-diff"] tbody tr')).map((tr) =>
    Array.from(tr.children).map((cell) => normalizeSpaces(cell.textContent)).join(' | '),
  );

  it('prefills the current amounts, shows the year-by-year difference, and sends only after confirming', async () => {
    await open();
    expect(normalizeSpaces((el.querySelector('#amendment-amount-2017') as HTMLInputElement).value)).toBe('20 000,00');
    type('#amendment-amount-2017', '22 500');
    type('#amendment-amount-2018', '10 000,00');
    type('#amendment-reason', 'Extension du projet à un second quartier');
    await submit();
    expect(save).not.toHaveBeenCalled();
    expect(diffRows()).toEqual([
      '2016 | 25 000,00 € | 25 000,00 € | 0,00 €',
      '2017 | 20 000,00 € | 22 500,00 € | +2 500,00 €',
      '2018 | 15 000,00 € | 10 000,00 € | −5 000,00 €',
    ]);
    expect(document.activeElement?.textContent?.trim()).toBe('Changements proposés');
    await submit();
    expect(save).toHaveBeenCalledWith({
      reason: 'Extension du projet à un second quartier',
      years: [{ year: 2016, amountCents: 2_500_000 }, { year: 2017, amountCents: 2_250_000 }, { year: 2018, amountCents: 1_000_000 }],
      version: 3,
    });
    expect(close).toHaveBeenCalled();
  });

  it('says so when no amount changes, and asks for a reason', async () => {
    await open();
    await submit();
    expect(normalizeSpaces(el.querySelector('mat-error')?.textContent)).toBe('Au moins 5 caractères.');
    type('#amendment-reason', 'Rien ne change');
    await submit();
    expect(normalizeSpaces(el.querySelector('[role="alert"]')?.textContent)).toBe('Rien ne change : modifiez au moins un montant ou une date.');
    expect(diffRows()).toEqual([]);
  });

  const schedule: AmendmentDialogData['installments'] = [
    { year: 2016, kind: 'advance', dueOn: '2016-09-15', status: 'paid', paidCents: 1_500_000 },
    { year: 2016, kind: 'balance', dueOn: '2017-06-30', status: 'planned', paidCents: 0 },
    { year: 2017, kind: 'advance', dueOn: '2017-01-01', status: 'due', paidCents: 0 },
    { year: 2017, kind: 'balance', dueOn: '2018-06-30', status: 'planned', paidCents: 0 },
  ];
  const dateRows = () => Array.from(el.querySelectorAll('[data-testid="amendment-date-diff"] tbody tr')).map((tr) =>
    Array.from(tr.children).map((cell) => normalizeSpaces(cell.textContent)).join(' | '),
  );

  it('offers a date input for each planned, unpaid installment only, shows the dates that move, and sends only them', async () => {
    await open(undefined, schedule);
    const labels = Array.from(el.querySelectorAll('fieldset[formarrayname="dates"] mat-label')).map((l) => normalizeSpaces(l.textContent));
    expect(labels).toEqual(['Échéance Solde 2016', 'Échéance Solde 2017']);
    expect((el.querySelector('#amendment-due-2017-balance') as HTMLInputElement).value).toBe('2018-06-30');
    expect(el.querySelector('#amendment-due-2017-advance')).toBeNull();
    expect(el.querySelector('#amendment-due-2016-advance')).toBeNull();
    type('#amendment-due-2017-balance', '2018-03-15');
    type('#amendment-reason', 'Compte rendu 2017 attendu plus tôt');
    await submit();
    expect(save).not.toHaveBeenCalled();
    expect(diffRows()).toEqual([]);
    expect(dateRows()).toEqual(['Solde 2017 | 30 juin 2018 | 15 mars 2018']);
    await submit();
    expect(save).toHaveBeenCalledWith({
      reason: 'Compte rendu 2017 attendu plus tôt',
      installments: [{ year: 2017, kind: 'balance', dueOn: '2018-03-15' }],
      version: 3,
    });
    expect(close).toHaveBeenCalled();
  });

  it('refuses a date outside the convention’s years before sending', async () => {
    await open(undefined, schedule);
    type('#amendment-due-2016-balance', '2020-01-01');
    type('#amendment-reason', 'Report hors convention');
    await submit();
    expect(save).not.toHaveBeenCalled();
    expect(dateRows()).toEqual([]);
    expect(normalizeSpaces(el.querySelector('mat-error')?.textContent)).toBe('Une date entre le 1 janvier 2016 et le 31 décembre 2019.');
  });

  it('shows the 409 naming the cell, and lets the amounts be edited again', async () => {
    const conflict = new HttpErrorResponse({
      status: 409,
      error: { code: 'ALLOCATION_EXCEEDED', message: 'L’enveloppe MEDIATION 2017 ne couvre pas cet avenant : il reste 1 000,00 €.' },
    });
    await open(() => throwError(() => conflict));
    type('#amendment-amount-2017', '22 500');
    type('#amendment-reason', 'Extension du projet');
    await submit();
    await submit();
    expect(normalizeSpaces(el.querySelector('[role="alert"]')?.textContent)).toBe('L’enveloppe MEDIATION 2017 ne couvre pas cet avenant : il reste 1 000,00 €.');
    expect(close).not.toHaveBeenCalled();
    (Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Modifier') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(normalizeSpaces((el.querySelector('#amendment-amount-2017') as HTMLInputElement).value)).toBe('22 500');
  });
});
