import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PasswordResetConfirmRequest } from '@tremplin/contracts';
import { Observable, map } from 'rxjs';

export const PASSWORD_API = {
  requestReset: '/api/auth/password-reset',
  confirmReset: '/api/auth/password-reset/confirm',
} as const;

/** « Mot de passe oublié ? »: the only place that calls the reset endpoints. (The signed-in change opens a session: AuthService.) */
@Injectable({ providedIn: 'root' })
export class PasswordApi {
  private readonly http = inject(HttpClient);

  /** The answer is the same whether an account uses the address or not. */
  requestReset(email: string): Observable<void> {
    return this.http.post<void>(PASSWORD_API.requestReset, { email }).pipe(map(() => undefined));
  }

  confirmReset(body: PasswordResetConfirmRequest): Observable<void> {
    return this.http.post<void>(PASSWORD_API.confirmReset, body).pipe(map(() => undefined));
  }
}
