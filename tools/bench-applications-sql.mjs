// The SQL side of tools/bench-applications.mjs: the statements one `GET /api/applications` sends,
// and the endpoint's JSON for their rows. Shared by the bench (for its plans) and by the bare server
// (tools/bench-bare.mjs, route `/list`) that sends them.

const escapeLike = (text) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const SORT_COLUMNS = {
  reference: 'a.reference', title: 'a.title', submittedAt: 'a.submitted_at', updatedAt: 'a.updated_at',
  requestedCents: 'a.requested_cents', organization: 'o.legal_name', status: 'a.status',
};

/**
 * The statements one `GET /api/applications` sends for an administrator, in order: the guard's user
 * lookup (apps/api/src/core/auth/auth.guard.ts), then `ApplicationsService.list`'s one statement — the
 * total as a scalar subquery and the page (its ids from an index, then their joins, the last submitted
 * version's title, territories and amount, the unread count) — with the scope of
 * `AccessPolicy.applicationScopeSql` and the unread count of messages/unread.ts. Kept in step by hand;
 * every case checks that they return exactly what the endpoint returned (total and every field of every
 * item), so a drift shows.
 */
export function listStatements(query, readerId) {
  const values = [];
  const bind = (value) => `$${values.push(value)}`;
  const where = ['a.submitted_version > 0'];
  if (query.callId) where.push(`a.call_id = ${bind(query.callId)}`);
  if (query.axisCode) where.push(`a.axis_id = ANY(ARRAY(SELECT fx.id FROM call_axis fx WHERE fx.code = ${bind(query.axisCode)}))`);
  if (query.status) where.push(`a.status IN (${query.status.split(',').map(bind).join(', ')})`);
  if (query.territory) where.push(`a.territories @> ARRAY[${bind(query.territory)}]::text[]`);
  if (query.q) {
    const pattern = bind(`%${escapeLike(query.q.trim())}%`);
    where.push(`(a.search_text LIKE tremplin_fold(${pattern}) OR a.organization_id = ANY(ARRAY(SELECT fo.id FROM organization fo WHERE tremplin_fold(fo.legal_name) LIKE tremplin_fold(${pattern}))))`);
  }
  const filter = where.join(' AND ');
  const pageSize = Number(query.pageSize ?? 25);
  const offset = (Number(query.page ?? 1) - 1) * pageSize;
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
  const column = SORT_COLUMNS[query.sort ?? 'updatedAt'];
  const join = query.sort === 'organization' ? ' JOIN organization o ON o.id = a.organization_id' : '';
  const ids = `SELECT a.id FROM application a${join} WHERE ${filter} ORDER BY ${column} ${direction}, a.id ${direction} LIMIT ${pageSize} OFFSET ${offset}`;
  const reader = bind(readerId);
  const unread = `(SELECT count(*)::int FROM application_message um
    WHERE um.application_id = a.id AND um.author_id <> ${reader}
      AND um.created_at > coalesce((SELECT mr.last_read_at FROM message_read mr WHERE mr.application_id = a.id AND mr.user_id = ${reader}), '-infinity'::timestamptz))`;
  const list = {
    text:
      `SELECT (SELECT count(*) FROM application a WHERE ${filter}) AS total, listed.* FROM (SELECT 1) one LEFT JOIN (` +
      'SELECT a.id, a.reference, a.call_id, c.code AS call_code, x.code AS axis_code, a.organization_id, o.legal_name AS organization_name, ' +
      "COALESCE(v.snapshot->>'title', a.title) AS title, " +
      "CASE WHEN v.snapshot IS NULL THEN a.territories ELSE ARRAY(SELECT jsonb_array_elements_text(v.snapshot->'project'->'territories')) END AS territories, " +
      "COALESCE((SELECT SUM((y->'products'->>'p74Departement')::bigint) FROM jsonb_array_elements(v.snapshot->'budget') y), a.requested_cents) AS requested_cents, " +
      `a.status, a.submitted_at, a.updated_at, ${unread} AS unread_messages, ${column} AS sort_value ` +
      `FROM (${ids}) page JOIN application a ON a.id = page.id JOIN call c ON c.id = a.call_id JOIN call_axis x ON x.id = a.axis_id ` +
      'JOIN organization o ON o.id = a.organization_id LEFT JOIN application_version v ON v.application_id = a.id AND v.version_no = a.submitted_version' +
      `) listed ON true ORDER BY listed.sort_value ${direction}, listed.id ${direction}`,
    values,
  };
  const user = { text: 'SELECT id, email, role, organization_id, active FROM app_user WHERE id = $1', values: [readerId] };
  return { user, list };
}

/** The endpoint's JSON for the rows of the list statement (ApplicationsService.list + toSummaryView). */
export function pageOf(rows, query) {
  const items = rows.filter((r) => r.id !== null).map((r) => ({
    id: r.id, reference: r.reference, callId: r.call_id, callCode: r.call_code, axisCode: r.axis_code, organizationId: r.organization_id,
    organizationName: r.organization_name, territories: r.territories, title: r.title, status: r.status, requestedCents: Number(r.requested_cents),
    submittedAt: r.submitted_at?.toISOString() ?? null, updatedAt: r.updated_at.toISOString(), unreadMessages: Number(r.unread_messages),
  }));
  return { items, total: Number(rows[0]?.total ?? 0), page: Number(query.page ?? 1), pageSize: Number(query.pageSize ?? 25) };
}


/** The bare server's route (tools/bench-bare.mjs sends the guard's lookup first): `GET /list?<query>`. */
export function bareRoutes(pool, { readerId }) {
  return {
    '/list': async (query) => pageOf((await pool.query(listStatements(query, readerId).list)).rows, query),
  };
}
