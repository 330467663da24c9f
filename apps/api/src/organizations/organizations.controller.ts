import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrganizationView } from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';
import { Organization } from './organization.entity';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An association member sees its own organisation, and only that one. */
  @RequirePermission('organizations.own')
  @Get('mine')
  async mine(@CurrentActor() actor: Actor): Promise<OrganizationView> {
    if (!actor.organizationId) throw AppException.notFound();
    const org = await this.dataSource.getRepository(Organization).findOne({ where: { id: actor.organizationId } });
    if (!org) throw AppException.notFound();
    return {
      id: org.id, legalName: org.legalName, siret: org.siret, rna: org.rna, territory: org.territory,
      addressLine: org.addressLine, postalCode: org.postalCode, city: org.city,
    };
  }
}
