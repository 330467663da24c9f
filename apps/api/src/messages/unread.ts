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
