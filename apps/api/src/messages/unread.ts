import type { EntityManager } from 'typeorm';

/**
 * A correlated subquery counting the messages of an application that `userParam` has not read: those
 * written by others after the reader's last visit to the thread (all of them if never visited).
 * For list queries: `qb.addSelect(unreadMessagesSql('a.id', ':viewerId'), 'unread').setParameter('viewerId', id)`.
 */
export function unreadMessagesSql(applicationIdSql: string, userParam: string): string {
  return `(SELECT count(*)::int FROM application_message um
    WHERE um.application_id = ${applicationIdSql} AND um.author_id <> ${userParam}
      AND um.created_at > coalesce(
        (SELECT mr.last_read_at FROM message_read mr WHERE mr.application_id = ${applicationIdSql} AND mr.user_id = ${userParam}),
        '-infinity'::timestamptz))`;
}

/** Unread counts for several applications at once; applications without unread messages are absent (0). */
export async function unreadCounts(manager: EntityManager, userId: string, applicationIds: readonly string[]): Promise<Map<string, number>> {
  if (applicationIds.length === 0) return new Map();
  const rows: Array<{ application_id: string; unread: number }> = await manager.query(
    `SELECT m.application_id, count(*)::int AS unread
       FROM application_message m
       LEFT JOIN message_read r ON r.application_id = m.application_id AND r.user_id = $1
      WHERE m.application_id = ANY($2::uuid[]) AND m.author_id <> $1
        AND (r.last_read_at IS NULL OR m.created_at > r.last_read_at)
      GROUP BY m.application_id`,
    [userId, applicationIds],
  );
  return new Map(rows.map((row) => [row.application_id, row.unread]));
}
