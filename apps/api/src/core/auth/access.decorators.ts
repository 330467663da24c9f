import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission } from '@tremplin/contracts';
import type { Actor } from './actor';
import type { AuthenticatedRequest } from './auth.guard';

export const PUBLIC_ROUTE = 'access:public';
export const REQUIRED_PERMISSION = 'access:permission';

/** The route needs no sign-in. Every other route is denied unless it names a permission. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/**
 * The permission the route needs. Several = any one of them, for a route both sides use with a scope
 * decided by the service (e.g. conventions: an association's own, or all of them for staff).
 */
export const RequirePermission = (permission: Permission, ...orPermissions: Permission[]) =>
  SetMetadata(REQUIRED_PERMISSION, orPermissions.length ? [permission, ...orPermissions] : permission);

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CurrentActor used on a route without authentication');
  return request.actor;
});
