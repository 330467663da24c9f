import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { CreateStaffUserRequest, ListUsersQuery, Page, UserAdminView } from '@tremplin/contracts';
import { AuditService } from '../core/audit/audit.service';
import { diffOf } from '../core/audit/audit-chain';
import type { Actor } from '../core/auth/actor';
import { hashPassword } from '../core/auth/password';
import { checkPassword } from '../core/auth/password-policy';
import { RefreshToken } from '../core/auth/refresh-token.entity';
import { AppException } from '../core/errors/app.exception';
import { containsPattern } from '../core/like';
import { pageParams } from '../core/pagination';
import { User } from './user.entity';
import { toUserAdminView } from './user.mapper';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListUsersQuery): Promise<Page<UserAdminView>> {
    const { page, pageSize, offset } = pageParams(query.page, query.pageSize);
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u').leftJoinAndSelect('u.organization', 'o');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.q) {
      qb.andWhere('(u.email ILIKE :q OR u.full_name ILIKE :q OR o.legal_name ILIKE :q)', { q: containsPattern(query.q) });
    }
    const [users, total] = await qb.orderBy('u.email', 'ASC').offset(offset).limit(pageSize).getManyAndCount();
    return { items: users.map(toUserAdminView), total, page, pageSize };
  }

  async createStaff(actor: Actor, input: CreateStaffUserRequest): Promise<UserAdminView> {
    const email = input.email.trim().toLowerCase();
    // The same rule as associations' accounts: staff accounts reach every application.
    const issues = checkPassword(input.password, [email, input.fullName]);
    if (issues.length) throw AppException.validation(issues);
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(User, { where: { email } })) throw AppException.conflict('EMAIL_TAKEN');
      const { identifiers } = await manager.insert(User, {
        email, fullName: input.fullName.trim(), role: input.role, passwordHash, organizationId: null, active: true, emailVerifiedAt: new Date(),
      });
      const id = String(identifiers[0]?.['id']);
      await this.audit.record(manager, actor, {
        action: 'user.created', entityType: 'user', entityId: id,
        diff: diffOf(null, { email, fullName: input.fullName.trim(), role: input.role, active: true }),
      });
      return toUserAdminView(await this.load(manager, id));
    });
  }

  async setActive(actor: Actor, id: string, active: boolean): Promise<UserAdminView> {
    if (!active && id === actor.userId) throw AppException.conflict('CANNOT_DEACTIVATE_SELF');
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
      if (!user) throw AppException.notFound();
      if (user.active !== active) {
        await manager.update(User, { id }, { active });
        // A deactivated account keeps no session: its refresh tokens die with it.
        if (!active) await manager.update(RefreshToken, { userId: id, revokedAt: IsNull() }, { revokedAt: new Date() });
        await this.audit.record(manager, actor, {
          action: active ? 'user.reactivated' : 'user.deactivated', entityType: 'user', entityId: id,
          diff: diffOf({ active: user.active }, { active }),
        });
      }
      return toUserAdminView(await this.load(manager, id));
    });
  }

  private load(manager: EntityManager, id: string): Promise<User> {
    return manager.findOneOrFail(User, { where: { id }, relations: { organization: true } });
  }
}

