import { computed, inject, type Signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import type { PageEvent } from '@angular/material/paginator';
import type { Sort } from '@angular/material/sort';
import { ActivatedRoute, Router, type Params } from '@angular/router';
import type { Page } from '@tremplin/contracts';
import type { Observable } from 'rxjs';
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
  /** Changes filters and goes back to the first page. */
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

  const navigate = (next: Q): void => {
    void router.navigate([], { relativeTo: route, queryParams: paramsFromQuery(defaults, next), queryParamsHandling: 'merge', replaceUrl: true });
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
    filter: (changes) => navigate({ ...query(), ...changes, page: 1 }),
    onPage: (event) => navigate({ ...query(), page: event.pageIndex + 1, pageSize: event.pageSize }),
    onSort: (sort) => navigate({ ...query(), sort: sort.direction ? sort.active : '', direction: sort.direction, page: 1 }),
  };
}
