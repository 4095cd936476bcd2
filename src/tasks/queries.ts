import { and, eq, ne } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, taskContacts, tasks } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { errors } from '../http/errors.ts';

export type TaskRow = typeof tasks.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;

/**
 * A task the caller may see, with its account; deleted tasks and tasks on accounts outside the
 * caller's teams are 404. `lock` takes the row lock so checks and the write see one state.
 */
export async function loadVisibleTask(
  db: DbOrTx,
  actor: Actor,
  taskId: string,
  opts: { lock?: boolean } = {},
) {
  const q = db
    .select({ task: tasks, account: accounts })
    .from(tasks)
    .innerJoin(accounts, eq(accounts.id, tasks.accountId))
    .where(
      and(
        eq(tasks.id, taskId),
        eq(tasks.workspaceId, actor.workspaceId),
        ne(tasks.status, 'deleted'),
        accountVisible(actor, tasks.accountId),
      ),
    );
  const [row] = opts.lock ? await q.for('update', { of: tasks }) : await q;
  if (!row) throw errors.notFound('Task');
  return row;
}

export async function taskContactIds(db: DbOrTx, taskId: string): Promise<string[]> {
  const rows = await db
    .select({ id: taskContacts.contactId })
    .from(taskContacts)
    .where(eq(taskContacts.taskId, taskId));
  return rows.map((r) => r.id);
}

export const isOverdue = (t: { status: string; dueDate: string }, today: string) =>
  t.status === 'open' && t.dueDate < today;
