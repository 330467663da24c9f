import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AcceptInvitationRequest, RegisterRequest, VerifyEmailRequest, type LoginResponse } from '@tremplin/contracts';
import { CurrentActor, Public, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { sendSession } from '../core/auth/auth.controller';
import type { AuthenticatedRequest } from '../core/auth/auth.guard';
import { Throttle } from '../core/auth/throttle.service';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { EmailVerificationService } from '../users/email-verification.service';
import { RegistrationService } from './registration.service';

/** Sign-up, email verification and joining by invitation: beside AuthController on the same `auth` prefix. */
@ApiTags('auth')
@Controller('auth')
export class RegistrationController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly emailVerification: EmailVerificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Throttle('register')
  @Post('register')
  async register(@Body() body: RegisterRequest, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<LoginResponse> {
    return sendSession(res, await this.registration.register(body, req.id ?? null), this.config);
  }

  @Public()
  @Throttle('verify-email')
  @Post('verify-email')
  @HttpCode(204)
  verifyEmail(@Body() body: VerifyEmailRequest, @Req() req: AuthenticatedRequest): Promise<void> {
    return this.emailVerification.verify(body.token, req.id ?? null);
  }

  @RequirePermission('auth.self')
  @ApiBearerAuth()
  @Throttle('resend-verification')
  @Post('resend-verification')
  @HttpCode(204)
  resendVerification(@CurrentActor() actor: Actor): Promise<void> {
    return this.emailVerification.resend(actor);
  }

  @Public()
  @Throttle('accept-invitation')
  @Post('accept-invitation')
  async acceptInvitation(@Body() body: AcceptInvitationRequest, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<LoginResponse> {
    return sendSession(res, await this.registration.acceptInvitation(body, req.id ?? null), this.config);
  }
}
