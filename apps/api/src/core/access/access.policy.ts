import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { roleHasPermission, rolesWith } from '@tremplin/contracts';
import { Application } from '../../applications/application.entity';
import type { User } from '../../users/user.entity';
import type { Actor } from '../auth/actor';
import { AppException } from '../errors/app.exception';

/**
 * The one place that decides which rows a user may touch (the guard decides which routes).
 * "Not yours" and "not found" are the same 404, so nobody learns what exists elsewhere.
 *
 * One scope per resource, each decided by permissions (never by role names):
 * - applications: members of the owning organisation (`applications.own`) see their own, drafts included;
 *   staff holding `applications.read-all` see every submitted one; anyone else holding `applications.read`
 *   (reviewers) sees the applications assigned to them minus declared conflicts — see `assignedApplications`;
 * - what a non-member reads of an application is its last *submitted* version (`readsWorkingCopy`);
 * - documents: the working copy's for members; for the others, those frozen in a submitted version;
 *   message attachments once sent (and one's own unsent ones);
 * - messages: the thread of an application in scope, told to the other side (`threadRecipients`);
 * - organisations: a member's own only (`ownOrganizationId`).
 */
@Injectable()
export class AccessPolicy {
  /** Restricts a query over applications (aliased `alias`) to what the actor may read. */
  scopeApplications<T extends object>(qb: SelectQueryBuilder<T>, alias: string, actor: Actor): SelectQueryBuilder<T> {
    const params: Record<string, unknown> = {};
    const condition = this.applicationScopeSql(alias, actor, (name, value) => ((params[name] = value), `:${name}`));
    return qb.andWhere(condition, params);
  }

  /**
   * The same scope as a SQL condition, for lists written as one raw statement (no query builder on the
   * hot path): `bind(name, value)` adds a parameter and returns its placeholder.
   * - members of the owning organisation (`applications.own`): their own, drafts included;
   * - staff holding `applications.read-all`: every submitted one (never an association's drafts);
   * - anyone else holding `applications.read` (reviewers): the submitted applications assigned to them
   *   whose assignment they accepted (confirmed no conflict of interest). Before that they see only name,
   *   axis and title through the assignment; after recusal or withdrawal, nothing (404).
   */
  applicationScopeSql(alias: string, actor: Actor, bind: (name: string, value: unknown) => string): string {
    if (roleHasPermission(actor.role, 'applications.own')) return `${alias}.organization_id = ${bind('scopeOrganizationId', actor.organizationId)}`;
    if (roleHasPermission(actor.role, 'applications.read-all')) return `${alias}.submitted_version > 0`;
    return `${alias}.submitted_version > 0 AND EXISTS (SELECT 1 FROM review_assignment ra
         WHERE ra.application_id = ${alias}.id AND ra.reviewer_id = ${bind('scopeReviewerId', actor.userId)} AND ra.status = 'accepted')`;
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
    if (!roleHasPermission(actor.role, 'applications.own')) throw AppException.notFound();
    return this.readableApplication(manager, actor, id, options);
  }

  /**
   * Members of the owning organisation read the working copy; everybody else reads the last submitted
   * version, so that unsubmitted edits made after an information request stay with the association.
   */
  readsWorkingCopy(actor: Actor, application: Application): boolean {
    return this.readsWorkingCopies(actor) && actor.organizationId === application.organizationId;
  }

  /** Whether lists show this actor working copies (its own organisation's) rather than submitted versions. */
  readsWorkingCopies(actor: Actor): boolean {
    return roleHasPermission(actor.role, 'applications.own');
  }

  /**
   * Restricts a query over one application's documents (aliased `alias`) to what the actor may read.
   * `application` must come from `readableApplication`. With `lastVersionOnly`, a non-member gets the
   * documents of the last submitted version only (the application page); without, of any submitted
   * version (downloads from older versions' diffs).
   */
  scopeDocuments<T extends object>(
    qb: SelectQueryBuilder<T>, alias: string, actor: Actor, application: Application, options: { lastVersionOnly?: boolean } = {},
  ): SelectQueryBuilder<T> {
    qb.andWhere(`${alias}.application_id = :scopeApplicationId`, { scopeApplicationId: application.id });
    // A message attachment is part of the thread once sent; before that only its uploader sees it.
    const attachment = `(${alias}.kind = 'message' AND ${alias}.deleted_at IS NULL AND (${alias}.message_id IS NOT NULL OR ${alias}.uploaded_by = :scopeViewerId))`;
    qb.setParameter('scopeViewerId', actor.userId);
    if (this.readsWorkingCopy(actor, application)) {
      return qb.andWhere(`(${attachment} OR (${alias}.kind <> 'message' AND ${alias}.deleted_at IS NULL))`);
    }
    // Frozen documents stay readable even if the association removed them from its working copy since.
    const frozen = `${alias}.id IN (SELECT (sd->>'id')::uuid FROM application_version sv, jsonb_array_elements(sv.snapshot->'documents') sd
      WHERE sv.application_id = :scopeApplicationId${options.lastVersionOnly ? ' AND sv.version_no = :scopeVersionNo' : ''})`;
    return qb.andWhere(`(${attachment} OR (${alias}.kind <> 'message' AND ${frozen}))`, { scopeVersionNo: application.submittedVersion });
  }

  /**
   * Who is told of a new message in an application's thread: the other side, among those who may read it.
   * From the association: staff who read every submitted application and write in threads (the review
   * work adds the reviewers assigned to it); from staff: the owning organisation's members.
   */
  threadRecipients(qb: SelectQueryBuilder<User>, alias: string, author: Actor, application: Application): SelectQueryBuilder<User> {
    qb.andWhere(`${alias}.active`).andWhere(`${alias}.id <> :authorId`, { authorId: author.userId });
    if (this.readsWorkingCopy(author, application)) {
      return qb.andWhere(`${alias}.role IN (:...recipientRoles)`, { recipientRoles: rolesWith('applications.read-all', 'messages.write') });
    }
    return qb
      .andWhere(`${alias}.role IN (:...recipientRoles)`, { recipientRoles: rolesWith('applications.own') })
      .andWhere(`${alias}.organization_id = :recipientOrganizationId`, { recipientOrganizationId: application.organizationId });
  }

}

/**
 * Organisations: a member reaches its own organisation only; 404 for anyone else (staff have none).
 * A plain function, as the organisation routes need no query scope.
 */
export function ownOrganizationId(actor: Actor): string {
  if (!roleHasPermission(actor.role, 'organizations.own') || !actor.organizationId) throw AppException.notFound();
  return actor.organizationId;
}
