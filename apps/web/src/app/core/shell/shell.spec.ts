import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { provideRouter } from '@angular/router';
import type { Role } from '@tremplin/contracts';
import { firstValueFrom } from 'rxjs';
import { loginResponse, normalizeSpaces, provideTestTranslations, testUser } from '../../../testing/test-providers';
import { authInterceptor } from '../auth/auth.interceptor';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { LanguageService } from '../i18n/language.service';
import { Shell } from './shell';

@Component({ selector: 'tp-blank', template: '<h1>Page</h1>' })
class Blank {}

describe('Shell', () => {
  let fixture: ComponentFixture<Shell>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [
        provideRouter([{ path: '**', component: Blank }]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(Shell);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  async function signInAs(role: Role): Promise<void> {
    const done = firstValueFrom(TestBed.inject(AuthService).login(`${role}@x.fr`, 'pw'));
    backend.expectOne(AUTH_API.login).flush(loginResponse(role));
    await done;
    await fixture.whenStable();
  }

  const navLabels = (): string[] => Array.from(el.querySelectorAll('nav a > span')).map((s) => (s.textContent ?? '').trim());

  it('has the skip link first, then header, nav, main#main and footer landmarks', () => {
    const first = el.querySelector('a, button');
    expect(first?.textContent).toContain('Aller au contenu');
    expect(first?.getAttribute('href')).toBe('#main');
    expect(el.querySelector('header')).not.toBeNull();
    expect(el.querySelector('nav')?.getAttribute('aria-label')).toBe('Navigation principale');
    expect(el.querySelector('main#main')).not.toBeNull();
    expect(el.querySelector('footer a[href="/accessibilite"]')?.textContent).toContain('Accessibilité');
    expect(el.textContent).toContain('Département du Nord — appels à projets insertion');
  });

  it('moves focus to the main content from the skip link', () => {
    el.querySelector<HTMLAnchorElement>('.skip-link')?.click();
    expect(document.activeElement).toBe(el.querySelector('main'));
  });

  it.each<[Role | null, string[]]>([
    [null, ['Appels à projets', 'Se connecter']],
    ['association', ['Appels à projets', 'Mes candidatures', 'Mon organisation', 'Mes conventions']],
    ['reviewer', ['Appels à projets', 'Mes évaluations']],
    ['finance', ['Appels à projets', 'Candidatures', 'Conventions', 'Tableau financier', "Journal d'audit"]],
    ['admin', ['Appels à projets', 'Candidatures', 'Affectations', 'Conventions', 'Gérer les appels', 'Comptes', 'Courriels', 'Financeur', 'Tableau financier', "Journal d'audit"]],
  ])('navigation for %s', async (role, expected) => {
    if (role) await signInAs(role);
    expect(navLabels()).toEqual(expected);
  });

  it('asks an unverified user to check their address, and resends the link', async () => {
    const done = firstValueFrom(TestBed.inject(AuthService).login('new@asso.fr', 'pw'));
    backend.expectOne(AUTH_API.login).flush({ ...loginResponse('association'), user: testUser('association', { emailVerified: false, email: 'new@asso.fr' }) });
    await done;
    await fixture.whenStable();
    const banner = el.querySelector('[data-testid="verify-banner"]');
    expect(normalizeSpaces(banner?.textContent)).toContain('Vérifiez votre adresse e-mail');
    expect(banner?.textContent).toContain('new@asso.fr');
    Array.from(banner?.querySelectorAll('button') ?? []).find((b) => b.textContent?.includes('Renvoyer le lien'))?.click();
    backend.expectOne(AUTH_API.resendVerification).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(banner?.querySelector('[role="status"]')?.textContent).toContain('Un nouveau lien');
  });

  it('shows no banner once the address is verified', async () => {
    await signInAs('association');
    expect(el.querySelector('[data-testid="verify-banner"]')).toBeNull();
  });

  it('switches language with pressed buttons and updates <html lang>', async () => {
    const en = el.querySelector<HTMLButtonElement>('button[lang="en"]');
    expect(en?.getAttribute('aria-pressed')).toBe('false');
    en?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
    expect(document.documentElement.lang).toBe('en');
    expect(en?.getAttribute('aria-pressed')).toBe('true');
    expect(el.querySelector('.skip-link')?.textContent).toContain('Skip to content');
  });

  it('shows the user menu with name, role, password change and sign-out', async () => {
    await signInAs('finance');
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const menu = await loader.getHarness(MatMenuHarness);
    expect(await menu.getTriggerText()).toContain('Jeanne finance');
    await menu.open();
    const items = await menu.getItems();
    expect(await Promise.all(items.map((item) => item.getText()))).toEqual(['Changer mon mot de passe', 'Se déconnecter']);
    expect(normalizeSpaces(document.body.textContent)).toContain('Rôle : Finances');
    await items[1]?.click();
    backend.expectOne(AUTH_API.logout).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(TestBed.inject(AuthService).isAuthenticated()).toBe(false);
    expect(navLabels()).toEqual(['Appels à projets', 'Se connecter']);
  });
});
