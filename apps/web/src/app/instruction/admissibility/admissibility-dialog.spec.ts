import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatSelectHarness } from '@angular/material/select/testing';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { AdmissibilityDialog, type AdmissibilityDialogData } from './admissibility-dialog';

describe('AdmissibilityDialog', () => {
  let fixture: ComponentFixture<AdmissibilityDialog>;
  let el: HTMLElement;
  let loader: HarnessLoader;
  let close: jest.Mock;

  async function open(data: AdmissibilityDialogData): Promise<void> {
    close = jest.fn();
    TestBed.configureTestingModule({
      imports: [AdmissibilityDialog],
      providers: [
        provideTestTranslations(),
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(AdmissibilityDialog);
    el = fixture.nativeElement as HTMLElement;
    loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    await fixture.whenStable();
  }

  const submitButton = () => Array.from(el.querySelectorAll('button')).find((b) => b.getAttribute('type') === 'submit') as HTMLButtonElement;
  const comment = () => el.querySelector('#admissibility-comment') as HTMLTextAreaElement;

  it('inadmissible: refuses to close without a reason and a comment, then closes with both', async () => {
    await open({ admissible: false, count: 1 });
    expect(normalizeSpaces(el.querySelector('h2')?.textContent)).toBe('Déclarer irrecevable (1)');

    submitButton().click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(close).not.toHaveBeenCalled();
    expect(normalizeSpaces(el.querySelector('[role="alert"]')?.textContent)).toBe('Corrigez les champs signalés.');
    const errors = Array.from(el.querySelectorAll('mat-error')).map((e) => normalizeSpaces(e.textContent));
    expect(errors).toEqual(['Choisissez un motif.', 'Expliquez la décision.']);

    const select = await loader.getHarness(MatSelectHarness);
    await select.open();
    const options = await select.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual([
      'Dossier incomplet', 'Hors du champ de l’appel à projets', 'Organisme non éligible', 'Déposée hors délai',
    ]);
    await select.clickOptions({ text: 'Organisme non éligible' });
    // Spaces only are no comment.
    comment().value = '   ';
    comment().dispatchEvent(new Event('input'));
    submitButton().click();
    fixture.detectChanges();
    expect(close).not.toHaveBeenCalled();

    comment().value = '  Statuts non conformes à l’objet de l’appel.  ';
    comment().dispatchEvent(new Event('input'));
    submitButton().click();
    expect(close).toHaveBeenCalledWith({ admissible: false, reason: 'ineligible_organization', comment: 'Statuts non conformes à l’objet de l’appel.' });
  });

  it('admissible (batch of 3): no reason nor comment asked, closes with the decision alone', async () => {
    await open({ admissible: true, count: 3 });
    expect(normalizeSpaces(el.querySelector('h2')?.textContent)).toBe('Déclarer recevable (3)');
    expect(el.querySelector('mat-select')).toBeNull();
    expect(comment()).toBeNull();
    expect(normalizeSpaces(submitButton().textContent)).toBe('Recevable');
    submitButton().click();
    expect(close).toHaveBeenCalledWith({ admissible: true });
  });
});
