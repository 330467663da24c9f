import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter, Router } from '@angular/router';
import type { Page, UserAdminView } from '@tremplin/contracts';
import { afterNavigation } from '../../testing/navigation';
import { provideTestTranslations } from '../../testing/test-providers';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { LanguageService } from '../core/i18n/language.service';
import { TranslatedPaginatorIntl } from '../core/i18n/paginator-intl';
import { AccountsPage } from './accounts-page';

function user(i: number, overrides: Partial<UserAdminView> = {}): UserAdminView {
  return {
    id: `u${i}`,
    email: `agent${i}@demo.tremplin.fr`,
    fullName: `Agent ${i}`,
    role: 'reviewer',
    organizationId: null,
    organizationName: null,
    active: true,
    createdAt: '2026-01-01T00:00:00Z',
    lastLoginAt: null,
    ...overrides,
  };
}

function page(items: UserAdminView[], total: number, pageNo = 1, pageSize = 25): Page<UserAdminView> {
  return { items, total, page: pageNo, pageSize };
}

describe('AccountsPage', () => {
  let fixture: ComponentFixture<AccountsPage>;
  let loader: HarnessLoader;
  let root: HarnessLoader;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [AccountsPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
        { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(LanguageService).init();
    fixture = TestBed.createComponent(AccountsPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    TestBed.tick();
  });

  afterEach(() => backend.verify());

  const expectList = (): TestRequest => backend.expectOne((r) => r.url === '/api/users');

  /**
   * Harness actions wait for the app to be stable, and a pending HTTP request keeps it unstable:
   * start the action, answer the request it sends, then let the action finish.
   */
  async function answering(action: Promise<unknown>, url: string, method: string, body: object): Promise<TestRequest> {
    for (let i = 0; i < 100; i++) {
      const [req] = backend.match((r) => r.url === url && r.method === method);
      if (req) {
        req.flush(body);
        await action;
        return req;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no ${method} ${url}`);
  }

  it('lists accounts with server-side paging', async () => {
    const first = expectList();
    expect(first.request.params.get('page')).toBe('1');
    expect(first.request.params.get('pageSize')).toBe('25');
    first.flush(page([user(1), user(2, { active: false, role: 'finance' })], 60));
    await fixture.whenStable();

    const table = await loader.getHarness(MatTableHarness);
    const rows = await table.getCellTextByColumnName();
    expect(rows['fullName']?.text).toEqual(['Agent 1', 'Agent 2']);
    expect(rows['role']?.text).toEqual(['Évaluation', 'Finances']);
    // The status cell is an icon (SVG, no text) and a word.
    expect(rows['status']?.text.map((t) => t.trim())).toEqual(['Actif', 'Désactivé']);

    const paginator = await loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('1 – 25 sur 60');
    const second = await answering(paginator.goToNextPage(), '/api/users', 'GET', page([user(26)], 60, 2));
    expect(second.request.params.get('page')).toBe('2');
    expect(await paginator.getRangeLabel()).toBe('26 – 50 sur 60');
  });

  it('asks for confirmation before deactivating', async () => {
    expectList().flush(page([user(1)], 1));
    await fixture.whenStable();

    const button = await loader.getHarness(MatButtonHarness.with({ text: /Désactiver/ }));
    await button.click();
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Désactiver ce compte ?');
    expect(await dialog.getContentText()).toContain('Agent 1 (agent1@demo.tremplin.fr) ne pourra plus se connecter');

    // cancel: nothing sent
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Annuler' }))).click();
    await fixture.whenStable();
    backend.expectNone('/api/users/u1/deactivate');

    await button.click();
    const again = await root.getHarness(MatDialogHarness);
    const confirm = (await again.getHarness(MatButtonHarness.with({ text: 'Désactiver' }))).click();
    const clicked = answering(confirm, '/api/users/u1/deactivate', 'POST', user(1, { active: false }));
    await answering(clicked, '/api/users', 'GET', page([user(1, { active: false })], 1));
    expect(await (await loader.getHarness(MatButtonHarness.with({ text: /Réactiver/ }))).isDisabled()).toBe(false);
  });

  it('filters by role from the first page', async () => {
    expectList().flush(page([], 0));
    await fixture.whenStable();
    const component = fixture.componentInstance as unknown as { roleFilter: { setValue(v: string): void } };
    component.roleFilter.setValue('admin');
    await afterNavigation();
    const req = expectList();
    expect(req.request.params.get('role')).toBe('admin');
    expect(req.request.params.get('page')).toBe('1');
    req.flush(page([], 0));
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Aucun compte ne correspond à ces critères.');
  });

  it('keeps its search, role and page in the URL, and a link opens on them', async () => {
    expectList().flush(page([user(1)], 60));
    await fixture.whenStable();
    const search = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>('input[type="search"]');
    if (!search) throw new Error('search');
    search.value = 'agent';
    search.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 350));
    await afterNavigation();
    const searched = expectList();
    expect(searched.request.params.get('q')).toBe('agent');
    searched.flush(page([user(1)], 1));
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/?q=agent');

    await TestBed.inject(Router).navigateByUrl('/?role=finance&page=2');
    TestBed.tick();
    const linked = expectList();
    expect([linked.request.params.get('role'), linked.request.params.get('page'), linked.request.params.get('q')]).toEqual(['finance', '2', null]);
    linked.flush(page([user(26, { role: 'finance' })], 30, 2));
    await fixture.whenStable();
    expect(search.value).toBe('');
    const component = fixture.componentInstance as unknown as { roleFilter: { value: string } };
    expect(component.roleFilter.value).toBe('finance');
    expect(await (await loader.getHarness(MatPaginatorHarness)).getRangeLabel()).toBe('26 – 30 sur 30');
  });
});
