import { Global, Module } from '@nestjs/common';
import { MailWorker, mailTransportProvider } from './mail-worker';
import { MailsController } from './mails.controller';
import { MailsService } from './mails.service';
import { OutboxService } from './outbox.service';

/** Global: any feature writes mails to the outbox within its own transaction; the worker sends them. */
@Global()
@Module({
  controllers: [MailsController],
  providers: [OutboxService, MailsService, mailTransportProvider, MailWorker],
  exports: [OutboxService, MailWorker],
})
export class NotificationsModule {}
