import { sql } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { uuidArray } from '../db/arrays.ts';
import { feedPayloadJson, feedRecipients, writeFeedItems } from '../feed/write-feed.ts';
import type { FeedPlay } from '../feed/kinds.ts';

/**
 * "A task was assigned to me" when an open task changes hands (a manual or dynamic reassignment):
 * for the new assignee, unless they did it themselves. New tasks get theirs from the task writer.
 */
export async function recordReassignedFeed(
  tx: DbOrTx,
  actor: Actor,
  task: { id: string; title: string; accountId: string; dueDate: string },
  to: { userId: string | null; accountName: string; play?: FeedPlay | null },
  at: Date,
): Promise<void> {
  if (!to.userId) return;
  await writeFeedItems(tx, 'task_assigned', {
    workspaceId: actor.workspaceId,
    userId: sql`u.id`,
    accountId: sql`${task.accountId}::uuid`,
    taskId: sql`${task.id}::uuid`,
    payload: feedPayloadJson('task_assigned', {
      title: task.title,
      accountName: to.accountName,
      dueDate: task.dueDate,
      by: { id: actor.userId, name: actor.name },
      play: to.play ?? null,
      reassigned: true,
    }),
    at,
    rows: feedRecipients(actor.workspaceId, uuidArray([to.userId]), actor.userId),
  });
}
