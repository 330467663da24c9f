import { Global, Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** Global: any feature writes mails to the outbox within its own transaction. */
@Global()
@Module({ controllers: [], providers: [OutboxService], exports: [OutboxService] })
export class NotificationsModule {}
