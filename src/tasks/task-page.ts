import { and, asc, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { tasks } from '../db/schema/index.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { TaskItem } from './schema.ts';
import { selectTaskItems, toTaskItem, type TaskItemRow } from './task-view.ts';

type SortKey = [number, string, string, string];
const isSortKey = (k: unknown[]): k is SortKey => k.length === 4 && typeof k[0] === 'number' && [1, 2, 3].includes(k[0])
  && typeof k[1] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(k[1]) && typeof k[2] === 'string' && !Number.isNaN(Date.parse(k[2]))
  && typeof k[3] === 'string' && /^[0-9a-f-]{36}$/i.test(k[3]);

/** Work order (SPEC §2): priority (high first), due date, created, id — the column order of the task indexes. */
export const workOrder = [asc(tasks.priority), asc(tasks.dueDate), asc(tasks.createdAt), asc(tasks.id)];

/** Rows strictly after the cursor, as one row comparison the (…, priority, due_date, created_at, id) indexes can seek to. */
export function afterCursor(cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const [p, d, c, id] = decodeCursor(cursor, isSortKey);
  return sql`(${tasks.priority}, ${tasks.dueDate}, ${tasks.createdAt}, ${tasks.id}) > (${p}::smallint, ${d}::date, ${c}::timestamptz, ${id}::uuid)`;
}

export const cursorOf = (r: TaskItemRow) => encodeCursor([r.priority, r.dueDate, r.createdKey, r.id]);

/** One page of tasks matching `where`, in work order, with an opaque cursor for the next page. */
export async function taskPage(db: DbOrTx, where: SQL, opts: { cursor?: string; limit: number; today: string }): Promise<{ data: TaskItem[]; nextCursor: string | null }> {
  const rows = await selectTaskItems(db).where(and(where, afterCursor(opts.cursor))).orderBy(...workOrder).limit(opts.limit + 1);
  const more = rows.length > opts.limit;
  const page = more ? rows.slice(0, opts.limit) : rows;
  const last = page.at(-1);
  return { data: page.map((r) => toTaskItem(r, opts.today)), nextCursor: more && last ? cursorOf(last) : null };
}
