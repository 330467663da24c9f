import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@tremplin/contracts';
import { firstValueFrom } from 'rxjs';
import { installmentView } from '../../../testing/convention-fixtures';
import { loginResponse, normalizeSpaces, provideTestTranslations } from '../../../testing/test-providers';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { AUTH_API, AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { InstallmentsPage } from './installments-page';

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  TestBed.tick();
}

describe('InstallmentsPage (worklist)', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let el: HTMLElement;

  async function start(role: Role, url = '/conventions/echeances'): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'conventions/echeances', component: InstallmentsPage }]),
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
    backend.expectOne('/api/calls').flush([]);
    const request = backend.expectOne((r) => r.url === '/api/installments');
    expect(request.request.params.get('dueBefore')).toBe(url.includes('dueBefore') ? '2016-06-30' : null);
    request.flush({
      items: [installmentView(), installmentView({ id: 'i2', kind: 'balance', amountCents: 1_000_000, paidCents: 0, dueOn: '2017-06-30', status: 'planned', payments: [] })],
      total: 2, page: 1, pageSize: 25,
    });
    await navigated;
    await settle();
    harness.detectChanges();
    el = harness.routeNativeElement as HTMLElement;
  }

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  const rows = () => Array.from(el.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((cell) => normalizeSpaces(cell.textContent)).join(' | '));

  it('lists installments with what remains, and offers a payment on due ones only (finance)', async () => {
    await start('finance', '/conventions/echeances?dueBefore=2016-06-30');
    expect(rows()).toEqual([
      'CONV-2016-0007 | Association Essor | Avance 2016 | 1 mai 2016 | 15 000,00 € | 10 000,00 € | À payer | Enregistrer un paiement',
      'CONV-2016-0007 | Association Essor | Solde 2016 | 30 juin 2017 | 10 000,00 € | 10 000,00 € | Prévue | ',
    ]);
    el.querySelector<HTMLButtonElement>('tbody button')?.click();
    await settle();
    const overlay = document.querySelector('.cdk-overlay-container') as HTMLElement;
    for (const [id, value] of [['#payment-mandate', 'M-1'], ['#payment-accounting', 'CPT-1']]) {
      const input = overlay.querySelector(id as string) as HTMLInputElement;
      input.value = value as string;
      input.dispatchEvent(new Event('input'));
    }
    (overlay.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    const pay = backend.expectOne('/api/installments/i1/payments');
    expect(pay.request.body).toEqual(expect.objectContaining({ amountCents: 1_000_000, mandateNumber: 'M-1', accountingReference: 'CPT-1' }));
    pay.flush({ payment: {}, installment: installmentView({ status: 'paid', paidCents: 1_500_000 }), replayed: true });
    await settle();
    backend.expectOne((r) => r.url === '/api/installments').flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await settle();
  });

  it('an admin (finance.read without payments.record) reads the worklist but cannot pay', async () => {
    await start('admin');
    expect(el.querySelector('tbody button')).toBeNull();
    expect(Array.from(el.querySelectorAll('thead th')).map((th) => normalizeSpaces(th.textContent))).not.toContain('Actions');
  });
});
