import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { RegistrationController } from './registration.controller';
import { RegistrationService } from './registration.service';

@Module({
  imports: [UsersModule],
  controllers: [OrganizationsController, RegistrationController],
  providers: [OrganizationsService, RegistrationService],
})
export class OrganizationsModule {}
