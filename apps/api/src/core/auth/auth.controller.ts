import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LoginRequest, type LoginResponse, type UserView } from '@tremplin/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AuthService, type IssuedSession } from './auth.service';
import { CurrentActor, Public, RequirePermission } from './access.decorators';
import type { Actor } from './actor';
import type { AuthenticatedRequest } from './auth.guard';
import { clientIp } from './throttle.service';

export const REFRESH_COOKIE = 'tremplin_refresh';
const COOKIE_PATH = '/api/auth';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginRequest, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<LoginResponse> {
    return this.withCookie(res, await this.auth.login(body.email, body.password, clientIp(req), req.id ?? null));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<LoginResponse> {
    return this.withCookie(res, await this.auth.refresh(readCookie(req)));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<void> {
    await this.auth.logout(readCookie(req));
    res.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure });
  }

  @RequirePermission('auth.self')
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.auth.me(actor);
  }

  private withCookie(res: FastifyReply, session: IssuedSession): LoginResponse {
    return sendSession(res, session, this.config);
  }
}

/** Sets the refresh cookie and answers the login shape; shared with the routes that sign a new account in. */
export function sendSession(res: FastifyReply, session: IssuedSession, config: AppConfig): LoginResponse {
  res.setCookie(REFRESH_COOKIE, session.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: COOKIE_PATH,
    expires: session.refreshExpiresAt,
  });
  res.header('Cache-Control', 'no-store');
  return session.response;
}

function readCookie(req: AuthenticatedRequest): string | undefined {
  const cookies = (req as { cookies?: Record<string, string> }).cookies;
  return cookies?.[REFRESH_COOKIE];
}
