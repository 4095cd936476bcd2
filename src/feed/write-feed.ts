import { sql, type SQL } from 'drizzle-orm';
import type { FeedKind, FeedPayloads } from './kinds.ts';

/** One SQL expression per payload key of a kind: a missing or unknown key is a type error. */
export type FeedPayloadFields<K extends FeedKind> = { [F in keyof FeedPayloads[K]]: SQL };

/** A jsonb expression known to hold the payload of `K` (built only by the functions below). */
export type FeedPayloadSql<K extends FeedKind> = SQL & { readonly __feed?: K };

/** A feed payload built per row inside a set-based insert, keys checked against `FeedPayloads`. */
export function feedPayloadSql<K extends FeedKind>(
  _kind: K,
  fields: FeedPayloadFields<K>,
): FeedPayloadSql<K> {
  const pairs = Object.entries(fields as Record<string, SQL>).map(
    ([key, value]) => sql`${key}::text, ${value}`,
  );
  return sql`jsonb_build_object(${sql.join(pairs, sql`, `)})`;
}

/** A payload that is the same for every recipient, as one jsonb parameter. */
export function feedPayloadJson<K extends FeedKind>(
  _kind: K,
  payload: FeedPayloads[K],
): FeedPayloadSql<K> {
  return sql`${JSON.stringify(payload)}::jsonb`;
}

/** A `FeedPerson` (or null) from a user id and name expression. */
export const feedPersonSql = (id: SQL, name: SQL): SQL =>
  sql`case when ${id} is null then null else jsonb_build_object('id', ${id}::text, 'name', coalesce(${name}, '')) end`;

/**
 * THE feed writer: `INSERT INTO feed_items … SELECT` for a set of recipients. `rows` is the rest of
 * the SELECT (its FROM and WHERE), the other expressions are evaluated per row; use it in the
 * transaction (or the very statement, as a CTE) of the change it reports.
 */
export function insertFeedItemsSql<K extends FeedKind>(
  kind: K,
  row: {
    workspaceId: string;
    userId: SQL;
    accountId: SQL | null;
    taskId: SQL | null;
    payload: FeedPayloadSql<K>;
    at: Date;
    rows: SQL;
  },
): SQL {
  return sql`insert into feed_items (workspace_id, user_id, kind, account_id, task_id, payload, created_at)
    select ${row.workspaceId}::uuid, ${row.userId}, ${kind}::text, ${row.accountId ?? sql`null::uuid`},
      ${row.taskId ?? sql`null::uuid`}, ${row.payload}, ${row.at}::timestamptz ${row.rows}`;
}

/**
 * The `FROM … WHERE` of recipients named by id: enabled users of the workspace, never `except`
 * (the person who did it is not told about it).
 */
export function feedRecipients(workspaceId: string, userIds: SQL, except: string | null): SQL {
  return sql`from users u where u.workspace_id = ${workspaceId}::uuid and u.enabled and u.id = any(${userIds})
    and u.id is distinct from ${except}::uuid`;
}
