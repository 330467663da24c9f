import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditQuery, type AuditEventView, type AuditVerification, type Page } from '@tremplin/contracts';
import { RequirePermission } from '../auth/access.decorators';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @RequirePermission('audit.read')
  @Get()
  list(@Query() query: AuditQuery): Promise<Page<AuditEventView>> {
    return this.audit.list(query);
  }

  @RequirePermission('audit.read')
  @Get('verify')
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
