import { inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { tasks } from '../db/schema/index.ts';
import { queryRows } from '../db/rows.ts';
import { workOrder, workOrderCursor, type WorkOrderRow } from '../tasks/work-order-key.ts';
import type { TaskItem } from '../tasks/schema.ts';
import { selectTaskItems, toTaskItem } from '../tasks/task-view.ts';

const order = workOrder('k');

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
  const after = order.after(opts.cursor);
  const keys = await queryRows<WorkOrderRow>(
    db,
    sql`
    with k as materialized (
      select ${tasks.id} as id, ${tasks.priority} as priority, ${tasks.dueDate} as due_date, ${tasks.createdAt} as created_at
      from ${tasks} where ${where}
    )
    select ${order.key} from k ${after ? sql`where ${after}` : sql``}
    order by ${order.orderBy} limit ${opts.limit + 1}`,
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
    nextCursor: keys.length > opts.limit && last ? workOrderCursor(last) : null,
  };
}
