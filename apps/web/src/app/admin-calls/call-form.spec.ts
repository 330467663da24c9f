import type { CallView } from '@tremplin/contracts';
import { addAxis, createCallForm, domainIssues, formPathOf, patchCallForm, removeAxis, resizeAllocations, toCallInput, yearsOf } from './call-form';

const CALL: CallView = {
  id: 'c1',
  code: 'AAP-NORD-2016',
  title: 'Appel 2016',
  description: 'Desc',
  titleEn: '',
  descriptionEn: '',
  opensAt: '2016-02-01T08:00:00.000Z',
  closesAt: '2016-03-31T15:00:00.000Z',
  years: [2016, 2017],
  envelopeCents: 300_00,
  status: 'closed',
  historical: true, decided: true,
  axes: [
    { code: 'MEDIATION', labelFr: 'Médiation', labelEn: 'Mediation', description: '', position: 0, envelopeCents: 100_00 },
    { code: 'INNOVATION', labelFr: 'Innovation', labelEn: 'Innovation', description: '', position: 1, envelopeCents: 200_00 },
  ],
  allocations: [
    { axisCode: 'MEDIATION', year: 2016, amountCents: 50_00 },
    { axisCode: 'MEDIATION', year: 2017, amountCents: 50_00 },
    { axisCode: 'INNOVATION', year: 2016, amountCents: 150_00 },
    { axisCode: 'INNOVATION', year: 2017, amountCents: 50_00 },
  ],
  criteria: [{ code: 'PERTINENCE', labelFr: 'Pertinence', labelEn: 'Relevance', description: '', weight: 100, maxScore: 20, position: 0 }],
  paymentRule: { advanceBasisPoints: 6000 },
  reviewersPerApplication: 2,
  structureLocked: false,
  version: 4,
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('call form', () => {
  it('round-trips a call: form → request body', () => {
    const form = createCallForm();
    patchCallForm(form, CALL, 'fr');
    expect(form.controls.envelope.value).toBe('300,00');
    expect(form.controls.opensAt.value).toBe('2016-02-01T09:00');
    expect(form.controls.allocations.at(1).getRawValue()).toEqual(['150,00', '50,00']);
    const body = toCallInput(form);
    expect(body).toMatchObject({
      code: 'AAP-NORD-2016',
      opensAt: '2016-02-01T08:00:00.000Z',
      closesAt: '2016-03-31T15:00:00.000Z',
      years: [2016, 2017],
      envelopeCents: 300_00,
      paymentRule: { advanceBasisPoints: 6000 },
      reviewersPerApplication: 2,
    });
    expect(body.allocations).toEqual(CALL.allocations);
    expect(domainIssues(body)).toEqual([]);
  });

  it('reports the domain rules: unbalanced split and weights', () => {
    const form = createCallForm();
    patchCallForm(form, CALL, 'fr');
    form.controls.allocations.at(0).at(0).setValue('10,00');
    form.controls.criteria.at(0).controls.weight.setValue(90);
    const codes = domainIssues(toCallInput(form)).map((i) => i.code);
    expect(codes).toContain('ALLOCATION_SUM_MISMATCH');
    expect(codes).toContain('GRID_WEIGHTS_SUM');
  });

  it('keeps amounts under their year when the years move', () => {
    const form = createCallForm();
    patchCallForm(form, CALL, 'fr');
    resizeAllocations(form.controls.allocations, [2016, 2017], [2017, 2018, 2019]);
    expect(form.controls.allocations.at(0).getRawValue()).toEqual(['50,00', '', '']);
  });

  it('adds and removes an axis with its allocation row', () => {
    const form = createCallForm();
    patchCallForm(form, CALL, 'fr');
    addAxis(form, 2);
    expect(form.controls.axes.length).toBe(3);
    expect(form.controls.allocations.at(2).length).toBe(2);
    removeAxis(form, 0);
    expect(form.controls.axes.at(0).controls.code.value).toBe('INNOVATION');
    expect(form.controls.allocations.at(0).getRawValue()).toEqual(['150,00', '50,00']);
  });

  it('requires closing after opening', () => {
    const form = createCallForm();
    form.controls.opensAt.setValue('2026-05-01T10:00');
    form.controls.closesAt.setValue('2026-04-01T10:00');
    expect(form.controls.closesAt.hasError('datesOrder')).toBe(true);
    form.controls.opensAt.setValue('2026-03-01T10:00');
    expect(form.controls.closesAt.valid).toBe(true);
  });

  it('maps API fields to form paths', () => {
    expect(formPathOf('envelopeCents', 3)).toBe('envelope');
    expect(formPathOf('allocations[4].amountCents', 3)).toBe('allocations[1][1]');
    expect(formPathOf('allocations', 3)).toBeNull();
    expect(formPathOf('criteria[2].weight', 3)).toBe('criteria[2].weight');
    expect(formPathOf('paymentRule.advanceBasisPoints', 3)).toBe('advancePercent');
    expect(formPathOf('years', 3)).toBe('firstYear');
  });

  it('yearsOf builds consecutive years, at most four', () => {
    expect(yearsOf(2016, 3)).toEqual([2016, 2017, 2018]);
    expect(yearsOf(null, 3)).toEqual([]);
    expect(yearsOf(2016, 9)).toHaveLength(4);
  });
});
