import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListMailsQuery, type OutboxMailView, type Page } from '@tremplin/contracts';
import { RequirePermission } from '../core/auth/access.decorators';
import { MailsService } from './mails.service';

@ApiTags('mails')
@ApiBearerAuth()
@Controller('admin/mails')
export class MailsController {
  constructor(private readonly mails: MailsService) {}

  /** Newest first; filter by recipient (part of the address) and kind. */
  @RequirePermission('mails.read')
  @Get()
  list(@Query() query: ListMailsQuery): Promise<Page<OutboxMailView>> {
    return this.mails.list(query);
  }
}
