import { and, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { tasks } from '../db/schema/index.ts';
import { queryRows } from '../db/rows.ts';
import { uuidArray } from '../db/arrays.ts';
import { workOrder, workOrderCursor, type WorkOrderRow } from './work-order-key.ts';
import type { TaskItem } from './schema.ts';
import { selectTaskItems, toTaskItem, type TaskItemRow } from './task-view.ts';

const branchOrder = workOrder('tasks');
const pageOrder = workOrder('u');

export type PageRequest = {
  /** Disjoint WHERE clauses whose union is the list (one per status, see taskFilterBranches). */
  branches: SQL[];
  cursor?: string;
  limit: number;
  /** Read the list account by account (few visible accounts): bounded cost even when matches are rare. */
  drivingAccounts?: string[];
};

/**
 * Ids of one page in work order (priority, due date, created, id). Each branch is its own ordered,
 * limited index scan and the page is their merge, so no plan ever sorts a whole workspace's tasks.
 */
async function pageKeys(db: DbOrTx, req: PageRequest, take: number): Promise<WorkOrderRow[]> {
  const after = branchOrder.after(req.cursor);
  const perAccount = req.drivingAccounts ? sql`${tasks.accountId} = v.account_id` : undefined;
  const parts = req.branches.map(
    (
      w,
    ) => sql`(select ${tasks.id} as id, ${tasks.priority} as priority, ${tasks.dueDate} as due_date,
    ${tasks.createdAt} as created_at from ${tasks} where ${and(w, after, perAccount)}
    order by ${branchOrder.orderBy} limit ${take})`,
  );
  const union = sql.join(parts, sql` union all `);
  const from = req.drivingAccounts
    ? sql`unnest(${uuidArray(req.drivingAccounts)}) as v(account_id) cross join lateral (${union}) u`
    : sql`(${union}) u`;
  return queryRows<WorkOrderRow>(
    db,
    sql`select ${pageOrder.key} from ${from} order by ${pageOrder.orderBy} limit ${take}`,
  );
}

/** The rows of a page, with the names lists show, in the order of `keys`. */
export async function rowsFor(db: DbOrTx, keys: Array<{ id: string }>): Promise<TaskItemRow[]> {
  if (keys.length === 0) return [];
  // One uuid[] parameter instead of one per id: a shorter statement to parse and plan on every page.
  const rows = await selectTaskItems(db).where(
    sql`${tasks.id} = any(${uuidArray(keys.map((k) => k.id))})`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return keys.flatMap((k) => byId.get(k.id) ?? []);
}

/** One page of tasks in work order, with an opaque cursor for the next page. */
export async function taskPage(
  db: DbOrTx,
  req: PageRequest & { today: string },
): Promise<{ data: TaskItem[]; nextCursor: string | null }> {
  const keys = await pageKeys(db, req, req.limit + 1);
  const more = keys.length > req.limit;
  const page = more ? keys.slice(0, req.limit) : keys;
  const rows = await rowsFor(db, page);
  return {
    data: rows.map((r) => toTaskItem(r, req.today)),
    nextCursor: more ? workOrderCursor(page.at(-1)!) : null,
  };
}

/** Every row of a list, chunk by chunk (keyset), for exports that must not hold the whole list in memory. */
export async function* allTaskRows(
  db: DbOrTx,
  req: Omit<PageRequest, 'cursor' | 'limit'>,
  chunk = 2000,
): AsyncGenerator<TaskItemRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const keys = await pageKeys(db, { ...req, cursor, limit: chunk }, chunk);
    if (keys.length) yield await rowsFor(db, keys);
    if (keys.length < chunk) return;
    cursor = workOrderCursor(keys.at(-1)!);
  }
}
