import { sql, type SQL } from 'drizzle-orm';
import type { ChangePayloads, ChangeType } from './payloads.ts';

/** One SQL expression per payload key of a type: a missing required key or an unknown key is a type error. */
export type ChangePayloadFields<T extends ChangeType> = { [F in keyof ChangePayloads[T]]: SQL };

/** A jsonb expression known to hold the payload of `T` (built only by the functions below). */
export type ChangePayloadSql<T extends ChangeType> = SQL & { readonly __change?: T };

/**
 * A change payload built per row inside a set-based insert (`INSERT … SELECT`), with the keys of
 * its type checked against `ChangePayloads`; optional keys given as undefined are left out.
 */
export function changePayloadSql<T extends ChangeType>(
  _type: T,
  fields: ChangePayloadFields<T>,
): ChangePayloadSql<T> {
  const pairs = Object.entries(fields as Record<string, SQL | undefined>)
    .filter((e): e is [string, SQL] => e[1] !== undefined)
    .map(([key, value]) => sql`${key}::text, ${value}`);
  return sql`jsonb_build_object(${sql.join(pairs, sql`, `)})`;
}

/** A payload that is the same for every row of a statement, as one jsonb parameter. */
export function changePayloadJson<T extends ChangeType>(
  _type: T,
  payload: ChangePayloads[T],
): ChangePayloadSql<T> {
  return sql`${JSON.stringify(payload)}::jsonb`;
}

/** A constant value of a payload key inside `changePayloadSql` (a jsonb parameter). */
export const jsonValue = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;

/**
 * `INSERT INTO change_events … SELECT` for a set of rows: `rows` is the rest of the SELECT (its
 * FROM and WHERE), the other expressions are evaluated per row. Use inside one statement (as a CTE)
 * with the write it describes.
 */
export function insertChangeEventsSql<T extends ChangeType>(
  type: T,
  row: {
    workspaceId: string;
    entityId: SQL;
    accountId: SQL;
    payload: ChangePayloadSql<T>;
    at: Date;
    rows: SQL;
    /** Written already processed: rows the play engine must never read (`play_run`). */
    processed?: boolean;
  },
): SQL {
  const [entity, kind] = type.split('.') as [string, string];
  const processedAt = row.processed ? sql`${row.at}` : sql`null`;
  return sql`insert into change_events (workspace_id, entity, entity_id, account_id, kind, payload, created_at, processed_at)
    select ${row.workspaceId}::uuid, ${entity}::text, ${row.entityId}, ${row.accountId}, ${kind}::text, ${row.payload}, ${row.at}, ${processedAt}::timestamptz ${row.rows}`;
}
