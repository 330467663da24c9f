import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  InviteMemberRequest, SetMemberAdminRequest, UpdateOrganizationRequest, type InvitationView, type OrganizationProfileView,
} from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { OrganizationsService } from './organizations.service';

/** An association's own organisation: profile, members, invitations. Changes need an organisation admin. */
@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @RequirePermission('organizations.own')
  @Get('mine')
  mine(@CurrentActor() actor: Actor): Promise<OrganizationProfileView> {
    return this.organizations.mine(actor);
  }

  @RequirePermission('organizations.own')
  @Patch('mine')
  update(@CurrentActor() actor: Actor, @Body() body: UpdateOrganizationRequest): Promise<OrganizationProfileView> {
    return this.organizations.update(actor, body);
  }

  @RequirePermission('organizations.own')
  @Post('mine/invitations')
  invite(@CurrentActor() actor: Actor, @Body() body: InviteMemberRequest): Promise<InvitationView> {
    return this.organizations.invite(actor, body);
  }

  @RequirePermission('organizations.own')
  @Put('mine/members/:id/admin')
  setMemberAdmin(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: SetMemberAdminRequest): Promise<OrganizationProfileView> {
    return this.organizations.setMemberAdmin(actor, id, body.isAdmin);
  }
}
