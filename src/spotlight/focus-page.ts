import { inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { tasks } from '../db/schema/index.ts';
import { queryRows } from '../db/rows.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { workOrderKey } from '../tasks/work-order-key.ts';
import type { TaskItem } from '../tasks/schema.ts';
import { selectTaskItems, toTaskItem } from '../tasks/task-view.ts';

type KeyRow = { id: string; priority: number; due_date: string; ck: string };

/**
 * One page in work order (priority, due date, created, id) of the tasks matching `where`, collected
 * first and then sorted. Tasks created or completed in a period are few and sit late in work order
 * (recent work has recent due dates), so walking the workspace's work-order index would read most of
 * it before a page fills; collecting them through the scope's accounts (tasks_spotlight_idx, index
 * only) costs no more than the report's own count.
 */
export async function collectedPage(
  db: DbOrTx,
  where: SQL,
  opts: { cursor?: string; limit: number; today: string },
): Promise<{ data: TaskItem[]; nextCursor: string | null }> {
  const after = decodeCursor(opts.cursor, workOrderKey);
  const keys = await queryRows<KeyRow>(
    db,
    sql`
    with k as materialized (
      select ${tasks.id} as id, ${tasks.priority} as priority, ${tasks.dueDate} as due_date, ${tasks.createdAt} as created_at
      from ${tasks} where ${where}
    )
    select k.id, k.priority, k.due_date::text as due_date, to_char(k.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ck
    from k ${after ? sql`where (k.priority, k.due_date, k.created_at, k.id) > (${after[0]}::smallint, ${after[1]}::date, ${after[2]}::timestamptz, ${after[3]}::uuid)` : sql``}
    order by k.priority, k.due_date, k.created_at, k.id limit ${opts.limit + 1}`,
  );
  const page = keys.slice(0, opts.limit);
  const rows = page.length
    ? await selectTaskItems(db).where(
        inArray(
          tasks.id,
          page.map((k) => k.id),
        ),
      )
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const last = page.at(-1);
  return {
    data: page.flatMap((k) => {
      const r = byId.get(k.id);
      return r ? [toTaskItem(r, opts.today)] : [];
    }),
    nextCursor:
      keys.length > opts.limit && last
        ? encodeCursor([Number(last.priority), last.due_date, last.ck, last.id])
        : null,
  };
}
