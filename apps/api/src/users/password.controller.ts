import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ChangePasswordRequest, PasswordResetConfirmRequest, PasswordResetRequest, type LoginResponse } from '@tremplin/contracts';
import { CurrentActor, Public, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { sendSession } from '../core/auth/auth.controller';
import type { AuthenticatedRequest } from '../core/auth/auth.guard';
import { clientIp, Throttle } from '../core/auth/throttle.service';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { PasswordService } from './password.service';

/** Password reset by mail and password change, beside the other `auth` routes. */
@ApiTags('auth')
@Controller('auth')
export class PasswordController {
  constructor(
    private readonly passwords: PasswordService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Throttle('password-reset')
  @Post('password-reset')
  @HttpCode(202)
  requestReset(@Body() body: PasswordResetRequest, @Req() req: AuthenticatedRequest): Promise<void> {
    return this.passwords.requestReset(body.email, req.id ?? null);
  }

  @Public()
  @Throttle('password-reset-confirm')
  @Post('password-reset/confirm')
  @HttpCode(204)
  confirmReset(@Body() body: PasswordResetConfirmRequest, @Req() req: AuthenticatedRequest): Promise<void> {
    return this.passwords.confirmReset(body, req.id ?? null);
  }

  @RequirePermission('auth.self')
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  async change(
    @CurrentActor() actor: Actor, @Body() body: ChangePasswordRequest, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<LoginResponse> {
    return sendSession(res, await this.passwords.change(actor, body, clientIp(req)), this.config);
  }
}
