import { Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { createApplicationForm } from './application-form';
import { BudgetStep } from './budget-step';

@Component({
  selector: 'tp-host',
  imports: [BudgetStep],
  template: `<tp-budget-step [budget]="form.controls.budget" [lang]="lang()" />`,
})
class Host {
  readonly form = createApplicationForm([2026, 2027]);
  readonly lang = signal<'fr' | 'en'>('fr');
}

describe('BudgetStep', () => {
  let fixture: ComponentFixture<Host>;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [Host], providers: [provideTestTranslations()] });
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(Host);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  const cell = (id: string): HTMLInputElement => {
    const input = el.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no cell ${id}`);
    return input;
  };

  async function type(id: string, value: string): Promise<void> {
    const input = cell(id);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  const text = (testId: string): string => normalizeSpaces(el.querySelector(`[data-testid="${testId}"]`)?.textContent);

  it('has one labelled input per account and year, in tables with captions and row headers', () => {
    expect(cell('f-budget-1-charges-c64').getAttribute('aria-label')).toBe('64 Charges de personnel — 2027');
    expect(cell('f-budget-0-products-p74Departement').getAttribute('aria-label')).toBe(
      '74 Subvention du Département du Nord (montant demandé) — 2026',
    );
    const captions = Array.from(el.querySelectorAll('caption')).map((c) => normalizeSpaces(c.textContent));
    expect(captions).toEqual(expect.arrayContaining(['Charges 2026', 'Produits 2026', 'Charges 2027', 'Produits 2027']));
    expect(el.querySelectorAll('tbody th[scope="row"]').length).toBeGreaterThanOrEqual(2 * (10 + 12));
    expect(el.querySelector('label[for="f-budget-0-otherFunderName"]')?.textContent).toContain('Nom des autres financeurs');
  });

  it('totals live and says in words whether the year balances', async () => {
    await type('f-budget-0-charges-c64', '30 000');
    await type('f-budget-0-charges-c60', '1 234');
    expect(text('charges-total-2026')).toBe('31 234,00 €');
    expect(text('balance-2026')).toContain('Écart : 31 234,00 €');
    expect(text('balance-2026')).toContain('les charges (31 234,00 €) dépassent les produits (0,00 €)');

    await type('f-budget-0-products-p74Departement', '20 000');
    await type('f-budget-0-products-p74State', '10 000');
    expect(text('products-total-2026')).toBe('30 000,00 €');
    expect(text('balance-2026')).toContain('Écart : 1 234,00 €');

    await type('f-budget-0-products-p70', '1234');
    expect(text('balance-2026')).toContain('Budget équilibré');
    expect(text('balance-2026')).not.toContain('Écart');
    expect(el.querySelector('[data-testid="balance-2026"] .notice.ok')).not.toBeNull();
    // The other year is untouched: empty is not « balanced », and each year has its own live region.
    expect(el.querySelector('[data-testid="balance-2026"]')?.getAttribute('aria-live')).toBe('polite');
    expect(text('balance-2027')).toContain('Budget 2027 vide — renseignez les charges, les produits et le montant demandé au Département.');
    expect(el.querySelector('[data-testid="balance-2027"] .notice.ok')).toBeNull();
  });

  it('does not call a balanced year without a request complete', async () => {
    await type('f-budget-0-charges-c64', '10 000');
    await type('f-budget-0-products-p74State', '10 000');
    expect(text('balance-2026')).toContain('Budget équilibré');
    expect(text('balance-2026')).toContain('Aucun montant demandé au Département pour 2026.');
    expect(el.querySelector('[data-testid="balance-2026"] .notice.ok')).toBeNull();
    expect(el.querySelector('[data-testid="balance-2026"] .notice.warn')).not.toBeNull();
  });

  it("shows the Département's share, the co-funding and the total requested", async () => {
    await type('f-budget-0-charges-c64', '40 000');
    await type('f-budget-0-products-p74Departement', '30 000');
    await type('f-budget-0-products-p74Region', '6 000');
    await type('f-budget-0-products-p74Europe', '4 000');
    await type('f-budget-1-products-p74Departement', '25 000,50');
    expect(text('requested-2026')).toBe('30 000,00 €');
    expect(text('share-2026')).toBe('75 % des charges');
    expect(text('cofunding-2026')).toBe('10 000,00 €');
    expect(text('total-requested')).toBe('55 000,50 €');
    const bars = Array.from(el.querySelectorAll('.bar-row')).map((row) => normalizeSpaces(row.textContent));
    expect(bars[0]).toContain('2026');
    expect(bars[0]).toContain('30 000,00 €');
    expect(bars[1]).toContain('25 000,50 €');
  });

  it('keeps cents and flags unreadable amounts on the cell, out of the totals', async () => {
    await type('f-budget-0-charges-c61', '100,55');
    await type('f-budget-0-charges-c62', '12,345');
    cell('f-budget-0-charges-c62').dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(text('charges-total-2026')).toBe('100,55 €');
    expect(cell('f-budget-0-charges-c62').getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('#f-budget-0-charges-c62-error')?.textContent).toContain('Montant illisible');
    expect(text('balance-2026')).toContain('Montants illisibles non comptés : 1');
  });

  it('writes a readable amount the usual way when leaving the cell', async () => {
    await type('f-budget-0-charges-c64', '1234.5');
    cell('f-budget-0-charges-c64').dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(normalizeSpaces(cell('f-budget-0-charges-c64').value)).toBe('1 234,50');
    expect(fixture.componentInstance.form.controls.budget.at(0).controls.charges.controls.c64.value.replace(/\s/g, ' ')).toBe('1 234,50');
  });

  it('lists what submission will still require, with the domain rules', async () => {
    await type('f-budget-0-charges-c64', '1 000');
    const notice = normalizeSpaces(el.querySelector('.summary .notice')?.textContent);
    expect(notice).toContain('Budget 2026 non équilibré');
    expect(notice).toContain('Budget 2026 : indiquez le montant demandé au Département (compte 74).');
    expect(notice).toContain('Budget 2027 vide : chaque année du projet a son budget (charges et produits).');
    expect(notice).toContain('Budget 2027 : indiquez le montant demandé au Département (compte 74).');
  });
});
