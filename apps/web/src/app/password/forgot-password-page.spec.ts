import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTestTranslations } from '../../testing/test-providers';
import { ForgotPasswordPage } from './forgot-password-page';

describe('ForgotPasswordPage', () => {
  function setup() {
    TestBed.configureTestingModule({
      imports: [ForgotPasswordPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTestTranslations()],
    });
    const fixture = TestBed.createComponent(ForgotPasswordPage);
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement, backend: TestBed.inject(HttpTestingController) };
  }

  it('sends nothing for an invalid address', () => {
    const { fixture, el, backend } = setup();
    const input = el.querySelector<HTMLInputElement>('#reset-email');
    if (!input) throw new Error('no email field');
    input.value = 'pas-une-adresse';
    input.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    fixture.detectChanges();
    backend.expectNone('/api/auth/password-reset');
    expect(el.querySelector('[data-testid=reset-sent]')).toBeNull();
  });

  it('posts the trimmed address and says the same thing whatever the answer holds', () => {
    const { fixture, el, backend } = setup();
    const input = el.querySelector<HTMLInputElement>('#reset-email');
    if (!input) throw new Error('no email field');
    input.value = ' jeanne@example.org ';
    input.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const req = backend.expectOne('/api/auth/password-reset');
    expect(req.request.body).toEqual({ email: 'jeanne@example.org' });
    req.flush(null, { status: 202, statusText: 'Accepted' });
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=reset-sent]')?.textContent).toContain('jeanne@example.org');
    backend.verify();
  });
});
