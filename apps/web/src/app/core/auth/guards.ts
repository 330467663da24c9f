import { inject } from '@angular/core';
import { Router, type CanActivateFn, type UrlTree } from '@angular/router';
import type { Permission } from '@tremplin/contracts';
import { AuthService } from './auth.service';

function toLogin(router: Router, url: string): UrlTree {
  return router.createUrlTree(['/connexion'], { queryParams: { returnUrl: url } });
}

/** Any signed-in user. */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  return auth.isAuthenticated() ? true : toLogin(inject(Router), state.url);
};

/** Signed-in users whose role grants the permission (ROLE_PERMISSIONS from the contracts). */
export function permissionGuard(permission: Permission): CanActivateFn {
  return (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    if (!auth.isAuthenticated()) return toLogin(router, state.url);
    return auth.hasPermission(permission) ? true : router.createUrlTree(['/acces-refuse']);
  };
}
