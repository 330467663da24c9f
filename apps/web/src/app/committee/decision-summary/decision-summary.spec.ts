import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { DecisionView } from '@tremplin/contracts';
import { normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { LanguageService } from '../../core/i18n/language.service';
import { DecisionSummary } from './decision-summary';

const RETAINED: DecisionView = {
  applicationId: 'a1', sessionId: 's1', outcome: 'retained', grants: [{ year: 2016, amountCents: 4_000_000 }, { year: 2017, amountCents: 3_000_000 }],
  totalCents: 7_000_000, waitlistRank: null, rejectionReason: null, comment: '', lineExceptionReason: null, flagged: false, belowLine: false,
  rankAtDecision: null, decidedAt: '2016-03-21T08:00:00.000Z', publishedAt: '2016-03-22T09:00:00.000Z', version: 1,
};

describe('DecisionSummary (association)', () => {
  let fixture: ComponentFixture<DecisionSummary>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  async function start(status: string): Promise<void> {
    TestBed.configureTestingModule({ imports: [DecisionSummary], providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()] });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DecisionSummary);
    fixture.componentRef.setInput('applicationId', 'a1');
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('reference', 'AAP2016-MED-00001');
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
  }

  afterEach(() => backend.verify());

  it('asks for nothing before a decision is published (status not decided)', async () => {
    await start('reviewed');
    backend.expectNone('/api/applications/a1/decision');
    expect(el.querySelector('[data-testid="decision"]')).toBeNull();
  });

  it('retained: the total, the amounts per year and the letter link', async () => {
    await start('retained');
    backend.expectOne('/api/applications/a1/decision').flush(RETAINED);
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    const section = el.querySelector('[data-testid="decision"]');
    expect(normalizeSpaces(section?.querySelector('h2')?.textContent)).toBe('Décision du comité');
    expect(normalizeSpaces(section?.querySelector('p')?.textContent)).toBe('Votre projet est retenu : subvention de 70 000,00 € au total.');
    expect(Array.from(section?.querySelectorAll('li') ?? []).map((li) => normalizeSpaces(li.textContent))).toEqual(['2016 : 40 000,00 €', '2017 : 30 000,00 €']);
    expect(el.querySelector('[data-testid="decision-letter"]')?.getAttribute('href')).toBe('/api/applications/a1/decision-letter');
  });

  it('rejected: the reason and the comment', async () => {
    await start('rejected');
    backend.expectOne('/api/applications/a1/decision').flush({
      ...RETAINED, outcome: 'rejected', grants: [], totalCents: 0, rejectionReason: 'envelope_exhausted', comment: 'L’enveloppe de l’axe est consommée.',
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    const texts = Array.from(el.querySelectorAll('[data-testid="decision"] p')).map((p) => normalizeSpaces(p.textContent));
    expect(texts.slice(0, 2)).toEqual(['Votre projet n’est pas retenu — motif : Enveloppe épuisée.', 'L’enveloppe de l’axe est consommée.']);
  });
});
