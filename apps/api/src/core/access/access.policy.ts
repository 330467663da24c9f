import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Application } from '../../applications/application.entity';
import type { Actor } from '../auth/actor';
import { AppException } from '../errors/app.exception';

/**
 * The one place that decides which rows a user may touch (the guard decides which routes).
 * "Not yours" and "not found" are the same 404, so nobody learns what exists elsewhere.
 */
@Injectable()
export class AccessPolicy {
  /** Restricts a query over applications (aliased `alias`) to what the actor may read. */
  scopeApplications<T extends object>(qb: SelectQueryBuilder<T>, alias: string, actor: Actor): SelectQueryBuilder<T> {
    switch (actor.role) {
      case 'association':
        return qb.andWhere(`${alias}.organization_id = :scopeOrganizationId`, { scopeOrganizationId: actor.organizationId });
      case 'admin':
      case 'finance':
        // Staff never see an association's drafts: only what was submitted to them.
        return qb.andWhere(`${alias}.submitted_version > 0`);
      case 'reviewer':
        // Reviewers see the applications assigned to them; assignments come with the review work.
        return qb.andWhere('FALSE');
    }
  }

  /** Loads an application the actor may read, optionally locked for update; 404 otherwise. */
  async readableApplication(manager: EntityManager, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<Application> {
    const qb = manager.getRepository(Application).createQueryBuilder('a').where('a.id = :id', { id });
    if (options.lock) qb.setLock('pessimistic_write');
    const application = await this.scopeApplications(qb, 'a', actor).getOne();
    if (!application) throw AppException.notFound();
    return application;
  }

  /** Only members of the owning organisation change an application's content. */
  async ownApplication(manager: EntityManager, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<Application> {
    if (actor.role !== 'association') throw AppException.notFound();
    return this.readableApplication(manager, actor, id, options);
  }
}
