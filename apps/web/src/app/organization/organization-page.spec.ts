import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OrganizationProfileView } from '@tremplin/contracts';
import { firstValueFrom } from 'rxjs';
import { loginResponse, normalizeSpaces, provideTestTranslations } from '../../testing/test-providers';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { AUTH_API, AuthService } from '../core/auth/auth.service';
import { LanguageService } from '../core/i18n/language.service';
import { OrganizationPage } from './organization-page';

const ORGANIZATION_API = '/api/organizations/mine';

function profile(overrides: Partial<OrganizationProfileView> = {}): OrganizationProfileView {
  return {
    id: 'org-1',
    legalName: 'Association Essor',
    siret: '73282932000074',
    rna: null,
    legalForm: 'association_1901',
    addressLine: '12 rue de la Gare',
    postalCode: '59000',
    city: 'Lille',
    territory: 'METROPOLE_LILLE',
    legalRepName: 'Nadia Lambert',
    legalRepFunction: 'Présidente',
    contactName: 'Karim Benali',
    phone: '03 20 00 00 00',
    ibanMasked: 'FR76 **** **** **** **** ***0 189',
    bic: 'CEPAFRPP627',
    website: '',
    version: 2,
    members: [
      { id: 'association-id', email: 'association@demo.tremplin.fr', fullName: 'Jeanne association', isAdmin: true, verified: true },
      { id: 'u2', email: 'karim@essor.fr', fullName: 'Karim Benali', isAdmin: false, verified: false },
    ],
    pendingInvitations: [],
    ...overrides,
  };
}

describe('OrganizationPage', () => {
  let fixture: ComponentFixture<OrganizationPage>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [OrganizationPage],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    const signedIn = firstValueFrom(TestBed.inject(AuthService).login('association@demo.tremplin.fr', 'pw'));
    backend.expectOne(AUTH_API.login).flush(loginResponse('association'));
    await signedIn;
    fixture = TestBed.createComponent(OrganizationPage);
    el = fixture.nativeElement as HTMLElement;
    backend.expectOne(ORGANIZATION_API).flush(profile());
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const button = (label: string): HTMLButtonElement => {
    const found = Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find((b) => normalizeSpaces(b.textContent).includes(label));
    if (!found) throw new Error(label);
    return found;
  };

  it('shows the profile with the IBAN masked, and the members', () => {
    expect(normalizeSpaces(el.querySelector('[data-testid="iban"]')?.textContent)).toBe('FR76 **** **** **** **** ***0 189');
    expect(normalizeSpaces(el.textContent)).toContain('732 829 320 00074');
    expect(normalizeSpaces(el.textContent)).toContain('En attente de confirmation');
  });

  it('on a stale version keeps what was typed and offers to reload', async () => {
    button('Modifier le profil').click();
    await fixture.whenStable();
    const city = el.querySelector<HTMLInputElement>('#f-city');
    if (!city) throw new Error('city');
    city.value = 'Roubaix';
    city.dispatchEvent(new Event('input'));
    button('Enregistrer le profil').click();
    await fixture.whenStable();
    const patch = backend.expectOne((r) => r.method === 'PATCH' && r.url === ORGANIZATION_API);
    expect(patch.request.body).toMatchObject({ city: 'Roubaix', version: 2, siret: '73282932000074' });
    expect(patch.request.body.iban).toBeUndefined(); // an empty IBAN field keeps the stored one
    patch.flush({ statusCode: 409, code: 'STALE_VERSION', message: 'Modifié entre-temps.' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="org-conflict"]')?.getAttribute('role')).toBe('alert');
    expect(el.querySelector<HTMLInputElement>('#f-city')?.value).toBe('Roubaix');

    button('Recharger').click();
    backend.expectOne(ORGANIZATION_API).flush(profile({ version: 3, phone: '03 20 11 11 11' }));
    await fixture.whenStable();
    expect(el.querySelector<HTMLInputElement>('#f-city')?.value).toBe('Roubaix');
    expect(normalizeSpaces(el.textContent)).toContain('Champs où votre saisie diffère de la version enregistrée : Commune, Téléphone');

    button('Enregistrer le profil').click();
    await fixture.whenStable();
    const again = backend.expectOne((r) => r.method === 'PATCH' && r.url === ORGANIZATION_API);
    expect(again.request.body).toMatchObject({ city: 'Roubaix', version: 3 });
    again.flush(profile({ version: 4, city: 'Roubaix' }));
  });

  it("shows the server's refusal to remove the last administrator", async () => {
    button('Retirer le rôle d’administrateur').click();
    const put = backend.expectOne(`${ORGANIZATION_API}/members/association-id/admin`);
    expect(put.request.body).toEqual({ isAdmin: false });
    put.flush(
      { statusCode: 409, code: 'LAST_ORGANIZATION_ADMIN', message: "L'organisation doit garder au moins un administrateur : nommez-en un autre d'abord." },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="members-error"]')?.textContent).toContain("L'organisation doit garder au moins un administrateur");
  });

  it('invites a member by email', async () => {
    const email = el.querySelector<HTMLInputElement>('#invite-email');
    if (!email) throw new Error('email');
    email.value = 'sophie@essor.fr';
    email.dispatchEvent(new Event('input'));
    el.querySelector<HTMLFormElement>('form.invite')?.dispatchEvent(new Event('submit'));
    const post = backend.expectOne(`${ORGANIZATION_API}/invitations`);
    expect(post.request.body).toEqual({ email: 'sophie@essor.fr' });
    post.flush({ id: 'i1', email: 'sophie@essor.fr', createdAt: '2026-11-26T10:00:00.000Z', expiresAt: '2026-12-10T10:00:00.000Z' });
    await fixture.whenStable();
    expect(normalizeSpaces(el.textContent)).toContain('sophie@essor.fr — lien valable jusqu’au 10 décembre 2026');
  });
});
