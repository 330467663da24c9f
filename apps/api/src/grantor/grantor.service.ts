import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { GrantorInput, GrantorView } from '@tremplin/contracts';
import { isValidSiret } from '@tremplin/domain';
import { diffOf } from '../core/audit/audit-chain';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { AppException } from '../core/errors/app.exception';
import { Grantor } from './grantor.entity';

/** What mails and receipts print of the grantor. */
export type GrantorIdentity = Pick<GrantorView, 'name' | 'siret' | 'address' | 'presidentName' | 'presidentTitle'>;

export function toGrantorView(g: Grantor): GrantorView {
  return {
    name: g.name, siret: g.siret, address: g.address, presidentName: g.presidentName, presidentTitle: g.presidentTitle,
    version: g.version, updatedAt: g.updatedAt.toISOString(),
  };
}

/** The one grantor record (id 1, created by its migration): read by mails and receipts, edited by admins. */
@Injectable()
export class GrantorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Within the caller's transaction when given, so a mail names the grantor as committed with it. */
  async current(manager: EntityManager = this.dataSource.manager): Promise<GrantorView> {
    return toGrantorView(await manager.findOneByOrFail(Grantor, { id: 1 }));
  }

  update(actor: Actor, input: GrantorInput): Promise<GrantorView> {
    if (!isValidSiret(input.siret)) throw AppException.validation([{ field: 'siret', code: 'SIRET_INVALID', message: 'SIRET_INVALID' }]);
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(Grantor).createQueryBuilder('g').setLock('pessimistic_write').where('g.id = 1').getOneOrFail();
      if (row.version !== input.version) throw AppException.conflict('STALE_VERSION');
      const before = toGrantorView(row);
      const changes = { name: input.name, siret: input.siret, address: input.address, presidentName: input.presidentName, presidentTitle: input.presidentTitle };
      await manager.update(Grantor, { id: 1 }, { ...changes, version: row.version + 1 });
      const { version: _v, updatedAt: _u, ...identity } = before;
      const diff = diffOf(identity, changes);
      if (Object.keys(diff).length) await this.audit.record(manager, actor, { action: 'grantor.updated', entityType: 'grantor', entityId: '1', diff });
      return toGrantorView(await manager.findOneByOrFail(Grantor, { id: 1 }));
    });
  }
}
