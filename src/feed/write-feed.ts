import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { changePayloadSql, insertChangeEventsSql } from '../events/payload-sql.ts';
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

/** What to insert: `rows` is the rest of the SELECT (its FROM and WHERE), the rest evaluated per row. */
export type FeedItemsInsert<K extends FeedKind> = {
  workspaceId: string;
  userId: SQL;
  accountId: SQL | null;
  taskId: SQL | null;
  payload: FeedPayloadSql<K>;
  at: Date;
  rows: SQL;
};

/**
 * THE feed writer, as two CTEs of the caller's statement (the change it reports): `<name>` inserts
 * the items, `<name>_told` one `feed.created` change event naming their recipients, which wakes
 * every process's live hub to tell those users' tabs (written processed: the engine never reads it).
 */
export function feedItemsCtes<K extends FeedKind>(
  name: string,
  kind: K,
  row: FeedItemsInsert<K>,
): SQL {
  const items = sql.identifier(name);
  const told = insertChangeEventsSql('feed.created', {
    workspaceId: row.workspaceId,
    entityId: sql`${row.workspaceId}::uuid`,
    accountId: sql`null::uuid`,
    payload: changePayloadSql('feed.created', {
      userIds: sql`jsonb_agg(distinct ${items}.user_id::text)`,
    }),
    at: row.at,
    rows: sql`from ${items} having count(*) > 0`,
    processed: true,
  });
  return sql`${items} as (insert into feed_items (workspace_id, user_id, kind, account_id, task_id, payload, created_at)
    select ${row.workspaceId}::uuid, ${row.userId}, ${kind}::text, ${row.accountId ?? sql`null::uuid`},
      ${row.taskId ?? sql`null::uuid`}, ${row.payload}, ${row.at}::timestamptz ${row.rows}
    returning user_id),
    ${sql.identifier(`${name}_told`)} as (${told})`;
}

/** The feed writer as a statement of its own, in the caller's transaction. */
export async function writeFeedItems<K extends FeedKind>(
  tx: DbOrTx,
  kind: K,
  row: FeedItemsInsert<K>,
): Promise<void> {
  await tx.execute(sql`with ${feedItemsCtes('feed', kind, row)} select 1`);
}

/**
 * The `FROM … WHERE` of recipients named by id: enabled users of the workspace, never `except`
 * (the person who did it is not told about it).
 */
export function feedRecipients(workspaceId: string, userIds: SQL, except: string | null): SQL {
  return sql`from users u where u.workspace_id = ${workspaceId}::uuid and u.enabled and u.id = any(${userIds})
    and u.id is distinct from ${except}::uuid`;
}
