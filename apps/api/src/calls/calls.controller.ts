import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BudgetRevisionRequest, CallInput, UpdateCallRequest, type BudgetRevisionView, type CallSummaryView, type CallView } from '@tremplin/contracts';
import { CurrentActor, Public, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { CallsService } from './calls.service';

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Public()
  @Get()
  list(): Promise<CallSummaryView[]> {
    return this.calls.list();
  }

  @Public()
  @Get(':id')
  get(@Param('id', UuidParam) id: string): Promise<CallView> {
    return this.calls.get(id);
  }

  @ApiBearerAuth()
  @RequirePermission('calls.manage')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CallInput): Promise<CallView> {
    return this.calls.create(actor, body);
  }

  @ApiBearerAuth()
  @RequirePermission('calls.manage')
  @Put(':id')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateCallRequest): Promise<CallView> {
    return this.calls.update(actor, id, body);
  }

  @ApiBearerAuth()
  @RequirePermission('calls.revise-budget')
  @Post(':id/budget-revisions')
  @HttpCode(200)
  revise(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: BudgetRevisionRequest): Promise<CallView> {
    return this.calls.reviseBudget(actor, id, body);
  }

  @ApiBearerAuth()
  @RequirePermission('calls.revise-budget')
  @Get(':id/budget-revisions')
  revisions(@Param('id', UuidParam) id: string): Promise<BudgetRevisionView[]> {
    return this.calls.revisions(id);
  }
}
