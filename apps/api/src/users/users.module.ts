import { Module } from '@nestjs/common';
import { EmailVerificationService } from './email-verification.service';
import { PasswordController } from './password.controller';
import { PasswordService } from './password.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController, PasswordController],
  providers: [UsersService, EmailVerificationService, PasswordService],
  exports: [EmailVerificationService],
})
export class UsersModule {}
