import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { loginResponse, normalizeSpaces, provideTestTranslations, testUser } from '../../testing/test-providers';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { AUTH_API, AuthService } from '../core/auth/auth.service';
import { LanguageService } from '../core/i18n/language.service';
import { createOrganizationProfileGroup } from '../shared/organization/organization-profile-form';
import { errorMessage } from '../shared/forms/describe-errors';
import { TranslateService } from '@ngx-translate/core';
import { SignupPage } from './signup-page';

describe('organisation profile validators (same rules as the API)', () => {
  let translate: TranslateService;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideTestTranslations()] });
    await TestBed.inject(LanguageService).init();
    translate = TestBed.inject(TranslateService);
  });

  const messageOf = (group: ReturnType<typeof createOrganizationProfileGroup>, name: keyof ReturnType<typeof createOrganizationProfileGroup>['controls']): string | null => {
    const errors = group.controls[name].errors;
    return errors ? errorMessage(errors, translate) : null;
  };

  it('checks the SIRET key, with the La Poste exception, and accepts spaces', () => {
    const group = createOrganizationProfileGroup();
    group.controls.siret.setValue('732 829 320 00074');
    expect(group.controls.siret.valid).toBe(true);
    group.controls.siret.setValue('35600000000010'); // La Poste: digit sum divisible by 5
    expect(group.controls.siret.valid).toBe(true);
    group.controls.siret.setValue('73282932000075');
    expect(messageOf(group, 'siret')).toContain('SIRET invalide');
  });

  it('wants a SIRET or an RNA number, and checks the RNA', () => {
    const group = createOrganizationProfileGroup();
    expect(messageOf(group, 'siret')).toBe('Indiquez le SIRET ou le numéro RNA (au moins un des deux).');
    group.controls.rna.setValue('w595012345');
    expect(group.controls.siret.valid).toBe(true);
    expect(group.controls.rna.valid).toBe(true);
    group.controls.rna.setValue('W12');
    expect(messageOf(group, 'rna')).toContain('Numéro RNA invalide');
  });

  it('checks IBAN (mod 97) and BIC, both optional', () => {
    const group = createOrganizationProfileGroup();
    expect(group.controls.iban.valid).toBe(true);
    group.controls.iban.setValue('FR76 3000 6000 0112 3456 7890 189');
    expect(group.controls.iban.valid).toBe(true);
    group.controls.iban.setValue('FR76 3000 6000 0112 3456 7890 188');
    expect(messageOf(group, 'iban')).toContain('IBAN invalide');
    group.controls.bic.setValue('CEPAFRPP627');
    expect(group.controls.bic.valid).toBe(true);
    group.controls.bic.setValue('CEPA');
    expect(messageOf(group, 'bic')).toContain('BIC invalide');
  });
});

describe('SignupPage', () => {
  let fixture: ComponentFixture<SignupPage>;
  let el: HTMLElement;
  let backend: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SignupPage],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(SignupPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  async function fillValid(): Promise<void> {
    const form = (fixture.componentInstance as unknown as { form: ReturnType<typeof import('./signup-page').createSignupForm> }).form;
    form.patchValue({
      email: 'contact@essor.fr',
      fullName: 'Nadia Lambert',
      password: 'vélo rouge sous la pluie',
      organization: {
        legalName: 'Association Essor',
        siret: '732 829 320 00074',
        legalForm: 'association_1901',
        addressLine: '12 rue de la Gare',
        postalCode: '59000',
        city: 'Lille',
        territory: 'METROPOLE_LILLE',
        legalRepName: 'Nadia Lambert',
        legalRepFunction: 'Présidente',
        contactName: 'Karim Benali',
        phone: '03 20 00 00 00',
        iban: 'fr76 3000 6000 0112 3456 7890 189',
        bic: 'cepafrpp627',
      },
    });
    await fixture.whenStable();
  }

  const submit = async (): Promise<void> => {
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };

  it('lists client errors in a focused summary and sends nothing', async () => {
    await submit();
    backend.expectNone(AUTH_API.register);
    const summary = el.querySelector('tp-error-summary');
    const text = normalizeSpaces(summary?.textContent);
    expect(text).toContain('Adresse e-mail');
    expect(text).toContain('SIRET : Indiquez le SIRET ou le numéro RNA');
    expect(summary?.querySelector('a[href="#f-organization-siret"]')).not.toBeNull();
  });

  it('sends the account and the normalised profile, then signs in', async () => {
    await fillValid();
    await submit();
    const req = backend.expectOne(AUTH_API.register);
    expect(req.request.body).toMatchObject({
      email: 'contact@essor.fr',
      fullName: 'Nadia Lambert',
      password: 'vélo rouge sous la pluie',
      organization: { siret: '73282932000074', iban: 'FR7630006000011234567890189', bic: 'CEPAFRPP627', territory: 'METROPOLE_LILLE' },
    });
    expect(req.request.body.organization.rna).toBeUndefined();
    req.flush({ ...loginResponse('association'), user: testUser('association', { emailVerified: false }) });
    await fixture.whenStable();
    expect(TestBed.inject(AuthService).user()?.emailVerified).toBe(false);
    expect(navigate).toHaveBeenCalledWith('/candidatures');
  });

  it('goes back to the call that sent here once the account exists (same-site paths only)', async () => {
    fixture.componentRef.setInput('returnUrl', '/candidatures?appel=c1');
    await fillValid();
    await submit();
    backend.expectOne(AUTH_API.register).flush(loginResponse('association'));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/candidatures?appel=c1');
  });

  it("puts the API's field errors on their fields (organization.siret → SIRET, password)", async () => {
    await fillValid();
    await submit();
    backend.expectOne(AUTH_API.register).flush(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Certaines données sont invalides.',
        details: [
          { field: 'organization.siret', message: 'SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.' },
          { field: 'password', message: 'Mot de passe trop facile à deviner.' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const form = (fixture.componentInstance as unknown as { form: ReturnType<typeof import('./signup-page').createSignupForm> }).form;
    expect(form.controls.organization.controls.siret.getError('server')).toContain('SIRET invalide');
    expect(form.controls.password.getError('server')).toBe('Mot de passe trop facile à deviner.');
    const summary = normalizeSpaces(el.querySelector('tp-error-summary')?.textContent);
    expect(summary).toContain('SIRET : SIRET invalide');
    expect(summary).toContain('Mot de passe : Mot de passe trop facile à deviner.');
    expect(normalizeSpaces(el.querySelector('mat-error')?.textContent)).not.toBe('');
  });

  it('shows SIRET_TAKEN prominently, telling to ask for an invitation', async () => {
    await fillValid();
    await submit();
    const message =
      "Une organisation est déjà inscrite avec ce SIRET. Demandez à son administrateur de vous inviter depuis son espace « Mon organisation ».";
    backend.expectOne(AUTH_API.register).flush({ statusCode: 409, code: 'SIRET_TAKEN', message }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    const alert = el.querySelector('[data-testid="signup-conflict"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(normalizeSpaces(alert?.textContent)).toContain('Cette organisation a déjà un compte.');
    expect(alert?.textContent).toContain('Demandez à son administrateur de vous inviter');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('hints at the password strength in words', async () => {
    const input = el.querySelector<HTMLInputElement>('#f-password');
    if (!input) throw new Error('password');
    input.value = 'court';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(el.querySelector('#f-password-strength')?.textContent).toContain('trop court');
    input.value = 'motdepasse123456';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(el.querySelector('#f-password-strength')?.textContent).toContain('faible');
    input.value = 'vélo rouge sous la pluie';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(el.querySelector('#f-password-strength')?.textContent).toContain('bonne');
  });
});
