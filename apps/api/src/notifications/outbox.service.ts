import { Injectable } from '@nestjs/common';
import type { MailKind } from '@tremplin/contracts';
import type { EntityManager } from 'typeorm';
import { OutboxMail } from './outbox-mail.entity';

export interface MailToSend {
  to: string;
  subject: string;
  text: string;
  /** What the mail is about, for the admin page and tests; the database CHECKs the same list. */
  kind: MailKind;
}

/**
 * Mails are written in the same transaction as the change they tell about (transactional outbox):
 * a rolled-back change sends nothing; a committed one is sent by the worker, even after a crash.
 */
@Injectable()
export class OutboxService {
  async enqueue(manager: EntityManager, mail: MailToSend): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.enqueue must run inside the transaction of the change');
    }
    await manager.insert(OutboxMail, { toAddress: mail.to, subject: mail.subject, textBody: mail.text, kind: mail.kind });
  }
}
