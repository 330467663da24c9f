import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { provideRouter } from '@angular/router';
import type { ApplicationSummaryView, Page, Role } from '@tremplin/contracts';
import { firstValueFrom } from 'rxjs';
import { loginResponse, normalizeSpaces, provideTestTranslations } from '../../testing/test-providers';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { AUTH_API, AuthService } from '../core/auth/auth.service';
import { LanguageService } from '../core/i18n/language.service';
import { TranslatedPaginatorIntl } from '../core/i18n/paginator-intl';
import { InstructionList } from './instruction-list';

function summary(i: number, status: ApplicationSummaryView['status'] = 'submitted'): ApplicationSummaryView {
  return {
    id: `a${i}`, reference: `AAP2016-MED-00000${i}`, callId: 'c1', callCode: 'AAP-NORD-2016', axisCode: 'MEDIATION', organizationId: 'o1',
    organizationName: `Association ${i}`, territories: [], title: `Projet ${i}`, status, requestedCents: 100, submittedAt: '2016-03-20T10:00:00.000Z',
    updatedAt: '2016-03-20T10:00:00.000Z', unreadMessages: 0,
  };
}
const page = (items: ApplicationSummaryView[]): Page<ApplicationSummaryView> => ({ items, total: items.length, page: 1, pageSize: 25 });

describe('InstructionList: batch admissibility', () => {
  let fixture: ComponentFixture<InstructionList>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  async function start(role: Role): Promise<void> {
    TestBed.configureTestingModule({
      imports: [InstructionList],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
        { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
      ],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    const signedIn = firstValueFrom(TestBed.inject(AuthService).login(`${role}@demo.tremplin.fr`, 'pw'));
    backend.expectOne(AUTH_API.login).flush(loginResponse(role));
    await signedIn;
    fixture = TestBed.createComponent(InstructionList);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    backend.expectOne('/api/calls').flush([]);
    listRequest().flush(page([summary(1), summary(2), summary(3, 'admissible')]));
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  const listRequest = (): TestRequest => backend.expectOne((r) => r.url === '/api/applications' && r.method === 'GET');
  const rowBoxes = () => Array.from(el.querySelectorAll<HTMLInputElement>('tr.mat-mdc-row input[type="checkbox"]'));
  const markButton = () => Array.from(el.querySelectorAll<HTMLButtonElement>('.batch button'))[0];

  it('an admin selects submitted rows only and marks them admissible after confirming; the list reloads', async () => {
    await start('admin');
    // Only the two submitted rows can be selected; the header box selects the page.
    expect(rowBoxes().map((b) => b.getAttribute('aria-label'))).toEqual([
      'Sélectionner la candidature AAP2016-MED-000001', 'Sélectionner la candidature AAP2016-MED-000002',
    ]);
    expect(markButton()?.disabled).toBe(true);
    rowBoxes()[1]?.click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(normalizeSpaces(el.querySelector('.batch span')?.textContent)).toBe('1 sélectionnée(s)');
    expect(markButton()?.disabled).toBe(false);

    markButton()?.click();
    fixture.detectChanges();
    await fixture.whenStable();
    const dialog = document.querySelector('tp-admissibility-dialog') as HTMLElement;
    expect(normalizeSpaces(dialog.querySelector('h2')?.textContent)).toBe('Déclarer recevable (1)');
    (dialog.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    await fixture.whenStable();

    const post = backend.expectOne('/api/applications/admissibility');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ ids: ['a2'], admissible: true });
    post.flush({ items: [{ id: 'a2', reference: 'AAP2016-MED-000002', status: 'admissible', version: 5 }] });
    TestBed.tick();
    listRequest().flush(page([summary(1), summary(2, 'admissible'), summary(3, 'admissible')]));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(rowBoxes()).toHaveLength(1);
    expect(normalizeSpaces(el.querySelector('.batch span')?.textContent)).toBe('0 sélectionnée(s)');
  });

  it('finance (no permission): no selection column, no batch button', async () => {
    await start('finance');
    expect(rowBoxes()).toHaveLength(0);
    expect(el.querySelector('.batch')).toBeNull();
  });
});
