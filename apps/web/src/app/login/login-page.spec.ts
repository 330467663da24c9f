import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatExpansionPanelHarness } from '@angular/material/expansion/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Router, provideRouter } from '@angular/router';
import { loginResponse, provideTestTranslations } from '../../testing/test-providers';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { AUTH_API } from '../core/auth/auth.service';
import { LanguageService } from '../core/i18n/language.service';
import { LoginPage, safeReturnUrl } from './login-page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(LoginPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
  });

  afterEach(() => backend.verify());

  async function fillAndSubmit(email: string, password: string): Promise<void> {
    await (await loader.getHarness(MatInputHarness.with({ selector: '#login-email' }))).setValue(email);
    await (await loader.getHarness(MatInputHarness.with({ selector: '#login-password' }))).setValue(password);
    await (await loader.getHarness(MatButtonHarness.with({ text: /Se connecter/ }))).click();
  }

  it('signs in and goes back to the requested page', async () => {
    fixture.componentRef.setInput('returnUrl', '/audit?page=2');
    await fillAndSubmit('finances@demo.tremplin.fr', 'Tremplin-2016!');
    const req = backend.expectOne(AUTH_API.login);
    expect(req.request.body).toEqual({ email: 'finances@demo.tremplin.fr', password: 'Tremplin-2016!' });
    req.flush(loginResponse('finance'));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/audit?page=2');
  });

  it.each([
    ['association', 'association1@demo.tremplin.fr', '/candidatures'],
    ['admin', 'admin@demo.tremplin.fr', '/instruction'],
    ['finance', 'finances@demo.tremplin.fr', '/instruction'],
    ['reviewer', 'evaluateur@demo.tremplin.fr', '/'],
  ] as const)('without a return URL, lands the %s on its work (%s → %s)', async (role, email, landing) => {
    await fillAndSubmit(email, 'Tremplin-2016!');
    backend.expectOne(AUTH_API.login).flush(loginResponse(role));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(landing);
  });

  it('keeps the requested page of an association over its landing page', async () => {
    fixture.componentRef.setInput('returnUrl', '/candidatures?appel=c1');
    await fillAndSubmit('association1@demo.tremplin.fr', 'Tremplin-2016!');
    backend.expectOne(AUTH_API.login).flush(loginResponse('association'));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/candidatures?appel=c1');
  });

  it('offers the sign-up with the same return URL', async () => {
    fixture.componentRef.setInput('returnUrl', '/candidatures?appel=c1');
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector<HTMLAnchorElement>('.signup a');
    expect(link?.getAttribute('href')).toBe('/inscription?returnUrl=%2Fcandidatures%3Fappel%3Dc1');
  });

  it('shows the API message in an alert region on wrong credentials', async () => {
    await fillAndSubmit('x@y.fr', 'bad');
    backend
      .expectOne(AUTH_API.login)
      .flush(
        { statusCode: 401, error: 'Unauthorized', code: 'INVALID_CREDENTIALS', message: 'Adresse e-mail ou mot de passe incorrect.' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await fixture.whenStable();
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('does not call the API while the form is invalid', async () => {
    await fillAndSubmit('not-an-email', '');
    backend.expectNone(AUTH_API.login);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Adresse e-mail invalide');
  });

  it('lists the demo accounts in a collapsible panel and can fill the form', async () => {
    const panel = await loader.getHarness(MatExpansionPanelHarness);
    expect(await panel.getTitle()).toBe('Comptes de démonstration');
    expect(await panel.isExpanded()).toBe(false);
    await panel.expand();
    expect(await panel.getTextContent()).toContain('admin@demo.tremplin.fr');
    const fill = await loader.getAllHarnesses(MatButtonHarness.with({ text: /Remplir/ }));
    expect(fill).toHaveLength(6);
    await fill[0]?.click();
    expect(await (await loader.getHarness(MatInputHarness.with({ selector: '#login-email' }))).getValue()).toBe('admin@demo.tremplin.fr');
  });

  it('only follows same-site return URLs', () => {
    expect(safeReturnUrl('/admin/comptes')).toBe('/admin/comptes');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl(undefined)).toBe('/');
    expect(safeReturnUrl('/connexion')).toBe('/');
  });
});
