import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { FormArray } from '@angular/forms';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { allocationRow } from '../call-form';
import { AllocationMatrix, matrixTotals } from './allocation-matrix';

@Component({
  selector: 'tp-host',
  imports: [AllocationMatrix],
  template: `<tp-allocation-matrix
    [rows]="rows"
    [years]="years"
    [axisLabels]="labels"
    [envelopeCents]="envelope()"
    lang="fr"
    caption="Répartition de l'enveloppe"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly rows = new FormArray([allocationRow(3), allocationRow(3)]);
  readonly years = [2016, 2017, 2018];
  readonly labels = ['Médiation', 'Innovation'];
  readonly envelope = signal<number | null>(100_000_00);
}

describe('AllocationMatrix', () => {
  let fixture: ComponentFixture<Host>;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [Host], providers: [provideTestTranslations()] });
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(Host);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  const text = (testId: string): string => normalizeSpaces(el.querySelector(`[data-testid="${testId}"]`)?.textContent);

  async function type(row: number, column: number, value: string): Promise<void> {
    const input = el.querySelector<HTMLInputElement>(`#f-allocations-${row}-${column}`);
    if (!input) throw new Error(`no cell ${row}-${column}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }

  it('labels every cell with its axis and year', () => {
    const input = el.querySelector('#f-allocations-1-2');
    expect(input?.getAttribute('aria-label')).toBe('Innovation, année 2018, en euros');
    expect(el.querySelectorAll('input.cell-input')).toHaveLength(6);
    expect(el.querySelector('caption')?.textContent).toContain("Répartition de l'enveloppe");
  });

  it('updates row, column and grand totals while typing', async () => {
    await type(0, 0, '10 000');
    await type(0, 1, '2 500,50');
    await type(1, 0, '1000.25');

    expect(text('row-total-0')).toBe('12 500,50 €');
    expect(text('row-total-1')).toBe('1 000,25 €');
    expect(text('column-total-0')).toBe('11 000,25 €');
    expect(text('column-total-1')).toBe('2 500,50 €');
    expect(text('column-total-2')).toBe('0,00 €');
    expect(text('grand-total')).toBe('13 500,75 €');
  });

  it('writes out what is left to allocate, in words, in a live region', async () => {
    await type(0, 0, '60 000');
    const status = el.querySelector('[data-testid="matrix-status"]');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(normalizeSpaces(status?.textContent)).toContain('Reste à répartir : 40 000,00 €');
  });

  it('says when the split goes over the envelope', async () => {
    await type(0, 0, '60 000');
    await type(1, 2, '50 000');
    expect(text('matrix-status')).toContain("Dépassement de l'enveloppe : 10 000,00 €");
  });

  it('says when the split is balanced', async () => {
    await type(0, 0, '60 000');
    await type(1, 1, '40 000');
    expect(text('matrix-status')).toContain('Répartition équilibrée');
  });

  it('flags unreadable amounts with a message tied to the cell', async () => {
    await type(0, 0, '12,345');
    const input = el.querySelector('#f-allocations-0-0');
    expect(input?.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input?.getAttribute('aria-describedby') ?? '';
    expect(normalizeSpaces(el.querySelector(`#${describedBy}`)?.textContent)).toContain('Montant illisible');
    expect(text('matrix-status')).toContain('Montants illisibles non comptés : 1');
  });

  it('follows rows added by the parent form', async () => {
    fixture.componentInstance.rows.push(allocationRow(3, ['5 000', '', '']));
    await fixture.whenStable();
    expect(text('row-total-2')).toBe('5 000,00 €');
    expect(text('grand-total')).toBe('5 000,00 €');
  });
});

describe('matrixTotals', () => {
  it('treats empty cells as zero and counts unreadable ones apart', () => {
    expect(
      matrixTotals(
        [
          ['1 000,00', '', 'abc'],
          ['0,01', '2', '-5'],
        ],
        3,
      ),
    ).toEqual({ rows: [100000, 201], columns: [100001, 200, 0], total: 100201, unreadable: 2 });
  });
});
