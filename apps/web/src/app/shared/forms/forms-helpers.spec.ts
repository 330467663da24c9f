import { FormArray, FormControl, FormGroup } from '@angular/forms';
import { centsToInput, eurosValidator, inputToCents } from './euros';
import { issueMessage } from './issue-message';
import { applyServerErrors, fieldPath } from './server-errors';
import { collectErrors, fieldId } from './collect-errors';

describe('form helpers', () => {
  it('fieldPath reads API field paths', () => {
    expect(fieldPath('criteria[2].weight')).toEqual(['criteria', 2, 'weight']);
    expect(fieldPath('axes[0].code')).toEqual(['axes', 0, 'code']);
    expect(fieldPath('allocations[1][2]')).toEqual(['allocations', 1, 2]);
    expect(fieldPath('envelopeCents')).toEqual(['envelopeCents']);
  });

  it('applyServerErrors puts messages on matching controls and returns the rest', () => {
    const form = new FormGroup({
      envelope: new FormControl(''),
      criteria: new FormArray([new FormGroup({ weight: new FormControl(10) })]),
    });
    const unmatched = applyServerErrors(
      form,
      [
        { field: 'envelopeCents', message: "L'enveloppe doit être positive." },
        { field: 'criteria[0].weight', message: 'Pondération invalide.' },
        { field: 'allocations', message: 'Somme incorrecte.' },
      ],
      (field) => (field === 'envelopeCents' ? 'envelope' : field),
    );
    expect(form.controls.envelope.getError('server')).toBe("L'enveloppe doit être positive.");
    expect(form.controls.envelope.touched).toBe(true);
    expect(form.get(['criteria', 0, 'weight'])?.getError('server')).toBe('Pondération invalide.');
    expect(unmatched).toEqual([{ field: 'allocations', message: 'Somme incorrecte.' }]);
    expect(collectErrors(form).map((e) => fieldId(e.path))).toEqual(['f-envelope', 'f-criteria-0-weight']);
  });

  it('reads and writes euro amounts with the domain rules', () => {
    expect(centsToInput(7_430_000_000, 'fr')).toBe('74 300 000,00');
    expect(centsToInput(7_430_000_000, 'en')).toBe('74,300,000.00');
    expect(inputToCents('74 300 000,00')).toBe(7_430_000_000);
    expect(inputToCents('', 0)).toBe(0);
    expect(inputToCents('12,345')).toBeNull();
  });

  it('eurosValidator', () => {
    const validate = eurosValidator({ positive: true });
    expect(validate(new FormControl('1 000'))).toBeNull();
    expect(validate(new FormControl(''))).toEqual({ required: true });
    expect(validate(new FormControl('0'))).toEqual({ notPositive: true });
    expect(validate(new FormControl('-5'))).toEqual({ negative: true });
    expect(validate(new FormControl('1.234'))).toEqual({ euros: true });
    expect(eurosValidator({ allowEmpty: true })(new FormControl(''))).toBeNull();
  });

  it('issueMessage speaks the API words, with amounts in euros', () => {
    const issue = {
      field: 'allocations',
      code: 'ALLOCATION_SUM_MISMATCH',
      params: { expectedCents: 7_430_000_000, actualCents: 7_400_000_000, differenceCents: -30_000_000 },
    };
    expect(issueMessage(issue, 'fr').replace(/[\u202f\u00a0]/g, ' ')).toBe(
      "La somme des répartitions (74 000 000,00 €) doit être égale à l'enveloppe (74 300 000,00 €).",
    );
    expect(issueMessage({ field: 'criteria', code: 'GRID_WEIGHTS_SUM', params: { expected: 100, actual: 95 } }, 'en')).toBe(
      'Weights must add up to 100 (currently 95).',
    );
    expect(issueMessage({ field: 'x', code: 'SOMETHING_NEW' }, 'fr')).toBe('Valeur invalide.');
  });
});
