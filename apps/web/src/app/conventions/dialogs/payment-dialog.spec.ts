import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { of, throwError } from 'rxjs';
import { installmentView } from '../../../testing/convention-fixtures';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { PaymentDialog, newIdempotencyKey } from './payment-dialog';

describe('PaymentDialog', () => {
  let fixture: ComponentFixture<PaymentDialog>;
  let el: HTMLElement;
  let close: jest.Mock;
  let pay: jest.Mock;

  async function open(answer: () => unknown): Promise<void> {
    close = jest.fn();
    pay = jest.fn(answer);
    TestBed.configureTestingModule({
      imports: [PaymentDialog],
      providers: [provideTestTranslations(), { provide: MAT_DIALOG_DATA, useValue: { installment: installmentView(), pay } }, { provide: MatDialogRef, useValue: { close } }],
    });
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(PaymentDialog);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    await fixture.whenStable();
  }

  const type = (selector: string, value: string) => {
    const input = el.querySelector(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };
  const submit = async () => {
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const fill = () => {
    type('#payment-date', '2016-06-15');
    type('#payment-mandate', 'M-2016-0042');
    type('#payment-accounting', 'CPT-6574-42');
  };

  it('prefills what remains to pay and sends cents, the date, the mandate and the accounting reference', async () => {
    const recorded = { payment: {}, installment: installmentView(), replayed: false };
    await open(() => of(recorded));
    // 15 000 € − 5 000 € already paid.
    expect(normalizeSpaces((el.querySelector('#payment-amount') as HTMLInputElement).value)).toBe('10 000,00');
    expect(normalizeSpaces(el.querySelector('mat-dialog-content p')?.textContent)).toBe(
      'Convention CONV-2016-0007 — Avance 2016 Montant 15 000,00 €, déjà versé 5 000,00 €, reste 10 000,00 €.',
    );
    fill();
    await submit();
    expect(pay).toHaveBeenCalledTimes(1);
    expect(pay.mock.calls[0][0]).toEqual({ amountCents: 1_000_000, paidOn: '2016-06-15', mandateNumber: 'M-2016-0042', accountingReference: 'CPT-6574-42' });
    expect(pay.mock.calls[0][1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(close).toHaveBeenCalledWith(recorded);
  });

  it('sends the same Idempotency-Key on a second attempt from the same dialog (a retry pays once)', async () => {
    let attempt = 0;
    await open(() => (++attempt === 1 ? throwError(() => new HttpErrorResponse({ status: 0 })) : of({ payment: {}, installment: installmentView(), replayed: true })));
    fill();
    await submit();
    expect(normalizeSpaces(el.querySelector('[role="alert"]')?.textContent)).toMatch(/serveur ne répond pas/);
    expect(close).not.toHaveBeenCalled();
    await submit();
    expect(pay).toHaveBeenCalledTimes(2);
    expect(pay.mock.calls[1][1]).toBe(pay.mock.calls[0][1]);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('refuses more than what remains without calling the server', async () => {
    await open(() => of({}));
    fill();
    type('#payment-amount', '10 000,01');
    await submit();
    expect(pay).not.toHaveBeenCalled();
    expect(normalizeSpaces(el.querySelector('mat-error')?.textContent)).toBe('Le montant dépasse ce qui reste à payer sur cette échéance.');
  });

  it('shows the server’s 409 in French and stays open', async () => {
    const conflict = new HttpErrorResponse({
      status: 409,
      error: { code: 'INSTALLMENT_NOT_DUE', message: 'Cette échéance n’est pas encore payable : le rapport 2016 n’est pas approuvé.' },
    });
    await open(() => throwError(() => conflict));
    fill();
    await submit();
    expect(normalizeSpaces(el.querySelector('[role="alert"]')?.textContent)).toBe('Cette échéance n’est pas encore payable : le rapport 2016 n’est pas approuvé.');
    expect(close).not.toHaveBeenCalled();
    expect((el.querySelector('button[type="submit"]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('draws a different key for each opening', () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
