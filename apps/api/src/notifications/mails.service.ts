import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListMailsQuery, OutboxMailView, Page } from '@tremplin/contracts';
import { containsPattern } from '../core/like';
import { pageParams } from '../core/pagination';
import { OutboxMail } from './outbox-mail.entity';

/** The outbox as the admin page shows it: without SMTP (the demo) it is how a newcomer reads the mails. */
@Injectable()
export class MailsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ListMailsQuery): Promise<Page<OutboxMailView>> {
    const { page, pageSize, offset } = pageParams(query.page, query.pageSize);
    const qb = this.dataSource.getRepository(OutboxMail).createQueryBuilder('m');
    if (query.to) qb.andWhere('m.to_address ILIKE :to', { to: containsPattern(query.to.trim()) });
    if (query.kind) qb.andWhere('m.kind = :kind', { kind: query.kind });
    const [rows, total] = await qb.orderBy('m.created_at', 'DESC').addOrderBy('m.id', 'DESC').offset(offset).limit(pageSize).getManyAndCount();
    return { items: rows.map(toOutboxMailView), total, page, pageSize };
  }
}

export function toOutboxMailView(m: OutboxMail): OutboxMailView {
  return {
    id: m.id, to: m.toAddress, subject: m.subject, text: m.textBody, kind: m.kind, createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null, attempts: m.attempts, nextAttemptAt: m.nextAttemptAt.toISOString(), lastError: m.lastError,
  };
}
