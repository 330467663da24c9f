import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ConventionView, Role } from '@tremplin/contracts';
import { firstValueFrom } from 'rxjs';
import { conventionView, installmentView } from '../../../testing/convention-fixtures';
import { loginResponse, normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { AUTH_API, AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { ConventionDetailPage } from './convention-detail-page';

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  TestBed.tick();
}

describe('ConventionDetailPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let el: HTMLElement;

  async function start(role: Role, url: string, view: ConventionView, installments = [installmentView()]): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'conventions/:id', component: ConventionDetailPage },
            { path: 'mes-conventions/:id', component: ConventionDetailPage, data: { own: true } },
          ],
          withComponentInputBinding(),
        ),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
      ],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    const signedIn = firstValueFrom(TestBed.inject(AuthService).login(`${role}@demo.tremplin.fr`, 'pw'));
    backend.expectOne(AUTH_API.login).flush(loginResponse(role));
    await signedIn;
    harness = await RouterTestingHarness.create();
    const navigated = harness.navigateByUrl(url);
    await settle();
    backend.expectOne(`/api/conventions/${view.id}`).flush(view);
    await settle();
    backend.expectOne(`/api/conventions/${view.id}/installments`).flush(installments);
    await navigated;
    harness.detectChanges();
    el = harness.routeNativeElement as HTMLElement;
  }

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  const text = (selector: string) => normalizeSpaces(el.querySelector(selector)?.textContent);
  const buttons = () => Array.from(el.querySelectorAll<HTMLButtonElement>('.actions button')).map((b) => normalizeSpaces(b.textContent));
  const button = (label: string, root: ParentNode = el) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => normalizeSpaces(b.textContent) === label) as HTMLButtonElement;
  const rows = (selector: string) =>
    Array.from(el.querySelectorAll(`${selector} tbody tr, ${selector} tfoot tr`)).map((tr) =>
      Array.from(tr.children).map((cell) => normalizeSpaces(cell.textContent)).join(' | '),
    );
  const overlay = () => document.querySelector('.cdk-overlay-container') as HTMLElement;
  const type = (selector: string, value: string) => {
    const input = overlay().querySelector(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  it('finance sees parties, yearly amounts, documents, signatures and the actions the server allows', async () => {
    await start('finance', '/conventions/cv1', conventionView());
    expect(text('h1')).toBe('Convention CONV-2016-0007');
    expect(text('[data-testid="convention-status"]')).toBe('Statut : Signée par l’association');
    expect(text('.parties')).toContain('Département du Nord, représenté(e) par Jean Président');
    expect(text('.parties')).toContain('Association Essor (SIRET 12345678900011), représenté(e) par Claire Martin');
    expect(rows('[data-testid="convention-years"]')).toEqual([
      '2016 | 25 000,00 € | 0,00 € | 0,00 € | Non approuvé',
      '2017 | 20 000,00 € | 0,00 € | 0,00 € | Non approuvé',
      '2018 | 15 000,00 € | 0,00 € | 0,00 € | Non approuvé',
      'Total | 60 000,00 € | 0,00 € | 0,00 € | ',
    ]);
    expect(buttons()).toEqual(['Signer pour le Département', 'Résilier']);
    expect(text('.timeline')).toBe(
      '1 avril 2016 à 10:00 — Envoyée à l’association 3 avril 2016 à 11:30 — Signée pour l’association par Claire Martin (Accepter en ligne)',
    );
    expect(Array.from(el.querySelectorAll('.documents button')).map((b) => normalizeSpaces(b.textContent))).toEqual(['Convention (version 1, PDF)']);
  });

  it('the amendment history shows the amounts and the due dates each amendment changed', async () => {
    const amendment = {
      id: 'am1', reason: 'Report du solde', documentSha256: 'ab', createdAt: '2017-02-01T10:00:00Z', createdByName: 'David Finances',
      associationSignedAt: null, departmentSignedAt: '2017-02-01T10:00:00Z',
    };
    await start('finance', '/conventions/cv1', conventionView({
      status: 'active', documentVersion: 3,
      amendments: [
        { ...amendment, versionNo: 2, years: [{ year: 2017, beforeCents: 2_000_000, afterCents: 2_200_000 }] },
        { ...amendment, id: 'am2', versionNo: 3, years: [], installments: [{ year: 2017, kind: 'balance', beforeDueOn: '2018-06-30', afterDueOn: '2018-03-15' }] },
      ],
    }));
    const articles = Array.from(el.querySelectorAll('article.amendment'));
    expect(articles.map((a) => a.querySelectorAll('table').length)).toEqual([1, 1]);
    expect(rows('article.amendment:nth-of-type(1) table')).toEqual(['2017 | 20 000,00 € | 22 000,00 € | +2 000,00 €']);
    expect(rows('[data-testid="amendment-history-dates"]')).toEqual(['Solde 2017 | 30 juin 2018 | 15 mars 2018']);
  });

  it('the Département signs with the deliberation reference; the new state is shown and focused', async () => {
    await start('finance', '/conventions/cv1', conventionView());
    button('Signer pour le Département').click();
    await settle();
    type('#transition-deliberation', 'CP-2016-04-12');
    button('Signer pour le Département', overlay().querySelector('mat-dialog-actions') as HTMLElement).click();
    await settle();
    const req = backend.expectOne('/api/conventions/cv1/transitions');
    expect(req.request.body).toEqual({ to: 'signed_by_department', deliberationReference: 'CP-2016-04-12', version: 3 });
    req.flush(conventionView({
      status: 'signed_by_department',
      version: 4,
      allowedActions: ['activate', 'terminate'],
      departmentSignature: { signerName: 'David Finances', signedAt: '2016-04-10T12:00:00.000Z', deliberationReference: 'CP-2016-04-12' },
      signedDocumentSha256: 'b'.repeat(64),
      years: conventionView().years.map((y) => ({ ...y, committedCents: y.amountCents })),
    }));
    await settle();
    backend.expectOne('/api/conventions/cv1/installments').flush([]);
    await settle();
    harness.detectChanges();
    expect(text('[data-testid="convention-status"]')).toBe('Statut : Signée par le Département');
    expect(document.activeElement).toBe(el.querySelector('[data-testid="convention-status"]'));
    expect(buttons()).toEqual(['Activer', 'Résilier', 'Établir un avenant']);
    expect(rows('[data-testid="convention-years"]')[3]).toBe('Total | 60 000,00 € | 60 000,00 € | 0,00 € | ');
    expect(text('.timeline')).toContain('Signée pour le Département par David Finances (délibération CP-2016-04-12)');
    expect(Array.from(el.querySelectorAll('.documents button')).map((b) => normalizeSpaces(b.textContent))).toEqual([
      'Convention (version 1, PDF)',
      'Convention signée électroniquement (PDF)',
    ]);
  });

  it('offers the signed PDF of any convention the Département signed, its hash once known (a seeded one is signed on first download)', async () => {
    await start('association', '/conventions/cv1', conventionView({
      status: 'active', allowedActions: [], signedDocumentSha256: null,
      departmentSignature: { signerName: 'David Finances', signedAt: '2016-07-24T17:18:00.000Z', deliberationReference: 'CP-2016-06-27-INS-04' },
    }), []);
    expect(Array.from(el.querySelectorAll('.documents li')).map((li) => normalizeSpaces(li.textContent))).toEqual([
      `Convention (version 1, PDF) Empreinte SHA-256 : ${conventionView().documentSha256}`,
      'Convention signée électroniquement (PDF)',
    ]);
  });

  it('finance records a payment on a due installment with an Idempotency-Key, then the convention is read again', async () => {
    await start('finance', '/conventions/cv1', conventionView({ status: 'active', allowedActions: ['suspend', 'close', 'terminate'] }));
    expect(rows('[data-testid="convention-installments"]')).toEqual([
      'Avance 2016 | 1 mai 2016 | 15 000,00 € | 5 000,00 € | À payer | 5 000,00 € le 2 mai 2016 (mandat M-2016-0001, réf. CPT-6574-01) Enregistrer un paiement',
    ]);
    // Approving a report is the admin's (reports.approve), not finance's.
    expect(el.querySelector('[data-testid="convention-years"] button')).toBeNull();
    button('Enregistrer un paiement').click();
    await settle();
    type('#payment-mandate', 'M-2016-0042');
    type('#payment-accounting', 'CPT-6574-42');
    button('Enregistrer le paiement', overlay()).click();
    await settle();
    const req = backend.expectOne('/api/installments/i1/payments');
    expect(req.request.body.amountCents).toBe(1_000_000);
    expect(req.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    req.flush({ payment: {}, installment: installmentView({ paidCents: 1_500_000, status: 'paid' }), replayed: false });
    await settle();
    backend.expectOne('/api/conventions/cv1').flush(conventionView({ status: 'active', paidCents: 1_500_000 }));
    await settle();
    backend.expectOne('/api/conventions/cv1/installments').flush([installmentView({ paidCents: 1_500_000, status: 'paid' })]);
    await settle();
    harness.detectChanges();
    expect(button('Enregistrer un paiement')).toBeUndefined();
  });

  it('the admin marks a year’s report approved (reports.approve); finance has no such button', async () => {
    await start('admin', '/conventions/cv1', conventionView({ status: 'active', allowedActions: [] }), []);
    expect(text('section[aria-labelledby="installments-title"] p')).toBe('L’échéancier est établi à la signature du Département.');
    button('Marquer le rapport 2016 approuvé').click();
    await settle();
    button('Marquer le rapport approuvé', overlay()).click();
    await settle();
    const req = backend.expectOne('/api/conventions/cv1/years/2016/report-approval');
    expect(req.request.method).toBe('POST');
    req.flush(conventionView({ status: 'active', allowedActions: [], years: conventionView().years.map((y) => (y.year === 2016 ? { ...y, reportApprovedAt: '2017-03-01T10:00:00.000Z' } : y)) }));
    await settle();
    backend.expectOne('/api/conventions/cv1/installments').flush([]);
    await settle();
    harness.detectChanges();
    expect(rows('[data-testid="convention-years"]')[0]).toBe('2016 | 25 000,00 € | 0,00 € | 0,00 € | Approuvé le 1 mars 2017');
  });

  it('the association signs its convention (accept in Tremplin) and sees no staff action', async () => {
    await start('association', '/mes-conventions/cv1', conventionView({ status: 'sent', version: 2, associationSignature: null, allowedActions: ['sign_by_association'] }), []);
    expect(buttons()).toEqual(['Signer la convention']);
    expect(normalizeSpaces(el.querySelector('.back a')?.textContent)).toBe('Mes conventions');
    button('Signer la convention').click();
    await settle();
    (overlay().querySelector('#sign-accept input[type="checkbox"]') as HTMLInputElement).click();
    button('Signer', overlay()).click();
    await settle();
    const req = backend.expectOne('/api/conventions/cv1/transitions');
    expect(req.request.body).toEqual({ to: 'signed_by_association', method: 'accept', signerName: 'Claire Martin', acceptTerms: true, version: 2 });
    req.flush(conventionView({ status: 'signed_by_association', allowedActions: [] }));
    await settle();
    backend.expectOne('/api/conventions/cv1/installments').flush([]);
    await settle();
    harness.detectChanges();
    expect(text('[data-testid="convention-status"]')).toBe('Statut : Signée par l’association');
    expect(buttons()).toEqual([]);
  });

  it('says why the convention cannot be shown (404 for another association’s)', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'mes-conventions/:id', component: ConventionDetailPage, data: { own: true } }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslations(),
      ],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    const navigated = harness.navigateByUrl('/mes-conventions/cv9');
    await settle();
    backend.expectOne('/api/conventions/cv9').flush({ code: 'NOT_FOUND', message: 'Ressource introuvable.' }, { status: 404, statusText: 'Not Found' });
    await navigated;
    harness.detectChanges();
    el = harness.routeNativeElement as HTMLElement;
    expect(text('[role="alert"]')).toBe('Ressource introuvable.');
    expect(el.querySelector('h1')).toBeNull();
  });
});
