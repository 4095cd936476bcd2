import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { recordChanges } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors } from '../http/errors.ts';
import { assertOpen } from './mark-completed.ts';
import { loadVisibleTask } from './queries.ts';

/**
 * Deletes (cancels) an open to-do: it is kept as status 'deleted' for the audit trail but vanishes
 * from every list, count, export and read. Request-information and completed tasks are refused.
 */
export async function deleteTask(
  deps: Deps,
  actor: Actor,
  taskId: string,
  version?: number,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { task } = await loadVisibleTask(tx, actor, taskId, { lock: true });
    if (task.kind === 'request_info')
      throw errors.unprocessable('Request-information tasks cannot be deleted.');
    assertOpen(task, version);
    const at = deps.clock.now();
    const [gone] = await tx
      .update(tasks)
      .set({ status: 'deleted', deletedAt: at, version: sql`${tasks.version} + 1`, updatedAt: at })
      .where(and(eq(tasks.id, task.id), eq(tasks.status, 'open')))
      .returning({ id: tasks.id });
    if (!gone) throw errors.conflict('This task is no longer open.');
    await recordTimeline(tx, {
      workspaceId: actor.workspaceId,
      accountId: task.accountId,
      userId: task.assigneeUserId,
      actorId: actor.userId,
      taskId: task.id,
      type: 'task_deleted',
      at,
      payload: { title: task.title },
    });
    await recordChanges(tx, [
      {
        workspaceId: actor.workspaceId,
        entity: 'task',
        entityId: task.id,
        accountId: task.accountId,
        kind: 'deleted',
        payload: { playId: task.playId },
      },
      {
        workspaceId: actor.workspaceId,
        entity: 'account',
        entityId: task.accountId,
        accountId: task.accountId,
        kind: 'updated',
        payload: { cause: 'task_deleted', taskId: task.id },
      },
    ]);
  });
}
