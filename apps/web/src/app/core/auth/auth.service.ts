import { DOCUMENT } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { AcceptInvitationRequest, ChangePasswordRequest, LoginResponse, Permission, RegisterRequest, Role, UserView } from '@tremplin/contracts';
// Deep import: the contracts barrel would bundle class-validator (decorated request classes).
import { roleHasPermission } from '@tremplin/contracts/roles';
import { Observable, catchError, finalize, firstValueFrom, map, of, shareReplay, tap, throwError, timeout } from 'rxjs';

export const AUTH_API = {
  login: '/api/auth/login',
  refresh: '/api/auth/refresh',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  register: '/api/auth/register',
  verifyEmail: '/api/auth/verify-email',
  resendVerification: '/api/auth/resend-verification',
  acceptInvitation: '/api/auth/accept-invitation',
  changePassword: '/api/auth/password',
} as const;

/**
 * localStorage key set while this browser may hold a refresh cookie (signed in, not signed out).
 * Only a hint — never the token: without it the first load skips /auth/refresh, which would answer
 * 401 (logged in the console) to every anonymous visitor.
 */
export const SESSION_HINT_KEY = 'tremplin.session';

/**
 * The session lives in memory only: the access token in a signal, the refresh token in an
 * httpOnly cookie the page never sees. A reload restores the session through /auth/refresh.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly token = signal<string | null>(null);
  private readonly currentUser = signal<UserView | null>(null);
  private refreshing: Observable<LoginResponse> | null = null;

  readonly accessToken = this.token.asReadonly();
  readonly user = this.currentUser.asReadonly();
  readonly isAuthenticated = computed(() => this.currentUser() !== null);
  readonly role = computed<Role | null>(() => this.currentUser()?.role ?? null);

  hasPermission(permission: Permission): boolean {
    const role = this.role();
    return role !== null && roleHasPermission(role, permission);
  }

  login(email: string, password: string): Observable<UserView> {
    return this.http.post<LoginResponse>(AUTH_API.login, { email, password }).pipe(
      tap((response) => this.setSession(response)),
      map((response) => response.user),
    );
  }

  /** Association sign-up: the account and its organisation; the person is signed in at once. */
  register(body: RegisterRequest): Observable<UserView> {
    return this.http.post<LoginResponse>(AUTH_API.register, body).pipe(
      tap((response) => this.setSession(response)),
      map((response) => response.user),
    );
  }

  /** Joins an organisation from an invitation link; signed in at once. */
  acceptInvitation(body: AcceptInvitationRequest): Observable<UserView> {
    return this.http.post<LoginResponse>(AUTH_API.acceptInvitation, body).pipe(
      tap((response) => this.setSession(response)),
      map((response) => response.user),
    );
  }

  /** Changes the password: the server ends every other session and opens a new one for this browser. */
  changePassword(body: ChangePasswordRequest): Observable<UserView> {
    return this.http.post<LoginResponse>(AUTH_API.changePassword, body).pipe(
      tap((response) => this.setSession(response)),
      map((response) => response.user),
    );
  }

  /** Confirms the address from the mailed link (works signed in or not). */
  verifyEmail(token: string): Observable<void> {
    return this.http.post<void>(AUTH_API.verifyEmail, { token }).pipe(map(() => undefined));
  }

  resendVerification(): Observable<void> {
    return this.http.post<void>(AUTH_API.resendVerification, null).pipe(map(() => undefined));
  }

  /** Reads the signed-in user again (e.g. once the address is verified), keeping the token. */
  reloadUser(): Observable<UserView | null> {
    if (!this.token()) return of(null);
    return this.http.get<UserView>(AUTH_API.me).pipe(tap((user) => this.currentUser.set(user)));
  }

  /**
   * New access token from the refresh cookie. Concurrent callers share one request, so a burst
   * of 401s triggers a single refresh (the cookie rotates on each use).
   */
  refresh(): Observable<LoginResponse> {
    if (!this.refreshing) {
      this.refreshing = this.http.post<LoginResponse>(AUTH_API.refresh, null).pipe(
        tap((response) => this.setSession(response)),
        catchError((error: unknown) => {
          this.clearSession();
          return throwError(() => error);
        }),
        finalize(() => {
          this.refreshing = null;
        }),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.refreshing;
  }

  /** Called once at start-up: restores the session if the refresh cookie is still valid. */
  restoreSession(): Promise<void> {
    if (!this.mayHaveSession()) return Promise.resolve();
    return firstValueFrom(
      this.refresh().pipe(
        timeout(8000),
        map(() => undefined),
        catchError(() => of(undefined)),
      ),
    );
  }

  logout(): Observable<void> {
    return this.http.post<void>(AUTH_API.logout, null).pipe(
      catchError(() => of(undefined)),
      map(() => undefined),
      finalize(() => this.clearSession()),
    );
  }

  clearSession(): void {
    this.token.set(null);
    this.currentUser.set(null);
    this.writeHint(false);
  }

  private setSession(response: LoginResponse): void {
    this.token.set(response.accessToken);
    this.currentUser.set(response.user);
    this.writeHint(true);
  }

  private mayHaveSession(): boolean {
    try {
      const storage = this.window?.localStorage;
      return storage ? storage.getItem(SESSION_HINT_KEY) === '1' : true;
    } catch {
      return true; // storage disabled (private mode): try the cookie, as before the hint existed
    }
  }

  private writeHint(signedIn: boolean): void {
    try {
      if (signedIn) this.window?.localStorage.setItem(SESSION_HINT_KEY, '1');
      else this.window?.localStorage.removeItem(SESSION_HINT_KEY);
    } catch {
      // Storage disabled (private mode): restoreSession then always tries the cookie.
    }
  }
}
