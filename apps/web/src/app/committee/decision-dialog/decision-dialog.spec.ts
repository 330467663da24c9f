import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { of, throwError } from 'rxjs';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { DecisionDialog, type DecisionDialogData } from './decision-dialog';

describe('DecisionDialog', () => {
  let fixture: ComponentFixture<DecisionDialog>;
  let el: HTMLElement;
  let loader: HarnessLoader;
  let close: jest.Mock;
  let save: jest.Mock;

  async function open(overrides: Partial<DecisionDialogData> = {}, answer: () => unknown = () => of({})): Promise<void> {
    close = jest.fn();
    save = jest.fn(answer);
    const data: DecisionDialogData = {
      reference: '2016-MED-0042', count: 1, aboveCutLine: true, current: null, save,
      years: [{ year: 2016, requestedCents: 2_500_000 }, { year: 2017, requestedCents: 2_000_000 }],
      ...overrides,
    };
    TestBed.configureTestingModule({
      imports: [DecisionDialog],
      providers: [provideTestTranslations(), { provide: MAT_DIALOG_DATA, useValue: data }, { provide: MatDialogRef, useValue: { close } }],
    });
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(DecisionDialog);
    el = fixture.nativeElement as HTMLElement;
    loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    await fixture.whenStable();
  }

  const submit = async () => {
    (Array.from(el.querySelectorAll('button')).find((b) => b.getAttribute('type') === 'submit') as HTMLButtonElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const type = (selector: string, value: string) => {
    const input = el.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };
  const choose = async (label: string) => (await loader.getHarness(MatRadioGroupHarness)).checkRadioButton({ label });
  const errors = () => Array.from(el.querySelectorAll('mat-error')).map((e) => normalizeSpaces(e.textContent));

  it('retains with the requested amounts prefilled, refuses more than requested, then saves in cents', async () => {
    await open();
    expect(normalizeSpaces(el.querySelector('h2')?.textContent)).toBe('Décision — 2016-MED-0042');
    await choose('Retenu');
    const amount2016 = el.querySelector('#decision-amount-2016') as HTMLInputElement;
    expect(normalizeSpaces(amount2016.value)).toBe('25 000,00');
    expect(normalizeSpaces(el.querySelector('#decision-amount-2017')?.closest('mat-form-field')?.querySelector('mat-hint')?.textContent)).toBe('Demandé : 20 000,00 €');
    // Above the line: no justification asked.
    expect(el.querySelector('#decision-line-exception')).toBeNull();

    type('#decision-amount-2017', '20 000,01');
    await submit();
    expect(save).not.toHaveBeenCalled();
    expect(errors()).toEqual(['Pas plus que le montant demandé (20 000,00 €).']);
    expect(normalizeSpaces(el.querySelector('[role="alert"]')?.textContent)).toBe('Corrigez les champs signalés.');

    type('#decision-amount-2017', '15 000');
    await submit();
    expect(save).toHaveBeenCalledWith({ outcome: 'retained', grants: [{ year: 2016, amountCents: 2_500_000 }, { year: 2017, amountCents: 1_500_000 }], comment: '' });
    expect(close).toHaveBeenCalledWith(true);
  });

  it('below the cut line: asks for a justification before retaining', async () => {
    await open({ aboveCutLine: false });
    await choose('Retenu');
    await submit();
    expect(save).not.toHaveBeenCalled();
    expect(errors()).toEqual(['Justifiez cette exception.']);
    type('#decision-line-exception', '  Seule offre du territoire.  ');
    await submit();
    expect(save).toHaveBeenCalledWith({
      outcome: 'retained', grants: [{ year: 2016, amountCents: 2_500_000 }, { year: 2017, amountCents: 2_000_000 }], comment: '', lineExceptionReason: 'Seule offre du territoire.',
    });
  });

  it('rejects with a reason from the list, a comment required for « other »', async () => {
    await open({ aboveCutLine: false });
    await choose('Non retenu');
    const select = await loader.getHarness(MatSelectHarness);
    await select.open();
    expect(await Promise.all((await select.getOptions()).map((o) => o.getText()))).toEqual([
      'Note insuffisante', 'Enveloppe épuisée', 'Hors des priorités du comité', 'Budget insuffisamment étayé', 'Autre motif',
    ]);
    await select.clickOptions({ text: 'Autre motif' });
    await submit();
    expect(save).not.toHaveBeenCalled();
    expect(errors()).toEqual(['Précisez le motif « autre ».']);
    type('#decision-comment', 'Projet déjà financé par la métropole.');
    await submit();
    expect(save).toHaveBeenCalledWith({ outcome: 'rejected', rejectionReason: 'other', comment: 'Projet déjà financé par la métropole.' });
  });

  it('shows a server refusal (stale decision) in the dialog and stays open', async () => {
    const stale = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'Conflict', code: 'DECISION_STALE', message: 'La décision sur cette candidature a été modifiée par quelqu’un d’autre entre-temps.' },
    });
    await open({}, () => throwError(() => stale));
    await choose('Liste d’attente');
    type('#decision-waitlist-rank', '2');
    await submit();
    expect(save).toHaveBeenCalledWith({ outcome: 'waitlisted', waitlistRank: 2, comment: '' });
    expect(close).not.toHaveBeenCalled();
    expect(normalizeSpaces(el.querySelector('[role="alert"]')?.textContent)).toBe('La décision sur cette candidature a été modifiée par quelqu’un d’autre entre-temps.');
  });
});
