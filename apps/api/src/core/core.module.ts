import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from './config/config';
import { dataSourceOptions } from './database/data-source';
import { AccessPolicy } from './access/access.policy';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { ThrottleGuard, ThrottleService } from './auth/throttle.service';
import { jwtModuleOptions } from './auth/jwt-options';
import { HttpExceptionFilter } from './errors/http-exception.filter';

/** Configuration, database, authentication (global deny-by-default guard), errors and audit. */
@Global()
@Module({})
export class CoreModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, config.databasePoolSize), retryAttempts: 3, retryDelay: 1000 }),
        JwtModule.register(jwtModuleOptions(config.jwtSecret)),
      ],
      controllers: [AuthController, AuditController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        AuditService,
        AccessPolicy,
        AuthService,
        ThrottleService,
        ThrottleGuard,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [APP_CONFIG, AuditService, AccessPolicy, AuthService, ThrottleService, ThrottleGuard, JwtModule],
    };
  }
}
