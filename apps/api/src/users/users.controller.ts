import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateStaffUserRequest, ListUsersQuery, type Page, type UserAdminView } from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @RequirePermission('users.read')
  @Get()
  list(@Query() query: ListUsersQuery): Promise<Page<UserAdminView>> {
    return this.users.list(query);
  }

  @RequirePermission('users.manage')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateStaffUserRequest): Promise<UserAdminView> {
    return this.users.createStaff(actor, body);
  }

  @RequirePermission('users.manage')
  @Post(':id/deactivate')
  @HttpCode(200)
  deactivate(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<UserAdminView> {
    return this.users.setActive(actor, id, false);
  }

  @RequirePermission('users.manage')
  @Post(':id/reactivate')
  @HttpCode(200)
  reactivate(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<UserAdminView> {
    return this.users.setActive(actor, id, true);
  }
}
