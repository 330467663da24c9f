import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { GrantorView } from '@tremplin/contracts';
import { normalizeSpaces, provideTestTranslations } from '../../testing/test-providers';
import { LanguageService } from '../core/i18n/language.service';
import { GrantorPage } from './grantor-page';

const NORD: GrantorView = {
  name: 'Département du Nord', siret: '22590001800014', address: 'Hôtel du Département\n51, rue Gustave Delory\n59047 Lille Cedex',
  presidentName: 'Christian Poiret', presidentTitle: 'Président du Conseil départemental', version: 3, updatedAt: '2026-11-01T10:00:00.000Z',
};

describe('GrantorPage', () => {
  let fixture: ComponentFixture<GrantorPage>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [GrantorPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(GrantorPage);
    el = fixture.nativeElement as HTMLElement;
    backend.expectOne('/api/grantor').flush(NORD);
    await fixture.whenStable();
  });

  const input = (id: string) => el.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`) as HTMLInputElement;
  async function type(id: string, value: string): Promise<void> {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  const submit = async () => {
    el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  };

  it('shows the record in labelled fields', () => {
    expect(input('f-grantor-name').value).toBe('Département du Nord');
    expect(input('f-grantor-address').value).toBe(NORD.address);
    expect(el.querySelector('label[for="f-grantor-siret"]')?.textContent).toContain('SIRET');
  });

  it('refuses a SIRET whose key is wrong before sending anything', async () => {
    await type('f-grantor-siret', '22590001800015');
    await submit();
    backend.expectNone('/api/grantor');
    expect(normalizeSpaces(el.textContent)).toContain('SIRET invalide');
  });

  it('sends the edited record with the version read, then shows what the server saved', async () => {
    await type('f-grantor-name', 'Département du Pas-de-Calais');
    await submit();
    const put = backend.expectOne({ method: 'PUT', url: '/api/grantor' });
    expect(put.request.body).toEqual({
      name: 'Département du Pas-de-Calais', siret: NORD.siret, address: NORD.address, presidentName: NORD.presidentName, presidentTitle: NORD.presidentTitle, version: 3,
    });
    put.flush({ ...NORD, name: 'Département du Pas-de-Calais', version: 4 });
    await fixture.whenStable();
    expect(input('f-grantor-name').value).toBe('Département du Pas-de-Calais');
  });

  it("puts the server's field error on its field", async () => {
    await submit();
    backend.expectOne({ method: 'PUT', url: '/api/grantor' }).flush(
      { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Certaines données sont invalides.', details: [{ field: 'presidentName', code: 'REQUIRED', message: 'Nom trop court.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(normalizeSpaces(el.querySelector('[data-testid="grantor-error"]')?.textContent)).toBe('Certaines données sont invalides.');
    expect(normalizeSpaces(el.textContent)).toContain('Nom trop court.');
  });
});
