import { DestroyRef, computed, effect, inject, type Signal } from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import type { FormControl } from '@angular/forms';
import type { PageEvent } from '@angular/material/paginator';
import type { Sort } from '@angular/material/sort';
import { ActivatedRoute, Router, type Params } from '@angular/router';
import type { Page } from '@tremplin/contracts';
import { debounceTime, map, type Observable } from 'rxjs';
import { Notifier } from '../../core/http/notifier.service';

/** What every server-paged list sends: its filters are the other fields (strings or numbers). */
export interface PageQuery {
  page: number;
  pageSize: number;
  sort?: string;
  direction?: 'asc' | 'desc' | '';
}

export type QueryValue = string | number | undefined;

/**
 * Reads a query from URL parameters: each field takes the type of its default (numbers stay
 * numbers, a page below 1 or a non-number falls back to the default); unknown parameters are ignored.
 */
export function queryFromParams<Q extends PageQuery>(defaults: Q, params: Params): Q {
  const query = { ...defaults } as unknown as Record<string, QueryValue>;
  for (const [field, fallback] of Object.entries(defaults) as Array<[string, QueryValue]>) {
    const raw: unknown = params[field];
    if (typeof raw !== 'string') continue;
    if (typeof fallback === 'number') {
      const n = Number(raw);
      query[field] = Number.isInteger(n) && n >= 1 ? n : fallback;
    } else {
      query[field] = raw;
    }
  }
  return query as unknown as Q;
}

/** URL parameters for a query: only what differs from the defaults, so that links stay short. */
export function paramsFromQuery<Q extends PageQuery>(defaults: Q, query: Q): Params {
  const params: Params = {};
  for (const [field, value] of Object.entries(query) as Array<[string, QueryValue]>) {
    const fallback = (defaults as unknown as Record<string, QueryValue>)[field];
    params[field] = value === fallback || value === '' || value === undefined ? null : String(value);
  }
  return params;
}

export interface PagedList<Q extends PageQuery, T> {
  /** The current query, read from the URL (so a list can be bookmarked, shared and navigated back to). */
  readonly query: Signal<Q>;
  readonly rows: Signal<T[]>;
  readonly total: Signal<number>;
  readonly loading: Signal<boolean>;
  /** The failure in words, or null. */
  readonly errorMessage: Signal<string | null>;
  /** Loaded, without error, and nothing matches. */
  readonly empty: Signal<boolean>;
  reload(): void;
  /** Changes filters and goes back to the first page (nothing happens when they are already those). */
  filter(changes: Partial<Omit<Q, 'page' | 'pageSize'>>): void;
  onPage(event: PageEvent): void;
  onSort(sort: Sort): void;
}

/**
 * The one way a list page talks to a server-paged endpoint: the query lives in the URL, paging and
 * sorting are the server's, and loading, error and empty states are derived once. Call it in a
 * component's field initialiser (it injects the router).
 */
export function pagedList<Q extends PageQuery, T>(defaults: Q, load: (query: Q) => Observable<Page<T>>): PagedList<Q, T> {
  const router = inject(Router);
  const route = inject(ActivatedRoute);
  const notifier = inject(Notifier);
  const params = toSignal(route.queryParams, { initialValue: route.snapshot.queryParams });
  const query = computed(() => queryFromParams(defaults, params()), { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  const resource = rxResource({ params: () => query(), stream: ({ params: q }) => load(q) });

  // The query last asked for, until its navigation ends: two changes made before the URL has caught
  // up (a reset clearing several filters, a filter then a sort) both count instead of the last winning.
  let requested: Q | null = null;
  const latest = (): Q => requested ?? query();
  const navigate = (next: Q): void => {
    requested = next;
    const done = (): void => {
      if (requested === next) requested = null;
    };
    router
      .navigate([], { relativeTo: route, queryParams: paramsFromQuery(defaults, next), queryParamsHandling: 'merge', replaceUrl: true })
      .then(done, done);
  };
  const rows = computed<T[]>(() => (resource.hasValue() ? resource.value().items : []));
  const total = computed(() => (resource.hasValue() ? resource.value().total : 0));
  const errorMessage = computed(() => {
    const error = resource.error();
    return error ? notifier.messageOf(error) : null;
  });
  return {
    query,
    rows,
    total,
    loading: computed(() => resource.isLoading()),
    errorMessage,
    empty: computed(() => resource.hasValue() && !resource.isLoading() && errorMessage() === null && rows().length === 0),
    reload: () => resource.reload(),
    filter: (changes) => {
      const current = latest();
      const same = Object.entries(changes).every(([field, value]) => (current as unknown as Record<string, unknown>)[field] === value);
      if (!same) navigate({ ...current, ...changes, page: 1 });
    },
    onPage: (event) => navigate({ ...latest(), page: event.pageIndex + 1, pageSize: event.pageSize }),
    onSort: (sort) => navigate({ ...latest(), sort: sort.direction ? sort.active : '', direction: sort.direction, page: 1 }),
  };
}

/** Pause after typing before a text filter reloads a list. */
export const SEARCH_DEBOUNCE_MS = 300;

/** Text filters are sent trimmed; other values as they are. */
const normalized = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);

/**
 * Binds a filter control to one field of a list's query, both ways: a change filters the list (after
 * `debounceMs` for typed text), and the URL (a shared link, back/forward) fills the control. Call it in
 * an injection context (a field initialiser or the constructor).
 */
export function bindFilter<Q extends PageQuery, K extends Exclude<keyof Q, 'page' | 'pageSize'> & string>(
  list: PagedList<Q, unknown>,
  field: K,
  control: FormControl<Q[K]>,
  debounceMs = 0,
): void {
  const destroyRef = inject(DestroyRef);
  const current = computed(() => list.query()[field]);
  // The URL wins when it changes; typed text equal to it once trimmed is left alone (no cursor jump).
  effect(() => {
    const value = current();
    if (normalized(control.value) !== value) control.setValue(value, { emitEvent: false });
  });
  const changes = control.valueChanges.pipe(map((value) => normalized(value) as Q[K]));
  (debounceMs > 0 ? changes.pipe(debounceTime(debounceMs)) : changes)
    .pipe(takeUntilDestroyed(destroyRef))
    .subscribe((value) => list.filter({ [field]: value } as unknown as Partial<Omit<Q, 'page' | 'pageSize'>>));
}
