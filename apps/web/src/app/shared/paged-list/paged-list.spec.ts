import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { provideRouter, Router } from '@angular/router';
import type { Page } from '@tremplin/contracts';
import { of, throwError, type Observable } from 'rxjs';
import { provideTestTranslations } from '../../../testing/test-providers';
import { bindFilter, pagedList, paramsFromQuery, queryFromParams, type PageQuery } from './paged-list';

interface MailQuery extends PageQuery {
  to: string;
  kind: string;
}
const DEFAULTS: MailQuery = { to: '', kind: '', page: 1, pageSize: 25, sort: 'createdAt', direction: 'desc' };

describe('queryFromParams / paramsFromQuery', () => {
  it('reads numbers as numbers and keeps defaults for what the URL does not say', () => {
    expect(queryFromParams(DEFAULTS, { page: '3', kind: 'invitation', other: 'x' })).toEqual({
      to: '', kind: 'invitation', page: 3, pageSize: 25, sort: 'createdAt', direction: 'desc',
    });
  });

  it('falls back to the default page for a page that is not a positive integer', () => {
    expect(queryFromParams(DEFAULTS, { page: '-2' }).page).toBe(1);
    expect(queryFromParams(DEFAULTS, { page: 'abc' }).page).toBe(1);
    expect(queryFromParams(DEFAULTS, { pageSize: '2.5' }).pageSize).toBe(25);
  });

  it('writes only what differs from the defaults (null removes a parameter)', () => {
    expect(paramsFromQuery(DEFAULTS, { ...DEFAULTS, page: 2, to: 'a@b.fr' })).toEqual({
      to: 'a@b.fr', kind: null, page: '2', pageSize: null, sort: null, direction: null,
    });
  });
});

describe('pagedList', () => {
  let calls: MailQuery[];
  let answer: () => Observable<Page<string>>;

  function setUp(url = '/'): Promise<ReturnType<typeof pagedList<MailQuery, string>>> {
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: '**', children: [] }]), provideTestTranslations()] });
    return TestBed.inject(Router).navigateByUrl(url).then(() =>
      TestBed.runInInjectionContext(() => pagedList(DEFAULTS, (q) => {
        calls.push(q);
        return answer();
      })),
    );
  }

  beforeEach(() => {
    calls = [];
    answer = () => of({ items: ['a', 'b'], total: 42, page: 1, pageSize: 25 });
  });

  it('loads the query read from the URL, and exposes rows and total', async () => {
    const list = await setUp('/?kind=message&page=2');
    TestBed.tick();
    await Promise.resolve();
    expect(calls.at(-1)).toEqual({ ...DEFAULTS, kind: 'message', page: 2 });
    expect(list.rows()).toEqual(['a', 'b']);
    expect(list.total()).toBe(42);
    expect(list.empty()).toBe(false);
    expect(list.errorMessage()).toBeNull();
  });

  it('a filter change goes back to page 1 and is written to the URL', async () => {
    const list = await setUp('/?page=4');
    TestBed.tick();
    list.filter({ to: 'jeanne' });
    await new Promise((r) => setTimeout(r));
    TestBed.tick();
    expect(TestBed.inject(Router).url).toBe('/?to=jeanne');
    expect(calls.at(-1)).toEqual({ ...DEFAULTS, to: 'jeanne', page: 1 });
  });

  it('paging and sorting change the URL and the query', async () => {
    const list = await setUp('/');
    TestBed.tick();
    list.onPage({ pageIndex: 2, pageSize: 50, length: 42 });
    await new Promise((r) => setTimeout(r));
    expect(TestBed.inject(Router).url).toBe('/?page=3&pageSize=50');
    list.onSort({ active: 'to', direction: 'asc' });
    await new Promise((r) => setTimeout(r));
    TestBed.tick();
    expect(TestBed.inject(Router).url).toBe('/?pageSize=50&sort=to&direction=asc');
    expect(calls.at(-1)).toEqual({ ...DEFAULTS, pageSize: 50, sort: 'to', direction: 'asc', page: 1 });
  });

  it('says when nothing matches, and gives the error in words when loading fails', async () => {
    answer = () => of({ items: [], total: 0, page: 1, pageSize: 25 });
    const list = await setUp('/');
    TestBed.tick();
    await Promise.resolve();
    expect(list.empty()).toBe(true);

    answer = () => throwError(() => new HttpErrorResponse({ status: 0 }));
    list.reload();
    TestBed.tick();
    await Promise.resolve();
    expect(list.errorMessage()).toMatch(/réseau|connexion/i);
    expect(list.empty()).toBe(false);
  });

  it('two changes made before the URL catches up both count (a reset of several filters, then a sort)', async () => {
    const list = await setUp('/?to=jeanne&kind=message&page=3');
    TestBed.tick();
    list.filter({ to: '' });
    list.filter({ kind: '' });
    list.onSort({ active: 'to', direction: 'asc' });
    await new Promise((r) => setTimeout(r));
    TestBed.tick();
    expect(TestBed.inject(Router).url).toBe('/?sort=to&direction=asc');
    expect(calls.at(-1)).toEqual({ ...DEFAULTS, sort: 'to', direction: 'asc' });
  });

  it('a filter that does not change the query keeps the page', async () => {
    const list = await setUp('/?kind=message&page=3');
    TestBed.tick();
    list.filter({ kind: 'message' });
    await new Promise((r) => setTimeout(r));
    TestBed.tick();
    expect(TestBed.inject(Router).url).toBe('/?kind=message&page=3');
  });
});

describe('bindFilter', () => {
  let calls: MailQuery[];

  async function setUp(url: string): Promise<{ list: ReturnType<typeof pagedList<MailQuery, string>>; to: FormControl<string>; kind: FormControl<string> }> {
    calls = [];
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: '**', children: [] }]), provideTestTranslations()] });
    await TestBed.inject(Router).navigateByUrl(url);
    return TestBed.runInInjectionContext(() => {
      const list = pagedList(DEFAULTS, (q) => {
        calls.push(q);
        return of({ items: [], total: 0, page: 1, pageSize: 25 });
      });
      const to = new FormControl('', { nonNullable: true });
      const kind = new FormControl('', { nonNullable: true });
      bindFilter(list, 'to', to, 300);
      bindFilter(list, 'kind', kind);
      return { list, to, kind };
    });
  }

  const settle = async (): Promise<void> => {
    await new Promise((r) => setTimeout(r));
    TestBed.tick();
  };

  it('fills the controls from the URL (a shared link), and again on back/forward', async () => {
    const { to, kind } = await setUp('/?to=jeanne&kind=invitation');
    TestBed.tick();
    expect(to.value).toBe('jeanne');
    expect(kind.value).toBe('invitation');
    await TestBed.inject(Router).navigateByUrl('/?kind=message');
    TestBed.tick();
    expect(to.value).toBe('');
    expect(kind.value).toBe('message');
  });

  it('a select filters at once; typed text filters trimmed, after the pause only', async () => {
    const { kind, to } = await setUp('/?page=2');
    TestBed.tick();
    kind.setValue('decision');
    await settle();
    expect(TestBed.inject(Router).url).toBe('/?kind=decision');

    to.setValue('  paul ');
    await new Promise((r) => setTimeout(r, 50));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/?kind=decision');
    await new Promise((r) => setTimeout(r, 300));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/?kind=decision&to=paul');
    expect(calls.at(-1)).toEqual({ ...DEFAULTS, to: 'paul', kind: 'decision' });
    // The typed text is left as typed (no cursor jump), the query holds it trimmed.
    expect(to.value).toBe('  paul ');
  });
});
