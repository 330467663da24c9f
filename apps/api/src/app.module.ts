import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './core/config/config';
import { CoreModule } from './core/core.module';
import { CallsModule } from './calls/calls.module';
import { GrantorModule } from './grantor/grantor.module';
import { HealthController } from './health/health.controller';
import { OrganizationsModule } from './organizations/organizations.module';
import { UsersModule } from './users/users.module';
import { ApplicationsModule } from './applications/applications.module';
import { DocumentsModule } from './documents/documents.module';
import { MessagesModule } from './messages/messages.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ReviewsModule } from './reviews/reviews.module';
import { CommitteeModule } from './committee/committee.module';
import { PaymentsModule } from './payments/payments.module';
import { FinanceModule } from './finance/finance.module';

@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, databaseUrl), GrantorModule, UsersModule, OrganizationsModule, CallsModule,
        NotificationsModule, ApplicationsModule, DocumentsModule, MessagesModule, ReviewsModule, CommitteeModule,
        PaymentsModule, FinanceModule,
      ],
      controllers: [HealthController],
    };
  }
}
