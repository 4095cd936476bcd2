import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { uuidArray } from '../../db/arrays.ts';
import type { Play } from '../queries.ts';
import { LARGE_CHUNK } from './context.ts';

/**
 * The targets of one chunk as a subquery yielding `record_id`, as ONE parameter. Small sets use a
 * uuid[] (the planner knows its exact length, so a handful of ids means index lookups); large ones
 * a comma-separated text split in the database, several times faster to parse (their plans are
 * forced to hash joins anyway, see LARGE_CHUNK).
 */
export const idsSubquery = (ids: string[]): SQL =>
  ids.length <= LARGE_CHUNK
    ? sql`select unnest(${uuidArray(ids)}) as record_id`
    : sql`select x::uuid as record_id from string_to_table(${ids.join(',')}::text, ',') x`;

/** Ids as one comma-separated text value (an `string_agg(id::text, ',')` column) → string[]. */
export const splitIds = (joined: string | null | undefined): string[] =>
  joined ? joined.split(',') : [];

/** Runs a subquery yielding `record_id` and returns the distinct ids (one text value, not one row per id). */
export async function collectIds(db: DbOrTx, subquery: SQL): Promise<string[]> {
  const [r] = await queryRows<{ ids: string | null }>(
    db,
    sql`select string_agg(distinct x.record_id::text, ',') as ids from (${subquery}) x`,
  );
  return splitIds(r?.ids);
}

/**
 * Rows `(record_id, task_account_id, target_key, contact_id, own_account_id, child_account_id)` for
 * the records being fired on: where each task goes (the record's account, its IMMEDIATE parent, or a
 * contact's account), the key that makes "one open task per (action, target)" (parent, child, contact
 * or account), the account whose timeline records the firing, and the qualifying child the task
 * records (hierarchy "one per child" only; "one per parent" tasks are shared by children, so null).
 */
export function targetRows(play: Play, targets: SQL): SQL {
  const ws = play.workspaceId;
  if (play.subject === 'contacts') {
    const perAccount = play.options.contactGrouping === 'per_account';
    return sql`select x.record_id, c.account_id as task_account_id,
        ${perAccount ? sql`c.account_id::text` : sql`c.id::text`} as target_key, ${perAccount ? sql`null::uuid` : sql`c.id`} as contact_id, c.account_id as own_account_id,
        null::uuid as child_account_id
      from (${targets}) x join contacts c on c.id = x.record_id and c.workspace_id = ${ws}::uuid`;
  }
  const h = play.options.hierarchy;
  if (!h) {
    return sql`select x.record_id, a.id as task_account_id, a.id::text as target_key, null::uuid as contact_id, a.id as own_account_id,
        null::uuid as child_account_id
      from (${targets}) x join accounts a on a.id = x.record_id and a.workspace_id = ${ws}::uuid`;
  }
  // Immediate parent only: a.parent_id, never a walk up to the top of the hierarchy.
  const perParent = h.mode === 'one_per_parent';
  return sql`select x.record_id, a.parent_id as task_account_id,
      ${perParent ? sql`a.parent_id::text` : sql`a.id::text`} as target_key, null::uuid as contact_id, a.id as own_account_id,
      ${perParent ? sql`null::uuid` : sql`a.id`} as child_account_id
    from (${targets}) x join accounts a on a.id = x.record_id and a.workspace_id = ${ws}::uuid and a.parent_id is not null`;
}

/** The accounts the targets concern (a contact's account), for timeline entries and account-level actions. */
export function targetAccounts(play: Play, targets: SQL): SQL {
  return play.subject === 'contacts'
    ? sql`select distinct c.account_id from (${targets}) x join contacts c on c.id = x.record_id`
    : sql`select x.record_id as account_id from (${targets}) x`;
}
