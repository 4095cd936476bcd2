import { sql, type SQL } from 'drizzle-orm';
import type { PersonRef, TimelineKind, TimelinePayloads } from './events.ts';

/** One SQL expression per payload key of a kind: a missing required key or an unknown key is a type error. */
export type PayloadSql<K extends TimelineKind> = { [F in keyof TimelinePayloads[K]]: SQL };

/**
 * A timeline payload built per row inside a set-based insert (`INSERT … SELECT`), with the keys of
 * its kind checked against `TimelinePayloads`; optional keys given as undefined are left out.
 */
export function timelinePayloadSql<K extends TimelineKind>(_kind: K, fields: PayloadSql<K>): SQL {
  return objectSql(fields as Record<string, SQL | undefined>);
}

function objectSql(fields: Record<string, SQL | undefined>): SQL {
  const pairs = Object.entries(fields)
    .filter((e): e is [string, SQL] => e[1] !== undefined)
    .map(([key, value]) => sql`${key}::text, ${value}`);
  return sql`jsonb_build_object(${sql.join(pairs, sql`, `)})`;
}

/** A payload that is the same for every row of a statement, as one jsonb parameter. */
export function timelinePayloadJson<K extends TimelineKind>(
  _kind: K,
  payload: TimelinePayloads[K],
): SQL {
  return sql`${JSON.stringify(payload)}::jsonb`;
}

/** A user as a `PersonRef` (null when there is none), from an id and a name column. */
export function userRefSql(id: SQL, name: SQL): SQL {
  const ref: Record<keyof PersonRef, SQL> = {
    type: sql`'user'::text`,
    id: sql`${id}::text`,
    name: sql`coalesce(${name}, '')`,
  };
  return sql`case when ${id} is null then null else ${objectSql(ref)} end`;
}
