import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { errors } from '../http/errors.ts';
import { taskSorts } from './schema.ts';

export type TaskSort = (typeof taskSorts)[number];
export type SortDir = 'asc' | 'desc';

type KeyPart = { expr: string; type: string; text: string };

// Each sort is a key of non-null expressions over `tasks` (and `accounts` as `acc`) ending in the id,
// so one row comparison seeks past the cursor whatever the direction.
const instant = (col: string) =>
  `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const keyParts: Record<TaskSort, KeyPart[]> = {
  due: [
    { expr: 'tasks.due_date', type: 'date', text: 'tasks.due_date::text' },
    { expr: 'tasks.priority', type: 'smallint', text: 'tasks.priority::text' },
  ],
  priority: [
    { expr: 'tasks.priority', type: 'smallint', text: 'tasks.priority::text' },
    { expr: 'tasks.due_date', type: 'date', text: 'tasks.due_date::text' },
  ],
  title: [{ expr: 'lower(tasks.title)', type: 'text', text: 'lower(tasks.title)' }],
  account: [{ expr: 'lower(acc.name)', type: 'text', text: 'lower(acc.name)' }],
  // Open tasks have no completion time: they sort as the epoch (last when newest first).
  completedAt: [
    {
      expr: "coalesce(tasks.completed_at, 'epoch'::timestamptz)",
      type: 'timestamptz',
      text: instant("coalesce(tasks.completed_at, 'epoch'::timestamptz)"),
    },
  ],
};

// [sort, direction, ...key values as text]
const cursorShape = z
  .tuple([z.enum(taskSorts), z.enum(['asc', 'desc'])])
  .rest(z.string().max(1000));

/**
 * Ids of one page of a filtered task list sorted by `sort`/`dir`, after `cursor`; with the cursor
 * of the next page. A cursor from another sort or direction is refused (400 on query.cursor).
 */
export async function sortedPageKeys(
  db: DbOrTx,
  where: SQL,
  req: { sort: TaskSort; dir: SortDir; cursor?: string; limit: number },
): Promise<{ ids: string[]; nextCursor: string | null }> {
  const parts = [...keyParts[req.sort], { expr: 'tasks.id', type: 'uuid', text: 'tasks.id::text' }];
  const decoded = decodeCursor(req.cursor, cursorShape);
  const [sort, dir, ...values] = decoded ?? [];
  if (decoded && (sort !== req.sort || dir !== req.dir || values.length !== parts.length))
    throw errors.field(
      'query.cursor',
      'This cursor belongs to another sort; start again from the first page.',
    );
  const cur = decoded ? { k: values } : null;
  const cols = sql.raw(parts.map((p) => p.expr).join(', '));
  const after = cur
    ? sql`and (${cols}) ${sql.raw(req.dir === 'asc' ? '>' : '<')} (${sql.join(
        cur.k.map((v, i) => sql`${v}::${sql.raw(parts[i]!.type)}`),
        sql`, `,
      )})`
    : sql``;
  const order = sql.raw(parts.map((p) => `${p.expr} ${req.dir}`).join(', '));
  const keys = sql.raw(parts.map((p, i) => `${p.text} as k${i}`).join(', '));
  const join = req.sort === 'account' ? sql`join accounts acc on acc.id = tasks.account_id` : sql``;
  const rows = await queryRows<Record<string, string>>(
    db,
    sql`select ${keys} from tasks ${join} where ${where} ${after} order by ${order} limit ${req.limit + 1}`,
  );
  const more = rows.length > req.limit;
  const page = more ? rows.slice(0, req.limit) : rows;
  const last = page.at(-1);
  return {
    ids: page.map((r) => r[`k${parts.length - 1}`]!),
    nextCursor:
      more && last
        ? encodeCursor([req.sort, req.dir, ...parts.map((_, i) => last[`k${i}`])])
        : null,
  };
}
