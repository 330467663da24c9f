import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { GrantorInput, type GrantorView } from '@tremplin/contracts';
import { CurrentActor, Public, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { GrantorService } from './grantor.service';

/** Who grants: public (it is printed on every receipt and published with open data); admins edit it. */
@ApiTags('grantor')
@Controller('grantor')
export class GrantorController {
  constructor(private readonly grantor: GrantorService) {}

  @Public()
  @Get()
  get(): Promise<GrantorView> {
    return this.grantor.current();
  }

  @ApiBearerAuth()
  @RequirePermission('grantor.manage')
  @Put()
  update(@CurrentActor() actor: Actor, @Body() body: GrantorInput): Promise<GrantorView> {
    return this.grantor.update(actor, body);
  }
}
