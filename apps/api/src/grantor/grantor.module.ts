import { Global, Module } from '@nestjs/common';
import { GrantorController } from './grantor.controller';
import { GrantorService } from './grantor.service';

/** Global: mails and documents of any feature name the grantor. */
@Global()
@Module({ controllers: [GrantorController], providers: [GrantorService], exports: [GrantorService] })
export class GrantorModule {}
