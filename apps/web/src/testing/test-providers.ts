import type { EnvironmentProviders, Provider } from '@angular/core';
import { provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import type { LoginResponse, Role, UserView } from '@tremplin/contracts';
import { AppTranslateLoader } from '../app/core/i18n/translate-loader';

/** Real French translations (synchronous loader), as the app starts. */
export function provideTestTranslations(): Array<Provider | EnvironmentProviders> {
  return provideTranslateService({ loader: provideTranslateLoader(AppTranslateLoader), fallbackLang: 'fr', lang: 'fr' });
}

export function testUser(role: Role, overrides: Partial<UserView> = {}): UserView {
  return {
    id: `${role}-id`,
    email: `${role}@demo.tremplin.fr`,
    fullName: `Jeanne ${role}`,
    role,
    organizationId: role === 'association' ? 'org-1' : null,
    active: true,
    emailVerified: true,
    ...overrides,
  };
}

export function loginResponse(role: Role, token = `token-${role}`): LoginResponse {
  return { accessToken: token, expiresIn: 900, user: testUser(role) };
}

/** French number formatting uses narrow no-break spaces: compare with plain spaces. */
export function normalizeSpaces(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u202f\u00a0]/g, ' ').replace(/\s+/g, ' ').trim();
}
