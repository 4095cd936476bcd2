import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';

/** What a work list's header says: "312 open · 20 overdue · 4 due today · 1,204 completed". */
export type TaskTotals = { open: number; overdue: number; dueToday: number; completed: number };

/** Exact totals over the whole filtered set (never a page), in one pass: one `count(*) filter` each. */
export async function countTaskTotals(db: DbOrTx, where: SQL, today: string): Promise<TaskTotals> {
  const [row] = await queryRows<Record<keyof TaskTotals, string | number>>(
    db,
    sql`select count(*) filter (where tasks.status = 'open') as "open",
      count(*) filter (where tasks.status = 'open' and tasks.due_date < ${today}::date) as "overdue",
      count(*) filter (where tasks.status = 'open' and tasks.due_date = ${today}::date) as "dueToday",
      count(*) filter (where tasks.status = 'completed') as "completed"
      from tasks where ${where}`,
  );
  return {
    open: Number(row?.open ?? 0),
    overdue: Number(row?.overdue ?? 0),
    dueToday: Number(row?.dueToday ?? 0),
    completed: Number(row?.completed ?? 0),
  };
}
