import { Body, Controller, Get, Headers, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ListInstallmentsQuery, RecordPaymentRequest, type InstallmentView, type Page, type RecordedPaymentView } from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { InstallmentsService, parseIdempotencyKey } from './installments.service';

@ApiTags('payments')
@ApiBearerAuth()
@Controller()
export class InstallmentsController {
  constructor(private readonly installments: InstallmentsService) {}

  /**
   * A convention's schedule and payments. Three permissions read it (an association its own, finance and
   * admin every one) and a route names one, so the route asks for a signed-in user and the service scopes
   * the rows: out of scope (a reviewer, another association) is 404.
   */
  @RequirePermission('auth.self')
  @Get('conventions/:id/installments')
  forConvention(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<InstallmentView[]> {
    return this.installments.forConvention(actor, id);
  }

  @RequirePermission('finance.read')
  @Get('installments')
  worklist(@Query() query: ListInstallmentsQuery): Promise<Page<InstallmentView>> {
    return this.installments.worklist(query);
  }

  /**
   * 201 when the payment is recorded; 200 with `replayed: true` when the Idempotency-Key had already
   * recorded it (nothing new is written), so a client retrying after a lost answer can tell the two apart.
   */
  @RequirePermission('payments.record')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1 to 200 printable ASCII characters; the same key returns the first result' })
  @Post('installments/:id/payments')
  async pay(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: RecordPaymentRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<RecordedPaymentView> {
    const idempotencyKey = parseIdempotencyKey(key);
    const recorded = await this.installments.pay(actor, id, body, idempotencyKey);
    res.status(recorded.replayed ? HttpStatus.OK : HttpStatus.CREATED);
    return recorded;
  }
}
