import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { tasks } from '../db/schema/index.ts';
import { recordChanges } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors } from '../http/errors.ts';
import { recordOutcomeFeed } from './outcome-feed.ts';
import type { TaskRow } from './queries.ts';

/**
 * The completion write itself: `UPDATE … WHERE status = 'open'` (and the version the client read),
 * so of two simultaneous completions exactly one changes the row and the other gets 409.
 */
export async function markCompleted(
  tx: DbOrTx,
  actor: Actor,
  task: TaskRow,
  input: { outcome: string | null; version?: number; at: Date; followUpTaskId?: string | null },
): Promise<TaskRow> {
  const [done] = await tx
    .update(tasks)
    .set({
      status: 'completed',
      completedAt: input.at,
      completedById: actor.userId,
      outcome: input.outcome,
      version: sql`${tasks.version} + 1`,
      updatedAt: input.at,
    })
    .where(
      and(
        eq(tasks.id, task.id),
        eq(tasks.status, 'open'),
        input.version === undefined ? undefined : eq(tasks.version, input.version),
      ),
    )
    .returning();
  if (!done) {
    const [now] = await tx
      .select({ status: tasks.status, version: tasks.version })
      .from(tasks)
      .where(eq(tasks.id, task.id));
    if (now?.status === 'open' && input.version !== undefined)
      throw errors.versionConflict(now.version);
    throw errors.conflict('This task is already completed.');
  }
  await recordTimeline(tx, {
    workspaceId: actor.workspaceId,
    accountId: task.accountId,
    userId: task.assigneeUserId,
    actorId: actor.userId,
    taskId: task.id,
    type: 'task_completed',
    at: input.at,
    payload: {
      title: task.title,
      kind: task.kind,
      outcome: input.outcome,
      ...(input.followUpTaskId ? { followUpTaskId: input.followUpTaskId } : {}),
    },
  });
  await recordOutcomeFeed(tx, actor, task, input.outcome, input.at);
  await recordChanges(tx, [
    {
      workspaceId: actor.workspaceId,
      entity: 'task',
      entityId: task.id,
      accountId: task.accountId,
      kind: 'completed',
      payload: { outcome: input.outcome, playId: task.playId, templateId: task.templateId },
    },
    {
      workspaceId: actor.workspaceId,
      entity: 'account',
      entityId: task.accountId,
      accountId: task.accountId,
      kind: 'updated',
      payload: { cause: 'task_completed', taskId: task.id },
    },
  ]);
  return done;
}

/** Refusals shared by every write to an existing task: completed tasks are immutable, stale versions lose. */
export function assertOpen(task: TaskRow, version?: number): void {
  if (task.status === 'completed')
    throw errors.conflict('This task is completed and can no longer be changed.');
  if (version !== undefined && version !== task.version) throw errors.versionConflict(task.version);
}
