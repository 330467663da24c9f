import { HttpErrorResponse, type HttpHandlerFn, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { LanguageService } from '../i18n/language.service';
import { AUTH_API, AuthService } from './auth.service';

const isApi = (url: string): boolean => url.startsWith('/api/') || url === '/api';
/** Routes that must never carry the access token nor trigger a refresh-and-retry. */
const SESSION_ROUTES: readonly string[] = [AUTH_API.login, AUTH_API.refresh, AUTH_API.logout];
const isSessionRoute = (url: string): boolean => SESSION_ROUTES.some((route) => url.startsWith(route));

function decorate(request: HttpRequest<unknown>, lang: string, token: string | null): HttpRequest<unknown> {
  const headers: Record<string, string> = { 'Accept-Language': lang };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  return request.clone({ setHeaders: headers });
}

/**
 * Adds `Accept-Language` and the bearer token to API calls. On a 401 from a non-session route,
 * refreshes the token once and replays the request; if the refresh fails, goes to the login page.
 */
export const authInterceptor: HttpInterceptorFn = (request: HttpRequest<unknown>, next: HttpHandlerFn) => {
  if (!isApi(request.url)) return next(request);
  const auth = inject(AuthService);
  const lang = inject(LanguageService).lang();
  const router = inject(Router);
  const sessionRoute = isSessionRoute(request.url);

  return next(decorate(request, lang, sessionRoute ? null : auth.accessToken())).pipe(
    catchError((error: unknown) => {
      if (sessionRoute || !(error instanceof HttpErrorResponse) || error.status !== 401) {
        return throwError(() => error);
      }
      return auth.refresh().pipe(
        catchError(() => {
          auth.clearSession();
          const returnUrl = router.url;
          void router.navigate(['/connexion'], returnUrl && returnUrl !== '/connexion' ? { queryParams: { returnUrl } } : {});
          return throwError(() => error);
        }),
        switchMap((session) => next(decorate(request, lang, session.accessToken))),
      );
    }),
  );
};
